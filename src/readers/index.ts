import type { Document } from "../model/document.js";
import { ReadError } from "../model/errors.js";
import { docInfo } from "./doc/sniff.js";
import { docxInfo } from "./docx/sniff.js";
import { htmlInfo } from "./html/sniff.js";
import { lazyReader } from "./lazy.js";
import { markdownReader } from "./markdown.js";
import { imageInfo } from "./ocr/sniff.js";
import { pdfInfo } from "./pdf/sniff.js";
import { reportJsonReader } from "./report-json.js";
import { textReader } from "./text/index.js";
import type { DocumentReader, ReadOptions, Reader } from "./types.js";

export type { DocumentReader, ReadOptions, Reader, ReportReader } from "./types.js";

/**
 * Every reader, asked in turn by `detect`. A new input format is one new module here.
 * Binary formats sniff magic bytes and answer with high confidence; text formats answer low.
 * Readers with heavy libraries are registered by their sniffing part and load the rest on
 * their first file.
 */
export const READERS: Reader[] = [
  reportJsonReader,
  lazyReader(pdfInfo, async () => (await import("./pdf/index.js")).pdfReader),
  lazyReader(docxInfo, async () => (await import("./docx/index.js")).docxReader),
  lazyReader(docInfo, async () => (await import("./doc/index.js")).docReader),
  lazyReader(htmlInfo, async () => (await import("./html/index.js")).htmlReader),
  lazyReader(imageInfo, async () => (await import("./ocr/image-reader.js")).imageReader),
  markdownReader,
  textReader,
];

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

/** Ids of the readers, for `--reader`. */
export function readerIds(): string[] {
  return READERS.map((r) => r.id);
}

/** Extensions a folder is searched for: every reader's own. */
export function readerExtensions(): Set<string> {
  return new Set(READERS.flatMap((r) => r.extensions));
}

/** The reader to use: the named one, or the one the bytes look like. */
export function chooseReader(bytes: Uint8Array, options: ReadOptions & { format?: string } = {}): Reader {
  if (bytes.length === 0) throw new ReadError("empty", "文件是空的");
  if (options.format) {
    const r = readerById(options.format);
    if (!r) throw new ReadError("unsupported", `没有名为“${options.format}”的读取器；可用的有：${readerIds().join("、")}`);
    return r;
  }
  const r = detect(bytes, options.name);
  if (!r) throw new ReadError("unsupported", "无法识别文件格式：支持纯文本、Markdown、HTML 网页、Word（DOCX/DOC/WPS）、PDF、图片和报告 JSON");
  return r;
}

/** Reads bytes into a Document with the detected (or named) document reader. */
export async function readDocument(bytes: Uint8Array, options: ReadOptions & { format?: string } = {}): Promise<Document> {
  const reader = chooseReader(bytes, options);
  if (reader.output === "report") throw new ReadError("unsupported", "这是报告 JSON，不是文档：请用 readReports 读取");
  return (reader as DocumentReader).read(bytes, options);
}
