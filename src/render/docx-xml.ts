import type { GridSlot, LayoutTable } from "./layout.js";
import { cellText, slotGrid } from "./layout.js";

/** WordprocessingML building blocks shared by every profile of the DOCX writer. */

export const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text content escaped for XML; characters XML cannot hold are dropped. */
export function esc(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Runs of text, a line break (`w:br`) for each `\n`; `rPr` is the run properties' inner XML. */
export function runs(text: string, rPr = ""): string {
  const pr = rPr ? `<w:rPr>${rPr}</w:rPr>` : "";
  return text
    .split("\n")
    .map((line, i) => `<w:r>${pr}${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${esc(line)}</w:t></w:r>`)
    .join("");
}

/** Twentieths of a point (twips) from millimetres and from points. */
export const mmTwips = (mm: number) => Math.round((mm * 1440) / 25.4);
export const ptTwips = (pt: number) => Math.round(pt * 20);

/** How a profile dresses its tables. */
export interface TableLook {
  /** The table's width in twips. */
  width: number;
  /** Relative widths of the grid columns. */
  weights: (t: LayoutTable, grid: GridSlot[][]) => number[];
  splitNarrow: boolean;
  /** Mark the header rows (above the first value row) to repeat on every page (`w:tblHeader`). */
  repeatHeader: boolean;
  /** Paragraph style of the cells' text. */
  paraStyle?: string;
}

/** Weights scaled to whole twips, about `total` in all. */
function scaleWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / sum) * total));
}

/** Rows above the first row holding a value cell: the table's header. */
function headerRowCount(t: LayoutTable): number {
  const first = t.rows.findIndex((row) => row.some((c) => c.role === "value"));
  return first < 0 ? 0 : first;
}

/** A laid-out table → `w:tbl`: a column span is a `gridSpan`, a row span a `restart` cell and `continue` cells below it. */
export function tableXml(t: LayoutTable, look: TableLook): string {
  const grid = slotGrid(t);
  const tw = scaleWidths(look.weights(t, grid), look.width);
  const header = look.repeatHeader && t.id !== "active" ? headerRowCount(t) : 0;
  const pStyle = look.paraStyle ? `<w:pStyle w:val="${look.paraStyle}"/>` : "";
  const rows = grid.map((slots, r) => {
    const tcs: string[] = [];
    slots.forEach((slot, c) => {
      if (slot.fromLeft) return;
      const { cell } = slot;
      const width = tw.slice(c, c + cell.colspan).reduce((a, b) => a + b, 0);
      const pr = [`<w:tcW w:w="${width}" w:type="dxa"/>`];
      if (cell.colspan > 1) pr.push(`<w:gridSpan w:val="${cell.colspan}"/>`);
      if (slot.fromAbove) pr.push("<w:vMerge/>");
      else if (cell.rowspan > 1) pr.push('<w:vMerge w:val="restart"/>');
      pr.push('<w:vAlign w:val="center"/>');
      const text = slot.fromAbove ? "" : cellText(cell, look.splitNarrow);
      const jc = cell.role === "label" ? "left" : "center";
      tcs.push(`<w:tc><w:tcPr>${pr.join("")}</w:tcPr><w:p><w:pPr>${pStyle}<w:jc w:val="${jc}"/></w:pPr>${text ? runs(text) : ""}</w:p></w:tc>`);
    });
    return `<w:tr><w:trPr><w:cantSplit/>${r < header ? "<w:tblHeader/>" : ""}</w:trPr>${tcs.join("")}</w:tr>`;
  });
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("");
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="${look.width}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>` +
    `<w:tblGrid>${tw.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${rows.join("")}</w:tbl>`
  );
}
