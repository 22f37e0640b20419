import type { Grid, GridCell } from "./grid.js";
import { centre, contains, type Box } from "../geometry.js";
import { groupLines } from "./lines.js";
import { splitStackedRows } from "./stacked.js";
import { splitChars, type TextRun } from "./text.js";

/** A grid cell with the text the PDF placed inside its rectangle. */
export interface FilledCell extends GridCell {
  text: string;
}

export interface FilledGrid extends Omit<Grid, "cells"> {
  cells: FilledCell[];
}

/**
 * Puts every run inside the grid into the cell whose rectangle holds it (runs that cross a
 * cell edge are cut into characters first); rows that hold numbers stacked in one cell are
 * cut between them (`stacked.ts`). Returns the filled grid and the runs left outside.
 */
export function fillGrid(grid: Grid, runs: TextRun[]): { grid: FilledGrid; outside: TextRun[] } {
  const inCell: TextRun[][] = grid.cells.map(() => []);
  const outside: TextRun[] = [];
  const locate = (x: number, y: number) => {
    const c = upperIndex(grid.xs, x);
    const r = upperIndex(grid.ys, y);
    if (c < 0 || r < 0) return -1;
    return grid.cells.findIndex((cell) => cell.r0 <= r && r <= cell.r1 && cell.c0 <= c && c <= cell.c1);
  };
  for (const run of runs) {
    const [cx, cy] = centre(run.box);
    if (!contains(grid.box, cx, cy)) {
      outside.push(run);
      continue;
    }
    const k = locate(cx, cy);
    const cell = k >= 0 ? grid.cells[k]! : null;
    if (cell && fits(run.box, cell.box)) {
      inCell[k]!.push(run);
      continue;
    }
    // Cut at the cell edges it crosses; what hangs past the table's outer edge (a number in
    // a last column that the paper edge cut off) stays with the cell it starts in.
    for (const ch of splitChars(run)) {
      const [x, y] = centre(ch.box);
      const j = locate(Math.min(Math.max(x, grid.box[0]), grid.box[2]), y);
      if (j >= 0) inCell[j]!.push(ch);
      else outside.push(ch);
    }
  }
  const split = splitStackedRows({ grid, runs: inCell });
  const g = split.grid;
  const cells = g.cells.map((c, i) => ({ ...c, text: cellText(split.runs[i]!) }));
  return { grid: { box: g.box, xs: g.xs, ys: g.ys, cells, ...(g.open ? { open: g.open } : {}) }, outside };
}

/** Index i with edges[i] ≤ v < edges[i+1], or -1. */
function upperIndex(edges: number[], v: number): number {
  if (v < edges[0]! || v > edges[edges.length - 1]!) return -1;
  for (let i = 0; i + 1 < edges.length; i++) if (v < edges[i + 1]!) return i;
  return edges.length - 2;
}

/** The run lies within the cell, allowing a little overhang (glyph boxes are estimates). */
function fits(run: Box, cell: Box): boolean {
  const tol = 2;
  return run[0] >= cell[0] - tol && run[2] <= cell[2] + tol;
}

/**
 * Text of one cell: lines top to bottom, runs left to right; columns of vertical writing
 * right to left. Line breaks inside the cell are kept as "\n".
 */
function cellText(runs: TextRun[]): string {
  if (runs.length === 0) return "";
  const vertical = runs.filter((r) => r.vertical);
  const horizontal = runs.filter((r) => !r.vertical);
  const parts: string[] = [];
  if (horizontal.length) parts.push(groupLines(horizontal).map((l) => l.text).join("\n"));
  if (vertical.length) {
    const cols = [...vertical].sort((a, b) => b.box[0] - a.box[0] || a.box[1] - b.box[1]);
    const byCol: TextRun[][] = [];
    for (const r of cols) {
      const col = byCol.find((c) => Math.abs(c[0]!.box[0] - r.box[0]) < r.size * 0.5);
      if (col) col.push(r);
      else byCol.push([r]);
    }
    parts.push(byCol.map((c) => c.sort((a, b) => a.box[1] - b.box[1]).map((r) => r.text).join("")).join("\n"));
  }
  return parts.join("\n");
}
