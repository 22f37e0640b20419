import { Buffer } from "node:buffer";
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
 * True when bytes hold a C0 control other than tab, LF, FF and CR, or DEL. In UTF-8 and
 * GB18030 these are the only bytes that decode to such characters (a broken sequence gives
 * its ASCII byte back), so text decoded from bytes without them, and without U+FFFD, has no
 * garbage at all: the common case is answered without looking at every character.
 * Four bytes at a time: a word is looked into only when it has a byte below 0x20 or a DEL.
 */
export function hasControlBytes(b: Uint8Array): boolean {
  let i = 0;
  const n = b.length;
  if (b.byteOffset % 4 === 0) {
    const words = new Uint32Array(b.buffer, b.byteOffset, n >>> 2);
    for (let w = 0; w < words.length; w++) {
      const x = words[w]!;
      const low = (x - 0x20202020) & ~x & 0x80808080;
      const y = x ^ 0x7f7f7f7f;
      const del = (y - 0x01010101) & ~y & 0x80808080;
      if ((low | del) === 0) continue;
      for (let k = w * 4; k < w * 4 + 4; k++) if (isControlByte(b[k]!)) return true;
    }
    i = words.length * 4;
  }
  for (; i < n; i++) if (isControlByte(b[i]!)) return true;
  return false;
}

function isControlByte(c: number): boolean {
  return c < 0x20 ? c !== 9 && c !== 10 && c !== 12 && c !== 13 : c === 0x7f;
}

/** Text decoded from bytes, with what could not be decoded. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Places with invalid bytes, each replaced by one U+FFFD: how many, and the line of the first. */
  bad?: { count: number; line: number };
}

/**
 * A UTF-8 text may have this share of invalid places (to its other non-ASCII characters) and
 * still be UTF-8. GBK read as UTF-8 has several invalid places for every character that decodes.
 */
const MAX_BAD_UTF8 = 1 / 10;

/**
 * Decodes text bytes: a UTF-16 BOM, UTF-16 without one (told by its byte pattern), valid UTF-8
 * (a UTF-8 BOM only strengthens it), a declared charset, UTF-8 with a few invalid bytes, else
 * GB18030 (which reads GBK and GB2312). A GBK text behind a stray UTF-8 BOM is GBK. Invalid
 * sequences become U+FFFD and are counted. Throws a ReadError when the result is not text.
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  let decoded: DecodedText | null = null;
  if (bom && bom.encoding !== "utf-8") decoded = withBad(new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), bom.encoding);
  const body = bom?.encoding === "utf-8" ? bytes.subarray(bom.length) : bytes;
  // Valid UTF-8 (the common case) is one strict pass; NUL bytes mean UTF-16 and go first.
  const nul = !decoded && hasNul(body);
  if (nul) decoded = utf16(body);
  if (!decoded) {
    const strict = strictUtf8(body);
    // Valid UTF-8 wins over a declared GBK: servers re-encode pages and keep the old meta, while
    // real GBK text of any length is almost never valid UTF-8.
    if (strict !== null) decoded = { text: strict, encoding: "utf-8" };
  }
  if (!decoded && !nul) decoded = utf16(body);
  if (!decoded) decoded = mostlyUtf8(body);
  if (!decoded) {
    let encoding = normaliseCharset(declared) ?? "gb18030";
    if (encoding === "utf-8") encoding = "gb18030";
    decoded = withBad(new TextDecoder(encoding).decode(body), encoding);
  }
  const ascii = decoded.encoding === "utf-8" || decoded.encoding === "gb18030";
  const clean = ascii && !decoded.bad && !hasControlBytes(body) && decoded.text.indexOf("\ufffd") < 0;
  if (!clean && garbageRatio(decoded.text) > 0.02) {
    throw new ReadError("encoding", `无法识别文字编码（按 ${decoded.encoding.toUpperCase()} 解码后仍有大量乱码）：这可能不是文本文件，或编码已损坏`);
  }
  return decoded;
}

/**
 * The text with its replacement characters counted. A broken character leaves a run of them (a
 * bad lead byte, then its orphaned continuation bytes): each run is one place, and one `�`.
 */
function withBad(raw: string, encoding: TextEncodingName): DecodedText {
  if (raw.indexOf("\ufffd") < 0) return { text: raw, encoding };
  const text = raw.replace(/\ufffd+/g, "\ufffd");
  const first = text.indexOf("\ufffd");
  let count = 0;
  for (let i = first; i >= 0; i = text.indexOf("\ufffd", i + 1)) count++;
  return { text, encoding, bad: { count, line: lineAt(text, first) } };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  // Old Mac line ends: count a CR that no LF follows.
  for (let i = text.indexOf("\r"); i >= 0 && i < index; i = text.indexOf("\r", i + 1)) if (text[i + 1] !== "\n") line++;
  return line;
}

