import type { OcrEngine, OcrLine } from "./engine.js";
import { PSM } from "./engine.js";
import { blank, crop, type Gray, resample } from "./image.js";
import type { Rect } from "./grid.js";
import { inkBox } from "./ink.js";
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

/** A clean number: digits, one optional decimal part, sign, unit (`47.` is a number and a speck). */
const isNumber = (t: string) => /^[+\-]?\d+(\.\d+)?(万元|元|件)?$/.test(t.replace(/\s+/g, ""));
const digitsOf = (t: string) => t.replace(/\s+|万元|元|件/g, "");

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
  row: number;
  col: number;
  rect: Rect;
}

interface Work {
  i: number;
  cell: CellInput;
  box: Rect;
  text: string;
  conf: number;
  /** Read as a number (or in a column of numbers, and short enough to be one misread). */
  numeric: boolean;
}

/** The cells in groups of one row or one column, in order of first appearance. */
function groupBy(work: Work[], key: (w: Work) => number): Work[][] {
  const m = new Map<number, Work[]>();
  for (const w of work) {
    const list = m.get(key(w));
    if (list) list.push(w);
    else m.set(key(w), [w]);
  }
  return [...m.values()];
}

const cjkCount = (t: string) => t.match(/[\u4e00-\u9fff]/g)?.length ?? 0;

/**
 * Reads the cells of one table. Each cell is first recognised on its own as a block of text.
 * Cells that read as numbers — and short cells in a column of numbers that read as one or two
 * stray Chinese glyphs, what the recogniser makes of a blurred `4` — are read a second time,
 * binarised and side by side with the other numbers of their row on one strip as a single
 * line: the recogniser reads a row of numbers far better than a lone `-4`, and it is a
 * different look at the same glyphs. The two readings must agree; where they do not, a third
 * look at the cell alone decides if it agrees with one of them. Whatever the outcome, a cell
 * without two agreeing readings has a confidence below the warning threshold — the recogniser
 * is sometimes confidently wrong on digits, and rarely the same way twice.
 */
export async function readTable(engine: OcrEngine, page: Gray, cells: CellInput[], threshold: number, dpi: number): Promise<CellReading[]> {
  const minMark = Math.max(6, Math.round((dpi / 100) ** 2 * 3));
  const pad = Math.round(dpi / 10);
  const out: CellReading[] = cells.map(() => ({ text: "", confidence: 1 }));
  const work: Work[] = [];
  for (const [i, cell] of cells.entries()) {
    const box = inkBox(page, cell.rect, threshold, minMark);
    if (!box) continue;
    const lines = await engine.recognize(crop(page, box[0], box[1], box[2], box[3], pad), { psm: PSM.block, dpi });
    const text = textOf(lines);
    out[i] = { text, confidence: meanConf(lines) / 100 };
    work.push({ i, cell, box, text, conf: numberish(text) ? digitConf(symbols(lines)) : meanConf(lines), numeric: numberish(text) });
  }
  markNumericNeighbours(work);
  const disputes: { w: Work; b: string; conf: number }[] = [];
  const agreedOnes: { w: Work; conf: number }[] = [];
  for (const list of groupBy(work.filter((w) => w.numeric), (w) => w.cell.row)) {
    const second = await readStrip(engine, page, list.map((w) => w.box), threshold, dpi);
    list.forEach((w, k) => {
      const b = second[k]!;
      const conf = Math.min(w.conf || 100, b.conf) / 100;
      if (w.text !== "" && isNumber(w.text) && digitsOf(w.text) === digitsOf(b.text)) agreedOnes.push({ w, conf });
      else disputes.push({ w, b: b.text, conf });
    });
  }
  // Two readings agreeing on too few or too many digits for the width of the ink (`11` read
  // twice as `1`, two glyphs blurred into one) are a dispute too.
  const fits = widthCheck(agreedOnes.map((x) => x.w));
  for (const x of agreedOnes) {
    if (fits(x.w, x.w.text)) out[x.w.i] = { text: x.w.text, confidence: x.conf };
    else disputes.push({ w: x.w, b: x.w.text, conf: x.conf });
  }
  for (const d of disputes) {
    const a = d.w.text;
    const c = await readThird(engine, page, d.w.box, threshold, dpi);
    const votes = [a, d.b, c].filter(isNumber);
    // The earliest of two agreeing readings: the first pass keeps units and signs best.
    const agreed = votes.find((v, k) => votes.some((x, j) => j !== k && digitsOf(x) === digitsOf(v)));
    const text = agreed ?? [a, d.b, c].find(isNumber) ?? a;
    if (text === "" && d.b === "" && c === "") continue;
    const sure = agreed !== undefined && fits(d.w, agreed);
    out[d.w.i] = { text, confidence: sure ? MAJORITY_CONFIDENCE : Math.min(d.conf, DISPUTED_CONFIDENCE) };
  }
  return out;
}

