import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { cellText, layoutReport, slotGrid, type LayoutTable } from "./layout.js";

/** A report as Markdown: `#` headings and pipe tables, merged slots as empty cells. */
export interface MarkdownOptions extends CellStyle {
  /** Break narrow header labels with `<br>` (`本年新<br>制作数量`). */
  splitHeaders?: boolean;
}

export function renderMarkdown(r: Report, opts: MarkdownOptions = {}): string {
  const doc = layoutReport(r, opts);
  const out: string[] = [`# ${doc.title}`, ""];
  for (const s of doc.sections) {
    out.push(`## ${s.heading}`, "");
    for (const p of s.paragraphs) out.push(escapeText(p), "");
    if (s.table) out.push(...pipeTable(s.table, opts.splitHeaders === true), "");
  }
  return out.join("\n");
}

function pipeTable(t: LayoutTable, split: boolean): string[] {
  const rows = slotGrid(t).map(
    (row) => `| ${row.map((s) => (s.fromAbove || s.fromLeft ? "" : escapeCell(cellText(s.cell, split)))).join(" | ")} |`,
  );
  const rule = `|${" --- |".repeat(t.width)}`;
  return [rows[0]!, rule, ...rows.slice(1)];
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}

/** Prose that would read as Markdown syntax at the start of a line (`1.` lists, `#`) is escaped. */
function escapeText(s: string): string {
  return s.replace(/^(\s*)(\d+)\.(\s)/, "$1$2\\.$3").replace(/^(\s*)([#>*+-])/, "$1\\$2");
}