/** UTF-8 with a few invalid bytes (one flipped byte in a whole report), or null. */
function mostlyUtf8(b: Uint8Array): DecodedText | null {
  // Counted on the bytes first: GBK read as UTF-8 is given up on long before its end.
  const damage = utf8Damage(b, MAX_BAD_UTF8);
  if (damage === null || damage.bad > damage.wide * MAX_BAD_UTF8) return null;
  return withBad(new TextDecoder("utf-8").decode(b), "utf-8");
}

/**
 * What `new TextDecoder("utf-8").decode(b)` would give, counted on the bytes as the WHATWG
 * decoder reads them (a leading BOM dropped; each maximal invalid subpart one U+FFFD): `bad`,
 * the places with U+FFFD (a run of them is one place, a U+FFFD written in the text joins its
 * run), and `wide`, the other code units above ASCII. Null as soon as `bad` must exceed
 * `wide × ratio` however the rest reads (each remaining byte adds at most half a code unit).
 */
export function utf8Damage(b: Uint8Array, ratio = Infinity): { bad: number; wide: number } | null {
  const n = b.length;
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let bad = 0;
  let wide = 0;
  let inRun = false;
  let need = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  const replaced = () => {
    if (!inRun) bad++;
    inRun = true;
    return bad > (wide + (n - i + 4) / 2) * ratio;
  };
  for (; i < n; i++) {
    const x = b[i]!;
    if (need === 0) {
      if (x < 0x80) inRun = false;
      else if (x >= 0xc2 && x <= 0xdf) {
        need = 1;
        cp = x & 0x1f;
      } else if (x >= 0xe0 && x <= 0xef) {
        if (x === 0xe0) lower = 0xa0;
        if (x === 0xed) upper = 0x9f;
        need = 2;
        cp = x & 0xf;
      } else if (x >= 0xf0 && x <= 0xf4) {
        if (x === 0xf0) lower = 0x90;
        if (x === 0xf4) upper = 0x8f;
        need = 3;
        cp = x & 0x7;
      } else if (replaced()) return null;
      continue;
    }
    if (x < lower || x > upper) {
      // The sequence is broken: one U+FFFD, and this byte is read again on its own.
      need = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      if (replaced()) return null;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (x & 0x3f);
    if (++seen < need) continue;
    need = seen = 0;
    if (cp === 0xfffd) {
      if (replaced()) return null;
    } else {
      inRun = false;
      wide += cp >= 0x10000 ? 2 : 1;
    }
  }
  if (need > 0 && replaced()) return null;
  return { bad, wide };
}

/** A NUL byte in the first bytes (Buffer's native search: this runs on every text read). */
function hasNul(b: Uint8Array): boolean {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, UTF16_SAMPLE)).indexOf(0) >= 0;
}

const UTF16_SAMPLE = 16_384;
/** Share of code units that must be plausible for text to be UTF-16. */
const UTF16_PLAUSIBLE = 0.9;

/**
 * UTF-16 without a byte-order mark, or null. Text in it has ASCII characters with a zero byte
 * on one side (odd offsets in little-endian, even in big-endian); what decides is that nearly
 * every code unit is a character a report has (CJK, CJK punctuation, full-width forms, ASCII).
 */
function utf16(b: Uint8Array): DecodedText | null {
  const enc = utf16Endianness(b);
  return enc ? withBad(new TextDecoder(enc).decode(b), enc) : null;
}

function utf16Endianness(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(b.length, UTF16_SAMPLE) & ~1;
  if (n < 4) return null;
  const le = plausibleShare(b, n, 0);
  const be = plausibleShare(b, n, 1);
  if (le >= UTF16_PLAUSIBLE && le > be) return "utf-16le";
  if (be >= UTF16_PLAUSIBLE && be > le) return "utf-16be";
  return null;
}

/**
 * Share of plausible code units in the first n bytes, read with the low byte at `low` (0: LE);
 * -1 once so many are implausible that the share cannot reach UTF16_PLAUSIBLE.
 */
function plausibleShare(b: Uint8Array, n: number, low: 0 | 1): number {
  const units = n / 2;
  let ok = 0;
  let wrong = 0;
  for (let i = 0; i < n; i += 2) {
    const u = b[i + low]! | (b[i + 1 - low]! << 8);
    if (plausibleUnit(u)) ok++;
    else if ((units - ++wrong) / units < UTF16_PLAUSIBLE) return -1;
  }
  return ok / units;
}

function plausibleUnit(u: number): boolean {
  if (u < 0x80) return u >= 0x20 ? u !== 0x7f : u === 9 || u === 10 || u === 13;
  return (
    (u >= 0xa0 && u <= 0xff) ||
    (u >= 0x2000 && u <= 0x218f) ||
    (u >= 0x2460 && u <= 0x25ff) ||
    (u >= 0x3000 && u <= 0x303f) ||
    (u >= 0x3400 && u <= 0x4dbf) ||
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0xf900 && u <= 0xfaff) ||
    (u >= 0xfe30 && u <= 0xfe4f) ||
    (u >= 0xff00 && u <= 0xffef)
  );
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
    // A NUL byte: binary, unless the whole is UTF-16 without a byte-order mark.
    if (c === 0) return utf16Endianness(b) !== null;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) ctl++;
  }
  return ctl / n < 0.01;
}
