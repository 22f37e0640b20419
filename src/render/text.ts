import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { cellText, layoutReport, slotGrid, type LayoutTable } from "./layout.js";

/**
 * A report as plain text, in the two shapes text copied out of a Word table takes (format.md §6.4):
 *
 * - `tab-cell` (seeds 000, 002–004): one cell per tab-prefixed line, a blank line between rows,
 *   a lone tab for each cell merged from the row above, line breaks kept inside cells.
 * - `tab-row` (seed 001): one row per line, tab-separated, an empty field for every merged slot.
 */
export interface TextOptions extends CellStyle {
  shape?: "tab-cell" | "tab-row";
  /**
   * Break narrow header labels over two lines (`本年新` / `制作数量`). Only the tab-cell shape
   * can: in the tab-row shape a line break would end the row.
   */
  splitHeaders?: boolean;
}

export function renderText(r: Report, opts: TextOptions = {}): string {
  const shape = opts.shape ?? "tab-cell";
  const doc = layoutReport(r, opts);
  const out: string[] = [doc.title, ""];
  for (const s of doc.sections) {
    out.push(s.heading, ...s.paragraphs);
    if (s.table) out.push(...(shape === "tab-cell" ? tabCells(s.table, opts.splitHeaders === true) : tabRows(s.table)));
    out.push("");
  }
  return out.join("\n");
}

function tabCells(t: LayoutTable, split: boolean): string[] {
  const lines: string[] = [];
  for (const row of slotGrid(t)) {
    for (const s of row) if (!s.fromLeft) lines.push("\t" + (s.fromAbove ? "" : cellText(s.cell, split)));
    lines.push("");
  }
  return lines;
}

function tabRows(t: LayoutTable): string[] {
  return slotGrid(t).map((row) => row.map((s) => (s.fromAbove || s.fromLeft ? "" : s.cell.text)).join("\t"));
}
