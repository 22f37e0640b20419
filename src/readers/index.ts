import type { Document } from "../model/document.js";
import { ReadError } from "../model/errors.js";
import { docReader } from "./doc/index.js";
import { docxReader } from "./docx/index.js";
import { htmlReader } from "./html/index.js";
import { markdownReader } from "./markdown.js";
import { imageReader } from "./ocr/image-reader.js";
import { pdfReader } from "./pdf/index.js";
import { textReader } from "./text/index.js";
import type { ReadOptions, Reader } from "./types.js";

export type { ReadOptions, Reader } from "./types.js";

/**
 * Every reader, asked in turn by `detect`. A new input format is one new module here.
 * Binary formats sniff magic bytes and answer with high confidence; text formats answer low.
 */
export const READERS: Reader[] = [pdfReader, docxReader, docReader, htmlReader, imageReader, markdownReader, textReader];

export function registerReader(r: Reader): void {
  if (!READERS.some((x) => x.id === r.id)) READERS.unshift(r);
}

/** The reader for these bytes, chosen by content (the file name only breaks ties). */
export function detect(bytes: Uint8Array, name?: string): Reader | null {
  let best: Reader | null = null;
  let score = 0;
  for (const r of READERS) {
    let s = 0;
    try {
      s = r.sniff(bytes, name);
    } catch {
      s = 0;
    }
    if (s > score) {
      best = r;
      score = s;
    }
  }
  return best;
}

export function readerById(id: string): Reader | undefined {
  return READERS.find((r) => r.id === id);
}

/** Reads bytes into a Document with the detected (or named) reader. */
export async function readDocument(bytes: Uint8Array, options: ReadOptions & { format?: string } = {}): Promise<Document> {
  if (bytes.length === 0) throw new ReadError("empty", "文件是空的");
  const reader = options.format ? readerById(options.format) : detect(bytes, options.name);
  if (!reader) {
    throw new ReadError("unsupported", "无法识别文件格式：支持纯文本、Markdown、HTML 网页、Word（DOCX/DOC/WPS）和 PDF");
  }
  return reader.read(bytes, options);
}
