import { ReadError } from "../model/errors.js";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

/** Byte-order mark → encoding and its length. */
export function bomEncoding(b: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

export function isValidUtf8(b: Uint8Array): boolean {
  return strictUtf8(b) !== null;
}

/** The text of valid UTF-8 bytes, or null: validating and decoding are one pass. */
function strictUtf8(b: Uint8Array): string | null {
  try {
    return utf8Strict.decode(b);
  } catch {
    return null;
  }
}

/** Map of charset labels met on Chinese pages to what we decode them as (GBK ⊂ GB18030). */
export function normaliseCharset(label: string | undefined | null): TextEncodingName | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, "");
  if (l === "utf-8" || l === "utf8") return "utf-8";
  if (["gbk", "gb2312", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "x-euc-cn", "windows-936"].includes(l)) return "gb18030";
  if (l === "utf-16le" || l === "utf-16") return "utf-16le";
  if (l === "utf-16be") return "utf-16be";
  return null;
}

/** Share of characters that no text would have: C0 controls (bar tab/CR/LF/FF) and U+FFFD. */
export function garbageRatio(s: string): number {
  if (s.length === 0) return 0;
  let bad = 0;
  const n = Math.min(s.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || c === 0x7f) bad++;
  }
  return bad / n;
}

/**
 * Decodes text bytes: BOM first, then a declared charset (from an HTML meta tag, say),
 * then strict UTF-8, else GB18030 (which reads GBK and GB2312). Throws a ReadError when the
 * result is not text.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): { text: string; encoding: TextEncodingName } {
  const bom = bomEncoding(bytes);
  let encoding: TextEncodingName;
  let text: string | null = null;
  if (bom) {
    encoding = bom.encoding;
    text = new TextDecoder(encoding).decode(bytes.subarray(bom.length));
  } else if ((text = strictUtf8(bytes)) !== null) {
    // Valid UTF-8 wins over a declared GBK: servers re-encode pages and keep the old meta, while
    // real GBK text of any length is almost never valid UTF-8.
    encoding = "utf-8";
  } else {
    encoding = normaliseCharset(declared) ?? "gb18030";
    if (encoding === "utf-8") encoding = "gb18030";
    text = new TextDecoder(encoding).decode(bytes);
  }
  if (garbageRatio(text) > 0.02) {
    throw new ReadError("encoding", `无法识别文字编码（按 ${encoding.toUpperCase()} 解码后仍有大量乱码）：这可能不是文本文件，或编码已损坏`);
  }
  return { text, encoding };
}

/** True when the bytes look like text in some encoding (few NULs and control bytes). */
export function looksLikeText(b: Uint8Array): boolean {
  // Every text reader's sniff and read asks about the same bytes.
  let v = textLike.get(b);
  if (v === undefined) textLike.set(b, (v = scanTextLike(b)));
  return v;
}

const textLike = new WeakMap<Uint8Array, boolean>();

function scanTextLike(b: Uint8Array): boolean {
  if (bomEncoding(b)) return true;
  const n = Math.min(b.length, 8192);
  if (n === 0) return false;
  let ctl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) ctl++;
  }
  return ctl / n < 0.01;
}
