import type { Block, DocCell } from "../../model/document.js";
import { readerNote } from "../../model/document.js";
import { htmlNotes } from "./notes.js";
import { expandSpans } from "../../model/document.js";
import type { ReaderNote } from "../../model/document.js";
import { cleanSpaces } from "../../text/normalize.js";
import { sectionMark } from "./markers.js";
import { attr } from "./dom.js";
import { EV_BR, EV_OPEN, EV_TEXT, K_BLOCK, K_CAPTION, K_CELL, K_TABLE, K_TR, pathOf, type Page } from "./page.js";

/** Limits that keep a hostile page (rowspan=10000, a million cells) from exhausting memory. */
export const TABLE_LIMITS = {
  rows: 1000,
  cellsPerRow: 200,
  /** Grid columns a row may fill with its colspans. */
  width: 100,
  /** Grid slots over all tables of a page. */
  pageSlots: 2_000_000,
};

export interface TableBudget {
  slots: number;
  notes: ReaderNote[];
}

export interface TableRead {
  /** The caption (as a paragraph) and the table, when it has cells. */
  blocks: Block[];
  /** Tables inside cells (element numbers): read as tables of their own, after this one. */
  nested: number[];
}

/** One `<table>` as a grid with spans expanded; every cell keeps its raw text and path. */
export function readTable(page: Page, table: number, budget: TableBudget): TableRead {
  const { end, kind, els } = page;
  const nested: number[] = [];
  const blocks: Block[] = [];
  const rows: DocCell[][] = [];
  let truncated = false;
  for (let child = table + 1; child <= end[table]!; child = end[child]! + 1) {
    const k = kind[child]!;
    if (k & K_CAPTION) {
      const text = cellText(page, child, nested);
      if (cleanSpaces(text)) blocks.push({ kind: "paragraph", text: text.replace(/\n/g, " "), source: { path: pathOf(page, child) } });
      continue;
    }
    if (!(k & K_TR)) continue;
    if (rows.length >= TABLE_LIMITS.rows) {
      truncated = true;
      break;
    }
    const cells: DocCell[] = [];
    for (let c = child + 1; c <= end[child]!; c = end[c]! + 1) {
      if (!(kind[c]! & K_CELL)) continue;
      if (cells.length >= TABLE_LIMITS.cellsPerRow) {
        truncated = true;
        break;
      }
      const el = els[c]!;
      cells.push({ text: cellText(page, c, nested), rowspan: span(attr(el, "rowspan"), true), colspan: span(attr(el, "colspan"), false), source: { path: pathOf(page, c) } });
    }
    rows.push(cells);
  }
  const source = { path: pathOf(page, table) };
  if (truncated) {
    budget.notes.push(readerNote(htmlNotes, "warning", "tableTooLarge", { rows: TABLE_LIMITS.rows, cells: TABLE_LIMITS.cellsPerRow }, source));
  }
  for (const part of splitAtSectionHeads(rows)) {
    if (part.head) {
      blocks.push({ kind: "paragraph", text: part.head.text.replace(/\n/g, ""), source: part.head.source });
      continue;
    }
    if (!part.rows.some((r) => r.length)) continue;
    const width = clampSpans(part.rows);
    if (budget.slots + part.rows.length * width > TABLE_LIMITS.pageSlots) {
      budget.notes.push(readerNote(htmlNotes, "warning", "tooManyTables", {}, source));
      return { blocks, nested: [] };
    }
    budget.slots += part.rows.length * width;
    blocks.push(expandSpans(part.rows, source));
  }
  return { blocks, nested };
}

/**
 * A row that is one cell holding a section title (`三、收到和处理政府信息公开申请情况` written as
 * the table's first row, or between tables 3 and 4 drawn as one) is the section head, not
 * part of the table: the table is split there and the head becomes a paragraph.
 */
function splitAtSectionHeads(rows: DocCell[][]): { rows: DocCell[][]; head?: DocCell }[] {
  const parts: { rows: DocCell[][]; head?: DocCell }[] = [{ rows: [] }];
  for (const row of rows) {
    if (row.length === 1 && sectionMark(row[0]!.text.replace(/\n/g, "")) !== 0) {
      parts.push({ rows: [], head: row[0] }, { rows: [] });
    } else parts[parts.length - 1]!.rows.push(row);
  }
  return parts;
}

/** `rowspan`/`colspan` as a browser reads them; 0 rows means "to the end of the table". */
function span(v: string | undefined, row: boolean): number {
  const n = v === undefined ? 1 : Number.parseInt(v.trim(), 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return row ? 0 : 1;
  return Math.min(n, row ? 65534 : 1000);
}

/**
 * Spans may not reach past the last row nor push a row past the width limit. Cells are
 * placed as `expandSpans` will place them (skipping slots taken by rowspans from above),
 * so the limit holds for the expanded grid, not just for the written colspans.
 */
function clampSpans(rows: DocCell[][]): number {
  const busyUntil: number[] = [];
  let width = 0;
  rows.forEach((cells, r) => {
    let c = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      while (c < TABLE_LIMITS.width && (busyUntil[c] ?? 0) > r) c++;
      if (c >= TABLE_LIMITS.width) {
        cells.length = i;
        break;
      }
      const left = rows.length - r;
      cell.rowspan = cell.rowspan === 0 ? left : Math.min(cell.rowspan, left);
      cell.colspan = Math.min(cell.colspan, TABLE_LIMITS.width - c);
      for (let k = c; k < c + cell.colspan; k++) if ((busyUntil[k] ?? 0) <= r) busyUntil[k] = r + cell.rowspan;
      c += cell.colspan;
    }
    width = Math.max(width, c, busyUntil.length);
  });
  return width;
}

/**
 * Text of a cell: `<br>`, `<p>`, `<div>` and other blocks break lines ("\n"); HTML white
 * space collapses, but NBSP and U+3000 stay for the extractor to judge. Nested tables are
 * left out and handed back (in `nested`) to be read on their own. Read from the page's
 * events, so a cell is never walked again.
 */
export function cellText(page: Page, cell: number, nested: number[]): string {
  const { events, kind, text, close } = page;
  let out = "";
  let line = "";
  const last = close[cell]!;
  for (let i = page.open[cell]! + 1; i < last; i++) {
    const ev = events[i]!;
    const type = ev & 3;
    if (type === EV_TEXT) {
      line += text[ev >> 2]!;
      continue;
    }
    if (type !== EV_BR) {
      const e = ev >> 2;
      const k = kind[e]!;
      if (type === EV_OPEN && k & K_TABLE) {
        nested.push(e);
        i = close[e]!;
      } else if (!(k & K_BLOCK)) continue;
    }
    // A line break: the line so far, without its edge spaces, unless it is empty.
    const t = trimSpaces(line);
    if (t !== "") out = out === "" ? t : `${out}\n${t}`;
    line = "";
  }
  const t = trimSpaces(line);
  if (t !== "") out = out === "" ? t : `${out}\n${t}`;
  return out;
}

/** Without leading and trailing ASCII spaces (NBSP and U+3000 are the extractor's to judge). */
export function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) === 0x20) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
