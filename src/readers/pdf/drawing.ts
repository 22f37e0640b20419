import { apply, boxOf, intersect, isAxisAligned, multiply, type Box, type Matrix } from "../geometry.js";
import { unifyRadicals } from "./radicals.js";
import type { TextRun } from "./text.js";

/**
 * What a page draws besides text, reduced to what table reconstruction needs: ruling
 * segments, clip rectangles (word processors clip every table cell to its own rectangle)
 * and filled rectangles (cell shading). All in top-left page coordinates.
 */

/** A horizontal (`at` = y, from/to = x) or vertical (`at` = x, from/to = y) ruling segment. */
export interface Segment {
  at: number;
  from: number;
  to: number;
}

export interface Drawing {
  hLines: Segment[];
  vLines: Segment[];
  clips: Box[];
  fills: Box[];
  /** For each fill: its colour, and whether it reaches the clip's top or bottom edge (cut off there). */
  fillInfo: FillInfo[];
  /** Text set in vertical-writing fonts, placed glyph by glyph (see `verticalFonts`). */
  verticalText: TextRun[];
}

export interface FillInfo {
  color: string;
  cutTop: boolean;
  cutBottom: boolean;
}

/** The pdfjs operator codes this module reads (pdfjs `OPS`, `DrawOPS`). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  clip: number;
  eoClip: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  endPath: number;
  setFillRGBColor: number;
  setStrokeRGBColor: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginText: number;
  setTextMatrix: number;
  moveText: number;
  setLeadingMoveText: number;
  nextLine: number;
  setLeading: number;
  setFont: number;
  setCharSpacing: number;
  setWordSpacing: number;
  showText: number;
}

const DRAW_MOVE = 0;
const DRAW_LINE = 1;
const DRAW_CURVE = 2;
const DRAW_QUAD = 3;
const DRAW_CLOSE = 4;

/** A ruling line is at most this thick when drawn as a filled rectangle. */
const THIN = 2.5;
/** A line this close outside the clipping rectangle still counts (it is drawn on its edge). */
const CLIP_SLACK = 1;
/** Enough segments for any real table page; more means a drawing, not a form. */
const MAX_SEGMENTS = 20000;

interface State {
  ctm: Matrix;
  /** The clipping rectangle in force (null: the page); what lies outside is not seen. */
  clip: Box | null;
  fill: string;
  stroke: string;
  font: string;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
}

/** A glyph as pdfjs puts it in `showText` arguments. */
interface Glyph {
  unicode?: string;
  width?: number;
  vmetric?: number[];
  isSpace?: boolean;
}

const isWhite = (c: string) => /^#f[a-f0-9]f[a-f0-9]f[a-f0-9]$/i.test(c);

/**
 * Walks an operator list. `base` maps PDF user space to top-left page space (the viewport
 * transform at scale 1).
 */
