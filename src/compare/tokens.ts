import { toHalfWidth } from "../text/normalize.js";

/** A piece of text as the word segmenter cut it. */
export interface Token {
  text: string;
  /** Offset in the section text (UTF-16 units). */
  start: number;
  /** A word (Chinese word, number, Latin word), not punctuation or space. */
  word: boolean;
}

// ICU's dictionary-based segmenter cuts Chinese into words (Node ships full ICU).
const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * V8 segments one long string in time that grows with the square of its length (a 50,000
 * character section takes 0.4 s, a hostile 100 KB one seconds), so the text is segmented in
 * pieces of at most this many characters, cut after punctuation or a space.
 */
const PIECE = 400;
const BREAK_AFTER = /[\s。！？；，、：.!?;,:）)》」”]/;

/** Splits a section's text into words, punctuation and spaces; joined, they give the text back. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const end = pieceEnd(text, i);
    for (const s of segmenter.segment(text.slice(i, end))) out.push({ text: s.segment, start: i + s.index, word: s.isWordLike === true });
    i = end;
  }
  return out;
}

/** Where the piece starting at `start` ends: after the last break in reach, else (a run with no break) at the limit. */
function pieceEnd(text: string, start: number): number {
  const limit = start + PIECE;
  if (limit >= text.length) return text.length;
  for (let i = limit; i > start + PIECE / 2; i--) if (BREAK_AFTER.test(text[i - 1]!)) return i;
  // Never between the two halves of a surrogate pair.
  const c = text.charCodeAt(limit - 1);
  return c >= 0xd800 && c <= 0xdbff ? limit - 1 : limit;
}

const NUMBER = /^[\d０-９.,，．]+$/;
const FULL_WIDTH = /[\uff01-\uff5e]/;
const UPPER = /[A-Z]/;

/** A number is data of the year, not wording: a copied text with new numbers is still copied. */
export function isNumberToken(t: Token): boolean {
  return NUMBER.test(t.text);
}

/** The form a word is compared in: half-width, lower case (`２０２１` = `2021`, `APP` = `app`). */
export function wordKey(text: string): string {
  const half = FULL_WIDTH.test(text) ? toHalfWidth(text) : text;
  return UPPER.test(half) ? half.toLowerCase() : half;
}

/** Interns strings as small integers, so that the diff compares numbers. */
export class Interner {
  private ids = new Map<string, number>();
  id(s: string): number {
    let n = this.ids.get(s);
    if (n === undefined) this.ids.set(s, (n = this.ids.size));
    return n;
  }
  ints(keys: string[]): Int32Array {
    return Int32Array.from(keys, (k) => this.id(k));
  }
}
