import type { Block, ReaderNote } from "../../model/document.js";
import type { ReadOptions } from "../types.js";

/** OCR's result for the PDF pages it was given. */
export type OcrPdfPages = (bytes: Uint8Array, pages: number[], options: ReadOptions) => Promise<{ page: number; blocks: Block[]; notes: ReaderNote[] }[]>;

/**
 * The OCR stage for pages without a text layer (src/readers/ocr). Imported when a PDF has such
 * pages, so that tesseract and its model load only for scans.
 */
export async function loadOcr(): Promise<OcrPdfPages> {
  return (await import("../ocr/pdf-pages.js")).ocrPdfPages;
}
