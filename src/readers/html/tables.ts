import type { Block, DocCell } from "../../model/document.js";
import { readerNote } from "../../model/document.js";
import { htmlNotes } from "./notes.js";
import { expandSpans } from "../../model/document.js";
import type { ReaderNote } from "../../model/document.js";
import { cleanSpaces } from "../../text/normalize.js";
import { sectionMark } from "./markers.js";
import { BLOCK_TAGS, attr, collapseWhite, isElement, isShown, isText, pathString, visibleChildren, walk, type Element, type PathNode, type Visit, type WalkLimits } from "./dom.js";

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
  limits: WalkLimits;
}

export interface TableRead {
  /** The caption (as a paragraph) and the table, when it has cells. */
  blocks: Block[];
  /** Tables inside cells: read as tables of their own, after this one. */
  nested: Visit[];
}

/** One `<table>` as a grid with spans expanded; every cell keeps its raw text and path. */
export function readTable(table: Element, path: PathNode, budget: TableBudget): TableRead {
  const nested: Visit[] = [];
  const blocks: Block[] = [];
  const rows: DocCell[][] = [];
  let truncated = false;
  for (const { node, path: p } of visibleChildren(table, path)) {
    if (!isElement(node)) continue;
    if (node.tagName === "caption") {
      const text = cellText(node, p, nested, budget.limits);
      if (cleanSpaces(text)) blocks.push({ kind: "paragraph", text: text.replace(/\n/g, " "), source: { path: pathString(p) } });
      continue;
    }
    if (node.tagName !== "tr") continue;
    if (rows.length >= TABLE_LIMITS.rows) {
      truncated = true;
      break;
    }
    const cells: DocCell[] = [];
    for (const { node: c, path: cp } of visibleChildren(node, p)) {
      if (!isElement(c) || (c.tagName !== "td" && c.tagName !== "th")) continue;
      if (cells.length >= TABLE_LIMITS.cellsPerRow) {
        truncated = true;
        break;
      }
      cells.push({ text: cellText(c, cp, nested, budget.limits), rowspan: span(attr(c, "rowspan"), true), colspan: span(attr(c, "colspan"), false), source: { path: pathString(cp) } });
    }
    rows.push(cells);
  }
  const source = { path: pathString(path) };
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
 * Most cells hold one text node, bare or wrapped one element inside another as Word writes
 * them (`<td><p><span>12</span></p></td>`): their text, found without a walk. Null for any
 * other cell (several children, a `<br>`, a nested table, a hidden wrapper).
 */
function singleText(cell: Element): string | null {
  let node: Element = cell;
  for (let depth = 0; depth < 8 && node.childNodes.length === 1; depth++) {
    const only = node.childNodes[0]!;
    if (isText(only)) return collapseWhite(only.value).replace(/^ +| +$/g, "");
    if (!isElement(only) || only.tagName === "table" || only.tagName === "br" || !isShown(only)) return null;
    node = only;
  }
  return null;
}

/**
 * Text of a cell: `<br>`, `<p>`, `<div>` and other blocks break lines ("\n"); HTML white
 * space collapses, but NBSP and U+3000 stay for the extractor to judge. Nested tables are
 * left out and handed back to be read on their own.
 */
export function cellText(cell: Element, path: PathNode, nested: Visit[], limits: WalkLimits): string {
  const single = singleText(cell);
  if (single !== null) return single;
  let text = "";
  const brk = () => {
    text += "\n";
  };
  walk(
    cell,
    path,
    {
      enter(node, p) {
        if (isText(node)) {
          text += collapseWhite(node.value);
          return false;
        }
        if (!isElement(node)) return false;
        if (node.tagName === "table") {
          nested.push({ node, path: p });
          brk();
          return false;
        }
        if (node.tagName === "br") {
          brk();
          return false;
        }
        if (BLOCK_TAGS.has(node.tagName)) brk();
        return true;
      },
      leave(el) {
        if (BLOCK_TAGS.has(el.tagName)) brk();
      },
    },
    limits,
  );
  return text
    .split("\n")
    .map((l) => l.replace(/^ +| +$/g, ""))
    .filter((l) => l !== "")
    .join("\n");
}
