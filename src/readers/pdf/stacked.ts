import type { Grid, GridCell } from "./grid.js";
import { groupLines, type TextLine } from "./lines.js";
import type { TextRun } from "./text.js";

/**
 * Rows whose ruling between them went unseen (a border style the drawing does not show, a
 * border left out): the grid takes two rows for one, and each cell of it holds the texts of
 * both — `22` over `20` in a column of totals, which would read as 2220. Two numbers stacked
 * in one cell never make one number: the row is cut between them, at the gap that keeps the
 * stacked numbers apart in every cell, and each line of every cell of the row goes to the
 * part it lies in.
 */

const NUMBER = /^[+\-]?\d[\d,]*(?:\.\d+)?$/;

export interface RunsInGrid {
  grid: Grid;
  /** The runs in each cell of `grid.cells`. */
  runs: TextRun[][];
}

export function splitStackedRows(g: RunsInGrid): RunsInGrid {
  let cur = g;
  // Rows are cut one at a time, from the bottom up, so the row numbers above stay valid.
  for (let r = cur.grid.ys.length - 2; r >= 0; r--) {
    const cuts = stackedCuts(cur, r);
    if (cuts.length) cur = cutRow(cur, r, cuts);
  }
  return cur;
}

/** The heights at which row `r` must be cut: between stacked numbers, clear of every line. */
function stackedCuts(g: RunsInGrid, r: number): number[] {
  const inRow = g.grid.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.r0 === r && c.r1 === r);
  const lines = inRow.map(({ i }) => groupLines(g.runs[i]!.filter((x) => !x.vertical)));
  const candidates: number[] = [];
  for (const ls of lines) {
    const numbers = ls.filter((l) => NUMBER.test(l.text.trim()));
    if (numbers.length < 2 || numbers.length !== ls.length) continue;
    for (let k = 1; k < numbers.length; k++) candidates.push((numbers[k - 1]!.box[3] + numbers[k]!.box[1]) / 2);
  }
  if (candidates.length === 0) return [];
  const all = lines.flat();
  const straddles = (y: number, l: TextLine) => l.box[1] < y - 0.5 && l.box[3] > y + 0.5;
  // One cut per gap: candidates from several cells fall within a line height of each other.
  const size = Math.max(...all.map((l) => l.size), 1);
  const cuts: number[] = [];
  for (const y of candidates.sort((a, b) => a - b)) {
    if (cuts.length && y - cuts[cuts.length - 1]! < size) continue;
    // Keep it clear of every line: move it into the nearest gap if a label line straddles it.
    cuts.push(all.some((l) => straddles(y, l)) ? clearOf(y, all) : y);
  }
  const [top, bottom] = [g.grid.ys[r]!, g.grid.ys[r + 1]!];
  return cuts.filter((y) => y > top && y < bottom);
}

/** The middle of the gap between lines nearest to `y`. */
function clearOf(y: number, lines: TextLine[]): number {
  const edges = lines.flatMap((l) => [l.box[1], l.box[3]]).sort((a, b) => a - b);
  let best = y;
  let dist = Infinity;
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    const mid = (a + b) / 2;
    if (b - a > 0.5 && !lines.some((l) => l.box[1] < mid && l.box[3] > mid) && Math.abs(mid - y) < dist) [best, dist] = [mid, Math.abs(mid - y)];
  }
  return best;
}

/** Row `r` cut at `cuts`: its own cells split by where their runs lie, cells across it lengthened. */
function cutRow(g: RunsInGrid, r: number, cuts: number[]): RunsInGrid {
  const n = cuts.length;
  const ys = [...g.grid.ys.slice(0, r + 1), ...cuts, ...g.grid.ys.slice(r + 1)];
  const cells: GridCell[] = [];
  const runs: TextRun[][] = [];
  const part = (y: number) => cuts.filter((c) => y > c).length;
  g.grid.cells.forEach((c, i) => {
    const own = g.runs[i]!;
    if (c.r1 < r) {
      cells.push(c);
      runs.push(own);
    } else if (c.r0 > r) {
      cells.push({ ...c, r0: c.r0 + n, r1: c.r1 + n });
      runs.push(own);
    } else if (c.r0 < r || c.r1 > r) {
      cells.push({ ...c, r1: c.r1 + n });
      runs.push(own);
    } else {
      for (let k = 0; k <= n; k++) {
        cells.push({ ...c, r0: r + k, r1: r + k, box: [c.box[0], ys[r + k]!, c.box[2], ys[r + k + 1]!] });
        runs.push(own.filter((x) => part((x.box[1] + x.box[3]) / 2) === k));
      }
    }
  });
  return { grid: { ...g.grid, ys, cells }, runs };
}