export function readDrawing(
  fnArray: ArrayLike<number>,
  argsArray: readonly unknown[],
  ops: OpCodes,
  base: Matrix,
  page: Box,
  verticalFonts: ReadonlySet<string> = new Set(),
): Drawing {
  const out: Drawing = { hLines: [], vLines: [], clips: [], fills: [], fillInfo: [], verticalText: [] };
  const stack: State[] = [];
  let st: State = { ctm: base, clip: null, fill: "#000000", stroke: "#000000", font: "", fontSize: 0, charSpacing: 0, wordSpacing: 0, leading: 0 };
  // Text position: the line matrix and the offset along the line (pdfjs loses glyphs of
  // vertical fonts in its text layer, so they are placed here from the text operators).
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let along = 0;
  let pendingClip = false;
  const dots: Box[] = [];
  const pageArea = (page[2] - page[0]) * (page[3] - page[1]);

  // Only the visible part of a line counts: a browser draws a table cut by a page break
  // whole on each page and clips it to the page's printable area.
  const addSegment = (x0: number, y0: number, x1: number, y1: number) => {
    if (out.hLines.length + out.vLines.length >= MAX_SEGMENTS) return;
    const c = st.clip;
    if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) > 1) {
      const at = (y0 + y1) / 2;
      let from = Math.min(x0, x1);
      let to = Math.max(x0, x1);
      if (c) {
        if (at < c[1] - CLIP_SLACK || at > c[3] + CLIP_SLACK) return;
        from = Math.max(from, c[0]);
        to = Math.min(to, c[2]);
        if (to - from <= 1) return;
      }
      out.hLines.push({ at, from, to });
    } else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) > 1) {
      const at = (x0 + x1) / 2;
      let from = Math.min(y0, y1);
      let to = Math.max(y0, y1);
      if (c) {
        if (at < c[0] - CLIP_SLACK || at > c[2] + CLIP_SLACK) return;
        from = Math.max(from, c[1]);
        to = Math.min(to, c[3]);
        if (to - from <= 1) return;
      }
      out.vLines.push({ at, from, to });
    }
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push({ ...st });
    else if (fn === ops.restore) st = stack.pop() ?? st;
    else if (fn === ops.transform) st.ctm = multiply(args as unknown as Matrix, st.ctm);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ...st });
      const m = args?.[0] as Matrix | null;
      if (m && m.length === 6) st.ctm = multiply(Array.from(m) as Matrix, st.ctm);
    } else if (fn === ops.paintFormXObjectEnd) st = stack.pop() ?? st;
    else if (fn === ops.setFillRGBColor) st.fill = String(args?.[0] ?? st.fill);
    else if (fn === ops.setStrokeRGBColor) st.stroke = String(args?.[0] ?? st.stroke);
    else if (fn === ops.clip || fn === ops.eoClip) pendingClip = true;
    else if (fn === ops.beginText) {
      tlm = [1, 0, 0, 1, 0, 0];
      along = 0;
    } else if (fn === ops.setTextMatrix) {
      tlm = Array.from(args?.[0] as ArrayLike<number>).slice(0, 6) as Matrix;
      along = 0;
    } else if (fn === ops.moveText || fn === ops.setLeadingMoveText) {
      const tx = Number(args?.[0]) || 0;
      const ty = Number(args?.[1]) || 0;
      if (fn === ops.setLeadingMoveText) st.leading = -ty;
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      along = 0;
    } else if (fn === ops.nextLine) {
      tlm = multiply([1, 0, 0, 1, 0, -st.leading], tlm);
      along = 0;
    } else if (fn === ops.setLeading) st.leading = Number(args?.[0]) || 0;
    else if (fn === ops.setFont) {
      st.font = String(args?.[0] ?? "");
      st.fontSize = Number(args?.[1]) || 0;
    } else if (fn === ops.setCharSpacing) st.charSpacing = Number(args?.[0]) || 0;
    else if (fn === ops.setWordSpacing) st.wordSpacing = Number(args?.[0]) || 0;
    else if (fn === ops.showText) {
      if (!verticalFonts.has(st.font)) continue;
      along = placeVertical(args?.[0] as (Glyph | number)[], st, multiply(tlm, st.ctm), along, out.verticalText);
    }
    else if (fn === ops.constructPath) {
      const paint = args?.[0] as number;
      const data = (args?.[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
      const clip = pendingClip;
      pendingClip = false;
      if (!data || data.length === 0) continue;
      const subpaths = flatten(data, st.ctm);
      if (clip) {
        const rects = subpaths.map((sp) => asRect(sp, st.ctm));
        for (const r of rects) if (r && (r[2] - r[0]) * (r[3] - r[1]) < pageArea * 0.9) out.clips.push(r);
        // One rectangle narrows what is visible; other clip paths are not followed.
        if (rects.length === 1 && rects[0]) st.clip = st.clip ? intersect(st.clip, rects[0]) : rects[0];
      }
      const strokes = paint === ops.stroke || paint === ops.closeStroke || paint === ops.fillStroke || paint === ops.eoFillStroke || paint === ops.closeFillStroke || paint === ops.closeEOFillStroke;
      const fills = paint === ops.fill || paint === ops.eoFill || paint === ops.fillStroke || paint === ops.eoFillStroke || paint === ops.closeFillStroke || paint === ops.closeEOFillStroke;
      if (strokes && !isWhite(st.stroke)) {
        for (const sp of subpaths) {
          for (let k = 1; k < sp.points.length; k++) addSegment(sp.points[k - 1]![0], sp.points[k - 1]![1], sp.points[k]![0], sp.points[k]![1]);
          if (sp.closed && sp.points.length > 2) addSegment(sp.points[sp.points.length - 1]![0], sp.points[sp.points.length - 1]![1], sp.points[0]![0], sp.points[0]![1]);
        }
      }
      if (fills) {
        for (const sp of subpaths) {
          const drawn = asRect(sp, st.ctm);
          const r = drawn && st.clip ? intersect(drawn, st.clip) : drawn;
          if (!r || r[2] <= r[0] || r[3] <= r[1]) continue;
          const w = r[2] - r[0];
          const h = r[3] - r[1];
          // A thin dark bar is a ruling line drawn as a filled rectangle; a tiny dark square is
          // a dot of a dotted one.
          if (!isWhite(st.fill) && h <= THIN && w <= THIN) {
            if (dots.length < MAX_SEGMENTS * 4) dots.push(r);
          } else if (!isWhite(st.fill) && h <= THIN && w > h) addSegment(r[0], (r[1] + r[3]) / 2, r[2], (r[1] + r[3]) / 2);
          else if (!isWhite(st.fill) && w <= THIN && h > w) addSegment((r[0] + r[2]) / 2, r[1], (r[0] + r[2]) / 2, r[3]);
          else if (w * h < pageArea * 0.9) {
            out.fills.push(r);
            // Cut by the clip (whether clipped here or already by the producer, as Skia does).
            const c = st.clip;
            out.fillInfo.push({ color: st.fill, cutTop: c !== null && r[1] <= c[1] + 0.25, cutBottom: c !== null && r[3] >= c[3] - 0.25 });
          }
        }
      }
    }
  }
  // The dots were clipped one by one as they were drawn.
  st = { ...st, clip: null };
  for (const [x0, y0, x1, y1] of dottedLines(dots)) addSegment(x0, y0, x1, y1);
  return out;
}

