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

/** Start of the sentence that holds position `i`. */
export function sentenceStart(s: string, i: number): number {
  let j = i;
  while (j > 0 && !"。；;！!？?\n".includes(s[j - 1]!)) j--;
  return j;
}

/** End of the clause that holds position `i` (next clause or sentence mark). */
export function clauseEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && !"。；;，,！!？?\n".includes(s[j]!)) j++;
  return j;
}

/** `3,119` → 3119. */
export function countOf(n: string): number {
  return Number(n.replace(/,/g, ""));
}
