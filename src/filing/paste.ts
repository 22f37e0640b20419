import { parse } from "parse5";
import { parseValue } from "../extract/values.js";
import type { Draft } from "../model/draft.js";
import type { TableBlock } from "../model/document.js";
import { findFirst } from "../readers/html/dom.js";
import { walkPage } from "../readers/html/page.js";
import { readTable } from "../readers/html/tables.js";
import { layoutReport, type LayoutTable } from "../render/layout.js";
import { cellName, templateById } from "../templates/index.js";
import { cleanSpaces } from "../text/normalize.js";
import type { CellUpdate } from "./edit.js";
import { draftReport } from "./report.js";

/** What a copy put on the clipboard: its plain text (`text/plain`) and, from a browser or Office, its HTML (`text/html`). */
export interface Clipboard {
  text?: string;
  html?: string;
}

export type PasteResult =
  | {
      ok: true;
      updates: CellUpdate[];
      rows: number;
      columns: number;
      /** Leading columns of row labels that were left out (copied with the numbers). */
      labelColumns: number;
    }
  /** The block does not fit where it was pasted, or is not a block: nothing changes. */
  | { ok: false; message: string };

/** The largest block taken: a whole table 3 is 25 rows of 7. */
const MAX_ROWS = 200;
const MAX_COLUMNS = 60;

/**
 * A block copied from Excel, WPS, Word or a web page's table, pasted with its top-left corner
 * on cell `at`: the cell updates it makes, or why it does not fit. The block's rows go down the
 * printed table's rows (as the filing form lays it out: src/render/layout.ts), its columns
 * across the row's cells from `at` on; a block that would run past the table, off the side, or
 * into a header or caption row is refused as a whole. Row labels copied with the numbers are
 * left out.
 */
export function pasteBlock(d: Draft, at: string, clip: Clipboard): PasteResult {
  const block = clipboardBlock(clip);
  if (typeof block === "string") return { ok: false, message: block };
  const t = templateById(d.template);
  const name = (key: string) => `“${cellName(key, t)}”`;
  const table = layoutReport(draftReport(d)).sections.map((s) => s.table).find((x) => x && rowsOf(x).some((r) => r.includes(at)));
  if (!table) return { ok: false, message: `“${at}”不是表格中可以填写的单元格` };
  const rows = rowsOf(table);
  const r0 = rows.findIndex((r) => r.includes(at));
  const c0 = rows[r0]!.indexOf(at);
  const labelColumns = leadingLabels(block);
  const body = block.map((r) => r.slice(labelColumns));
  const updates: CellUpdate[] = [];
  for (let i = 0; i < body.length; i++) {
    const row = rows[r0 + i];
    const width = body[i]!.length;
    if (row === undefined) return { ok: false, message: `粘贴的内容有 ${body.length} 行，从${name(at)}往下只有 ${i} 行，放不下（超出表格下边）` };
    if (row.length === 0) return { ok: false, message: `粘贴内容的第 ${i + 1} 行会落在表头或标题行上，放不下；请分段粘贴（从${name(at)}往下只有 ${i} 行可以填写）` };
    if (width > row.length - c0) {
      return { ok: false, message: `粘贴内容的第 ${i + 1} 行有 ${width} 列，表格这一行从${name(at)}所在的位置往右只有 ${Math.max(0, row.length - c0)} 个单元格，放不下（超出表格右边）` };
    }
    body[i]!.forEach((raw, j) => updates.push({ key: row[c0 + j]!, raw }));
  }
  return { ok: true, updates, rows: body.length, columns: Math.max(...body.map((r) => r.length)), labelColumns };
}

/** Each row of a laid-out table as the keys of its value cells, left to right ([] for header rows). */
function rowsOf(t: LayoutTable): string[][] {
  return t.rows.map((r) => r.filter((c) => c.role === "value" && c.key).map((c) => c.key!));
}

/** The copied block as rows of cell texts, or why there is none (Chinese). */
export function clipboardBlock(clip: Clipboard): string[][] | string {
  let rows: string[][] | null = null;
  if (clip.html && /<table[\s>]/i.test(clip.html)) rows = htmlBlock(clip.html);
  if (!rows && clip.text !== undefined) rows = tsvBlock(clip.text);
  if (!rows) return "剪贴板中没有可以粘贴的内容";
  // Empty rows at the end: the line break after the last row, or a selection a row too low.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === "")) rows.pop();
  if (rows.length === 0) return "剪贴板中没有可以粘贴的内容";
  if (rows.length > MAX_ROWS || rows.some((r) => r.length > MAX_COLUMNS)) return `粘贴的内容太大（最多 ${MAX_ROWS} 行、${MAX_COLUMNS} 列），不是一张年报表格的一部分`;
  return rows;
}

/** Rows of a table copied from a browser, Excel or Word (HTML), read by the HTML reader's table code: spans expanded, each cell once. */
function htmlBlock(html: string): string[][] | null {
  const el = findFirst(parse(html), "table");
  if (!el) return null;
  // The table is element 0 of its own walk: the reader's table code reads it as in a page.
  const read = readTable(walkPage(el, undefined), 0, { slots: 0, notes: [] });
  const table = read.blocks.find((b): b is TableBlock => b.kind === "table");
  if (!table) return null;
  // A merged cell counts once, in its first row and column, as it looked.
  return table.rows.map((r) => r.filter((s) => !s.fromAbove && !s.fromLeft).map((s) => cleanSpaces(s.cell.text.replace(/\n/g, " ")).trim()));
}

/**
 * Tab-separated rows as Excel and WPS put them on the clipboard: a field with a tab, a line
 * break or a quote is quoted, its quotes doubled.
 */
export function tsvBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === "\t") row.push(field.trim()), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field.trim());
      rows.push(row);
      (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field.trim()]);
  return rows;
}

/**
 * Leading columns that are row labels (`（一）予以公开`, `规章`) copied with the numbers: every
 * field in them is a label or empty (merged label cells copy empty), and one at least is a label.
 */
function leadingLabels(block: string[][]): number {
  let n = 0;
  const width = Math.min(...block.map((r) => r.length));
  while (n < width - 1) {
    const col = block.map((r) => r[n]!);
    if (!col.every((f) => f === "" || parseValue(f, "amount").form === "text") || !col.some((f) => f !== "")) break;
    n++;
  }
  return n;
}