/** Dots closer than this (centre to centre) belong to one dotted line. */
const DOT_PITCH = 4;
/** Fewest dots that make a line. */
const MIN_DOTS = 3;

/**
 * Dotted borders, which a browser draws dot by dot: dots in a row (or a column) at a steady
 * small pitch become one ruling line, from the first dot to the last.
 */
function dottedLines(dots: Box[]): [number, number, number, number][] {
  if (dots.length < MIN_DOTS) return [];
  const out: [number, number, number, number][] = [];
  const chains = (across: (b: Box) => number, along: (b: Box) => number, emit: (at: number, from: number, to: number) => void) => {
    const rows = new Map<number, Box[]>();
    for (const d of dots) {
      const key = Math.round(across(d) * 2);
      let list = rows.get(key);
      if (!list) rows.set(key, (list = []));
      list.push(d);
    }
    for (const list of rows.values()) {
      if (list.length < MIN_DOTS) continue;
      list.sort((a, b) => along(a) - along(b));
      let start = 0;
      for (let i = 1; i <= list.length; i++) {
        if (i < list.length && along(list[i]!) - along(list[i - 1]!) <= DOT_PITCH) continue;
        if (i - start >= MIN_DOTS) emit(across(list[start]!), along(list[start]!), along(list[i - 1]!));
        start = i;
      }
    }
  };
  const cy = (b: Box) => (b[1] + b[3]) / 2;
  const cx = (b: Box) => (b[0] + b[2]) / 2;
  chains(cy, cx, (y, a, b) => out.push([a, y, b, y]));
  chains(cx, cy, (x, a, b) => out.push([x, a, x, b]));
  return out;
}

