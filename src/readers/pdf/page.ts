import { chunkRuns } from "./align.js";
import { fillGrid, type FilledGrid } from "./cells.js";
import { readDrawing, type OpCodes } from "./drawing.js";
import type { Box, Matrix } from "../geometry.js";
import { findGrids } from "./grid.js";
import { splitSidebar } from "./columns.js";
import { groupLines, type TextLine } from "./lines.js";
import type { PdfPage } from "./pdfjs.js";
import { textRuns, type RawStyle, type TextRun } from "./text.js";

/** What one page holds: its tables (ruled grids with their text) and the lines outside them. */
export interface PageContent {
  /** 1-based page number. */
  page: number;
  box: Box;
  tables: FilledGrid[];
  lines: TextLine[];
  /** Letters in the text layer (0 for a scanned page). */
  chars: number;
  /** The text layer is there but cannot be decoded (fonts without a Unicode mapping). */
  garbled?: boolean;
}

/** Share of undecodable characters (private use, control, U+FFFD) that makes a text layer useless. */
const GARBLED_SHARE = 0.3;

/**
 * Pages with fewer letters than this have no usable text layer (scans, cover images): a scan
 * may still carry a page number as text.
 */
export const MIN_TEXT_CHARS = 2;

/** pdfjs `AnnotationMode.DISABLE`: form fields and annotations are not report content. */
const ANNOTATIONS_OFF = 0;

/** Reads one page: text runs, and — when there may be a table — the drawing for its grid. */
export async function readPage(page: PdfPage, no: number, ops: OpCodes, race: <T>(p: Promise<T>) => Promise<T>): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const base = viewport.transform as Matrix;
  const box: Box = [0, 0, viewport.width, viewport.height];
  const content = await race(page.getTextContent());
  const runs = textRuns(content.items, content.styles as Record<string, RawStyle>, base);
  const chars = runs.reduce((n, r) => n + (r.text.match(/\p{L}/gu)?.length ?? 0), 0);
  if (chars < MIN_TEXT_CHARS) return { page: no, box, tables: [], lines: [], chars };
  const all = runs.reduce((n, r) => n + r.text.replace(/\s/g, "").length, 0);
  const bad = runs.reduce((n, r) => n + (r.text.match(/[\p{Co}\p{Cc}\uFFFD]/gu)?.length ?? 0), 0);
  if (bad >= all * GARBLED_SHARE) return { page: no, box, tables: [], lines: [], chars: 0, garbled: true };

  const styles = content.styles as Record<string, RawStyle>;
  const verticalFonts = new Set(Object.keys(styles).filter((k) => styles[k]!.vertical));
  // The drawing costs as much as the text: read it only where a table may be — a line cut
  // into cells by wide gaps — or where vertical writing needs its glyphs placed.
  const lines0 = groupLines(runs);
  if (verticalFonts.size === 0 && !lines0.some((l) => chunkRuns(l).length > 1)) {
    return { page: no, box, tables: [], lines: splitSidebar(lines0, box[3]).map((l) => ({ ...l, page: no })), chars };
  }
  const opList = await race(page.getOperatorList({ annotationMode: ANNOTATIONS_OFF }));
  const drawing = readDrawing(opList.fnArray, opList.argsArray, ops, base, box, verticalFonts);
  let rest: TextRun[] = runs;
  // pdfjs drops glyphs of vertical fonts from its text layer: use the ones placed from the
  // text operators when they hold more.
  const count = (rs: TextRun[]) => rs.reduce((n, r) => n + (r.vertical ? r.text.replace(/\s/g, "").length : 0), 0);
  if (count(drawing.verticalText) > count(runs)) rest = [...runs.filter((r) => !r.vertical), ...drawing.verticalText];
  const tables: FilledGrid[] = [];
  for (const grid of findGrids(drawing)) {
    const { grid: filled, outside } = fillGrid(grid, rest);
    // A ruled box with one cell of text is a frame around prose, not a table.
    if (filled.cells.filter((c) => c.text.trim() !== "").length < 2) continue;
    tables.push(filled);
    rest = outside;
  }
  // No grid took any text: the lines grouped above still stand.
  const lines = splitSidebar(rest === runs ? lines0 : groupLines(rest), box[3]).map((l) => ({ ...l, page: no }));
  return { page: no, box, tables, lines, chars };
}
