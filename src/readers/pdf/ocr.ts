import type { Block, ReaderNote } from "../../model/document.js";
import type { ReadOptions } from "../types.js";

/** The OCR reader's entry point for PDF pages without a text layer (src/readers/ocr). */
export type OcrPdfPages = (bytes: Uint8Array, pages: number[], options: ReadOptions) => Promise<{ page: number; blocks: Block[]; notes: ReaderNote[] }[]>;

/**
 * The OCR module, when this build has it (null when it is not there). Imported by a computed
 * path so the PDF reader works, and type-checks, without it.
 */
export async function loadOcr(): Promise<OcrPdfPages | null> {
  const spec = "../ocr/index.js";
  let mod: { ocrPdfPages?: unknown };
  try {
    mod = (await import(/* @vite-ignore */ spec)) as { ocrPdfPages?: unknown };
  } catch (e) {
    const code = (e as { code?: string })?.code;
    const msg = String((e as Error)?.message ?? "");
    if (code === "ERR_MODULE_NOT_FOUND" || /Cannot find module|Failed to load url|Does the file exist/i.test(msg)) return null;
    throw e;
  }
  return typeof mod.ocrPdfPages === "function" ? (mod.ocrPdfPages as OcrPdfPages) : null;
}
