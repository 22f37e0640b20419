import type { OcrEngine, OcrLine } from "./engine.js";
import { PSM } from "./engine.js";
import { blank, crop, type Gray, resample } from "./image.js";
import type { Rect } from "./grid.js";
import { joinWords } from "./text.js";

/** What one table cell read as. */
export interface CellReading {
  text: string;
  /** 0–1. Numbers: how sure both readings are, and low when they disagree. */
  confidence: number;
}

/** Confidence given to a number whose readings disagree: below any warning threshold. */
export const DISPUTED_CONFIDENCE = 0.3;
/** Two of three readings agree: likelier right, still below the warning threshold. */
export const MAJORITY_CONFIDENCE = 0.6;

/** Text that is a value (digits, sign, unit) or could be one misread (`]4`, `l1`, `-`), not a label. */
export function numberish(text: string): boolean {
  const t = text.replace(/\s+/g, "");
  if (t === "" || t.length > 24) return false;
  const rest = t.replace(/万元|元|件/g, "");
  if (/[\u4e00-\u9fff]/.test(rest)) return false;
  // A lone sign or stroke is what the recogniser makes of a short number it half saw.
  return /\d/.test(rest) || /^[+\-|!lI\]\[]{1,2}$/.test(rest);
}

const isNumber = (t: string) => /^[+\-]?\d[\d.]*(万元|元|件)?$/.test(t.replace(/\s+/g, ""));
const digitsOf = (t: string) => t.replace(/\s+|万元|元|件/g, "");

