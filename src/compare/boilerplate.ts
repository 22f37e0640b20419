import { boilerplatePhrases } from "../templates/boilerplate.js";
import { toHalfWidth } from "../text/normalize.js";

// A number in a phrase (`{n}`): Arabic (`2021`, `0.5`, `1,234`) or Chinese (`三`, `二十`).
const NUMBER = String.raw`(?:\d+(?:[.,]\d+)*|[一二三四五六七八九十百千万零〇两]+)`;
const SPACE = /[\s\u00a0\u3000\u200b\ufeff]/;

let compiled: RegExp | undefined;

/** One regular expression for every phrase, longest first; built on first use. */
function phraseRegex(): RegExp {
  if (!compiled) {
    const alternatives = boilerplatePhrases().map((p) =>
      toHalfWidth(p)
        .split("{n}")
        .map((part) => [...part].filter((ch) => !SPACE.test(ch)).map(escape).join(""))
        .join(NUMBER),
    );
    compiled = new RegExp(alternatives.join("|"), "g");
  }
  return compiled;
}

function escape(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * Marks the characters of `text` that belong to a boilerplate phrase (1) — the template's
 * headings and captions and the stock phrases of src/templates/boilerplate.ts. Spaces inside a
 * phrase are ignored (`信息处理费 0 元`), full-width digits match half-width ones.
 */
export function boilerplateMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  // Match on the text without spaces; `at` maps back to the text.
  const half = toHalfWidth(text);
  const at = new Int32Array(text.length);
  let compact = "";
  for (let i = 0; i < half.length; i++) {
    const ch = half[i]!;
    if (SPACE.test(ch)) continue;
    at[compact.length] = i;
    compact += ch;
  }
  const re = phraseRegex();
  re.lastIndex = 0;
  for (let m = re.exec(compact); m; m = re.exec(compact)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    mask.fill(1, at[m.index]!, at[m.index + m[0].length - 1]! + 1);
  }
  return mask;
}
