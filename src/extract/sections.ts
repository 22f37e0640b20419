import type { Block } from "../model/document.js";
import type { Section } from "../model/report.js";
import { SECTIONS, TITLE_EXTRA, TITLE_PREFIX } from "../templates/common.js";
import { chineseNumeral, cleanSpaces, labelLongerThan, normLabel, stripArtefacts } from "../text/normalize.js";
import { labelSimilarity } from "../text/similarity.js";

export interface SectionHead {
  no: number;
  /** Index of the heading block. */
  block: number;
  /** The heading as written. */
  text: string;
}

/**
 * Numbering a section head may carry: `三、`, `3、`, `3.`, `第三部分`, or none. Sub-heads like
 * `（一）` are never section heads, and neither are list items such as `1、信息公开内容…`,
 * because the rest of the line must be a section title.
 */
const PREFIX_RE = /^(?:第([一二三四五六])部分|([一二三四五六])[、．.]|([1-6])[、.．](?!\d))?/;

const TITLES = SECTIONS.map((s) => ({ no: s.no, labels: [s.title, ...(s.variants ?? [])].map(normLabel) }));

/** The section a line heads, or null. */
export function sectionHeadNo(text: string): number | null {
  // Prose is never a head: its normalised length is counted, not made.
  if (labelLongerThan(text, 40)) return null;
  let t = normLabel(stripArtefacts(text)).replace(/^#+/, "");
  if (t.length === 0 || t.length > 40) return null;
  const m = PREFIX_RE.exec(t)!;
  const given = m[1] ? chineseNumeral(m[1]) : m[2] ? chineseNumeral(m[2]) : m[3] ? Number(m[3]) : null;
  t = t.slice(m[0].length).replace(/[。：:]$/, "");
  if (t.startsWith("（")) return null;
  for (const s of TITLES) {
    if (given !== null && given !== s.no) continue;
    for (const l of s.labels) {
      if (t === l) return s.no;
      // Small typos or extra words only when the numbering agrees.
      if (given !== null && Math.abs(t.length - l.length) <= 4 && labelSimilarity(t, l) >= 0.8) return s.no;
      // Or the title's start with another ending (`存在的主要问题及明年工作计划`).
      if (given !== null && l.length >= TITLE_PREFIX && t.length <= l.length + TITLE_EXTRA && t.startsWith(l.slice(0, TITLE_PREFIX))) return s.no;
    }
  }
  return null;
}

/** Finds the six section heads among headings and paragraphs, in increasing order. */
export function findSectionHeads(blocks: Block[]): SectionHead[] {
  const heads: SectionHead[] = [];
  let last = 0;
  blocks.forEach((b, i) => {
    if (b.kind === "table") return;
    const no = sectionHeadNo(b.text);
    if (no !== null && no > last) {
      heads.push({ no, block: i, text: cleanSpaces(stripArtefacts(b.text)) });
      last = no;
    }
  });
  return heads;
}

/** Section number (0 = before the first head) of every block. */
export function sectionOfBlocks(blocks: Block[], heads: SectionHead[]): number[] {
  const out: number[] = [];
  let h = 0;
  let cur = 0;
  for (let i = 0; i < blocks.length; i++) {
    while (h < heads.length && heads[h]!.block === i) cur = heads[h++]!.no;
    out.push(cur);
  }
  return out;
}

/** The sections with their prose (tables are left out of the text). */
export function buildSections(blocks: Block[], heads: SectionHead[]): Section[] {
  return heads.map((h, k) => {
    const end = k + 1 < heads.length ? heads[k + 1]!.block : blocks.length;
    const text: string[] = [];
    for (let i = h.block + 1; i < end; i++) {
      const b = blocks[i]!;
      if (b.kind !== "table") {
        const t = cleanSpaces(stripArtefacts(b.text));
        if (t) text.push(t);
      }
    }
    const title = h.text.replace(/^#+\s*/, "").replace(/^(?:第[一二三四五六]部分|[一二三四五六][、．.]|[1-6][、.．])\s*/, "");
    return { no: h.no, title, text: text.join("\n"), source: blocks[h.block]!.source };
  });
}
