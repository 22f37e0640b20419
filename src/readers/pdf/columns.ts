import { groupLines, type TextLine } from "./lines.js";
import type { TextRun } from "./text.js";

/**
 * A portal page printed as it shows on screen puts its link column (navigation, contact
 * lines, the site footer) beside the article. Lines grouped across the page would run the
 * two together (`政府信息公开指南 金河县2020年政府信息`), and a sidebar line with a number
 * (`3600000000 ICP备`) would read as a table row. A narrow column kept apart from prose by a
 * straight gutter is that sidebar: its lines are split off and marked `aside`, so that they
 * come before the article's, not inside it.
 */

/** The narrowest white gap between the sidebar and the article (points). */
const GUTTER_MIN = 2;
/** Lines with text on both sides of the gutter, and article lines of prose, that make a sidebar. */
const MIN_BESIDE = 3;
const MIN_PROSE = 2;
/** A prose line of the article holds at least this many characters with no wide gap. */
const PROSE_CHARS = 12;
/** The sidebar is at most this share of the text width. */
const SIDEBAR_SHARE = 0.35;

/** The top and bottom bands of a page where running heads and feet sit: never a sidebar's. */
const MARGIN_BAND = 0.1;

/** Lines of a page, with a sidebar beside the article split off and marked. */
export function splitSidebar(lines: TextLine[], pageHeight: number): TextLine[] {
  const inBody = (l: TextLine) => l.box[1] >= pageHeight * MARGIN_BAND && l.box[3] <= pageHeight * (1 - MARGIN_BAND);
  const flat = lines.filter((l) => !l.runs[0]?.vertical && inBody(l));
  if (flat.length < MIN_BESIDE + MIN_PROSE) return lines;
  const left = Math.min(...flat.map((l) => l.box[0]));
  const right = Math.max(...flat.map((l) => l.box[2]));
  const limit = left + (right - left) * SIDEBAR_SHARE;
  for (const x of gutterCandidates(flat, limit)) {
    const stretch = sidebarStretch(lines, x, inBody);
    if (stretch) return split(lines, x, stretch);
  }
  return lines;
}

/** Places left of `limit` that white gaps inside several lines share, the most shared first. */
function gutterCandidates(lines: TextLine[], limit: number): number[] {
  const gaps: [number, number][] = [];
  for (const l of lines) {
    for (let i = 1; i < l.runs.length; i++) {
      const a = l.runs[i - 1]!.box[2];
      const b = l.runs[i]!.box[0];
      if (b - a >= GUTTER_MIN && (a + b) / 2 < limit) gaps.push([a, b]);
    }
  }
  const scored = gaps.map(([a, b]) => {
    const x = (a + b) / 2;
    return { x, n: gaps.filter(([p, q]) => p < x && x < q).length };
  });
  const out: number[] = [];
  for (const { x, n } of scored.sort((p, q) => q.n - p.n)) {
    if (n < MIN_BESIDE) break;
    if (!out.some((y) => Math.abs(y - x) < GUTTER_MIN)) out.push(x);
    if (out.length >= 4) break;
  }
  return out;
}

const crosses = (l: TextLine, x: number) => l.runs.some((r) => r.box[0] < x - 1 && r.box[2] > x + 1);
const side = (l: TextLine, x: number, leftSide: boolean) => l.runs.filter((r) => (r.box[0] + r.box[2]) / 2 < x === leftSide);

/** The lines (first and last index) of the longest run that leaves a gutter at `x`, if it is a sidebar's. */
function sidebarStretch(lines: TextLine[], x: number, inBody: (l: TextLine) => boolean): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  const close = (end: number) => {
    if (start >= 0 && isSidebar(lines.slice(start, end + 1), x) && (!best || end - start > best[1] - best[0])) best = [start, end];
    start = -1;
  };
  lines.forEach((l, i) => {
    if (l.runs[0]?.vertical || !inBody(l) || crosses(l, x)) close(i - 1);
    else if (start < 0) start = i;
  });
  close(lines.length - 1);
  return best;
}

/**
 * Lines beside each other across the gutter, and prose on its right — some of it on lines of
 * its own. Columns of a table have gutters too, but numbers or short labels beside them.
 */
function isSidebar(lines: TextLine[], x: number): boolean {
  let beside = 0;
  let prose = 0;
  let alone = 0;
  for (const l of lines) {
    const l0 = side(l, x, true);
    const r0 = side(l, x, false);
    if (l0.length && r0.length) beside++;
    if (r0.length && isProse(r0)) {
      prose++;
      if (l0.length === 0) alone++;
    }
  }
  return beside >= MIN_BESIDE && prose >= MIN_PROSE && alone >= 1;
}

/** Runs that read as one stretch of prose: enough characters, no wide gap between them. */
function isProse(runs: TextRun[]): boolean {
  const chars = runs.reduce((n, r) => n + r.text.replace(/\s/g, "").length, 0);
  if (chars < PROSE_CHARS) return false;
  const sorted = [...runs].sort((a, b) => a.box[0] - b.box[0]);
  return sorted.every((r, i) => i === 0 || r.box[0] - sorted[i - 1]!.box[2] < r.size * 1.2);
}

/** Lines of the stretch cut at the gutter: the sidebar's parts marked `aside`. */
function split(lines: TextLine[], x: number, [from, to]: [number, number]): TextLine[] {
  const out: TextLine[] = [];
  lines.forEach((l, i) => {
    if (i < from || i > to) {
      out.push(l);
      return;
    }
    const l0 = side(l, x, true);
    const r0 = side(l, x, false);
    if (l0.length) out.push(...groupLines(l0).map((p) => ({ ...p, aside: true })));
    if (r0.length) out.push(...groupLines(r0));
  });
  return out;
}
