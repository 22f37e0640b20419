import type { Rulings, Segment } from "./lines.js";

/** A rectangle in image pixels: [x0, y0, x1, y1], x1/y1 exclusive. */
export type Rect = [number, number, number, number];

/** One physical cell of a detected table: its place in the fine grid and its pixels. */
export interface GridCell {
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  /** Inside of the cell, ruling lines excluded. */
  rect: Rect;
}

export interface GridTable {
  /** Outer box of the table. */
  rect: Rect;
  /** Boundaries of the fine grid: rows + 1 y positions, cols + 1 x positions. */
  ys: number[];
  xs: number[];
  /** Cells in reading order (row, then column). */
  cells: GridCell[];
  /** Ruling segments of this table (to erase them before OCR). */
  segments: { horizontal: Segment[]; vertical: Segment[] };
}

/** Share of a boundary that must be drawn for two grid cells to be separate cells. */
const DRAWN = 0.6;
const MAX_ROWS = 200;
const MAX_COLS = 60;

/** The ink mask the rulings were found in: lets a faint or broken rule still separate cells. */
export interface InkMap {
  mask: Uint8Array;
  width: number;
  height: number;
}

/**
 * Turns ruling segments into tables: segments that touch each other form one table; the
 * distinct line positions are the fine grid; a missing stretch of line between two grid
 * cells means they are one merged cell (rowspan/colspan). Tables narrower than `minWidth` or
 * lower than `minHeight` (pixels), or of one cell, are not tables.
 */
export function findTables(r: Rulings, tol: number, minWidth = 0, minHeight = 0, ink?: InkMap): GridTable[] {
  let { horizontal: hs, vertical: vs } = r;
  // A ruling line meets at least two lines of the other direction (its ends or crossings);
  // glyph strokes and underlines that passed the length test do not.
  for (let round = 0; round < 4; round++) {
    const h2 = hs.filter((h) => vs.filter((v) => touches(h, v, tol)).length >= 2);
    const v2 = vs.filter((v) => h2.filter((h) => touches(h, v, tol)).length >= 2);
    if (h2.length === hs.length && v2.length === vs.length) break;
    hs = h2;
    vs = v2;
  }
  const tables: GridTable[] = [];
  for (const comp of components(hs, vs, tol)) {
    const t = buildTable(comp.h, comp.v, tol, ink);
    // Strokes of a bold title can cross like rules; a table is wider than a word and has
    // more than one cell.
    if (!t || t.rect[2] - t.rect[0] < minWidth || t.rect[3] - t.rect[1] < minHeight || t.cells.length < 2) continue;
    tables.push(t);
  }
  return tables.sort((a, b) => a.rect[1] - b.rect[1]);
}

function touches(h: Segment, v: Segment, tol: number): boolean {
  return v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol;
}

function components(hs: Segment[], vs: Segment[], tol: number): { h: Segment[]; v: Segment[] }[] {
  const n = hs.length + vs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (touches(h, v, tol)) parent[find(i)] = find(hs.length + j);
    }),
  );
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    if (i < hs.length) g.h.push(hs[i]!);
    else g.v.push(vs[i - hs.length]!);
    groups.set(find(i), g);
  }
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

/** Positions of lines, close ones (one thick or slightly skewed rule) clustered together. */
function clusters(segs: Segment[], tol: number): number[] {
  const at = segs.map((s) => s.at).sort((a, b) => a - b);
  const out: number[][] = [];
  for (const a of at) {
    const last = out[out.length - 1];
    if (last && a - last[last.length - 1]! <= tol) last.push(a);
    else out.push([a]);
  }
  return out.map((c) => c.reduce((s, x) => s + x, 0) / c.length);
}

/** How much of [a, b] the segments at position `at` cover (0–1). */
function coverage(segs: Segment[], at: number, a: number, b: number, tol: number): number {
  const spans = segs
    .filter((s) => Math.abs(s.at - at) <= tol)
    .map((s) => [Math.max(a, s.from), Math.min(b, s.to)] as [number, number])
    .filter(([x, y]) => y > x)
    .sort((p, q) => p[0] - q[0]);
  let covered = 0;
  let end = a;
  for (const [x, y] of spans) {
    if (y <= end) continue;
    covered += y - Math.max(x, end);
    end = y;
  }
  return b > a ? covered / (b - a) : 0;
}

/**
 * How much of [a, b] along a known rule position is drawn, looked for in the pixels: a band
 * `tol` wide across the position, short dark runs joined over small gaps. Scanned rules break
 * into pieces too short to be found as segments, but their place is known from the rest of
 * the grid; a text line crossing the band leaves far less than a rule does.
 */
