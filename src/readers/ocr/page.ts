import { type Block, type DocCell, expandSpans, LOW_CONFIDENCE, readerNote, type ReaderNote } from "../../model/document.js";
import { ocrNotes } from "./notes.js";
import type { SourcePos } from "../../model/source.js";
import { contains } from "../geometry.js";
import { readTable } from "./cells.js";
import { rotate, skewAngle } from "./deskew.js";
import type { Deadline } from "./deadline.js";
import { type OcrEngine, PSM } from "./engine.js";
import { findTables, type GridTable, type Rect } from "./grid.js";
import { type Gray, inkMask, otsu, ruleThreshold, whiten } from "./image.js";
import { eraseRulings, findRulings, lineParams } from "./lines.js";
import { textBlocks, textLines } from "./text.js";

export interface PageOcr {
  page: number;
  blocks: Block[];
  notes: ReaderNote[];
  /** Table cells read with low confidence (for the page's note). */
  lowConfidence: number;
}


/**
 * One page image → document blocks. Tables are found from their ruling lines; each cell is
 * recognised on its own (with the lines erased), numbers twice; the text around the tables
 * is recognised once with the tables blanked out and split into headings and paragraphs.
 */
export async function ocrPageImage(input: Gray, page: number, dpi: number, engine: OcrEngine, deadline: Deadline): Promise<PageOcr> {
  const out: PageOcr = { page, blocks: [], notes: [], lowConfidence: 0 };
  const scan = whiten(input);
  const threshold = otsu(scan);
  let mask = inkMask(scan, threshold);
  let ink = 0;
  for (let p = 0; p < mask.length; p++) ink += mask[p]!;
  if (ink < mask.length * 0.0002) {
    out.notes.push(readerNote(ocrNotes, "info", "blankPage", { page }, { page }));
    return out;
  }
  let img = scan;
  const skew = skewAngle(scan, threshold);
  if (skew !== 0) {
    img = rotate(scan, -skew);
    mask = inkMask(img, threshold);
    out.notes.push(readerNote(ocrNotes, "info", "deskewed", { page, angle: Math.abs(skew) }, { page }));
  }
  const ruleMask = inkMask(img, ruleThreshold(img, threshold));
  const rulings = findRulings(ruleMask, img, lineParams(dpi));
  // Smallest table: an inch wide, two lines of text high.
  const tables = findTables(rulings, Math.max(3, Math.round(dpi * 0.02)), dpi, dpi * 0.25, { mask: ruleMask, width: img.width, height: img.height });
  const clean = eraseRulings(img, { horizontal: tables.flatMap((t) => t.segments.horizontal), vertical: tables.flatMap((t) => t.segments.vertical) });
  const pt = (v: number) => Math.round((v * 72 * 10) / dpi) / 10;
  const boxOf = (r: Rect): SourcePos["box"] => [pt(r[0]), pt(r[1]), pt(r[2]), pt(r[3])];

  const placed: { y: number; block: Block }[] = [];
  for (const b of await pageText(clean, tables, mask, dpi, engine)) {
    const source: SourcePos = { page, box: boxOf(b.box) };
    placed.push({ y: b.box[1], block: b.kind === "heading" ? { kind: "heading", level: 0, text: b.text, source } : { kind: "paragraph", text: b.text, source } });
  }
  for (const t of tables) {
    deadline.check();
    const rows: DocCell[][] = Array.from({ length: t.ys.length - 1 }, () => []);
    const readings = await readTable(engine, clean, t.cells, threshold, dpi);
    t.cells.forEach((c, k) => {
      const got = readings[k]!;
      rows[c.row]!.push({ text: got.text, rowspan: c.rowspan, colspan: c.colspan, source: { page, box: boxOf(c.rect) }, confidence: round2(got.confidence) });
      if (got.text && got.confidence < LOW_CONFIDENCE) out.lowConfidence++;
    });
    placed.push({ y: t.rect[1], block: expandSpans(rows, { page, box: boxOf(t.rect) }) });
  }
  out.blocks = placed.sort((a, b) => a.y - b.y).map((p) => p.block);
  if (out.lowConfidence > 0) {
    // Info: the cells that land in the statutory tables get their own finding from the
    // extractor, checked against the identities; this note covers the page as a whole.
    out.notes.push(readerNote(ocrNotes, "info", "lowConfidence", { page, n: out.lowConfidence }, { page }));
  }
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Recognises the page outside the tables (skipped when all ink is inside them). */
async function pageText(clean: Gray, tables: GridTable[], mask: Uint8Array, dpi: number, engine: OcrEngine) {
  const inTable = (x: number, y: number) => tables.some((t) => contains(t.rect, x, y, 2));
  let outside = 0;
  const step = 4;
  for (let y = 0; y < clean.height; y += step) for (let x = 0; x < clean.width; x += step) if (mask[y * clean.width + x] && !inTable(x, y)) outside++;
  if (outside < 20) return [];
  const img = tables.length ? { ...clean, data: clean.data.slice() } : clean;
  for (const t of tables) {
    const [x0, y0, x1, y1] = t.rect;
    for (let y = Math.max(0, y0 - 2); y < Math.min(img.height, y1 + 3); y++) img.data.fill(255, y * img.width + Math.max(0, x0 - 2), y * img.width + Math.min(img.width, x1 + 3));
  }
  const lines = await engine.recognize(img, { psm: PSM.auto, dpi });
  return textBlocks(textLines(lines), clean.width);
}