/**
 * Glyphs of a vertical font: each hangs below the current point, centred across the column,
 * and the point moves down by the glyph's vertical advance. Returns the new offset.
 */
function placeVertical(glyphs: (Glyph | number)[] | undefined, st: State, m: Matrix, along: number, out: TextRun[]): number {
  if (!Array.isArray(glyphs) || !(st.fontSize > 0)) return along;
  const fs = st.fontSize;
  const scale = Math.hypot(m[2], m[3]);
  for (const g of glyphs) {
    if (typeof g === "number") {
      along -= (g / 1000) * fs;
      continue;
    }
    const text = unifyRadicals(g?.unicode ?? "");
    const advance = ((g?.vmetric ? -g.vmetric[0]! : 1000) / 1000) * fs + st.charSpacing + (g?.isSpace ? st.wordSpacing : 0);
    if (text.trim() !== "") {
      const box = boxOf([apply(m, -fs / 2, along), apply(m, fs / 2, along - fs)]);
      const size = fs * scale;
      const prev = out[out.length - 1];
      // Consecutive glyphs of one column make one run.
      if (prev && Math.abs(prev.box[0] - box[0]) < size * 0.2 && Math.abs(box[1] - prev.box[3]) < size * 0.6) {
        prev.text += text;
        prev.box = [Math.min(prev.box[0], box[0]), prev.box[1], Math.max(prev.box[2], box[2]), Math.max(prev.box[3], box[3])];
      } else out.push({ text, box, size, vertical: true });
    }
    along -= advance;
  }
  return along;
}

interface Subpath {
  points: [number, number][];
  closed: boolean;
  curved: boolean;
}

/** DrawOPS path data → subpaths of transformed points (curves kept by their end points). */
function flatten(data: ArrayLike<number>, ctm: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  let i = 0;
  while (i < data.length) {
    const op = data[i++]!;
    if (op === DRAW_MOVE) {
      cur = { points: [apply(ctm, data[i]!, data[i + 1]!)], closed: false, curved: false };
      out.push(cur);
      i += 2;
    } else if (op === DRAW_LINE) {
      const p = apply(ctm, data[i]!, data[i + 1]!);
      if (!cur) out.push((cur = { points: [], closed: false, curved: false }));
      cur.points.push(p);
      i += 2;
    } else if (op === DRAW_CURVE) {
      if (cur) {
        cur.curved = true;
        cur.points.push(apply(ctm, data[i + 4]!, data[i + 5]!));
      }
      i += 6;
    } else if (op === DRAW_QUAD) {
      if (cur) {
        cur.curved = true;
        cur.points.push(apply(ctm, data[i + 2]!, data[i + 3]!));
      }
      i += 4;
    } else if (op === DRAW_CLOSE) {
      if (cur) cur.closed = true;
    } else break; // unknown op: the rest cannot be parsed
  }
  return out;
}

/** An axis-aligned rectangle subpath (4 corners, optionally repeating the first) → its box. */
function asRect(sp: Subpath, ctm: Matrix): Box | null {
  if (sp.curved || !isAxisAligned(ctm)) return null;
  let pts = sp.points;
  if (pts.length === 5 && Math.abs(pts[4]![0] - pts[0]![0]) < 0.01 && Math.abs(pts[4]![1] - pts[0]![1]) < 0.01) pts = pts.slice(0, 4);
  if (pts.length !== 4) return null;
  const b = boxOf(pts);
  // Every corner must sit on the box edges.
  const onEdge = pts.every(([x, y]) => (Math.abs(x - b[0]) < 0.05 || Math.abs(x - b[2]) < 0.05) && (Math.abs(y - b[1]) < 0.05 || Math.abs(y - b[3]) < 0.05));
  return onEdge ? b : null;
}
