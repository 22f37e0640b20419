import { readerNote, type Block, type ReaderNote } from "../../model/document.js";
import { ocrNotes } from "./notes.js";
import type { ReadOptions } from "../types.js";
import { ocrDeadline } from "./deadline.js";
import { type OcrEngine, openEngine } from "./engine.js";
import { ocrPageImage } from "./page.js";
import { openPdfRenderer } from "./render.js";

/** Most pages recognised in one document: a report is a few pages; more is a scanned book. */
export const MAX_OCR_PAGES = 60;

export interface OcrPageResult {
  page: number;
  blocks: Block[];
  notes: ReaderNote[];
}

/**
 * Recognises the given pages (1-based) of a PDF that carry no text layer. One OCR worker
 * serves the whole document and is ended at the end; pages are rendered one ahead of the
 * recogniser (pdftoppm runs in its own process). Pages past MAX_OCR_PAGES are left out with a
 * note. Throws ReadError (`timeout`, `missing-tool`, `damaged`).
 */
export async function ocrPdfPages(bytes: Uint8Array, pages: number[], options: ReadOptions): Promise<OcrPageResult[]> {
  const deadline = ocrDeadline(options);
  let engine: OcrEngine | null = null;
  let renderer: Awaited<ReturnType<typeof openPdfRenderer>> | null = null;
  try {
    renderer = await openPdfRenderer(bytes, deadline);
    const r = renderer;
    const valid = [...new Set(pages)].filter((p) => Number.isInteger(p) && p >= 1 && (r.pageCount === 0 || p <= r.pageCount)).sort((a, b) => a - b);
    const wanted = valid.slice(0, MAX_OCR_PAGES);
    if (wanted.length === 0) return [];
    engine = await openEngine(deadline);
    const results: OcrPageResult[] = [];
    let next = r.render(wanted[0]!);
    for (let i = 0; i < wanted.length; i++) {
      const cur = await next;
      if (i + 1 < wanted.length) {
        next = r.render(wanted[i + 1]!);
        // A failure of the page being rendered ahead surfaces when its turn comes.
        next.catch(() => {});
      }
      const page = await ocrPageImage(cur.image, wanted[i]!, cur.dpi, engine, deadline);
      results.push({ page: page.page, blocks: page.blocks, notes: page.notes });
    }
    const first = results[0]!;
    first.notes.unshift(readerNote(ocrNotes, "info", "scanned", { pages: pageList(wanted) }, { page: first.page }));
    if (valid.length > wanted.length) {
      results[results.length - 1]!.notes.push(readerNote(ocrNotes, "warning", "tooManyPages", { max: MAX_OCR_PAGES, from: valid[MAX_OCR_PAGES]! }));
    }
    return results;
  } finally {
    await engine?.close();
    await renderer?.close();
    deadline.dispose();
  }
}

function pageList(pages: number[]): string {
  if (pages.length === 1) return `第 ${pages[0]} 页`;
  const contiguous = pages.every((p, i) => i === 0 || p === pages[i - 1]! + 1);
  return contiguous ? `第 ${pages[0]}–${pages[pages.length - 1]} 页` : `第 ${pages.join("、")} 页`;
}
