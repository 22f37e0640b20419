import type { Block } from "../../model/document.js";
import { raggedTable } from "../../model/document.js";
import { labelSimilarity } from "../../text/similarity.js";
import { glueNorm, glueStream, rawOf, type GlueStream } from "./glue-norm.js";
import { tableRows } from "./glue-rows.js";
import { stretches, tokenize } from "./glue-tokens.js";
import { TITLE_EXTRA, TITLE_PREFIX } from "../../templates/common.js";
import { vocab } from "./vocab.js";

/**
 * A line that holds a whole report body, or a large part of it, run together (what a web
 * crawler saves: `…成效。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数…规章000…`)
 * becomes the blocks it would have had: section headings, paragraphs, and tables whose rows
 * are labels followed by runs of digits. The tables are marked as having lost their cell
 * boundaries, so that the extractor may split the runs by the table identities.
 */

/** Shorter lines are ordinary paragraphs or rows: only long lines are searched. */
export const GLUED_MIN_LENGTH = 100;

/** What a document's earlier lines said, for the next glued line. */
export interface GlueState {
  /** Section (1–6) the text is in; 0 before the first heading. */
  section: number;
  /** The text came from a crawler archive: its body is glued, one heading suffices. */
  crawler: boolean;
}

const NUMERALS = "一二三四五六";
/** Section numbering in the raw line: `三、`, `三．`. */
const HEAD_RE = /[一二三四五六][ \u3000]*[、．.]/g;
/** Text that may hold a glued table even without a heading on the line. */
const TABLE_HINT_RE = /第二十条|勾稽关系|申请人情况|结果维持/;
/** Where a heading that is not the exact title ends: a number, punctuation or a bracket. */
const HEAD_END_RE = /[0-9，。；：！？（(]/;
/** A heading whose section runs for fewer characters than this is a mention in a list. */
const MIN_SECTION_GAP = 6;

interface Head {
  no: number;
  /** Stream positions [a, b) of the heading. */
  a: number;
  b: number;
}

/** The blocks of a glued line, or null when the line is an ordinary paragraph. */
export function splitGlued(line: string, lineNo: number, state: GlueState): Block[] | null {
  const hint = TABLE_HINT_RE.test(line);
  if (!hint && !rawHasHead(line)) return null;
  const s = glueStream(line);
  const heads = findHeads(s);
  const headAtStart = heads[0]?.a === 0;
  if (!hint && !(heads.length >= 2 || headAtStart || (state.crawler && heads.length > 0))) return null;
  const blocks: Block[] = [];
  let section = state.section;
  let from = 0;
  const segment = (a: number, b: number) => {
    if (b <= a) return;
    if (section === 1 || section >= 5) paragraph(s, a, b, lineNo, blocks);
    else segmentBlocks(s, a, b, lineNo, blocks);
  };
  for (const h of heads) {
    segment(from, h.a);
    blocks.push({ kind: "heading", level: 0, text: rawOf(s, h.a, h.b), source: { line: lineNo } });
    section = h.no;
    from = h.b;
  }
  segment(from, s.text.length);
  // Nothing but one paragraph: the line was prose after all.
  if (blocks.length === 1 && blocks[0]!.kind === "paragraph") return null;
  state.section = section;
  return blocks;
}

/** Cheap test on the raw line: does any section numbering stand before a section title? */
function rawHasHead(line: string): boolean {
  for (const m of line.matchAll(HEAD_RE)) {
    const no = NUMERALS.indexOf(m[0][0]!) + 1;
    const after = glueNorm(line.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (vocab().sections.some((t) => t.no === no && after.startsWith(t.norm.slice(0, 4)))) return true;
  }
  return false;
}

function paragraph(s: GlueStream, a: number, b: number, line: number, out: Block[]) {
  const text = rawOf(s, a, b);
  if (text) out.push({ kind: "paragraph", text, source: { line } });
}

/** A segment of sections 二–四 (or of unknown section): its tables, and the prose around them. */
function segmentBlocks(s: GlueStream, a: number, b: number, line: number, out: Block[]) {
  const tokens = tokenize(s, a, b);
  let at = a;
  for (const st of stretches(s, tokens)) {
    const first = st.tokens[0]!;
    const last = st.tokens[st.tokens.length - 1]!;
    if (!st.table) continue;
    paragraph(s, at, first.a, line, out);
    const rows = tableRows(s, st.tokens, line);
    if (rows.length) out.push({ ...raggedTable(rows, { line }), boundariesLost: true });
    at = last.b;
  }
  paragraph(s, at, b, line, out);
}

/**
 * The section headings of the line: every place a section's numbering stands before its title
 * (or, when the title never appears, a close variant of it), then the longest chain in order —
 * later places win ties, since a preamble that lists the six parts comes before them.
 */
export function findHeads(s: GlueStream): Head[] {
  const t = s.text;
  const found: Head[] = [];
  const at: { no: number; i: number }[] = [];
  for (let i = 0; i + 2 < t.length; i++) {
    const no = NUMERALS.indexOf(t[i]!) + 1;
    if (no === 0 || (t[i + 1] !== "、" && t[i + 1] !== ".")) continue;
    at.push({ no, i });
    const title = vocab().sections.find((x) => x.no === no && t.startsWith(x.norm, i + 2));
    if (title) found.push({ no, a: i, b: i + 2 + title.norm.length });
  }
  for (let no = 1; no <= 6; no++) {
    if (found.some((h) => h.no === no)) continue;
    for (const { i } of at.filter((x) => x.no === no)) {
      const h = fuzzyHead(t, i, no);
      if (h) found.push(h);
    }
  }
  found.sort((x, y) => x.a - y.a);
  // A mention in a list (`一、总体情况；二、…`) is followed by the next heading at once.
  const spaced = found.filter((h, k) => k === found.length - 1 || found[k + 1]!.a - h.b >= MIN_SECTION_GAP);
  return longestChain(spaced.length ? spaced : found);
}

function fuzzyHead(t: string, i: number, no: number): Head | null {
  let best: Head | null = null;
  let score = 0;
  for (const title of vocab().sections) {
    if (title.no !== no) continue;
    for (let len = title.norm.length - 3; len <= title.norm.length + 3; len++) {
      if (len < 4 || i + 2 + len > t.length) continue;
      const sim = labelSimilarity(t.slice(i + 2, i + 2 + len), title.norm);
      if (sim > score) {
        score = sim;
        best = { no, a: i, b: i + 2 + len };
      }
    }
  }
  return score >= 0.85 ? best : prefixHead(t, i, no);
}

/** `五、存在的主要问题及明年工作计划2024年…`: the title's start, another ending, then a number or punctuation. */
function prefixHead(t: string, i: number, no: number): Head | null {
  for (const title of vocab().sections) {
    if (title.no !== no || title.norm.length < TITLE_PREFIX || !t.startsWith(title.norm.slice(0, TITLE_PREFIX), i + 2)) continue;
    const limit = Math.min(t.length, i + 2 + title.norm.length + TITLE_EXTRA);
    for (let j = i + 2 + TITLE_PREFIX; j <= limit; j++) {
      if (j === t.length || HEAD_END_RE.test(t[j]!)) return { no, a: i, b: j };
    }
  }
  return null;
}

/** The longest run of headings with rising numbers; of equal runs, the one that starts later. */
function longestChain(heads: Head[]): Head[] {
  const n = heads.length;
  const len = new Array<number>(n).fill(1);
  const next = new Array<number>(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      if (heads[j]!.no <= heads[i]!.no || heads[j]!.a < heads[i]!.b) continue;
      const l = 1 + len[j]!;
      // Of equally long runs, the later one.
      if (l > len[i]! || (l === len[i]! && next[i]! >= 0)) {
        len[i] = l;
        next[i] = j;
      }
    }
  }
  let start = -1;
  for (let i = 0; i < n; i++) if (start < 0 || len[i]! >= len[start]!) start = i;
  const out: Head[] = [];
  for (let i = start; i >= 0; i = next[i]!) out.push(heads[i]!);
  return out;
}
