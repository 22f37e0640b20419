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
  /** The first part starts, or the last part ends, without a ruling (see `Grid.open`). */
  openTop?: boolean;
  openBottom?: boolean;
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
    ...(g.open?.top ? { openTop: true } : {}),
    ...(g.open?.bottom ? { openBottom: true } : {}),
  };
}

/** Outer edges agree within this many points: the part on the next page continues the table. */
const SAME_EDGE = 4;
/** Header rows a printed table repeats on each page: the statutory tables have at most three. */
const MAX_HEADER_ROWS = 4;

export function continues(a: PdfTable, b: PdfTable): boolean {
  if (a.aligned || b.aligned) return false;
  return b.page === a.lastPage + 1 && Math.abs(a.lastBox[0] - b.box[0]) <= SAME_EDGE && Math.abs(a.lastBox[2] - b.box[2]) <= SAME_EDGE;
}

const ENUMERATED = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.、．]|第[一二三四五六七八九十\d]+)/;
const HAS_WORDS = /[\p{L}]/u;
const NUMBER = /^[+\-]?\d[\d,]*(?:\.\d+)?$/;

/**
 * Appends the part `b` (next page) to table `a`. Columns are unified by their edges; header
 * rows that `b` repeats (a browser prints a `<thead>` on every page) are dropped. A cell cut
 * by the page break — a merged label cell whose lower part carries on at the top of the next
 * page (`（四）无` / `法提供`, or an empty remainder) — is joined back into one cell. When no
 * ruling closes `a`, the break fell inside a row: the first row of `b` (after a repeated
 * header) is the rest of the last row of `a` — a wrapped label's last lines, or the numbers
 * set lower down in the row — and the two become one row.
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
  const part = b.cells.map((c) => remap(c, 0));
  const header = repeatedHeader(cells, part, Math.min(a.nRows, b.nRows) - 1);
  const last = a.nRows - 1;
  // A row cut by the break holds its numbers on one side of it: when both parts hold a
  // number in one column, they are two rows (two numbers are never one cell).
  const numberAbove = (c0: number) => cells.some((x) => x.r0 === last && x.c0 === c0 && NUMBER.test(x.text.trim()));
  const twoNumbers = part.some((c) => c.r0 === header && NUMBER.test(c.text.trim()) && numberAbove(c.c0));
  const cutRow = a.openBottom === true && (b.openTop === true || header > 0) && !twoNumbers;
  const shift = (cutRow ? a.nRows - 1 : a.nRows) - header;
  for (const c of part) {
    if (c.r0 < header) continue;
    const moved = { ...c, r0: c.r0 + shift, r1: c.r1 + shift };
    const above = c.r0 === header ? cells.find((x) => x.r1 === last && x.c0 === c.c0 && x.c1 === c.c1) : undefined;
    if (above && (cutRow || isCut(above, moved))) {
      above.r1 = Math.max(above.r1, moved.r1);
      if (c.text.trim()) above.text = above.text.trim() ? `${above.text}\n${c.text}` : c.text;
      continue;
    }
    cells.push(moved);
  }
  const openBottom = b.openBottom === true ? { openBottom: true } : {};
  const { openBottom: _, ...rest } = a;
  return { ...rest, ...openBottom, lastPage: b.lastPage, lastBox: b.lastBox, nRows: shift + b.nRows, xs, cells };
}

/**
 * How many rows at the top of the next part repeat the table's first rows (its header): same
 * texts in the same columns, no cell reaching below them.
 */
function repeatedHeader(table: TableCell[], part: TableCell[], most: number): number {
  const norm = (t: string) => t.replace(/\s+/g, "");
  const rowsOf = (cells: TableCell[], n: number) => cells.filter((c) => c.r0 < n);
  const same = (n: number) => {
    const x = rowsOf(table, n);
    const y = rowsOf(part, n);
    if (x.length !== y.length || x.some((c) => c.r1 >= n) || y.some((c) => c.r1 >= n)) return false;
    const key = (c: TableCell) => `${c.r0}:${c.r1}:${c.c0}:${c.c1}:${norm(c.text)}`;
    const keys = new Set(x.map(key));
    return y.every((c) => keys.has(key(c))) && y.some((c) => norm(c.text) !== "");
  };
  let best = 0;
  for (let n = 1; n <= Math.min(most, MAX_HEADER_ROWS); n++) if (same(n)) best = n;
  return best;
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
  const { cells, nRows } = withoutSlivers(t.cells, t.nRows);
  const rows: DocCell[][] = Array.from({ length: nRows }, () => []);
  const sorted = [...cells].sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0);
  for (const c of sorted) {
    rows[c.r0]!.push({ text: c.text, rowspan: c.r1 - c.r0 + 1, colspan: c.c1 - c.c0 + 1, source: { page: c.page, box: roundBox(c.box) } });
  }
  return expandSpans(rows, { page: t.page, box: roundBox(t.box) });
}

/**
 * Rows that hold nothing of their own — beside cells reaching down from above, only empty
 * cells — are slivers that ruling positions cut out of taller rows (a cell border a little
 * off its neighbours', a page break inside a row). Read as rows, they would repeat the labels
 * reaching into them: they are dropped, and the cells around them close up.
 */
function withoutSlivers(cells: TableCell[], nRows: number): { cells: TableCell[]; nRows: number } {
  const sliver = Array.from({ length: nRows }, (_, r) => {
    const own = cells.filter((c) => c.r0 === r);
    return own.every((c) => c.text.trim() === "") && cells.some((c) => c.r0 < r && c.r1 >= r);
  });
  if (!sliver.some(Boolean)) return { cells, nRows };
  const index: number[] = [];
  let n = 0;
  for (let r = 0; r < nRows; r++) index.push(sliver[r] ? -1 : n++);
  // The first kept row at or after r, and the last kept row at or before r.
  const down = (r: number) => {
    while (r < nRows && index[r] === -1) r++;
    return r < nRows ? index[r]! : -1;
  };
  const up = (r: number) => {
    while (r >= 0 && index[r] === -1) r--;
    return r >= 0 ? index[r]! : -1;
  };
  const out: TableCell[] = [];
  for (const c of cells) {
    const r0 = down(c.r0);
    const r1 = up(c.r1);
    if (r0 === -1 || r1 < r0) continue;
    out.push({ ...c, r0, r1 });
  }
  return { cells: out, nRows: n };
}
