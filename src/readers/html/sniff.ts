import { bomEncoding, looksLikeText } from "../encoding.js";
import { latin1 } from "../latin1.js";
import type { ReaderInfo } from "../types.js";

const HEAD_BYTES = 2048;
/** Tags only a web page starts with. */
const PAGE_START_RE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/;
const PAGE_TAG_RE = /<(?:head|body|meta|title|table|div|p|link|script|style)\b[^>]*>/;
const LEADING_RE = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*/;

/**
 * How sure we are that the bytes are a web page: markup at the very start (after BOM,
 * white space, comments) is near-certain; markup further into text (a Markdown file with
 * an HTML table, a tag pasted into a .txt) counts only when the name says `.html`. Tags
 * are ASCII in GBK too, so the head is read as Latin-1 unless a UTF-16 BOM says otherwise.
 */
export function sniffHtml(bytes: Uint8Array, name?: string): number {
  if (!looksLikeText(bytes)) return 0;
  const head = headText(bytes).replace(/^[\s\u00ef\u00bb\u00bf\ufeff]+/, "").toLowerCase();
  if (PAGE_START_RE.test(head)) return 0.85;
  const tag = PAGE_TAG_RE.exec(head);
  if (!tag) return 0;
  if (tag.index === LEADING_RE.exec(head)![0].length) return 0.8;
  // Markup inside text (a pasted tag in a .txt) must not turn the text into a page.
  return name && /\.(?:s?html?|xhtml)$/i.test(name) ? 0.7 : 0.05;
}

function headText(bytes: Uint8Array): string {
  const bom = bomEncoding(bytes);
  if (bom && bom.encoding !== "utf-8") return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length, bom.length + HEAD_BYTES * 2));
  return latin1(bytes.subarray(0, HEAD_BYTES));
}

/** Web pages by their bytes, without loading the reader (parse5). */
export const htmlInfo: ReaderInfo = {
  id: "html",
  label: "HTML 网页",
  extensions: [".html", ".htm", ".shtml", ".xhtml"],
  sniff: sniffHtml,
};
