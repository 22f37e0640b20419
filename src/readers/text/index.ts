import type { Document } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import { decodeText, looksLikeText } from "../encoding.js";
import type { DocumentReader } from "../types.js";
import { crawlerHeader } from "./crawler.js";
import { parseLines } from "./lines.js";
import { decodingNotes } from "./notes.js";

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
    const decoded = decodeText(bytes);
    const { text } = decoded;
    const notes = decodingNotes(decoded);
    const header = crawlerHeader(text);
    if (!header) return { format: "text", blocks: parseLines(text, { markdown: false }), ...notes };
    // The header's lines become blank lines, so that line numbers still count from the file's top.
    const body = "\n".repeat(header.lines) + text.split(/\r\n|\r|\n/).slice(header.lines).join("\n");
    return {
      format: "text",
      blocks: parseLines(body, { markdown: false, crawler: true }),
      ...(header.title ? { title: header.title } : {}),
      ...(header.published ? { published: header.published } : {}),
      ...(header.publisher ? { publisher: header.publisher } : {}),
      ...notes,
    };
  },
};
