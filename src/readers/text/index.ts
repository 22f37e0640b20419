import { readerNote, type Document } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import { decodeText, looksLikeText, type DecodedText } from "../encoding.js";
import type { DocumentReader } from "../types.js";
import { crawlerHeader } from "./crawler.js";
import { parseLinesBounded, MAX_TEXT_ITEMS } from "./lines.js";
import { decodingNotes, textNotes } from "./notes.js";

/** Plain text copied out of Word, WPS or a web page, or saved by a web crawler (UTF-8, UTF-16 or GBK). */
export const textReader: DocumentReader = {
  id: "text",
  label: "纯文本",
  extensions: [".txt", ".text"],
  sniff(bytes) {
    return looksLikeText(bytes) ? 0.1 : 0;
  },
  read(bytes): Document {
    if (!looksLikeText(bytes)) throw new ReadError("binary", "这不是文本文件（含有二进制内容），也不是可识别的 Word、PDF 或网页格式");
    return linesDocument("text", decodeText(bytes), false);
  },
};

/**
 * Text or Markdown lines as a document: a crawler's header read into the title and dates, a
 * note on bytes that could not be decoded, and one when the text held too many cells to read whole.
 */
export function linesDocument(format: "text" | "markdown", decoded: DecodedText, markdown: boolean): Document {
  const { text } = decoded;
  const notes = decodingNotes(decoded).notes ?? [];
  const header = markdown ? null : crawlerHeader(text);
  // The header's lines become blank lines, so that line numbers still count from the file's top.
  const body = header ? "\n".repeat(header.lines) + text.slice(offsetOfLine(text, header.lines)) : text;
  const { blocks, cutAtLine } = parseLinesBounded(body, { markdown, crawler: header !== null });
  if (cutAtLine !== undefined) notes.push(readerNote(textNotes, "warning", "cut", { max: MAX_TEXT_ITEMS.toLocaleString("en-US"), line: cutAtLine }));
  return {
    format,
    blocks,
    ...(header?.title ? { title: header.title } : {}),
    ...(header?.published ? { published: header.published } : {}),
    ...(header?.publisher ? { publisher: header.publisher } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

/** Where line `n` (0-based) starts: after `n` line breaks (\r\n, \r or \n). */
function offsetOfLine(text: string, n: number): number {
  let k = 0;
  for (let seen = 0; seen < n && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) seen++;
  }
  return k;
}
