import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { layoutReport, type LayoutTable } from "./layout.js";

/**
 * Text a crawler left after losing the table's cell boundaries: each row on one line, its labels
 * separated by spaces, then its numbers run together with nothing between them
 * (`一、本年新收政府信息公开申请数量 801000081`). Empty cells vanish without a trace.
 */
export function renderCollapsed(r: Report, style: CellStyle = {}): string {
  const doc = layoutReport(r, style);
  const out: string[] = [doc.title, ""];
  for (const s of doc.sections) {
    out.push(s.heading, ...s.paragraphs);
    if (s.table) out.push(...rowLines(s.table));
    out.push("");
  }
  return out.join("\n");
}

function rowLines(t: LayoutTable): string[] {
  const lines: string[] = [];
  for (const row of t.rows) {
    const labels = row.filter((c) => c.role !== "value" && c.text !== "").map((c) => c.text);
    const digits = row.filter((c) => c.role === "value").map((c) => c.text).join("");
    const line = [...labels, digits].filter((x) => x !== "").join(" ");
    if (line) lines.push(line);
  }
  return lines;
}