/**
 * Short cells beside numbers are numbers too: in a column of numbers (most of its cells
 * below the first number read as one), or in a row of them (table 4 has a single data row),
 * a cell that read as one or two stray Chinese glyphs is what the recogniser makes of a
 * blurred `4` or `1`, and gets the number readings. Labels (three or more glyphs, such as the
 * headers repeated inside table 2) never do.
 */
function markNumericNeighbours(work: Work[]) {
  const numbers = work.filter((w) => w.numeric);
  if (numbers.length === 0) return;
  const lineH = Math.min(...numbers.map((w) => w.box[3] - w.box[1]));
  // One or two glyphs on one line, narrower than Chinese glyphs are (digits are half as wide).
  const short = (w: Work) => {
    const t = w.text.replace(/\s+/g, "");
    const h = w.box[3] - w.box[1];
    return cjkCount(t) <= 2 && t.length <= 4 && h <= lineH * 1.6 && (w.box[2] - w.box[0]) / h / Math.max(1, t.length) < 0.8;
  };
  const mostly = (list: Work[]) => list.length >= 2 && list.filter((w) => w.numeric).length >= list.length * 0.6;
  for (const list of groupBy(work, (w) => w.cell.col)) {
    const firstRow = Math.min(...list.filter((w) => w.numeric).map((w) => w.cell.row));
    const below = list.filter((w) => w.cell.row >= firstRow && cjkCount(w.text) < 3);
    if (mostly(below)) for (const w of below) if (short(w)) w.numeric = true;
  }
  for (const list of groupBy(work, (w) => w.cell.row)) {
    const values = list.filter((w) => w.numeric || short(w));
    if (values.length >= 3 && mostly(values)) for (const w of values) w.numeric = true;
  }
}

/**
 * Digits are about equally wide in print, so the width of a number's ink (over its height)
 * says how many digits it has. The advance per digit and the width of one digit are measured
 * on this table's numbers (most are read right), with print defaults when there are few.
 */
function widthCheck(sample: Work[]): (w: Work, text: string) => boolean {
  const ratio = (w: Work) => (w.box[2] - w.box[0]) / Math.max(1, w.box[3] - w.box[1]);
  const pure = (t: string) => /^\d+$/.test(t.replace(/\s+/g, ""));
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : NaN);
  const ones = sample.filter((w) => pure(w.text) && w.text.trim().length === 1).map(ratio);
  let glyph = median(ones);
  if (!(ones.length >= 3)) glyph = 0.56;
  const steps = sample.filter((w) => pure(w.text) && w.text.trim().length >= 2).map((w) => (ratio(w) - glyph) / (w.text.trim().length - 1));
  let advance = median(steps);
  if (!(steps.length >= 3) || !(advance > 0.3 && advance < 1.2)) advance = 0.7;
  return (w, text) => {
    const t = text.replace(/\s+/g, "");
    if (!pure(t)) return true;
    return Math.abs(ratio(w) - ((t.length - 1) * advance + glyph)) <= advance * 0.45;
  };
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
  // symbol boxes are estimates that can fall in the gap or the next piece. Only a word that
  // covers two pieces (two numbers run together) is split by its symbols.
  const overlap = (a: [number, number, number, number], sp: { from: number; to: number }) => Math.min(a[2], sp.to) - Math.max(a[0], sp.from);
  const spanOf = (box: [number, number, number, number]): number => {
    let best = -1;
    let most = 0;
    spans.forEach((sp, i) => {
      const o = overlap(box, sp);
      if (o > most) {
        most = o;
        best = i;
      }
    });
    if (best >= 0) return best;
    // A box squeezed to a sliver: take the piece its centre is nearest to.
    const cx = (box[0] + box[2]) / 2;
    const d = spans.map((sp) => Math.max(sp.from - cx, cx - sp.to, 0));
    const near = d.indexOf(Math.min(...d));
    return d[near]! > gap / 2 ? -1 : near;
  };
  const add = (i: number, sym: { text: string; conf: number }) => {
    if (i < 0) return;
    const t = digitLike(sym.text.trim());
    got[i]!.text += t;
    if (t) got[i]!.confs.push(sym);
  };
  for (const w of lines.flatMap((l) => l.words)) {
    // A word over two pieces (the recogniser ran two numbers together): symbol by symbol.
    const over = spans.filter((sp) => overlap(w.box, sp) > (sp.to - sp.from) * 0.3);
    if (over.length > 1) for (const sym of w.symbols) add(spanOf(sym.box), sym);
    else for (const sym of w.symbols) add(spanOf(w.box), sym);
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
    .replace(/[lI|!\]工丨]/g, "1")
    .replace(/[oO]/g, "0")
    .replace(/[^\d.+\-万元件]/g, "");
}

function binarize(img: Gray, threshold: number): Gray {
  return { width: img.width, height: img.height, data: img.data.map((v) => (v <= threshold ? 0 : 255)) };
}
