import type { Drawing, FillInfo, Segment } from "./drawing.js";
import { clusterValues, overlap, type Box } from "../geometry.js";

/**
 * Table grids from ruling lines — or, where a table has none, from the rectangles its cells
 * are clipped or filled to. Segments that touch form one table; the distinct line positions
 * give the grid; two neighbouring grid cells belong to one physical cell (a rowspan/colspan)
 * when no ruling separates them.
 */

/** A physical cell: grid rows r0..r1 and columns c0..c1 (inclusive), and its box. */
export interface GridCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  box: Box;
}

export interface Grid {
  box: Box;
  /** Column edges (n+1 for n columns) and row edges, ascending. */
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /**
   * The top or bottom edge has no ruling: the cell borders run on to it, as where a page
   * break cuts the table (and a row, when the break falls inside one).
   */
  open?: { top: boolean; bottom: boolean };
}

/** Line positions closer than this are one line (double borders, rounding). */
const SNAP = 2;
/** A ruling separates two grid cells when it covers this share of their common edge. */
const COVER = 0.6;
/** Work limit: segments beyond this on one page are not a table. */
const MAX_SEGMENTS = 4000;
/** Widest label column a page break leaves without horizontal rulings (points). */
const CUT_COLUMN_MAX = 120;

export function findGrids(d: Drawing): Grid[] {
  const grids = ruledGrids(d.hLines, d.vLines);
  // Word processors also clip (and often fill) every table cell to its own rectangle, so a
  // table drawn without borders still shows its cells: rectangles that tile a region.
  // Clips and fills are looked at apart: a browser's clips around its running header text
  // must not join the cell backgrounds of a table just below them.
  const free = (b: Box) => !grids.some((g) => overlap(g.box[0], g.box[2], b[0], b[2]) > 1 && overlap(g.box[1], g.box[3], b[1], b[3]) > 1);
  grids.push(...tiledRects(d.clips.filter(free)).flatMap((tile) => tileGrids(tile)));
  const info = new Map(d.fills.map((b, i) => [b, d.fillInfo[i]!]));
  grids.push(...tiledRects(cellFills(d.fills, info).filter(free)).flatMap((tile) => tileGrids(tile, info)));
  return grids.sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

function ruledGrids(hLines: Segment[], vLines: Segment[]): Grid[] {
  const h = mergeCollinear(hLines);
  const v = mergeCollinear(vLines);
  if (h.length + v.length > MAX_SEGMENTS || h.length < 2 || v.length < 2) return [];
  const groups = touchingGroups(h, v);
  const lone = groups.filter((g) => g.h.length === 0).flatMap((g) => g.v);
  const grids: Grid[] = [];
  for (const g of groups) {
    if (g.h.length === 0) continue;
    const grid = buildGrid(g.h, withCutColumns(g.v, lone));
    if (grid) grids.push(grid);
  }
  return grids;
}

/**
 * A cell spanning rows that a page break cuts at both ends — `三、本年度办理结果` beside the
 * rows of a middle page — is drawn as two bare vertical borders that no horizontal ruling
 * touches. A lone vertical line just beside a table, running exactly from its top to its
 * bottom, is such a border: the table gets that column back.
 */
function withCutColumns(v: Segment[], lone: Segment[]): Segment[] {
  if (lone.length === 0) return v;
  const out = [...v];
  const top = Math.min(...v.map((s) => s.from));
  const bottom = Math.max(...v.map((s) => s.to));
  const reach = Math.min(CUT_COLUMN_MAX, (Math.max(...v.map((s) => s.at)) - Math.min(...v.map((s) => s.at))) * 0.4);
  const spansTable = (s: Segment) => Math.abs(s.from - top) <= SNAP + 1 && Math.abs(s.to - bottom) <= SNAP + 1;
  const candidates = lone.filter(spansTable);
  for (let added = true; added; ) {
    added = false;
    const left = Math.min(...out.map((s) => s.at));
    const right = Math.max(...out.map((s) => s.at));
    for (const s of candidates) {
      if (out.includes(s)) continue;
      if ((s.at < left - SNAP && left - s.at <= reach) || (s.at > right + SNAP && s.at - right <= reach)) {
        out.push(s);
        added = true;
      }
    }
  }
  return out;
}

/** The grid of rectangles that tile a region; `info` tells which of them a page break cut. */
function tileGrids(tile: Box[], info?: ReadonlyMap<Box, FillInfo>): Grid[] {
  const h: Segment[] = tile.flatMap((r) => [{ at: r[1], from: r[0], to: r[2] }, { at: r[3], from: r[0], to: r[2] }]);
  const v: Segment[] = tile.flatMap((r) => [{ at: r[0], from: r[1], to: r[3] }, { at: r[2], from: r[1], to: r[3] }]);
  const grids = ruledGrids(h, v).map((g) => withoutHoles(g, tile));
  if (!info) return grids;
  for (const g of grids) {
    const cut = (edge: number, side: 1 | 3, flag: "cutTop" | "cutBottom") => {
      // One cut cell is enough: beside it, cells of a new row may start on the new page.
      return tile.some((r) => Math.abs(r[side] - edge) <= SNAP && info.get(r)?.[flag] === true);
    };
    const top = cut(g.box[1], 1, "cutTop");
    const bottom = cut(g.box[3], 3, "cutBottom");
    if (top || bottom) g.open = { top, bottom };
  }
  return grids;
}

/**
 * Grid cells that no rectangle of the tile covers are gaps, not cells: where a page break
 * leaves part of a row unpainted, the background shows through.
 */
function withoutHoles(g: Grid, tile: Box[]): Grid {
  const covered = (b: Box) => tile.some((r) => overlap(r[0], r[2], b[0], b[2]) * overlap(r[1], r[3], b[1], b[3]) >= (b[2] - b[0]) * (b[3] - b[1]) * 0.5);
  const cells = g.cells.filter((c) => covered(c.box));
  return cells.length === g.cells.length ? g : { ...g, cells };
}

/**
 * Fills that may be table cells. A table drawn as cells on a coloured background (borders as
 * the gaps between them) shows that background wherever a page break leaves a cell
 * unpainted: such patches, of the colour of a rectangle around the cells, are not cells.
 */
function cellFills(fills: Box[], info: ReadonlyMap<Box, FillInfo>): Box[] {
  const inside = (q: Box, r: Box) => q !== r && q[0] >= r[0] - 1 && q[2] <= r[2] + 1 && q[1] >= r[1] - 1 && q[3] <= r[3] + 1;
  const list = fills.slice(0, MAX_RECTS);
  const holdsTwo = (r: Box) => {
    let n = 0;
    for (const q of list) if (inside(q, r) && ++n >= 2) return true;
    return false;
  };
  const backgrounds = list.filter(holdsTwo);
  if (backgrounds.length === 0) return list;
  return list.filter((q) => !backgrounds.some((r) => inside(q, r) && info.get(r)?.color === info.get(q)?.color));
}

/** Most rectangles considered on one page. */
const MAX_RECTS = 3000;

/**
 * Groups of rectangles that tile a region edge to edge — at least two columns and two rows
 * of them — as table cells do. Stacked full-width rectangles (shaded lines of prose) and lone
 * clips do not qualify.
 */
function tiledRects(rects: Box[]): Box[][] {
  // The same rectangle clipped and then filled counts once.
  const list: Box[] = [];
  for (const r of rects.slice(0, MAX_RECTS)) {
    if (r[2] - r[0] < 4 || r[3] - r[1] < 4) continue;
    if (!list.some((q) => Math.abs(q[0] - r[0]) < SNAP && Math.abs(q[1] - r[1]) < SNAP && Math.abs(q[2] - r[2]) < SNAP && Math.abs(q[3] - r[3]) < SNAP)) list.push(r);
  }
  // A rectangle holding others (a clip around the whole table) is not a cell.
  const cells = list.filter((r) => !list.some((q) => q !== r && q[0] >= r[0] - 1 && q[2] <= r[2] + 1 && q[1] >= r[1] - 1 && q[3] <= r[3] + 1));
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const beside = (a: Box, b: Box) => Math.abs(a[2] - b[0]) < SNAP && overlap(a[1], a[3], b[1], b[3]) > Math.min(a[3] - a[1], b[3] - b[1]) * 0.5;
  const below = (a: Box, b: Box) => Math.abs(a[3] - b[1]) < SNAP && overlap(a[0], a[2], b[0], b[2]) > Math.min(a[2] - a[0], b[2] - b[0]) * 0.5;
  const sideBySide = new Set<number>();
  for (let i = 0; i < cells.length; i++) {
    for (let j = 0; j < cells.length; j++) {
      if (i === j) continue;
      const a = cells[i]!;
      const b = cells[j]!;
      if (beside(a, b)) {
        parent[find(i)] = find(j);
        sideBySide.add(i);
      } else if (below(a, b)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, number[]>();
  cells.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()]
    .filter((g) => g.length >= 4 && g.some((i) => sideBySide.has(i)) && new Set(g.map((i) => Math.round(cells[i]![1]))).size >= 2)
    .map((g) => g.map((i) => cells[i]!));
}

/** Collinear segments that overlap or nearly touch become one. */
function mergeCollinear(segs: Segment[]): Segment[] {
  const sorted = [...segs].sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Segment[] = [];
  const lines: Segment[][] = [];
  for (const s of sorted) {
    const line = lines.find((l) => Math.abs(l[0]!.at - s.at) <= SNAP / 2);
    if (line) line.push(s);
    else lines.push([s]);
  }
  for (const line of lines) {
    line.sort((a, b) => a.from - b.from);
    const at = line.reduce((sum, s) => sum + s.at, 0) / line.length;
    let cur: Segment | null = null;
    for (const s of line) {
      if (cur && s.from <= cur.to + SNAP) cur.to = Math.max(cur.to, s.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: s.from, to: s.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

/** Union-find over horizontal and vertical segments that cross or touch. */
function touchingGroups(h: Segment[], v: Segment[]): { h: Segment[]; v: Segment[] }[] {
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const tol = SNAP + 1;
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i]!;
      const b = v[j]!;
      if (b.at >= a.from - tol && b.at <= a.to + tol && a.at >= b.from - tol && a.at <= b.to + tol) {
        parent[find(i)] = find(h.length + j);
      }
    }
  }
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  const get = (root: number) => {
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((s, i) => get(find(i)).h.push(s));
  v.forEach((s, j) => get(find(h.length + j)).v.push(s));
  return [...groups.values()];
}

function buildGrid(h: Segment[], v: Segment[]): Grid | null {
  if (h.length < 2 || v.length < 2) return null;
  const xs = clusterValues(v.map((s) => s.at), SNAP);
  const ys = clusterValues(h.map((s) => s.at), SNAP);
  if (xs.length < 2 || ys.length < 2) return null;
  // A table cut by a page break often has no closing ruling: its cell borders run on past
  // the last horizontal line. The border ends close that open row (and likewise for a last
  // column whose outer border the paper edge cut off).
  const open = openEdges(v, xs, ys);
  openEdges(h, ys, xs);
  const box: Box = [xs[0]!, ys[0]!, xs[xs.length - 1]!, ys[ys.length - 1]!];
  if (box[2] - box[0] < 20 || box[3] - box[1] < 8) return null;
  const nr = ys.length - 1;
  const nc = xs.length - 1;
  if (nr * nc > 40000) return null;

  const byX = linesAt(v, xs);
  const byY = linesAt(h, ys);
  const covered = (lines: Segment[], a: number, b: number) => {
    let sum = 0;
    for (const s of lines) sum += overlap(s.from, s.to, a, b);
    return sum >= (b - a) * COVER;
  };

  // Union-find over grid cells: join neighbours with no ruling between them.
  const id = (r: number, c: number) => r * nc + c;
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      if (c + 1 < nc && !covered(byX[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < nr && !covered(byY[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number; n: number }>();
  for (let r = 0; r < nr; r++) {
    for (let c = 0; c < nc; c++) {
      const root = find(id(r, c));
      const s = spans.get(root);
      if (!s) spans.set(root, { r0: r, r1: r, c0: c, c1: c, n: 1 });
      else {
        s.r0 = Math.min(s.r0, r);
        s.r1 = Math.max(s.r1, r);
        s.c0 = Math.min(s.c0, c);
        s.c1 = Math.max(s.c1, c);
        s.n++;
      }
    }
  }
  const cells: GridCell[] = [];
  for (const [root, s] of spans) {
    if (s.n === (s.r1 - s.r0 + 1) * (s.c1 - s.c0 + 1)) {
      cells.push({ ...s, box: [xs[s.c0]!, ys[s.r0]!, xs[s.c1 + 1]!, ys[s.r1 + 1]!] });
      continue;
    }
    // Not a rectangle (a broken or odd ruling): keep its grid cells apart.
    for (let r = s.r0; r <= s.r1; r++) {
      for (let c = s.c0; c <= s.c1; c++) {
        if (find(id(r, c)) === root) cells.push({ r0: r, r1: r, c0: c, c1: c, box: [xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!] });
      }
    }
  }
  if (cells.length < 2) return null;
  cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  return { box, xs, ys, cells, open };
}

/**
 * Adds an outer edge where the orthogonal lines (`cross`, positioned on `crossEdges`) run past
 * the outermost `edges`: at least two of them, and most of those that reach that edge, must
 * end together beyond it. Says which ends were opened.
 */
function openEdges(cross: Segment[], crossEdges: number[], edges: number[]): { top: boolean; bottom: boolean } {
  const onGrid = cross.filter((s) => crossEdges.some((e) => Math.abs(e - s.at) <= SNAP));
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const beyond = (reaching: Segment[], end: (s: Segment) => number, past: (v: number) => boolean): number | null => {
    const ends = reaching.map(end).filter(past).sort((a, b) => a - b);
    if (ends.length < 2 || ends.length * 2 < reaching.length) return null;
    // They end together: the median end, and most ends close to it.
    const mid = ends[Math.floor(ends.length / 2)]!;
    const together = ends.filter((e) => Math.abs(e - mid) <= SNAP * 2).length;
    return together * 2 >= reaching.length && together >= 2 ? mid : null;
  };
  const below = beyond(onGrid.filter((s) => s.to >= hi - SNAP), (s) => s.to, (v) => v > hi + SNAP + 1);
  const above = beyond(onGrid.filter((s) => s.from <= lo + SNAP), (s) => s.from, (v) => v < lo - SNAP - 1);
  if (below !== null) edges.push(below);
  if (above !== null) edges.unshift(above);
  return { top: above !== null, bottom: below !== null };
}

/** The segments lying on each grid line. */
function linesAt(segs: Segment[], edges: number[]): Segment[][] {
  const out: Segment[][] = edges.map(() => []);
  for (const s of segs) {
    let best = 0;
    for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i]! - s.at) < Math.abs(edges[best]! - s.at)) best = i;
    if (Math.abs(edges[best]! - s.at) <= SNAP) out[best]!.push(s);
  }
  return out;
}
