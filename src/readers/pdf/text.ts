import { apply, boxOf, type Box, type Matrix } from "../geometry.js";
import { unifyRadicals } from "./radicals.js";

/** A run of text as the PDF placed it, in top-left page coordinates. */
export interface TextRun {
  text: string;
  box: Box;
  /** Font size in points (the run's glyph height). */
  size: number;
  /** Set in a vertical-writing font: the run advances downwards. */
  vertical: boolean;
}

/** The shape of a pdfjs text item this module needs. */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface RawStyle {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

/**
 * pdfjs text items → runs with boxes. Whitespace-only items (pdfjs inserts them for gaps)
 * are dropped: spacing is rebuilt from the geometry. Runs drawn twice at (almost) the same
 * place — faux bold done by overprinting — are kept once. Radical code points become the
 * ideographs the page shows (see `radicals.ts`).
 */
export function textRuns(items: readonly unknown[], styles: Record<string, RawStyle>, base: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  const seen = new Map<string, Box[]>();
  for (const it of items) {
    const item = it as Partial<RawTextItem>;
    if (typeof item.str !== "string" || !item.transform || item.str.trim() === "") continue;
    const t = item.transform;
    const style = styles[item.fontName ?? ""] ?? {};
    const size = Math.hypot(t[2]!, t[3]!) || Math.hypot(t[0]!, t[1]!);
    if (!(size > 0.5) || size > 500) continue;
    const vertical = style.vertical === true;
    const str = unifyRadicals(item.str);
    const raw = str === item.str ? (item as RawTextItem) : { ...(item as RawTextItem), str };
    const run = vertical ? verticalRun(raw, size, base) : horizontalRun(raw, size, style, base);
    if (!run || !run.box.every(Number.isFinite)) continue;
    const key = run.text;
    const prev = seen.get(key) ?? [];
    if (prev.some((b) => Math.abs(b[0] - run.box[0]) < 1.2 && Math.abs(b[1] - run.box[1]) < 1.2 && Math.abs(b[2] - run.box[2]) < 1.2)) continue;
    prev.push(run.box);
    seen.set(key, prev);
    runs.push(run);
  }
  return runs;
}

function horizontalRun(item: RawTextItem, size: number, style: RawStyle, base: Matrix): TextRun | null {
  const t = item.transform;
  // Unit vectors along and across the baseline, in PDF space.
  const ux = t[0]! / size;
  const uy = t[1]! / size;
  const ascent = clampMetric(style.ascent, 0.88);
  const descent = clampMetric(style.descent === undefined ? undefined : -style.descent, 0.12);
  const w = item.width;
  const x = t[4]!;
  const y = t[5]!;
  // The four corners: baseline start/end raised by the ascent and lowered by the descent.
  const nx = -uy;
  const ny = ux;
  const pts: [number, number][] = [
    [x + nx * ascent * size, y + ny * ascent * size],
    [x + ux * w + nx * ascent * size, y + uy * w + ny * ascent * size],
    [x - nx * descent * size, y - ny * descent * size],
    [x + ux * w - nx * descent * size, y + uy * w - ny * descent * size],
  ];
  return { text: item.str, box: boxOf(pts.map(([px, py]) => apply(base, px, py))), size, vertical: false };
}

function verticalRun(item: RawTextItem, size: number, base: Matrix): TextRun | null {
  const t = item.transform;
  const x = t[4]!;
  const y = t[5]!;
  const h = item.height || size * [...item.str].length;
  // Vertical glyphs hang from their origin, centred on it across the column.
  const pts: [number, number][] = [
    [x - size / 2, y],
    [x + size / 2, y - h],
  ];
  return { text: item.str, box: boxOf(pts.map(([px, py]) => apply(base, px, py))), size, vertical: true };
}

function clampMetric(v: number | undefined, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 && v < 2 ? v : fallback;
}

/** Relative advance of a character: full-width (CJK, full-width punctuation) 1, others ½. */
function charWeight(ch: string): number {
  const c = ch.codePointAt(0)!;
  return c >= 0x2e80 ? 1 : 0.5;
}

/** One run cut into its characters, each with an estimated box (for runs that cross cell edges). */
export function splitChars(run: TextRun): TextRun[] {
  const chars = [...run.text];
  if (chars.length <= 1) return [run];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  const out: TextRun[] = [];
  let acc = 0;
  const [x0, y0, x1, y1] = run.box;
  chars.forEach((ch, i) => {
    const a = acc / total;
    acc += weights[i]!;
    const b = acc / total;
    const box: Box = run.vertical ? [x0, y0 + (y1 - y0) * a, x1, y0 + (y1 - y0) * b] : [x0 + (x1 - x0) * a, y0, x0 + (x1 - x0) * b, y1];
    if (ch.trim() !== "") out.push({ text: ch, box, size: run.size, vertical: run.vertical });
  });
  return out;
}
