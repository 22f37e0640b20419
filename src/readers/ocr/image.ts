/** An 8-bit greyscale page image: 0 is black, 255 is white, rows top to bottom. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Largest image we decode (pixels): an A3 page at 600 dpi is ~70 M; anything bigger is not a page. */
export const MAX_PIXELS = 80_000_000;

export function blank(width: number, height: number, value = 255): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(value) };
}

/**
 * Parses binary PNM (P5 grey, P6 RGB, P4 bitmap), what `pdftoppm` writes. Returns null for
 * anything else or a truncated file.
 */
export function parsePnm(bytes: Uint8Array): Gray | null {
  if (bytes.length < 8 || bytes[0] !== 0x50) return null;
  const kind = bytes[1];
  if (kind !== 0x34 && kind !== 0x35 && kind !== 0x36) return null;
  const fields: number[] = [];
  let i = 2;
  const want = kind === 0x34 ? 2 : 3;
  while (fields.length < want && i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x23) {
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
    } else if (c >= 0x30 && c <= 0x39) {
      let n = 0;
      while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) n = n * 10 + bytes[i++]! - 0x30;
      fields.push(n);
      continue;
    }
    i++;
  }
  i++; // the single whitespace after the header
  const [width, height, max = 1] = fields;
  if (!width || !height || width * height > MAX_PIXELS || max > 255) return null;
  const out = blank(width, height);
  if (kind === 0x35) {
    if (bytes.length < i + width * height) return null;
    out.data.set(bytes.subarray(i, i + width * height));
  } else if (kind === 0x36) {
    if (bytes.length < i + width * height * 3) return null;
    for (let p = 0, q = i; p < width * height; p++, q += 3) out.data[p] = luma(bytes[q]!, bytes[q + 1]!, bytes[q + 2]!);
  } else {
    const stride = Math.ceil(width / 8);
    if (bytes.length < i + stride * height) return null;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out.data[y * width + x] = (bytes[i + y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 0 : 255;
    }
  }
  if (max !== 255 && kind !== 0x34) for (let p = 0; p < out.data.length; p++) out.data[p] = Math.round((out.data[p]! * 255) / max);
  return out;
}

export function luma(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114 + 500) / 1000;
}

/** Binary PGM (P5): what the OCR engine reads fastest (no decompression). */
export function toPgm(img: Gray): Uint8Array {
  const head = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(head.length + img.data.length);
  out.set(head);
  out.set(img.data, head.length);
  return out;
}

/** Copies a rectangle out of an image, with `pad` white pixels around it (OCR wants a margin). */
export function crop(img: Gray, x0: number, y0: number, x1: number, y1: number, pad = 0): Gray {
  x0 = Math.max(0, Math.floor(x0));
  y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(img.width, Math.ceil(x1));
  y1 = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const out = blank(w + 2 * pad, h + 2 * pad);
  for (let y = 0; y < h && y0 + y < img.height; y++) {
    const src = img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + Math.min(w, x1 - x0));
    out.data.set(src, (y + pad) * out.width + pad);
  }
  return out;
}

/** Otsu's threshold: the grey level that best separates ink from paper. */
export function otsu(img: Gray): number {
  const hist = new Float64Array(256);
  for (let p = 0; p < img.data.length; p++) hist[img.data[p]!]!++;
  const total = img.data.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * hist[v]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let thr = 128;
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      thr = v;
    }
  }
  // A blank page has no ink: a threshold in the paper's own noise would find "lines" in it.
  return Math.min(thr, 200);
}

/** How many pixels have each grey level. */
function histogram(img: Gray): Uint32Array {
  const hist = new Uint32Array(256);
  for (let p = 0; p < img.data.length; p++) hist[img.data[p]!]!++;
  return hist;
}

/** The paper's grey: the most common level among the light half (scans are rarely 255). */
export function paperLevel(img: Gray): number {
  return paperOf(histogram(img));
}

function paperOf(hist: Uint32Array): number {
  let best = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

/**
 * Scales grey levels so that the paper is white. A scan's paper is grey (235, say); the
 * recogniser thresholds each crop on its own, and between grey paper and the white margin
 * added around a crop it would find the paper to be ink.
 */
export function whiten(img: Gray): Gray {
  const paper = paperLevel(img);
  if (paper >= 250) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.round((v * 255) / paper));
  const data = new Uint8Array(img.data.length);
  for (let p = 0; p < data.length; p++) data[p] = lut[img.data[p]!]!;
  return { width: img.width, height: img.height, data };
}

/**
 * Threshold for ruling lines: halfway between the text threshold and the paper, or closer to
 * the paper where its grain allows. Thin rules in a scan come out light grey and broken at the
 * text threshold; a one-pixel grey rule blurred by the scanner comes out lighter still, yet
 * stands out from the paper by more than four deviations of its grain. Only long runs count
 * as lines anyway.
 */
export function ruleThreshold(img: Gray, textThreshold: number): number {
  const hist = histogram(img);
  const paper = paperOf(hist);
  const midway = Math.max(textThreshold, Math.round((textThreshold + paper) / 2) - 4);
  return Math.max(midway, Math.round(paper - 4 * paperGrain(hist, textThreshold)));
}

/** Standard deviation of the paper's grey (the levels well lighter than the text threshold). */
function paperGrain(hist: Uint32Array, textThreshold: number): number {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let v = Math.max(0, textThreshold + 21); v < 256; v++) {
    const k = hist[v]!;
    n += k;
    sum += k * v;
    squares += k * v * v;
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}

/** Ink mask: 1 where the pixel is darker than the threshold. */
export function inkMask(img: Gray, threshold = otsu(img)): Uint8Array {
  const m = new Uint8Array(img.data.length);
  for (let p = 0; p < m.length; p++) m[p] = img.data[p]! <= threshold ? 1 : 0;
  return m;
}

/**
 * Rescales by `f`: area averaging when shrinking, bilinear when enlarging. Used to bring
 * images of any resolution to the ~300 dpi the recogniser and the line finder are tuned for.
 */
export function resample(img: Gray, f: number): Gray {
  const w = Math.max(1, Math.round(img.width * f));
  const h = Math.max(1, Math.round(img.height * f));
  const out = blank(w, h);
  const { width: sw, height: sh, data: src } = img;
  if (f < 1) {
    for (let y = 0; y < h; y++) {
      const y0 = Math.floor(y / f);
      const y1 = Math.min(sh, Math.max(y0 + 1, Math.floor((y + 1) / f)));
      for (let x = 0; x < w; x++) {
        const x0 = Math.floor(x / f);
        const x1 = Math.min(sw, Math.max(x0 + 1, Math.floor((x + 1) / f)));
        let s = 0;
        for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) s += src[yy * sw + xx]!;
        out.data[y * w + x] = s / ((y1 - y0) * (x1 - x0));
      }
    }
    return out;
  }
  for (let y = 0; y < h; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const dx = fx - x0;
      const top = src[y0 * sw + x0]! * (1 - dx) + src[y0 * sw + x1]! * dx;
      const bottom = src[y1 * sw + x0]! * (1 - dx) + src[y1 * sw + x1]! * dx;
      out.data[y * w + x] = top * (1 - dy) + bottom * dy;
    }
  }
  return out;
}
