/**
 * Glued text (a table's labels and numbers run together) in the form labels are matched in:
 * spaces and quotes dropped, brackets and punctuation full-width, digits and signs half-width,
 * `1、` as `1.`. Each kept character remembers where it was and whether a space preceded it,
 * since a space is the only cell boundary a run of digits may still have.
 */
export interface GlueStream {
  /** The normalised characters. */
  text: string;
  /** Index in the raw line of each normalised character. */
  at: Int32Array;
  /** A space (or dropped character) stood right before this character. */
  gap: Uint8Array;
  /** The raw line. */
  raw: string;
}

/** Quotes, dropped as labels are compared without them. */
const DROPPED = new Set([..."\"'“”‘’「」＂＇`"].map((c) => c.charCodeAt(0)));
/** Half-width brackets and punctuation to full-width, full-width `．／＋－` to half-width. */
const MAPPED = new Map([..."():;．／＋－"].map((c, i) => [c.charCodeAt(0), "（）：；./+-".charCodeAt(i)]));
const COMMA = 0x2c;
const FULL_COMMA = 0xff0c;
const IDEOGRAPHIC_COMMA = 0x3001;
const FULL_STOP = 0xff0e;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

export const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isAnyDigit = (c: number) => isDigitCode(c) || (c >= 0xff10 && c <= 0xff19);

/** Whether this machine stores a Uint16Array's codes little-end first, as UTF-16LE reads them. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Decodes code units as they are (a BOM kept); ten times faster than fromCharCode on a whole body. */
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

/**
 * A string from character codes. A lone surrogate would become U+FFFD in the decoder, so codes
 * with surrogates (rare: text outside the Basic Multilingual Plane) go through fromCharCode, in
 * chunks since argument lists have a limit.
 */
function fromCodes(codes: Uint16Array, surrogates: boolean): string {
  if (!surrogates && LITTLE_ENDIAN) return UTF16.decode(codes);
  let out = "";
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, i + 4096) as unknown as number[]);
  return out;
}

/** The stream of a raw line (one pass over its character codes: whole report bodies go through here). */
export function glueStream(raw: string): GlueStream {
  const n = raw.length;
  const codes = new Uint16Array(n);
  const at = new Int32Array(n);
  const gap = new Uint8Array(n);
  let k = 0;
  let spaced = false;
  let surrogates = false;
  for (let i = 0; i < n; i++) {
    let c = raw.charCodeAt(i);
    // CJK ideographs, most of a body, are kept as they are: none is a space, quote, digit or mark.
    if (c >= 0x3400 && c <= 0x9fff) {
      codes[k] = c;
      at[k] = i;
      gap[k] = spaced ? 1 : 0;
      spaced = false;
      k++;
      continue;
    }
    if (isSpace(c)) {
      spaced = true;
      continue;
    }
    if (DROPPED.has(c)) continue;
    const prevDigit = k > 0 && isDigitCode(codes[k - 1]!);
    if (c >= 0xff10 && c <= 0xff19) c -= 0xfee0;
    else if (c === COMMA || c === FULL_COMMA) {
      // A comma between digits separates thousands (`1,234`, `１，２３４`); elsewhere it is a label's comma.
      c = prevDigit && isAnyDigit(raw.charCodeAt(i + 1)) ? COMMA : FULL_COMMA;
    } else if ((c === IDEOGRAPHIC_COMMA || c === FULL_STOP) && prevDigit) c = 46; // `1、` → `1.`
    else c = MAPPED.get(c) ?? c;
    if (c >= 0xd800 && c <= 0xdfff) surrogates = true;
    codes[k] = c;
    at[k] = i;
    gap[k] = spaced ? 1 : 0;
    spaced = false;
    k++;
  }
  return { text: fromCodes(codes.subarray(0, k), surrogates), at: at.subarray(0, k), gap: gap.subarray(0, k), raw };
}

/** A label in the same normal form (for building the vocabulary). */
export function glueNorm(label: string): string {
  return glueStream(label).text;
}

/** The raw text behind stream positions [a, b) (with the quotes and spaces it dropped), trimmed. */
export function rawOf(s: GlueStream, a: number, b: number): string {
  if (b <= a) return "";
  return s.raw.slice(s.at[a]!, b < s.at.length ? s.at[b]! : s.raw.length).trim();
}
