import type { OcrLine, OcrWord } from "./engine.js";

/**
 * Text of recognised words. Tesseract separates every Chinese glyph by a space; a space is
 * kept only between two Latin letters or digits (`75.77 万元` stays apart from nothing,
 * `80 1 0` keeps its gaps).
 */
export function joinWords(words: Pick<OcrWord, "text">[]): string {
  let out = "";
  for (const w of words) {
    const t = w.text.trim();
    if (!t) continue;
    if (out && /[A-Za-z0-9.%]$/.test(out) && /^[A-Za-z0-9+\-]/.test(t)) out += " ";
    out += t;
  }
  return tidy(out);
}

/** Recogniser habits on Chinese print: corner brackets read for round ones, `:` for `：`. */
export function tidy(s: string): string {
  return s
    .replace(/[〈《](?=[一二三四五六七八九十\d]{1,2}[)）〉》])/g, "（")
    .replace(/(?<=[（(][一二三四五六七八九十\d]{1,2})[〉》)]/g, "）")
    .replace(/(?<=[\u4e00-\u9fff])\(/g, "（")
    .replace(/\)(?=[\u4e00-\u9fff])/g, "）");
}

export interface TextLine {
  text: string;
  conf: number;
  box: [number, number, number, number];
  para: number;
}

export function textLines(lines: OcrLine[]): TextLine[] {
  return lines
    .map((l) => ({ text: joinWords(l.words), conf: l.conf, box: l.box, para: l.para }))
    .filter((l) => l.text.length > 0);
}

export interface TextBlock {
  kind: "heading" | "paragraph";
  text: string;
  box: [number, number, number, number];
  /** Mean confidence of its lines, 0–100. */
  conf: number;
}

const HEAD_RE = /^(?:[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十]+部分)/;

/**
 * Lines outside tables → paragraphs and headings. Lines join into one paragraph while they
 * follow each other closely, start at the same margin and the previous one ran to the right
 * edge (a wrapped line); a short line on its own that is numbered like a part (`三、…`) or is
 * centred above the text is a heading.
 */
export function textBlocks(lines: TextLine[], pageWidth: number): TextBlock[] {
  const out: TextBlock[] = [];
  if (lines.length === 0) return out;
  const sorted = [...lines].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  const heights = sorted.map((l) => l.box[3] - l.box[1]).sort((a, b) => a - b);
  const lineH = heights[Math.floor(heights.length / 2)] ?? 20;
  const left = Math.min(...sorted.map((l) => l.box[0]));
  const right = Math.max(...sorted.map((l) => l.box[2]));
  let cur: { lines: TextLine[] } | null = null;
  const flush = () => {
    if (!cur) return;
    const ls = cur.lines;
    const text = ls.map((l) => l.text).join("");
    const box: [number, number, number, number] = [
      Math.min(...ls.map((l) => l.box[0])),
      Math.min(...ls.map((l) => l.box[1])),
      Math.max(...ls.map((l) => l.box[2])),
      Math.max(...ls.map((l) => l.box[3])),
    ];
    const conf = ls.reduce((s, l) => s + l.conf, 0) / ls.length;
    const centred = Math.abs((box[0] + box[2]) / 2 - pageWidth / 2) < pageWidth * 0.05 && box[0] > left + lineH * 2;
    const heading = ls.length === 1 && text.length <= 40 && !/[。；]$/.test(text) && (HEAD_RE.test(text) || centred);
    out.push({ kind: heading ? "heading" : "paragraph", text, box, conf });
    cur = null;
  };
  for (const l of sorted) {
    const prev = cur?.lines[cur.lines.length - 1];
    const wrapped =
      prev &&
      l.box[1] - prev.box[3] < lineH * 0.9 &&
      prev.box[2] > right - lineH * 1.5 &&
      l.box[0] < left + lineH * 0.6 &&
      !HEAD_RE.test(l.text);
    if (!wrapped) flush();
    cur ??= { lines: [] };
    cur.lines.push(l);
  }
  flush();
  return out;
}
