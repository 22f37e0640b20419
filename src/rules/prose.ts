// Reading numbers out of a report's prose for R-3 (report-prose-numbers).

/**
 * Prose as the matchers see it: full-width digits made ASCII, and every run of spaces or line
 * breaks removed (PDF text breaks lines mid-word: `答\n复 3050 件`), except between two digits,
 * where one space stays so that two numbers never run together.
 */
export function proseText(s: string): string {
  const t = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return t.replace(/[\s\u00a0\u3000]+/g, (m, off: number, str: string) => (/\d/.test(str[off - 1] ?? "") && /\d/.test(str[off + m.length] ?? "") ? " " : ""));
}

/** A gap of at most `k` characters inside one clause: no digits, no clause or sentence marks, no brackets. */
export const gap = (k: number) => `[^。；;，,：:！!？?\\d（）()]{0,${k}}?`;

/**
 * A count: `17`, `3119`, `3,119`, not part of a decimal. It starts only where a number starts:
 * without the look-behind a 2 MB run of digits is tried from every position, quadratically.
 */
export const NUM = "(?<![\\d.])(?<!\\d,)(?<n>\\d{1,3}(?:,\\d{3})+|\\d+)(?![\\d.])";

/**
 * How far the scope of a number is looked for. Real sentences are far shorter; the bound keeps a
 * text without punctuation (a garbled page) from making every match scan the whole section.
 */
const REACH = 400;

// Marks by character code, as bits: 1 ends a sentence, 2 ends a clause (a sentence mark ends
// both). The scans below look one up per character.
const MARKS = new Uint8Array(0x10000);
for (const c of "。；;！!？?\n") MARKS[c.charCodeAt(0)] = 3;
for (const c of "，,") MARKS[c.charCodeAt(0)] = 2;

/** Start of the sentence that holds position `i` (at most REACH characters back). */
export function sentenceStart(s: string, i: number): number {
  let j = i;
  const stop = Math.max(0, i - REACH);
  while (j > stop && !(MARKS[s.charCodeAt(j - 1)]! & 1)) j--;
  return j;
}

/** End of the clause that holds position `i` (next clause or sentence mark, at most REACH on). */
export function clauseEnd(s: string, i: number): number {
  let j = i;
  const stop = Math.min(s.length, i + REACH);
  while (j < stop && !MARKS[s.charCodeAt(j)]) j++;
  return j;
}

/** `3,119` → 3119. */
export function countOf(n: string): number {
  return Number(n.includes(",") ? n.replace(/,/g, "") : n);
}
