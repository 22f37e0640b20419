import { overlap } from "../geometry.js";
import type { Gray } from "./image.js";

/**
 * Ruling lines of tables, found as long straight runs of ink. A horizontal segment spans
 * x0..x1 at rows y0..y1 (its thickness); a vertical one the other way round.
 */
export interface Segment {
  /** Position across the line (centre of its thickness). */
  at: number;
  /** Extent along the line. */
  from: number;
  to: number;
  /** Thickness in pixels. */
  thick: number;
}

export interface Rulings {
  horizontal: Segment[];
  vertical: Segment[];
}

export interface LineParams {
  /** Shortest run that can be a ruling line, in pixels. */
  minLength: number;
  /** Gaps in a run up to this long are bridged (broken or faded lines in scans). */
  maxGap: number;
  /** Thicker than this is a filled area or a bold glyph, not a line. */
  maxThick: number;
}

export function lineParams(dpi: number): LineParams {
  return {
    // 4.5 mm: longer than any stroke of a 12 pt glyph, shorter than the narrowest table cell.
    minLength: Math.round(dpi * 0.18),
    maxGap: Math.max(2, Math.round(dpi / 100)),
    maxThick: Math.max(4, Math.round(dpi * 0.04)),
  };
}

/** Finds horizontal and vertical ruling segments in an ink mask. */
export function findRulings(mask: Uint8Array, img: Pick<Gray, "width" | "height">, p: LineParams): Rulings {
  const { width: w, height: h } = img;
  // A rule that falls between two pixel rows (a scan, a deskewed page) is half-dark in both and
  // broken in each: look at two neighbouring rows (columns) at once.
  const horizontal = segments(h, w, (y, x) => mask[y * w + x]! | (y + 1 < h ? mask[(y + 1) * w + x]! : 0), p);
  const vertical = segments(w, h, (x, y) => mask[y * w + x]! | (x + 1 < w ? mask[y * w + x + 1]! : 0), p);
  return { horizontal, vertical };
}

interface Open {
  from: number;
  to: number;
  first: number;
  last: number;
  seen: boolean;
}

/**
 * Runs along each line `i` (rows for horizontal, columns for vertical), joined across
 * neighbouring lines while their extents overlap: a 3-pixel-thick rule is one segment.
 */
function segments(lines: number, length: number, ink: (i: number, j: number) => number, p: LineParams): Segment[] {
  const out: Segment[] = [];
  let open: Open[] = [];
  const close = (o: Open) => {
    const thick = o.last - o.first + 1;
    if (thick <= p.maxThick) out.push({ at: (o.first + o.last) / 2, from: o.from, to: o.to, thick });
  };
  for (let i = 0; i <= lines; i++) {
    const runs: [number, number][] = [];
    if (i < lines) {
      let start = -1;
      let lastInk = -1;
      for (let j = 0; j < length; j++) {
        if (ink(i, j)) {
          if (start < 0) start = j;
          else if (j - lastInk - 1 > p.maxGap) {
            if (lastInk - start + 1 >= p.minLength) runs.push([start, lastInk]);
            start = j;
          }
          lastInk = j;
        }
      }
      if (start >= 0 && lastInk - start + 1 >= p.minLength) runs.push([start, lastInk]);
    }
    for (const o of open) o.seen = false;
    const next: Open[] = [];
    for (const [a, b] of runs) {
      // Every open segment this run overlaps continues in it (noise can split one rule into
      // several runs in a row, or two pieces of it can meet): they become one segment.
      const hit = open.filter((x) => overlap(x.from, x.to, a, b) >= 0.5 * Math.min(x.to - x.from, b - a));
      if (hit.length === 0) {
        next.push({ from: a, to: b, first: i, last: i, seen: true });
        continue;
      }
      const o = hit[0]!;
      for (const x of hit) {
        o.from = Math.min(o.from, x.from);
        o.to = Math.max(o.to, x.to);
        o.first = Math.min(o.first, x.first);
        x.seen = true;
      }
      o.from = Math.min(o.from, a);
      o.to = Math.max(o.to, b);
      o.last = i;
      open = open.filter((x) => x === o || !hit.includes(x));
      for (const x of hit) if (x !== o && next.includes(x)) next.splice(next.indexOf(x), 1);
      if (!next.includes(o)) next.push(o);
    }
    for (const o of open) if (!o.seen) close(o);
    open = next;
  }
  return out;
}

/**
 * Paints ruling segments white (a copy of the image), so the recogniser sees the text of
 * the cells and not the lines between them, which it otherwise reads as `|`, `一` or `1`.
 */
export function eraseRulings(img: Gray, r: Rulings): Gray {
  const out: Gray = { width: img.width, height: img.height, data: img.data.slice() };
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    x0 = Math.max(0, Math.floor(x0));
    y0 = Math.max(0, Math.floor(y0));
    x1 = Math.min(img.width - 1, Math.ceil(x1));
    y1 = Math.min(img.height - 1, Math.ceil(y1));
    for (let y = y0; y <= y1; y++) out.data.fill(255, y * img.width + x0, y * img.width + x1 + 1);
  };
  for (const s of r.horizontal) paint(s.from - 1, s.at - s.thick / 2 - 1, s.to + 1, s.at + s.thick / 2 + 1);
  for (const s of r.vertical) paint(s.at - s.thick / 2 - 1, s.from - 1, s.at + s.thick / 2 + 1, s.to + 1);
  return out;
}
