import { expandSpans, type DocCell, type TableBlock } from "../../model/document.js";
import type { FilledGrid } from "./cells.js";
import { clusterValues, roundBox, type Box } from "../geometry.js";

/** A table of the document, possibly continued over several pages. */
export interface PdfTable {
  /** Page and box of its first part. */
  page: number;
  box: Box;
  /** Page and box of its last part (where a continuation would join). */
  lastPage: number;
  lastBox: Box;
  nRows: number;
  /** Column edges (the union over all parts). */
  xs: number[];
  cells: TableCell[];
  /** Found by alignment (no ruling lines): it was already followed over page breaks. */
  aligned?: boolean;
}

export interface TableCell {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  box: Box;
  page: number;
  text: string;
}

export function fromGrid(g: FilledGrid, page: number): PdfTable {
  return {
    page,
    box: g.box,
    lastPage: page,
    lastBox: g.box,
    nRows: g.ys.length - 1,
    xs: g.xs,
    cells: g.cells.map((c) => ({ r0: c.r0, r1: c.r1, c0: c.c0, c1: c.c1, box: c.box, page, text: c.text })),
  };
}

/** Outer edges agree within this many points: the part on the next page continues the table. */
const SAME_EDGE = 4;

export function continues(a: PdfTable, b: PdfTable): boolean {
  if (a.aligned || b.aligned) return false;
  return b.page === a.lastPage + 1 && Math.abs(a.lastBox[0] - b.box[0]) <= SAME_EDGE && Math.abs(a.lastBox[2] - b.box[2]) <= SAME_EDGE;
}

const ENUMERATED = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.、．]|第[一二三四五六七八九十\d]+)/;
const HAS_WORDS = /[\p{L}]/u;

/**
 * Appends the part `b` (next page) to table `a`. Columns are unified by their edges. A cell
 * cut by the page break — a merged label cell whose lower part carries on at the top of the
 * next page (`（四）无` / `法提供`, or an empty remainder) — is joined back into one cell.
 */
export function appendPart(a: PdfTable, b: PdfTable): PdfTable {
  const xs = clusterValues([...a.xs, ...b.xs], SAME_EDGE / 2 + 0.5);
  const col = (x: number) => {
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
    return best;
  };
  const remap = (c: TableCell, dr: number): TableCell => {
    const c0 = col(c.box[0]);
    const c1 = Math.max(c0, col(c.box[2]) - 1);
    return { ...c, r0: c.r0 + dr, r1: c.r1 + dr, c0, c1 };
  };
  const cells = a.cells.map((c) => remap(c, 0));
  const last = a.nRows - 1;
  for (const c of b.cells.map((x) => remap(x, a.nRows))) {
    const above = c.r0 === a.nRows ? cells.find((x) => x.r1 === last && x.c0 === c.c0 && x.c1 === c.c1) : undefined;
    if (above && isCut(above, c)) {
      above.r1 = c.r1;
      if (c.text.trim()) above.text = above.text.trim() ? `${above.text}\n${c.text}` : c.text;
      continue;
    }
    cells.push(c);
  }
  return { ...a, lastPage: b.lastPage, lastBox: b.lastBox, nRows: a.nRows + b.nRows, xs, cells };
}

/** The upper part is a label spanning rows, or the lower part spans rows; the lower part starts no new item. */
function isCut(upper: TableCell, lower: TableCell): boolean {
  if (!HAS_WORDS.test(upper.text)) return false;
  const spans = upper.r1 > upper.r0 || lower.r1 > lower.r0;
  if (!spans) return false;
  const t = lower.text.trim();
  return t === "" || (HAS_WORDS.test(t) && !ENUMERATED.test(t));
}

/** The document table: rows of physical cells with spans, expanded into a grid. */
export function toBlock(t: PdfTable): TableBlock {
  const rows: DocCell[][] = Array.from({ length: t.nRows }, () => []);
  const sorted = [...t.cells].sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0);
  for (const c of sorted) {
    rows[c.r0]!.push({ text: c.text, rowspan: c.r1 - c.r0 + 1, colspan: c.c1 - c.c0 + 1, source: { page: c.page, box: roundBox(c.box) } });
  }
  return expandSpans(rows, { page: t.page, box: roundBox(t.box) });
}
