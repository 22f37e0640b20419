import { overlap, type Box } from "../geometry.js";
import type { TextRun } from "./text.js";

/** Runs that share a baseline band, left to right. */
export interface TextLine {
  runs: TextRun[];
  box: Box;
  /** Typical font size of the line. */
  size: number;
  text: string;
  /** Page it is on (set for lines of the page text, not inside cells). */
  page?: number;
  /** Part of a sidebar beside the article (see `columns.ts`). */
  aside?: boolean;
}

/**
 * Groups horizontal runs into lines: a run joins a line when their vertical extents overlap
 * by more than half the smaller height. Vertical runs each make their own "line" (a column).
 */
export function groupLines(runs: TextRun[]): TextLine[] {
  const lines: { runs: TextRun[]; box: Box }[] = [];
  const sorted = [...runs].sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
  for (const r of sorted) {
    if (r.vertical) {
      lines.push({ runs: [r], box: [...r.box] });
      continue;
    }
    const h = r.box[3] - r.box[1];
    let target: { runs: TextRun[]; box: Box } | null = null;
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 8; i--) {
      const l = lines[i]!;
      if (l.runs[0]!.vertical) continue;
      const lh = l.box[3] - l.box[1];
      if (overlap(l.box[1], l.box[3], r.box[1], r.box[3]) > Math.min(h, lh) * 0.5) {
        target = l;
        break;
      }
    }
    if (target) {
      target.runs.push(r);
      target.box = [Math.min(target.box[0], r.box[0]), Math.min(target.box[1], r.box[1]), Math.max(target.box[2], r.box[2]), Math.max(target.box[3], r.box[3])];
    } else lines.push({ runs: [r], box: [...r.box] });
  }
  return lines
    .map((l) => {
      const runs = l.runs[0]!.vertical ? l.runs : [...l.runs].sort((a, b) => a.box[0] - b.box[0]);
      return { runs, box: l.box, size: typicalSize(runs), text: joinRuns(runs) };
    })
    .sort((a, b) => a.box[1] - b.box[1] || a.box[0] - b.box[0]);
}

function typicalSize(runs: TextRun[]): number {
  let best = runs[0]!.size;
  let len = 0;
  for (const r of runs) {
    if (r.text.length > len) {
      len = r.text.length;
      best = r.size;
    }
  }
  return best;
}

/** Joins runs of one line; a gap wider than a third of the font size becomes a space. */
export function joinRuns(runs: TextRun[]): string {
  let out = "";
  let prev: TextRun | null = null;
  for (const r of runs) {
    if (prev && !r.vertical) {
      const gap = r.box[0] - prev.box[2];
      const size = Math.min(prev.size, r.size);
      if (gap > size * 0.33 && !out.endsWith(" ") && !r.text.startsWith(" ")) out += " ";
    }
    out += r.text;
    prev = r;
  }
  return out;
}