/** Box of the ink inside a rectangle, or null when it holds (almost) none. */
export function inkBox(page: Gray, r: Rect, threshold: number, minInk: number): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  let n = 0;
  for (let y = Math.max(0, r[1]); y < Math.min(page.height, r[3]); y++) {
    for (let x = Math.max(0, r[0]); x < Math.min(page.width, r[2]); x++) {
      if (page.data[y * page.width + x]! > threshold) continue;
      n++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return n >= minInk ? [x0, y0, x1 + 1, y1 + 1] : null;
}

function symbols(lines: OcrLine[]) {
  return lines.flatMap((l) => l.words.flatMap((w) => w.symbols)).filter((s) => s.text.trim());
}

function meanConf(lines: OcrLine[]): number {
  const ws = lines.flatMap((l) => l.words).filter((w) => w.text.trim());
  return ws.length ? ws.reduce((s, w) => s + w.conf, 0) / ws.length : 0;
}

function textOf(lines: OcrLine[]): string {
  return lines
    .map((l) => joinWords(l.words))
    .filter(Boolean)
    .join("\n");
}

/** Lowest confidence of the digits and signs (a unit character read unsurely does not matter). */
function digitConf(confs: { text: string; conf: number }[]): number {
  const d = confs.filter((s) => /^[\d.+\-]$/.test(s.text.trim()));
  return d.length ? Math.min(...d.map((s) => s.conf)) : 0;
}

export interface CellInput {
  rect: Rect;
}

/**
 * Reads the cells of one table row. Each cell is first recognised on its own as a block of
 * text (labels, and numbers). Cells that read as numbers are read a second time, binarised and
 * side by side on one strip as a single line: the recogniser reads a row of numbers far better
 * than a lone `-4`, and it is a different look at the same glyphs. The two readings must agree,
 * or the cell's confidence drops below the warning threshold — the recogniser is sometimes
 * confidently wrong on digits, and rarely the same way twice.
 */
export async function readRow(engine: OcrEngine, page: Gray, cells: CellInput[], threshold: number, dpi: number): Promise<CellReading[]> {
  const minInk = Math.max(6, Math.round((dpi / 100) ** 2 * 3));
  const pad = Math.round(dpi / 10);
  const out: CellReading[] = [];
  const numeric: { i: number; box: Rect; text: string; conf: number }[] = [];
  for (const [i, c] of cells.entries()) {
    // A few stray pixels (scan noise, the edge of an erased line) are not text.
    const box = inkBox(page, c.rect, threshold, minInk);
    if (!box) {
      out.push({ text: "", confidence: 1 });
      continue;
    }
    const lines = await engine.recognize(crop(page, box[0], box[1], box[2], box[3], pad), { psm: PSM.block, dpi });
    const text = textOf(lines);
    out.push({ text, confidence: meanConf(lines) / 100 });
    if (text === "" || numberish(text)) numeric.push({ i, box, text, conf: digitConf(symbols(lines)) });
  }
  if (numeric.length === 0) return out;
  const second = await readStrip(engine, page, numeric.map((n) => n.box), threshold, dpi);
  const disputes: { i: number; box: Rect; a: string; b: string; conf: number }[] = [];
  numeric.forEach((n, k) => {
    const a = n.text;
    const b = second[k]!;
    const conf = Math.min(n.conf || 100, b.conf) / 100;
    if (a !== "" && isNumber(a) && digitsOf(a) === digitsOf(b.text)) {
      out[n.i] = { text: a, confidence: conf };
      return;
    }
    // Disagreement, a reading with stray marks (`]4`), or ink the first pass saw no text in:
    // a third, differently scaled look decides between them when it agrees with one. The
    // confidence stays below the warning threshold either way; the extractor then checks the
    // value against the table identities.
    disputes.push({ i: n.i, box: n.box, a, b: b.text, conf });
  });
  for (const d of disputes) {
    const c = await readThird(engine, page, d.box, threshold, dpi);
    const votes = [d.a, d.b, c].filter(isNumber);
    // The earliest of two agreeing readings: the first pass keeps units and signs best.
    const agreed = votes.find((v, k) => votes.some((w, j) => j !== k && digitsOf(w) === digitsOf(v)));
    const text = agreed ?? (isNumber(d.a) || !isNumber(d.b) ? d.a : d.b);
    if (text === "" && d.b === "" && c === "") continue;
    out[d.i] = { text, confidence: agreed ? MAJORITY_CONFIDENCE : Math.min(d.conf, DISPUTED_CONFIDENCE) };
  }
  return out;
}

/** A third reading of one disputed number: the cell alone, enlarged 1.5×, binarised, as a line. */
async function readThird(engine: OcrEngine, page: Gray, box: Rect, threshold: number, dpi: number): Promise<string> {
  const pad = Math.round(dpi / 10);
  const img = binarize(resample(crop(page, box[0], box[1], box[2], box[3], pad), 1.5), threshold);
  const lines = await engine.recognize(img, { psm: PSM.line, dpi: Math.round(dpi * 1.5) });
  return digitLike(textOf(lines).replace(/\s+/g, ""));
}

/**
 * Recognises several ink boxes laid side by side on one white strip, a gap between them, cut
 * from the same band of rows so that their baselines stay aligned; each symbol goes back to
 * the box its centre falls in. A strip of fewer than three numbers repeats them: a lone `1` is
 * too little context for the recogniser, and the copies must agree with each other.
 */
async function readStrip(engine: OcrEngine, page: Gray, boxes: Rect[], threshold: number, dpi: number): Promise<{ text: string; conf: number }[]> {
  const top = Math.min(...boxes.map((b) => b[1]));
  const bottom = Math.max(...boxes.map((b) => b[3]));
  const h = bottom - top;
  // Cells of a row whose text sits at different heights (a wrapped label beside): read each alone.
  if (boxes.length > 1 && h > Math.max(...boxes.map((b) => b[3] - b[1])) * 1.6) {
    const each: { text: string; conf: number }[] = [];
    for (const b of boxes) each.push((await readStrip(engine, page, [b], threshold, dpi))[0]!);
    return each;
  }
  const reps = boxes.length >= 3 ? 1 : Math.ceil(3 / boxes.length);
  const pieces = Array.from({ length: reps }, () => boxes.map((b, k) => ({ b, k }))).flat();
  const gap = Math.max(h, Math.round(dpi / 15));
  const pad = Math.round(dpi / 10);
  const width = pieces.reduce((s, p) => s + (p.b[2] - p.b[0]), 0) + gap * (pieces.length - 1) + 2 * pad;
  const strip = blank(width, h + 2 * pad);
  const spans: { from: number; to: number; k: number }[] = [];
  let x = pad;
  for (const { b, k } of pieces) {
    const piece = crop(page, b[0], top, b[2], bottom);
    for (let y = 0; y < piece.height; y++) strip.data.set(piece.data.subarray(y * piece.width, (y + 1) * piece.width), (y + pad) * width + x);
    spans.push({ from: x, to: x + piece.width, k });
    x += piece.width + gap;
  }
  // Binarised, and not restricted to digits: a whitelist makes the recogniser force any mark
  // into a digit with low confidence (787 → 781), while free reading keeps it honest.
  const lines = await engine.recognize(binarize(strip, threshold), { psm: PSM.line, dpi });
  const got = spans.map(() => ({ text: "", confs: [] as { text: string; conf: number }[] }));
  // Words, not symbols, go to pieces: the recogniser's word boxes come from the ink, its
  // symbol boxes are estimates that can fall in the gap or the next piece.
  const overlap = (a: [number, number, number, number], sp: { from: number; to: number }) => Math.min(a[2], sp.to) - Math.max(a[0], sp.from);
  for (const w of lines.flatMap((l) => l.words)) {
    let best = -1;
    let most = 0;
    spans.forEach((sp, i) => {
      const o = overlap(w.box, sp);
      if (o > most) {
        most = o;
        best = i;
      }
    });
    if (best < 0) {
      // A word box squeezed to a sliver: take the piece its centre is nearest to.
      const cx = (w.box[0] + w.box[2]) / 2;
      const d = spans.map((sp) => Math.max(sp.from - cx, cx - sp.to, 0));
      const near = d.indexOf(Math.min(...d));
      if (d[near]! > gap / 2) continue;
      best = near;
    }
    const g = got[best]!;
    for (const s of w.symbols) {
      const t = digitLike(s.text.trim());
      g.text += t;
      if (t) g.confs.push(s);
    }
  }
  return boxes.map((_, k) => {
    const copies = got.filter((_, i) => spans[i]!.k === k);
    const text = copies[0]!.text;
    if (copies.some((c) => c.text !== text)) return { text: copies.map((c) => c.text).join("/"), conf: 0 };
    return { text, conf: Math.min(...copies.map((c) => digitConf(c.confs))) };
  });
}

/** Free reading spells a serif one as `l`, `I`, `|` or `工`, and a zero as `O`; other marks go. */
function digitLike(t: string): string {
  return t
    .replace(/[lI|!\]工]/g, "1")
    .replace(/[oO]/g, "0")
    .replace(/[^\d.+\-万元件]/g, "");
}

function binarize(img: Gray, threshold: number): Gray {
  return { width: img.width, height: img.height, data: img.data.map((v) => (v <= threshold ? 0 : 255)) };
}
