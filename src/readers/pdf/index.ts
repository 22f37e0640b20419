import { readerNote, type Block, type Document, type ReaderNote } from "../../model/document.js";
import { pdfNotes } from "./notes.js";
import { ReadError } from "../../model/errors.js";
import type { DocumentReader, ReadOptions } from "../types.js";
import { Deadline } from "../deadline.js";
import { latin1 } from "../latin1.js";
import { assemble } from "./assemble.js";
import type { OpCodes } from "./drawing.js";
import { loadOcr } from "./ocr.js";
import { MIN_TEXT_CHARS, readPage, type PageContent } from "./page.js";
import { openError, openPdf } from "./pdfjs.js";
import { pdfHeaderAt, pdfInfo } from "./sniff.js";

/** Default limit for reading one PDF (text layer only; OCR brings its own budget). */
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/** Annual reports run to a few dozen pages; beyond this a file is not one, or is hostile. */
export const MAX_PDF_PAGES = 300;

export { pdfHeaderAt } from "./sniff.js";

/** `%%EOF` near the end: its absence means the file was cut off. */
function hasEof(bytes: Uint8Array): boolean {
  const tail = latin1(bytes.subarray(Math.max(0, bytes.length - 2048)));
  return tail.includes("%%EOF");
}

/** PDF with a text layer: text with its boxes, tables rebuilt from the ruling lines. */
export const pdfReader: DocumentReader = {
  ...pdfInfo,
  read: readPdf,
};

export async function readPdf(bytes: Uint8Array, options: ReadOptions): Promise<Document> {
  if (pdfHeaderAt(bytes) < 0) throw new ReadError("unsupported", "这不是 PDF 文件（文件开头没有 %PDF- 标记）");
  const deadline = new Deadline(options, "PDF 读取", DEFAULT_PDF_TIMEOUT_MS);
  const notes: ReaderNote[] = [];
  const cut = !hasEof(bytes);
  if (cut) notes.push(readerNote(pdfNotes, "warning", "truncated"));
  const pdf = await openPdf(bytes, deadline.race).catch((e: unknown) => {
    deadline.dispose();
    if (cut && e instanceof ReadError && e.code === "damaged") {
      throw new ReadError("damaged", "PDF 文件不完整（文件末尾缺失，可能在下载或复制时被截断），无法读取", { cause: e });
    }
    throw e;
  });
  try {
    const { doc, lib } = pdf;
    const title = await docTitle(doc, deadline);
    const total = doc.numPages;
    const count = Math.min(total, MAX_PDF_PAGES);
    if (total > count) notes.push(readerNote(pdfNotes, "warning", "pageLimit", { total, count }));
    const pages: PageContent[] = [];
    const failed: number[] = [];
    let firstError: unknown = null;
    for (let no = 1; no <= count; no++) {
      deadline.check();
      try {
        const page = await deadline.race(doc.getPage(no));
        try {
          pages.push(await readPage(page, no, lib.OPS as unknown as OpCodes, deadline.race));
        } finally {
          page.cleanup();
        }
      } catch (e) {
        if (e instanceof ReadError) throw e;
        failed.push(no);
        firstError ??= e;
      }
    }
    if (pages.length === 0) throw failed.length ? openError(firstError) : new ReadError("empty", "PDF 文件没有任何页面");
    // pdfjs rebuilt a broken cross-reference table, and pages are still unreadable: what is left is not the report.
    const lostFailure = pdf.lostFailure();
    if (lostFailure !== undefined && failed.length) {
      const why = (lostFailure as Error)?.message ?? String(lostFailure);
      throw new ReadError("damaged", `PDF 文件已损坏：交叉引用表中有无效条目（${why}），重建后第 ${failed.join("、")} 页仍无法解析，无法可靠读取`, { cause: lostFailure });
    }
    if (failed.length) notes.push(readerNote(pdfNotes, "warning", "pagesDamaged", { pages: failed.join("、") }));

    const scanned = pages.filter((p) => p.chars < MIN_TEXT_CHARS).map((p) => p.page);
    const garbled = pages.filter((p) => p.garbled).map((p) => p.page);
    if (garbled.length) {
      notes.push(readerNote(pdfNotes, "warning", "garbled", { pages: garbled.join("、") }));
    }
    const ocrBlocks = scanned.length ? await recognise(bytes, scanned, options, deadline, notes) : new Map<number, Block[]>();
    const blocks = assemble(pages, ocrBlocks);
    if (blocks.length === 0) {
      if (scanned.length === pages.length && ocrBlocks.size === 0) {
        throw new ReadError("missing-tool", "这是扫描件 PDF（页面是图片，没有文字层），需要文字识别（OCR）才能读取，但文字识别组件不可用");
      }
      throw new ReadError("not-a-report", "PDF 中没有可读的文字");
    }
    return { format: "pdf", blocks, ...(title ? { title } : {}), ...(notes.length ? { notes } : {}) };
  } catch (e) {
    throw e instanceof ReadError ? e : openError(e);
  } finally {
    deadline.dispose();
    await pdf.close();
  }
}

async function docTitle(doc: { getMetadata(): Promise<{ info: unknown }> }, deadline: Deadline): Promise<string | undefined> {
  try {
    const { info } = await deadline.race(doc.getMetadata());
    const t = (info as { Title?: unknown } | null)?.Title;
    return typeof t === "string" && t.trim() ? t.trim() : undefined;
  } catch (e) {
    if (e instanceof ReadError) throw e;
    return undefined;
  }
}

/** Pages without a text layer go to OCR; when its engine cannot load, the user is told which pages went unread. */
async function recognise(bytes: Uint8Array, pages: number[], options: ReadOptions, deadline: Deadline, notes: ReaderNote[]): Promise<Map<number, Block[]>> {
  const out = new Map<number, Block[]>();
  const list = pages.join("、");
  let ocr;
  try {
    ocr = await loadOcr();
  } catch (e) {
    notes.push(readerNote(pdfNotes, "warning", "ocrFailed", { pages: list, reason: String((e as Error)?.message ?? e) }));
    return out;
  }
  // OCR keeps its own (longer) default budget; a limit the caller set is shared.
  const results = await ocr(bytes, pages, { ...options, timeoutMs: options.timeoutMs === undefined ? undefined : deadline.left() });
  for (const r of results) {
    out.set(r.page, r.blocks);
    notes.push(...r.notes);
  }
  return out;
}
