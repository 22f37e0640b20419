import type { Block, TableBlock } from "../model/document.js";
import type { SourcePos } from "../model/source.js";
import { cleanSpaces, isDigits, normLabel, stripArtefacts, toHalfWidth } from "../text/normalize.js";
import { parseValue } from "./values.js";

/** One cell of a table row as the extractor sees it, whatever the format. */
export interface RowCell {
  raw: string;
  norm: string;
  source: SourcePos;
  /** First grid column (grid tables) or index among the row's cells (ragged rows). */
  col: number;
  span: number;
  /** Covered by a cell from a row above (a rowspan label such as `（三）不予公开`). */
  fromAbove: boolean;
  /** Holds a value or its absence (number, blank, `/`, `无`) rather than a label. */
  isValue: boolean;
  isBlank: boolean;
  /** OCR confidence, when the reader had one. */
  confidence?: number;
}

export interface Row {
  cells: RowCell[];
  /** Section (1–6) the row sits in, 0 when unknown. */
  section: number;
  grid: boolean;
  source: SourcePos;
  /** Index of the document table (or paragraph block) it came from. */
  block: number;
  /** Made from text whose cell boundaries were lost (a paragraph, or a table that says so). */
  fromText?: boolean;
}

function makeCell(raw: string, source: SourcePos, col: number, span: number, fromAbove: boolean, confidence?: number): RowCell {
  if (isDigits(raw)) return { raw, norm: raw, source, col, span, fromAbove, isValue: true, isBlank: raw === "", confidence };
  const text = cleanSpaces(stripArtefacts(raw));
  const pv = parseValue(text, "amount");
  return {
    raw,
    norm: normLabel(raw),
    source,
    col,
    span,
    fromAbove,
    isValue: pv.form !== "text",
    isBlank: pv.form === "blank",
    confidence,
  };
}

const NUMERIC_RUN_RE = /^[+-]?\d[\d.,]*\s*(?:万元|元|件)?$/;

/** Rows of a document table: distinct cells per row, colspan continuations folded in. */
export function tableRows(t: TableBlock, section: number, block: number): Row[] {
  const rows: Row[] = [];
  for (const slots of t.rows) {
    const cells: RowCell[] = [];
    let idx = 0;
    for (let c = 0; c < slots.length; c++) {
      const s = slots[c]!;
      if (s.fromLeft && cells.length && cells[cells.length - 1]!.source === s.cell.source) {
        cells[cells.length - 1]!.span++;
        continue;
      }
      if (s.fromLeft && t.grid) continue;
      const cell = makeCell(s.cell.text, s.cell.source, t.grid ? c : idx, 1, s.fromAbove, s.cell.confidence);
      // Where boundaries were lost, a run of digits holds values even if it reads as no one number (`1202,393.3332`).
      if (t.boundariesLost && !cell.isValue && NUMERIC_RUN_RE.test(toHalfWidth(s.cell.text.trim()))) cell.isValue = true;
      cells.push(cell);
      idx++;
    }
    // Grid spans: count the slots each cell covers in this row.
    if (t.grid) {
      for (const cell of cells) {
        let span = 1;
        const first = slots[cell.col]!.cell;
        while (cell.col + span < slots.length && slots[cell.col + span]!.cell === first && slots[cell.col + span]!.fromLeft) span++;
        cell.span = span;
      }
    }
    if (cells.length === 0) continue;
    const src = cells.find((c) => !c.fromAbove)?.source ?? t.source;
    rows.push({ cells, section, grid: t.grid, source: src, block, ...(t.boundariesLost ? { fromText: true } : {}) });
  }
  return rows;
}

/** A report's tables have under a hundred rows; beyond this the input is not a report. */
export const MAX_ROWS = 5000;

const NUM_TAIL_RE = /^(.*?[^\d\s.,+\-])?\s*((?:[+\-]?\d[\d.,]*\s*(?:万元|元|件)?\s*)+)$/;

/**
 * A paragraph that is a table row whose cell boundaries were lost (crawled pages, text
 * pasted from PDFs): `一、本年新收政府信息公开申请数量 80 1 0 0 0 0 81`, or with the digits
 * run together. Returns null for prose.
 */
export function paragraphRow(text: string, source: SourcePos, section: number, block: number): Row | null {
  const t = cleanSpaces(toHalfWidth(stripArtefacts(text)));
  if (t.length === 0 || t.length > 300 || /[。；！？]/.test(t)) return null;
  const m = NUM_TAIL_RE.exec(t);
  const cells: RowCell[] = [];
  if (m && m[2]) {
    const label = (m[1] ?? "").trim();
    if (label) for (const piece of splitLabel(label)) cells.push(makeCell(piece, source, cells.length, 1, false));
    // A sign after a digit starts the next cell: `120-12019` is `120` then `-12019`.
    for (const tok of m[2].trim().split(/\s+|(?<=\d)(?=[+-])/)) {
      // The numeric tail holds values even where a run does not read as one number (`1202,393.3332`).
      const c = makeCell(tok, source, cells.length, 1, false);
      cells.push({ ...c, isValue: true });
    }
  } else {
    // No numbers: maybe a header row, its labels separated by spaces.
    for (const piece of t.split(/\s+/)) cells.push(makeCell(piece, source, cells.length, 1, false));
  }
  return { cells, section, grid: false, source, block, fromText: true };
}

/** Label text of a collapsed row: separate pieces on spaces, but keep bracketed notes whole. */
function splitLabel(label: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of label) {
    if (ch === "(" || ch === "（") depth++;
    if (ch === ")" || ch === "）") depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Every row of every table in the document, plus table-like paragraphs of sections 二–四
 * (the section heads themselves excluded).
 */
export function documentRows(blocks: Block[], sectionOf: number[], headBlocks: Set<number>): Row[] {
  const rows: Row[] = [];
  blocks.forEach((b, i) => {
    if (rows.length >= MAX_ROWS) return;
    const section = sectionOf[i] ?? 0;
    if (b.kind === "table") rows.push(...tableRows(b, section, i));
    else if (b.kind === "paragraph" && section >= 2 && section <= 4 && !headBlocks.has(i)) {
      const r = paragraphRow(b.text, b.source, section, i);
      if (r) rows.push(r);
    }
  });
  return rows;
}
