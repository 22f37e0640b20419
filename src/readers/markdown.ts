import type { Document } from "../model/document.js";
import { ReadError } from "../model/errors.js";
import { decodeText, looksLikeText } from "./encoding.js";
import { latin1 } from "./latin1.js";
import { linesDocument } from "./text/index.js";
import type { DocumentReader } from "./types.js";

const SNIFF_BYTES = 16_384;
const HEADING_RE = /^#{1,6}\s+\S/m;
const PIPE_TABLE_RE = /^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{2,}/m;

/** Markdown: `#` headings, pipe tables (and the tab tables text exports put inside them). */
export const markdownReader: DocumentReader = {
  id: "markdown",
  label: "Markdown",
  extensions: [".md", ".markdown"],
  sniff(bytes, name) {
    if (!looksLikeText(bytes)) return 0;
    // A Markdown report shows its `#` heads and first pipe table within the first pages.
    const start = bytes.subarray(0, SNIFF_BYTES);
    let score = 0;
    if (start.includes(0x23) || start.includes(0x7c)) {
      // The marks are ASCII: single bytes are enough to see them, and far cheaper to make.
      const head = latin1(start);
      if (HEADING_RE.test(head)) score += 0.4;
      if (PIPE_TABLE_RE.test(head)) score += 0.4;
    }
    if (name && /\.(md|markdown)$/i.test(name)) score += 0.3;
    return Math.min(score, 0.9);
  },
  read(bytes): Document {
    if (!looksLikeText(bytes)) throw new ReadError("binary", "这不是 Markdown 文本文件（含有二进制内容）");
    return linesDocument("markdown", decodeText(bytes), true);
  },
};
