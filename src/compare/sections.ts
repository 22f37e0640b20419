import type { Report } from "../model/report.js";
import { TEMPLATES, templateById } from "../templates/index.js";
import { boilerplateMask } from "./boilerplate.js";
import { diffSequences } from "./myers.js";
import { Interner, isNumberToken, tokenize, wordKey, type Token } from "./tokens.js";
import type { CompareSettings, DiffOp, SectionComparison } from "./types.js";

export interface TextComparison {
  words: { before: number; after: number; common: number };
  similarity: number | null;
  diff: DiffOp[];
  cut: boolean;
}

export interface TextLimits {
  /** Work bound of each word diff. */
  maxWork: number;
  /** Characters of each text compared; the rest is given as deleted and inserted, uncompared. */
  maxChars: number;
}

/**
 * Compares two texts word by word. The diff covers every token (words, punctuation, spaces), so
 * its ops give both texts back. The similarity counts only words that say something: not
 * punctuation, not numbers (data of the year), not boilerplate; it is the share of the later
 * text's words that lie in the longest common subsequence with the earlier text's words.
 * Bounded: at most `maxChars` of each text and `maxWork` steps per diff; `cut` says when a bound was hit.
 */
export function compareTexts(before: string, after: string, limits: TextLimits): TextComparison {
  const [headA, tailA] = cutAt(before, limits.maxChars);
  const [headB, tailB] = cutAt(after, limits.maxChars);
  const a = tokenize(headA);
  const b = tokenize(headB);
  const interner = new Interner();
  const shown = diffSequences(interner.ints(a.map((t) => t.text)), interner.ints(b.map((t) => t.text)), limits.maxWork);
  const wa = countedWords(headA, a);
  const wb = countedWords(headB, b);
  const counted = diffSequences(interner.ints(wa), interner.ints(wb), limits.maxWork);
  const common = counted.edits.reduce((n, e) => n + (e.op === "equal" ? e.length : 0), 0);
  const diff: DiffOp[] = shown.edits.map((e) => ({ op: e.op, text: join(e.op === "insert" ? b : a, e.op === "insert" ? e.bStart : e.aStart, e.length) }));
  if (tailA) append(diff, "delete", tailA);
  if (tailB) append(diff, "insert", tailB);
  return {
    words: { before: wa.length, after: wb.length, common },
    similarity: wb.length ? round(common / wb.length) : null,
    diff,
    cut: shown.cut || counted.cut || tailA !== "" || tailB !== "",
  };
}

/** Adds an uncompared tail to the last change, keeping one delete before one insert. */
function append(diff: DiffOp[], op: "delete" | "insert", text: string): void {
  const last = diff[diff.length - 1];
  const prev = diff[diff.length - 2];
  if (last?.op === op) last.text += text;
  else if (op === "delete" && last?.op === "insert" && prev?.op === "delete") prev.text += text;
  else if (op === "delete" && last?.op === "insert") diff.splice(diff.length - 1, 0, { op, text });
  else diff.push({ op, text });
}

/** The first `max` characters (not splitting a surrogate pair) and the rest. */
function cutAt(text: string, max: number): [string, string] {
  if (text.length <= max) return [text, ""];
  const c = text.charCodeAt(max - 1);
  const at = c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
  return [text.slice(0, at), text.slice(at)];
}

/** The words that count for similarity, in their compared form. */
function countedWords(text: string, tokens: Token[]): string[] {
  const mask = boilerplateMask(text);
  const out: string[] = [];
  for (const t of tokens) {
    if (!t.word || isNumberToken(t) || allMasked(mask, t)) continue;
    out.push(wordKey(t.text));
  }
  return out;
}

function allMasked(mask: Uint8Array, t: Token): boolean {
  for (let i = t.start; i < t.start + t.text.length; i++) if (!mask[i]) return false;
  return true;
}

function join(tokens: Token[], start: number, length: number): string {
  let s = "";
  for (let i = start; i < start + length; i++) s += tokens[i]!.text;
  return s;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * The six sections side by side. `flaggable`: the reports are of different years, so a
 * repeated section is a copy rather than a revision of the same report.
 */
export function compareSections(before: Report, after: Report, settings: CompareSettings, flaggable: boolean): SectionComparison[] {
  const id = after.meta.template ?? before.meta.template;
  const template = id ? templateById(id) : TEMPLATES[TEMPLATES.length - 1]!;
  return template.sections.map((def) => {
    const a = before.sections.find((s) => s.no === def.no)?.text ?? null;
    const b = after.sections.find((s) => s.no === def.no)?.text ?? null;
    const c = compareTexts(a ?? "", b ?? "", settings);
    const flagged = flaggable && c.similarity !== null && c.words.after >= settings.minWords && c.similarity >= settings.threshold;
    return { no: def.no, title: def.title, before: a, after: b, ...c, flagged };
  });
}
