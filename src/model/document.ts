import { said, type FindingMeta, type MessageData, type Severity } from "./finding.js";
import type { SourcePos } from "./source.js";

/**
 * The document model every reader produces (as docling's DoclingDocument): headings,
 * paragraphs and tables. Nothing after the reader knows which format a document came from.
 */
export interface Document {
  /** Reader id that produced it: `text`, `markdown`, `html`, `docx`, `pdf`, … */
  format: string;
  blocks: Block[];
  /** Title from the container (HTML <title>, PDF info, a crawler's `标题:`), when it has one. */
  title?: string;
  /** Publication date the container records (`YYYY-MM-DD`), when it has one. */
  published?: string;
  /** Publishing agency the container records (a crawler's `发布机构:`), when it names one. */
  publisher?: string;
  /** Problems the reader met that the user should hear about (e.g. low OCR confidence). */
  notes?: ReaderNote[];
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock;

export interface HeadingBlock {
  kind: "heading";
  /** 1 = top level; text formats that have no markup use 0 ("unknown level"). */
  level: number;
  text: string;
  source: SourcePos;
}

export interface ParagraphBlock {
  kind: "paragraph";
  text: string;
  source: SourcePos;
}

/** A cell recognised from an image below this confidence (0–1) is one the user should check. */
export const LOW_CONFIDENCE = 0.8;

/** One physical cell of a table, with its raw text exactly as the source had it. */
export interface DocCell {
  /** Raw text; line breaks inside the cell are kept as "\n". */
  text: string;
  rowspan: number;
  colspan: number;
  source: SourcePos;
  /** OCR confidence 0–1, when the text was recognised from an image. */
  confidence?: number;
}

/**
 * A position in a table row. In a grid table spans are expanded, so a cell that spans
 * two columns occupies two slots; the second one says `fromLeft`.
 */
export interface Slot {
  cell: DocCell;
  /** This slot is covered by a cell that starts in a row above (rowspan). */
  fromAbove: boolean;
  /** This slot is covered by a cell that starts in a column to the left (colspan). */
  fromLeft: boolean;
}

export interface TableBlock {
  kind: "table";
  rows: Slot[][];
  /**
   * true: slots are aligned physical columns (HTML, DOCX, PDF with ruling lines).
   * false: each row is just the cells in order, as in text copied out of a table,
   * where merged cells may show up as empty cells or not at all.
   */
  grid: boolean;
  /**
   * The source lost the boundaries between cells (text that ran a table's cells together):
   * a run of digits may be several cells, to be split by the table identities. Never set on
   * a table whose cells arrived apart.
   */
  boundariesLost?: boolean;
  source: SourcePos;
}

/**
 * Something a reader met that the user should hear about (low OCR confidence, a truncated PDF),
 * as a message of the reader's notice meta; it becomes a finding of origin `reader`.
 */
export interface ReaderNote {
  /** Id of the reader's notice meta (`reader-pdf`, `reader-ocr`, …). */
  kind: string;
  severity: Severity;
  messageId: string;
  data: MessageData;
  source?: SourcePos;
}

/** A note of `meta`'s message `messageId`. */
export function readerNote(meta: FindingMeta, severity: Severity, messageId: string, data: MessageData = {}, source?: SourcePos): ReaderNote {
  return { kind: meta.id, severity, ...said(meta, messageId, data), ...(source ? { source } : {}) };
}

/** Builds a grid table from rows of physical cells with spans, expanding rowspan/colspan. */
export function expandSpans(rows: DocCell[][], source: SourcePos): TableBlock {
  const grid: Slot[][] = [];
  rows.forEach((cells, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c]) c++;
      const rs = Math.max(1, Math.min(cell.rowspan, 500));
      const cs = Math.max(1, Math.min(cell.colspan, 200));
      for (let dr = 0; dr < rs; dr++) {
        // Spans may not reach past the last row: clip them, as browsers do.
        if (r + dr >= rows.length) break;
        const row = (grid[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) {
          if (row[c + dc]) continue;
          row[c + dc] = { cell, fromAbove: dr > 0, fromLeft: dc > 0 };
        }
      }
      c += cs;
    }
  });
  // Fill holes (rows shorter than the widest) so every row is dense.
  let width = 0;
  for (const r of grid) width = Math.max(width, r.length);
  for (const row of grid) {
    for (let c = 0; c < width; c++) {
      if (!row[c]) row[c] = { cell: { text: "", rowspan: 1, colspan: 1, source }, fromAbove: false, fromLeft: false };
    }
  }
  return { kind: "table", rows: grid, grid: true, source };
}

/** A ragged table: each row is the cells in the order the text gave them. */
export function raggedTable(rows: DocCell[][], source: SourcePos): TableBlock {
  return {
    kind: "table",
    grid: false,
    source,
    rows: rows.map((cells) => cells.map((cell) => ({ cell, fromAbove: false, fromLeft: false }))),
  };
}
