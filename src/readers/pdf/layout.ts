import { chunkRuns } from "./align.js";
import type { TextLine } from "./lines.js";

/**
 * Lines of prose → paragraphs and headings. A line joins the paragraph above when it is the
 * same size, follows at normal line spacing, is not indented, and the line above ran to the
 * right margin. Big type is a heading (the report title); a short line standing alone with
 * outline numbering (`一、`, `（一）`) is a sub-heading.
 */

export interface Para {
  kind: "heading" | "paragraph";
  level: number;
  text: string;
  lines: TextLine[];
  page: number;
}

export interface Margins {
  left: number;
  right: number;
  /** Body font size. */
  size: number;
}

/** Body margins and size over the whole document: the commonest left edge and size. */
export function bodyMargins(lines: TextLine[]): Margins {
  const sizes = new Map<number, number>();
  const lefts = new Map<number, number>();
  for (const l of lines) {
    const n = l.text.length;
    const s = Math.round(l.size * 2) / 2;
    sizes.set(s, (sizes.get(s) ?? 0) + n);
  }
  const size = argmax(sizes) ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - size) < size * 0.15);
  for (const l of body) {
    const x = Math.round(l.box[0]);
    lefts.set(x, (lefts.get(x) ?? 0) + 1);
  }
  const left = argmax(lefts) ?? 0;
  const rights = body.map((l) => l.box[2]).sort((a, b) => a - b);
  const right = rights.length ? rights[Math.floor(rights.length * 0.9)]! : Infinity;
  return { left, right, size };
}

function argmax(m: Map<number, number>): number | null {
  let best: number | null = null;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

const OUTLINE = /^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)])/;

function isTitleSize(l: TextLine, m: Margins): boolean {
  return l.size >= m.size * 1.2;
}

/** Paragraphs of one stretch of lines (between two tables; it may run over page breaks). */
export function paragraphs(lines: TextLine[], m: Margins): Para[] {
  const out: Para[] = [];
  let cur: Para | null = null;
  for (const l of lines) {
    const title = isTitleSize(l, m);
    if (cur && canJoin(cur, l, m, title)) {
      cur.lines.push(l);
      cur.text = joinText(cur.text, l.text);
      continue;
    }
    cur = { kind: title ? "heading" : "paragraph", level: title ? 1 : 0, text: l.text.trim(), lines: [l], page: l.page ?? 0 };
    out.push(cur);
  }
  for (const p of out) {
    if (p.kind === "paragraph" && p.lines.length === 1 && OUTLINE.test(p.text) && p.text.length <= 40 && !/[。；]/.test(p.text.slice(0, -1))) {
      p.kind = "heading";
      p.level = /^\s*[（(]/.test(p.text) ? 3 : 2;
    }
  }
  return out;
}

function canJoin(p: Para, l: TextLine, m: Margins, title: boolean): boolean {
  const a = p.lines[p.lines.length - 1]!;
  if (a.runs[0]?.vertical || l.runs[0]?.vertical) return false;
  // Lines cut into cells by wide gaps are rows of a table, never run together.
  if (chunkRuns(a).length > 1 || chunkRuns(l).length > 1) return false;
  if (Math.abs(a.size - l.size) > Math.max(a.size, l.size) * 0.15) return false;
  const samePage = a.page === undefined || l.page === undefined ? l.box[1] > a.box[1] : a.page === l.page;
  // A title over two lines (agency, then `2024年…年度报告`) is one heading.
  if (title) return p.kind === "heading" && samePage && l.box[1] - a.box[3] < l.size * 1.2;
  if (p.kind === "heading") return false;
  if (samePage && l.box[1] - a.box[3] > l.size * 1.0) return false;
  const fullLine = a.box[2] >= m.right - m.size * 1.5;
  const indented = l.box[0] > m.left + m.size * 0.8;
  return fullLine && !indented;
}

/** Lines of one paragraph: CJK text runs on without a space; Latin words keep one. */
function joinText(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (!left) return right;
  if (!right) return left;
  const l = left[left.length - 1]!;
  const r = right[0]!;
  const latin = (ch: string) => /[A-Za-z0-9]/.test(ch);
  return latin(l) && latin(r) ? `${left} ${right}` : left + right;
}

/** Page numbers and similar furniture: `- 4 -`, `第 4 页`, `4 / 12`, `第4页 共12页`. */
const PAGE_NUMBER = /^[\s\-—–－·•]*(?:第\s*)?[\d一二三四五六七八九十]+\s*(?:页)?(?:\s*[/／]\s*\d+|\s*[，,]?\s*共\s*\d+\s*页)?[\s\-—–－·•]*$/;

export function isPageFurniture(l: TextLine, pageHeight: number): boolean {
  const inMargin = l.box[1] > pageHeight * 0.88 || l.box[3] < pageHeight * 0.1;
  return inMargin && l.text.length <= 24 && PAGE_NUMBER.test(l.text.trim());
}

/**
 * Running heads and feet: a line in the top or bottom margin that comes back, at the same
 * height, on at least three pages and half of them — on both pages of a two-page document
 * (numbers in it may change: a browser's `1/2`, `2/2`, a date or time).
 */
export function runningLines(pages: { box: [number, number, number, number]; lines: TextLine[] }[]): Set<TextLine> {
  const byKey = new Map<string, TextLine[]>();
  for (const p of pages) {
    const h = p.box[3];
    const seen = new Set<string>();
    for (const l of p.lines) {
      if (l.box[1] < h * 0.9 && l.box[3] > h * 0.1) continue;
      const key = `${Math.round(l.box[1] / 6)}|${l.text.replace(/\s+/g, "").replace(/\d+/g, "#")}`;
      if (seen.has(key)) continue;
      seen.add(key);
      byKey.set(key, [...(byKey.get(key) ?? []), l]);
    }
  }
  const out = new Set<TextLine>();
  if (pages.length < 2) return out;
  const need = pages.length === 2 ? 2 : Math.max(3, Math.ceil(pages.length / 2));
  for (const lines of byKey.values()) if (lines.length >= need) for (const l of lines) out.add(l);
  return out;
}
