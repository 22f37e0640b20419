// Text normalisation shared by readers and the extractor.

import { remember } from "./memo.js";

/** Every Unicode space, including NBSP (U+00A0), U+3000 and the U+2000 range, plus zero-width characters. */
const SPACE_RE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

/** Collapses runs of any Unicode space to one ASCII space and trims. */
export function cleanSpaces(s: string): string {
  return s.replace(SPACE_RE, " ").trim();
}

/** Removes every space (labels are compared without them: `总 计`, `规    章`). */
export function stripSpaces(s: string): string {
  return s.replace(SPACE_RE, "");
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ．, －, ＋, ％) to half-width. */
export function toHalfWidth(s: string): string {
  return hasFullWidth(s) ? s.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)) : s;
}

/** Whether s has a full-width ASCII character: a loop, since most strings (cells, tokens) are short and have none. */
function hasFullWidth(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) return true;
  }
  return false;
}

/** Word artefacts left in text copied out of .docx: `[bookmark: _GoBack]`. */
export function stripArtefacts(s: string): string {
  return s.replace(/\[bookmark:[^\]]*\]/gi, "");
}

/** Characters a label is compared without: every space, quotes. */
const DROP = new Set([..."\t\n\r\f\v \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff\"＂“”'‘’「」"]);
for (let c = 0x2000; c <= 0x200b; c++) DROP.add(String.fromCharCode(c));
const DROP_CODES = new Set([...DROP].map((c) => c.charCodeAt(0)));

/**
 * True when `normLabel(s)`, leading `#`s aside, is longer than `n`: counted without building
 * it, and given up at once for a long line of prose (which is never a label or a title).
 * Text with `[` is normalised as usual (Word artefacts such as `[bookmark: _GoBack]` go first).
 */
export function labelLongerThan(s: string, n: number): boolean {
  if (s.length <= n || s.includes("[")) return false;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x23 && !DROP_CODES.has(c) && ++count > n) return true;
  }
  return false;
}

const MAP: Record<string, string> = { "(": "（", ")": "）", ",": "，", ":": "：", ";": "；" };

/**
 * Canonical form of a label for matching: no spaces, artefacts or quotes, full-width
 * brackets and commas (`(二)` → `（二）`), half-width digits, `1、` → `1.`. One pass over the
 * string: this runs for every cell of every report.
 */
export function normLabel(s: string): string {
  if (isDigits(s)) return s;
  return s.length > 64 ? normLabelUncached(s) : remember(labelCache, s, () => normLabelUncached(s));
}

const DIGITS_RE = /^\d*$/;

/** Empty, or ASCII digits only: what most value cells hold, and what needs no normalising. */
export function isDigits(s: string): boolean {
  return DIGITS_RE.test(s);
}

/** Table labels recur in every report: most calls are answered from here. */
const labelCache = new Map<string, string>();

function normLabelUncached(s: string): string {
  if (s.includes("[")) s = stripArtefacts(s);
  let out = "";
  for (const ch of s) {
    if (DROP.has(ch)) continue;
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else out += MAP[ch] ?? ch;
  }
  const m = /^(\d{1,2})[、．.]/.exec(out);
  return m ? `${m[1]}.${out.slice(m[0].length)}` : out;
}

const CJK_RE = /[\u3400-\u9fff\uf900-\ufaff]/;

/** True when the text has a CJK character. */
export function hasCjk(s: string): boolean {
  return CJK_RE.test(s);
}

/** Chinese numerals 一…十 (and 十一, 二十) to numbers; null when not a numeral. */
export function chineseNumeral(s: string): number | null {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s.length === 0) return null;
  if (s === "十") return 10;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? digits[m[1]]! : 1) * 10 + (m[2] ? digits[m[2]]! : 0);
  if (s.length === 1 && s in digits) return digits[s]!;
  return null;
}
