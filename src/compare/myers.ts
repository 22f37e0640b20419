/**
 * Myers' O(ND) difference algorithm (linear-space "middle snake" bisection, as in
 * diff-match-patch) on sequences of token ids, with a work bound: every token comparison and
 * every diagonal visited costs one unit. When the budget is spent the remaining middle of each
 * unfinished piece is given as delete + insert, and the result says it was cut. The script is
 * then longer than the shortest one but still turns `a` into `b` exactly, so a hostile input
 * costs bounded time and never a wrong text.
 */

export type EditOp = "equal" | "delete" | "insert";

/** A run of one op: `equal` covers a[aStart..] and b[bStart..], `delete` only a, `insert` only b. */
export interface Edit {
  op: EditOp;
  aStart: number;
  bStart: number;
  length: number;
}

export interface SequenceDiff {
  edits: Edit[];
  /** The work bound was reached: the edits are valid but not the shortest. */
  cut: boolean;
  /** Work units spent (token comparisons and diagonals visited). */
  work: number;
}

/** Default bound: well under a tenth of a second on one core; real sections need far less. */
export const DEFAULT_MAX_WORK = 4_000_000;

interface State {
  a: Int32Array;
  b: Int32Array;
  maxWork: number;
  work: number;
  cut: boolean;
  edits: Edit[];
}

export function diffSequences(a: Int32Array, b: Int32Array, maxWork = DEFAULT_MAX_WORK): SequenceDiff {
  const s: State = { a, b, maxWork, work: 0, cut: false, edits: [] };
  diffRange(s, 0, a.length, 0, b.length);
  return { edits: merge(s.edits), cut: s.cut, work: s.work };
}

function push(s: State, op: EditOp, aStart: number, bStart: number, length: number) {
  if (length > 0) s.edits.push({ op, aStart, bStart, length });
}

/** Diffs a[aLo, aHi) against b[bLo, bHi), appending edits in order. */
function diffRange(s: State, aLo: number, aHi: number, bLo: number, bHi: number): void {
  const { a, b } = s;
  // Common prefix and suffix cost one unit per token and shrink the problem for free.
  let pre = 0;
  while (aLo + pre < aHi && bLo + pre < bHi && a[aLo + pre] === b[bLo + pre]) pre++;
  let suf = 0;
  while (aHi - suf > aLo + pre && bHi - suf > bLo + pre && a[aHi - suf - 1] === b[bHi - suf - 1]) suf++;
  s.work += pre + suf;
  push(s, "equal", aLo, bLo, pre);
  const a0 = aLo + pre;
  const a1 = aHi - suf;
  const b0 = bLo + pre;
  const b1 = bHi - suf;
  if (a0 === a1) push(s, "insert", a0, b0, b1 - b0);
  else if (b0 === b1) push(s, "delete", a0, b0, a1 - a0);
  else {
    const split = s.work < s.maxWork ? middleSnake(s, a0, a1, b0, b1) : null;
    if (split) {
      diffRange(s, a0, a0 + split[0], b0, b0 + split[1]);
      diffRange(s, a0 + split[0], a1, b0 + split[1], b1);
    } else {
      if (s.work >= s.maxWork) s.cut = true;
      push(s, "delete", a0, b0, a1 - a0);
      push(s, "insert", a1, b0, b1 - b0);
    }
  }
  push(s, "equal", a1, b1, suf);
}

/**
 * The point (x, y) where a forward and a backward furthest-reaching path meet: the problem
 * splits there into two smaller ones. Null when the budget runs out, or when the sequences have
 * nothing in common (then delete + insert is the answer).
 */
function middleSnake(s: State, aLo: number, aHi: number, bLo: number, bHi: number): [number, number] | null {
  const { a, b } = s;
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD;
  const size = 2 * maxD + 2;
  const v1 = new Int32Array(size).fill(-1);
  const v2 = new Int32Array(size).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the paths meet while extending forward, with an even one backward.
  const front = delta % 2 !== 0;
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  // A local counter: the loops below are the whole cost of a diff.
  let work = s.work;
  const maxWork = s.maxWork;
  for (let d = 0; d < maxD; d++) {
    if (work >= maxWork) {
      s.work = work;
      return null;
    }
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const i1 = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[i1 - 1]! < v1[i1 + 1]!) ? v1[i1 + 1]! : v1[i1 - 1]! + 1;
      let y1 = x1 - k1;
      const x0 = x1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      work += 1 + x1 - x0;
      if (work >= maxWork) break;
      v1[i1] = x1;
      if (x1 > n) k1end += 2;
      else if (y1 > m) k1start += 2;
      else if (front) {
        const i2 = offset + delta - k1;
        if (i2 >= 0 && i2 < size && v2[i2] !== -1 && x1 >= n - v2[i2]!) {
          s.work = work;
          return [x1, y1];
        }
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const i2 = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[i2 - 1]! < v2[i2 + 1]!) ? v2[i2 + 1]! : v2[i2 - 1]! + 1;
      let y2 = x2 - k2;
      const x0 = x2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
        x2++;
        y2++;
      }
      work += 1 + x2 - x0;
      if (work >= maxWork) break;
      v2[i2] = x2;
      if (x2 > n) k2end += 2;
      else if (y2 > m) k2start += 2;
      else if (!front) {
        const i1 = offset + delta - k2;
        if (i1 >= 0 && i1 < size && v1[i1] !== -1) {
          const x1 = v1[i1]!;
          const y1 = offset + x1 - i1;
          if (x1 >= n - x2) {
            s.work = work;
            return [x1, y1];
          }
        }
      }
    }
  }
  s.work = work;
  return null;
}

/**
 * Joins adjacent equal runs, and gives each changed stretch between two equal runs as one
 * delete followed by one insert (the recursion may interleave them).
 */
function merge(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  let i = 0;
  while (i < edits.length) {
    const e = edits[i]!;
    if (e.op === "equal") {
      const last = out[out.length - 1];
      if (last?.op === "equal") last.length += e.length;
      else out.push({ ...e });
      i++;
      continue;
    }
    const aStart = e.aStart;
    const bStart = e.bStart;
    let deleted = 0;
    let inserted = 0;
    for (; i < edits.length && edits[i]!.op !== "equal"; i++) {
      if (edits[i]!.op === "delete") deleted += edits[i]!.length;
      else inserted += edits[i]!.length;
    }
    if (deleted) out.push({ op: "delete", aStart, bStart, length: deleted });
    if (inserted) out.push({ op: "insert", aStart: aStart + deleted, bStart, length: inserted });
  }
  return out;
}
