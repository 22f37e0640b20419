import { labelSimilarity } from "../../text/similarity.js";
import { isDigitCode, type GlueStream } from "./glue-norm.js";
import { vocab, type LabelKind, type VocabLabel } from "./vocab.js";

/**
 * Glued text cut into tokens: template labels, runs of digits (a space ends a run: it is the
 * only cell boundary left), and the other text between them. Then the stretches that are
 * tables are told from prose: prose has sentence punctuation, tables never do.
 */
export type TokenKind = LabelKind | "number" | "other";

export interface GlueToken {
  kind: TokenKind;
  /** Stream positions [a, b). */
  a: number;
  b: number;
  label?: VocabLabel;
}

const CJK_OR_BRACKET_RE = /[\u4e00-\u9fff（]/;
/** Units a cell may write after its number (`2笔`, `984361元`): they stay with it. */
const UNIT_RE = /^(?:万元|人次|元|件|个|项|条|宗|笔|次)/;
/** Sentence punctuation: no table label outside the vocabulary has it. */
const PROSE_RE = /[，。；！？]/;
/** Longer unmatched text between table labels is prose, not a label. */
const MAX_LABEL_LENGTH = 60;

/** `2.其他法律…`: a sub-row's number, which glued text runs into the previous row's digits. */
function numberingAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  return c >= 49 && c <= 57 && t[i + 1] === "." && CJK_OR_BRACKET_RE.test(t[i + 2] ?? "");
}

function isSign(ch: string | undefined): boolean {
  return ch === "+" || ch === "-";
}

/** End of a number starting at i (digits, a decimal point or thousands commas, a unit). */
function numberEnd(s: GlueStream, i: number, b: number): number {
  const t = s.text;
  let j = isSign(t[i]) ? i + 1 : i;
  while (j < b) {
    const c = t.charCodeAt(j);
    if (isDigitCode(c)) {
      if (j > i && (s.gap[j] || numberingAt(t, j))) break;
      j++;
    } else if ((c === 46 || c === 44) && j > i && j + 1 < b && isDigitCode(t.charCodeAt(j + 1)) && !s.gap[j] && !s.gap[j + 1] && !numberingAt(t, j + 1)) {
      j++;
    } else break;
  }
  if (j < b && !s.gap[j]) {
    const unit = UNIT_RE.exec(t.slice(j, j + 2));
    if (unit) j += unit[0].length;
  }
  return j;
}

function labelAt(t: string, i: number, b: number, prev: GlueToken | undefined): VocabLabel | null {
  const list = vocab().byFirst.get(t[i]!);
  if (!list) return null;
  for (const l of list) {
    if (i + l.norm.length > b || !t.startsWith(l.norm, i)) continue;
    // `其他` and `总计` are labels only among header labels, not inside other words (`2.其他法律…`).
    if (l.weak && prev?.kind !== "header") continue;
    return l;
  }
  return null;
}

/** Tokens of stream positions [a, b). */
export function tokenize(s: GlueStream, a: number, b: number): GlueToken[] {
  const t = s.text;
  const out: GlueToken[] = [];
  let other = -1;
  const flush = (end: number) => {
    if (other >= 0) out.push({ kind: "other", a: other, b: end });
    other = -1;
  };
  let i = a;
  while (i < b) {
    const c = t.charCodeAt(i);
    const label = numberingAt(t, i) || !isDigitCode(c) ? labelAt(t, i, b, other >= 0 ? undefined : out[out.length - 1]) : null;
    if (label) {
      flush(i);
      out.push({ kind: label.kind, a: i, b: i + label.norm.length, label });
      i += label.norm.length;
      continue;
    }
    const startsNumber = (isDigitCode(c) && !numberingAt(t, i)) || (isSign(t[i]) && isDigitCode(t.charCodeAt(i + 1)));
    if (startsNumber) {
      flush(i);
      const j = numberEnd(s, i, b);
      out.push({ kind: "number", a: i, b: j });
      i = j;
      continue;
    }
    if (other < 0) other = i;
    i++;
  }
  flush(b);
  return out;
}

