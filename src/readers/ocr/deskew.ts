import { blank, type Gray } from "./image.js";

/**
 * Scanned pages are rarely straight. A skew of half a degree moves a table's ruling line by
 * 17 pixels across an A4 page at 300 dpi, which is enough to stop it reading as a line, and
 * the recogniser reads slanted text worse. The angle is found by projection: rotating the ink
 * by the right angle makes the row sums of text lines and rules peak sharpest.
 */

/** Largest skew looked for, in degrees (a page fed crooked by hand). */
const MAX_DEGREES = 5;

/** Skew of the page in degrees (positive: text runs downhill to the right), 0 when unsure. */
export function skewAngle(img: Gray, threshold: number): number {
  // Work on a sample: every ink pixel of a reduced grid is plenty for the angle.
  const step = Math.max(1, Math.round(img.width / 800));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < img.height; y += step) {
    for (let x = 0; x < img.width; x += step) {
      if (img.data[y * img.width + x]! <= threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  const bins = Math.ceil(img.height / step) + Math.ceil((img.width * Math.tan((MAX_DEGREES * Math.PI) / 180)) / step) * 2 + 4;
  const score = (deg: number) => {
    const t = Math.tan((deg * Math.PI) / 180);
    const hist = new Float64Array(bins);
    const off = bins / 2 - img.height / step / 2;
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round((ys[i]! - xs[i]! * t) / step + off);
      if (b >= 0 && b < bins) hist[b]!++;
    }
    let s = 0;
    for (let b = 0; b < bins; b++) s += hist[b]! * hist[b]!;
    return s;
  };
  // Coarse then fine search.
  let best = 0;
  let bestScore = score(0);
  for (let d = -MAX_DEGREES; d <= MAX_DEGREES + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.05) {
    const s = score(d);
    if (s > bestScore) {
      bestScore = s;
      best = d;
    }
  }
  // A sharper peak by a hair is noise, not skew.
  return Math.abs(best) < 0.1 || bestScore < score(0) * 1.02 ? 0 : Math.round(best * 100) / 100;
}

/** Rotates the image by `deg` degrees about its centre (bilinear); new corners are paper. */
export function rotate(img: Gray, deg: number): Gray {
  const out = blank(img.width, img.height);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = img.width / 2;
  const cy = img.height / 2;
  const { width: w, height: h, data: src } = img;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse map: where in the source this output pixel comes from.
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const p = y0 * w + x0;
      const top = src[p]! * (1 - fx) + src[p + 1]! * fx;
      const bottom = src[p + w]! * (1 - fx) + src[p + w + 1]! * fx;
      out.data[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
