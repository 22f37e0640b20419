import { decodeText, type TextEncodingName } from "../encoding.js";
import { latin1 } from "../latin1.js";

/** How far into the page the charset declaration is looked for (it belongs in `<head>`). */
const PRESCAN_BYTES = 4096;

const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;
const XML_ENCODING_RE = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i;

/**
 * The charset a page declares in its first few KB: `<meta charset="gbk">`,
 * `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` or an XML
 * declaration. Tags are ASCII in every encoding we meet, so the bytes are read as Latin-1.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  return XML_ENCODING_RE.exec(head)?.[1] ?? META_CHARSET_RE.exec(head)?.[1] ?? null;
}

/**
 * Page bytes → text: BOM, then valid UTF-8, then the declared charset, else GB18030
 * (which reads GBK and GB2312). Throws the `encoding` ReadError of `decodeText`.
 */
export function decodeHtml(bytes: Uint8Array): { text: string; encoding: TextEncodingName; declared: string | null } {
  const declared = declaredCharset(bytes);
  return { ...decodeText(bytes, declared), declared };
}