const isLabel = (k: TokenKind) => k !== "number" && k !== "other";

/** Other text that is prose: sentence punctuation, or too long for a label. */
function isProse(s: GlueStream, tok: GlueToken): boolean {
  return tok.kind === "other" && (tok.b - tok.a > MAX_LABEL_LENGTH || PROSE_RE.test(s.text.slice(tok.a, tok.b)));
}

/**
 * Tokens that belong to sentences: text with sentence punctuation, and what runs into it from
 * the left — text, and numbers that no table label precedes (`(二)主要类别2022年，在…`).
 */
function proseTokens(s: GlueStream, tokens: GlueToken[]): boolean[] {
  const out = tokens.map((t) => isProse(s, t));
  for (let i = tokens.length - 1; i > 0; i--) {
    if (!out[i]) continue;
    let j = i - 1;
    while (j >= 0 && !out[j]) {
      if (tokens[j]!.kind === "other") {
        out[j--] = true;
        continue;
      }
      if (tokens[j]!.kind !== "number") break;
      let g = j;
      while (g > 0 && tokens[g - 1]!.kind === "number") g--;
      // A table's numbers follow their row's label.
      if (g > 0 && isLabel(tokens[g - 1]!.kind)) break;
      for (let k = g; k <= j; k++) out[k] = true;
      j = g - 1;
    }
  }
  return out;
}

/** A stretch of tokens: a table, or prose. */
export interface Stretch {
  table: boolean;
  tokens: GlueToken[];
}

/**
 * Tables among the tokens: runs without prose, trimmed of leading and trailing text that is no
 * row label, holding at least three labels and a number (or four labels: a header whose every
 * cell was left blank). Everything else is prose, in order.
 */
export function stretches(s: GlueStream, tokens: GlueToken[]): Stretch[] {
  const out: Stretch[] = [];
  const prose = (list: GlueToken[]) => {
    if (list.length === 0) return;
    const last = out[out.length - 1];
    if (last && !last.table) last.tokens.push(...list);
    else out.push({ table: false, tokens: [...list] });
  };
  let run: GlueToken[] = [];
  const endRun = () => {
    let a = 0;
    let b = run.length;
    // Leading numbers and text not followed by a number are prose (`2021年` before a caption).
    while (a < b && (run[a]!.kind === "number" || (run[a]!.kind === "other" && run[a + 1]?.kind !== "number"))) a++;
    while (b > a && run[b - 1]!.kind === "other") b--;
    const core = run.slice(a, b);
    const labels = core.filter((x) => isLabel(x.kind)).length;
    const numbers = core.some((x) => x.kind === "number");
    if ((labels >= 3 && numbers) || labels >= 4) {
      prose(run.slice(0, a));
      out.push({ table: true, tokens: core });
      prose(run.slice(b));
    } else prose(run);
    run = [];
  };
  const inProse = proseTokens(s, tokens);
  tokens.forEach((tok, i) => {
    if (inProse[i]) {
      endRun();
      prose([tok]);
    } else run.push(tok);
  });
  endRun();
  classifyTypos(s, out);
  return out;
}

/**
 * Unmatched text inside a table that is not a row label (no number follows it) and reads like
 * a header label with a typo (`本年废纸件数`): it takes that label's kind, so the header row
 * it stands in is not cut in two.
 */
function classifyTypos(s: GlueStream, list: Stretch[]) {
  for (const st of list) {
    if (!st.table) continue;
    st.tokens.forEach((tok, i) => {
      if (tok.kind !== "other" || st.tokens[i + 1]?.kind === "number") return;
      const text = s.text.slice(tok.a, tok.b);
      let best: VocabLabel | null = null;
      let score = 0;
      for (const l of vocab().all) {
        if (l.kind !== "columns" && l.kind !== "header") continue;
        if (Math.abs(l.norm.length - text.length) > 2) continue;
        const sim = labelSimilarity(text, l.norm);
        if (sim > score) {
          score = sim;
          best = l;
        }
      }
      if (best && score >= 0.7) {
        tok.kind = best.kind;
        tok.label = best;
      }
    });
  }
}