function drawnInk(ink: InkMap, horizontal: boolean, at: number, a: number, b: number, tol: number): number {
  const from = Math.max(0, Math.floor(a));
  const to = Math.min(horizontal ? ink.width : ink.height, Math.ceil(b));
  if (to <= from) return 0;
  const lo = Math.max(0, Math.round(at - tol));
  const hi = Math.min((horizontal ? ink.height : ink.width) - 1, Math.round(at + tol));
  const gap = Math.max(2, tol);
  const minRun = tol * 2;
  let covered = 0;
  let run = 0;
  let miss = 0;
  for (let i = from; i < to; i++) {
    let dark = false;
    for (let j = lo; j <= hi && !dark; j++) dark = (horizontal ? ink.mask[j * ink.width + i] : ink.mask[i * ink.width + j]) === 1;
    if (dark) {
      run += miss + 1;
      miss = 0;
    } else if (run > 0 && ++miss > gap) {
      if (run >= minRun) covered += run;
      run = 0;
      miss = 0;
    }
  }
  if (run >= minRun) covered += run;
  return covered / (to - from);
}

function buildTable(hs: Segment[], vs: Segment[], tol: number, ink?: InkMap): GridTable | null {
  const ys = clusters(hs, tol);
  const xs = clusters(vs, tol);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows > MAX_ROWS || cols > MAX_COLS) return null;
  const thick = (segs: Segment[], at: number) => Math.max(1, ...segs.filter((s) => Math.abs(s.at - at) <= tol).map((s) => s.thick));

  // Union-find over fine cells: join neighbours where the line between them is not drawn.
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const inset = (a: number, b: number) => [a + (b - a) * 0.1, b - (b - a) * 0.1] as const;
  const drawn = (horizontal: boolean, at: number, a: number, b: number) =>
    coverage(horizontal ? hs : vs, at, a, b, tol) >= DRAWN || (ink !== undefined && drawnInk(ink, horizontal, at, a, b, Math.max(2, Math.round(tol / 2))) >= DRAWN);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols) {
        const [a, b] = inset(ys[r]!, ys[r + 1]!);
        if (!drawn(false, xs[c + 1]!, a, b)) parent[find(id(r, c))] = find(id(r, c + 1));
      }
      if (r + 1 < rows) {
        const [a, b] = inset(xs[c]!, xs[c + 1]!);
        if (!drawn(true, ys[r + 1]!, a, b)) parent[find(id(r, c))] = find(id(r + 1, c));
      }
    }
  }
  const boxes = new Map<number, [number, number, number, number]>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = find(id(r, c));
      const b = boxes.get(k);
      if (!b) boxes.set(k, [r, c, r, c]);
      else boxes.set(k, [Math.min(b[0], r), Math.min(b[1], c), Math.max(b[2], r), Math.max(b[3], c)]);
    }
  }
  // A merge that is not a rectangle (a broken line in a scan) cannot be a cell: keep its fine cells.
  const cells: GridCell[] = [];
  const size = new Map<number, number>();
  for (let i = 0; i < rows * cols; i++) size.set(find(i), (size.get(find(i)) ?? 0) + 1);
  for (const [k, [r0, c0, r1, c1]] of boxes) {
    if ((r1 - r0 + 1) * (c1 - c0 + 1) === size.get(k)) cells.push(cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1));
    else for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (find(id(r, c)) === k) cells.push(cell(r, c, 1, 1));
  }
  function cell(row: number, col: number, rowspan: number, colspan: number): GridCell {
    const x0 = xs[col]!;
    const x1 = xs[col + colspan]!;
    const y0 = ys[row]!;
    const y1 = ys[row + rowspan]!;
    const tx0 = thick(vs, x0) / 2 + 1;
    const tx1 = thick(vs, x1) / 2 + 1;
    const ty0 = thick(hs, y0) / 2 + 1;
    const ty1 = thick(hs, y1) / 2 + 1;
    return { row, col, rowspan, colspan, rect: [Math.ceil(x0 + tx0), Math.ceil(y0 + ty0), Math.floor(x1 - tx1), Math.floor(y1 - ty1)] };
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return {
    rect: [Math.floor(xs[0]!), Math.floor(ys[0]!), Math.ceil(xs[cols]!), Math.ceil(ys[rows]!)],
    ys,
    xs,
    cells,
    segments: { horizontal: hs, vertical: vs },
  };
}
