import { union } from "../geometry.js";
import type { Rect } from "./grid.js";
import type { Gray } from "./image.js";

/**
 * Where the text of a cell is. Scans carry dust and toner specks; a speck in an empty cell
 * is not text, and a speck beside a number must not widen the crop (read as `-66`, `47.`).
 * Ink is taken by connected components: the box holds the marks at least `minMark` pixels
 * big; small marks inside it (a decimal point between digits) come along, those outside do not,
 * but for a minus sign: a flat dash at mid-height just left of the text (`-6` read as `6` is a
 * silent wrong number; a speck is round, a dash is long).
 */
export function inkBox(page: Gray, r: Rect, threshold: number, minMark: number): Rect | null {
  const x0 = Math.max(0, r[0]);
  const y0 = Math.max(0, r[1]);
  const w = Math.min(page.width, r[2]) - x0;
  const h = Math.min(page.height, r[3]) - y0;
  if (w <= 0 || h <= 0) return null;
  const label = new Int32Array(w * h);
  const comps: { n: number; box: Rect }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (label[start] || page.data[(y0 + Math.floor(start / w)) * page.width + x0 + (start % w)]! > threshold) continue;
    const id = comps.length + 1;
    const c = { n: 0, box: [Infinity, Infinity, -1, -1] as Rect };
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      c.n++;
      if (x < c.box[0]) c.box[0] = x;
      if (y < c.box[1]) c.box[1] = y;
      if (x > c.box[2]) c.box[2] = x;
      if (y > c.box[3]) c.box[3] = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (label[q] || page.data[(y0 + ny) * page.width + x0 + nx]! > threshold) continue;
          label[q] = id;
          stack.push(q);
        }
      }
    }
    comps.push(c);
  }
  const big = comps.filter((c) => c.n >= minMark);
  if (big.length === 0) return null;
  const box = big.map((c) => c.box).reduce(union);
  const dash = comps.find((c) => c.n < minMark && isMinus(c.box, box));
  const u = dash ? union(box, dash.box) : box;
  return [x0 + u[0], y0 + u[1], x0 + u[2] + 1, y0 + u[3] + 1];
}

/** A dash (inclusive pixel box `d`) that reads as the sign of the text in `text`. */
function isMinus(d: Rect, text: Rect): boolean {
  const w = d[2] - d[0] + 1;
  const h = d[3] - d[1] + 1;
  const th = text[3] - text[1] + 1;
  const mid = (d[1] + d[3]) / 2;
  return (
    w >= 2 * h + 1 &&
    w >= th / 4 &&
    mid > text[1] + th / 4 &&
    mid < text[3] - th / 4 &&
    d[2] < text[0] &&
    text[0] - d[2] <= th / 2
  );
}
