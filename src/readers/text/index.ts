import { readerNote, type Document } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import { decodeText, looksLikeText } from "../encoding.js";
import type { DocumentReader } from "../types.js";
import { parseLinesBounded, MAX_TEXT_ITEMS } from "./lines.js";
import { textNotes } from "./notes.js";

/** Plain text copied out of Word, WPS or a web page (UTF-8, UTF-16 or GBK). */
export const textReader: DocumentReader = {
  id: "text",
  label: "纯文本",
  extensions: [".txt", ".text"],
  sniff(bytes) {
    return looksLikeText(bytes) ? 0.1 : 0;
  },
  read(bytes): Document {
    if (!looksLikeText(bytes)) throw new ReadError("binary", "这不是文本文件（含有二进制内容），也不是可识别的 Word、PDF 或网页格式");
    const { text } = decodeText(bytes);
    return linesDocument("text", text, false);
  },
};

/** Text or Markdown lines as a document, with a note when the text held too many cells to read whole. */
export function linesDocument(format: "text" | "markdown", text: string, markdown: boolean): Document {
  const { blocks, cutAtLine } = parseLinesBounded(text, { markdown });
  if (cutAtLine === undefined) return { format, blocks };
  return { format, blocks, notes: [readerNote(textNotes, "warning", "cut", { max: MAX_TEXT_ITEMS.toLocaleString("en-US"), line: cutAtLine })] };
}
