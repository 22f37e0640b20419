import type { Finding } from "../model/finding.js";
import { digitRun, extraCells, lostCells, notice, shortTableName } from "./notices.js";
import type { CellProvenance } from "../model/report.js";
import { cellName } from "../templates/index.js";
import type { IdentityDef, Template } from "../templates/types.js";
import { toHalfWidth } from "../text/normalize.js";
import { parseValue, type ParsedValue } from "./values.js";
import type { Reading, SlotDef, Token } from "./tables.js";

/**
 * Turns row readings into cell values. Rows whose cells all arrived map directly. Rows that
 * lost cells (6 numbers for 7 columns) or whose digits ran together (`801000081`) get every
 * reading that fits, and the table identities (with values ≥ 0) decide between them: interval
 * propagation over all equations, then readings that fall outside are dropped, until stable.
 * A cell is filled only where every remaining reading agrees; otherwise it stays null and a
 * finding says why. Nothing is guessed silently.
 */

export interface CandCell {
  token?: Token;
  parsed?: ParsedValue;
  /** Known value (null: blank, `/`, text). Undefined when lost. */
  value: number | null | undefined;
  lost?: boolean;
  /** Part of a digit run that was split. */
  split?: boolean;
}

export interface SolvedCells {
  cells: Record<string, number | null>;
  provenance: Record<string, CellProvenance>;
  findings: Finding[];
}

interface Equation {
  id: string;
  plus: string[];
  minus: string[];
}

const MAX_LOST = 3;
const MAX_CANDIDATES = 4000;
/** Work allowed for splitting one row's digit runs; beyond it no split is trusted. */
const MAX_SPLIT_STEPS = 20_000;

const allEquations = new WeakMap<IdentityDef[], Map<Template, Equation[]>>();

/** Linear equations of the template's identities over the keys that exist. */
export function equations(identities: IdentityDef[], template: Template, present: Set<string>): Equation[] {
  let byTemplate = allEquations.get(identities);
  if (!byTemplate) allEquations.set(identities, (byTemplate = new Map()));
  let all = byTemplate.get(template);
  if (!all) byTemplate.set(template, (all = templateEquations(identities, template)));
  return all.filter((eq) => eq.plus.every((k) => present.has(k)) && eq.minus.every((k) => present.has(k)));
}

/** Every equation of the identities, over the template's full grid (computed once per template). */
function templateEquations(identities: IdentityDef[], template: Template): Equation[] {
  const eqs: Equation[] = [];
  for (const idn of identities) {
    const m = idn.table === "requests" ? template.requests : template.review;
    const keyOf = (row: string, col: string) => `${m.id}.${row}.${col}`;
    const outer = idn.over === "columns" ? m.columns.map((c) => c.key) : m.rows.map((r) => r.key);
    for (const o of outer) {
      const plus = idn.left.map((x) => (idn.over === "columns" ? keyOf(x, o) : keyOf(o, x)));
      const minus = idn.right.map((x) => (idn.over === "columns" ? keyOf(x, o) : keyOf(o, x)));
      eqs.push({ id: idn.id, plus, minus });
    }
  }
  return eqs;
}

function parseToken(t: Token, slot: SlotDef): CandCell {
  const parsed = parseValue(t.raw, slot.kind);
  return { token: t, parsed, value: parsed.value };
}

/** Strips empty cells at both ends of a text row with numbers: merged label cells leave them there. */
function trimEdges(tokens: Token[]): Token[] {
  if (!tokens.some((t) => parseValue(t.raw).form === "number")) return tokens;
  let a = 0;
  let b = tokens.length;
  while (a < b && tokens[a]!.raw.trim() === "") a++;
  while (b > a && tokens[b - 1]!.raw.trim() === "") b--;
  return tokens.slice(a, b);
}

interface Candidates {
  list: CandCell[][];
  note?: "lost" | "split" | "split-unfit" | "split-unsafe" | "split-many" | "extra" | "too-many-lost";
  extra?: Token[];
}

/** The ways a row's tokens can fill its slots: digit runs split, or cells lost, or both unknown. */
interface Readings {
  exact?: CandCell[];
  splits: CandCell[][];
  gaps: CandCell[][];
  extra?: Token[];
  tooManyLost?: boolean;
  /** Complete splits existed, whether or not they passed the row's check. */
  splitsTried?: boolean;
  /** Too many ways to split to try them all: none can be trusted. */
  splitsTruncated?: boolean;
}

/**
 * A test a complete reading of a row must pass (the identities all of whose cells are in the row),
 * with the shape of those that make one cell the sum of cells before it (总计 after its columns),
 * which lets the splitting of digit runs prune as it goes.
 */
type RowCheck = ((c: CandCell[]) => boolean) & { sums?: RowSum[] };

/** Cell `sum` (a slot index) is the sum of the cells `addends`, all before it. */
interface RowSum {
  sum: number;
  addends: number[];
}

/**
 * Every way the row's tokens can fill its slots. `checkOf` gives the row's own check, asked
 * for only when digit runs are split (most rows arrive whole and never need it).
 */
export function readingsFor(r: Reading, checkOf: () => RowCheck | undefined = () => undefined): Readings {
  const n = r.slots.length;
  if (r.byPosition) {
    return { exact: r.byPosition.map((t, i) => (t ? parseToken(t, r.slots[i]!) : { value: undefined, lost: true })), splits: [], gaps: [] };
  }
  // In text rows an empty field at either end of a row of numbers is left by a merged label
  // cell, not a blank value: drop it, and let the identities place what remains.
  const tokens = trimEdges(r.tokens);
  if (tokens.length === n) return { exact: tokens.map((t, i) => parseToken(t, r.slots[i]!)), splits: [], gaps: [] };
  if (tokens.length > n) {
    return { exact: tokens.slice(0, n).map((t, i) => parseToken(t, r.slots[i]!)), extra: tokens.slice(n), splits: [], gaps: [] };
  }
  const sr = r.boundariesLost ? splitRuns(tokens, n, r.slots, checkOf()) : { list: [], tried: false, truncated: false };
  const splits = sr.list;
  const tried = { splitsTried: sr.tried, splitsTruncated: sr.truncated };
  const lost = n - tokens.length;
  if (lost > MAX_LOST) return { splits, gaps: [], tooManyLost: !sr.tried, ...tried };
  // A multi-digit token with a leading zero (`000`) is a run of digits, not one value.
  if (sr.tried && tokens.some((t) => /^0\d/.test(runText(t)))) return { splits, gaps: [], ...tried };
  const gaps: CandCell[][] = [];
  for (const at of combinations(n, lost)) {
    if (gaps.length >= MAX_CANDIDATES) break;
    const cand: CandCell[] = [];
    let k = 0;
    for (let i = 0; i < n; i++) cand.push(at.has(i) ? { value: undefined, lost: true } : parseToken(tokens[k++]!, r.slots[i]!));
    gaps.push(cand);
  }
  return { splits, gaps, ...tried };
}

/**
 * Chooses among the readings of a row. Splits of run-together digits that an identity of the
 * row confirms win over lost cells; unconfirmed splits stay side by side with the lost-cell
 * readings, so the identities of the whole table (or a finding) decide.
 */
function candidatesFor(r: Reading, rowEquations: (r: Reading) => Equation[]): Candidates {
  let check: RowCheck | undefined | null = null;
  const checkOf = () => {
    if (check === null) {
      const own = rowEquations(r);
      check = own.length ? rowCheck(r, own) : undefined;
    }
    return check;
  };
  // With a check, the splits that come back have passed it.
  const rd = readingsFor(r, checkOf);
  if (rd.exact) return { list: [rd.exact], ...(rd.extra ? { note: "extra", extra: rd.extra } : {}) };
  const own = checkOf();
  if (rd.tooManyLost) return { list: [], note: "too-many-lost" };
  if (rd.splitsTruncated) return { list: [], note: "split-many" };
  const gaps = own ? rd.gaps.filter(own) : rd.gaps;
  if (own && rd.splits.length) return { list: rd.splits, note: "split" };
  if (rd.splitsTried) {
    const list = [...(own ? [] : rd.splits), ...gaps];
    // No split fits the row's own identity: blank cells vanished or a digit is wrong. Don't pick one.
    return list.length ? { list, note: "split" } : { list: [], note: "split-unfit" };
  }
  return { list: gaps.length ? gaps : rd.gaps, note: "lost" };
}

/**
 * Tables whose run-together rows show that empty cells vanished: a row with fewer digits than
 * columns (or none at all) cannot be a run of one number per cell. There a digit run may hide
 * blanks as well as numbers, and no split of it is safe, however well it fits the identities.
 */
function blanksVanished(readings: Reading[]): Set<string> {
  const out = new Set<string>();
  for (const r of readings) {
    if (!r.boundariesLost || r.parts) continue;
    const raws = r.tokens.map(runText).filter((x) => x !== "");
    if (!raws.every((x) => /^[+-]?\d+$/.test(x))) continue;
    const digits = raws.reduce((n, x) => n + x.replace(/^[+-]/, "").length, 0);
    if (digits < r.slots.length) out.add(r.table);
  }
  return out;
}

function* combinations(n: number, k: number): Generator<Set<number>> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k === 0) {
    yield new Set();
    return;
  }
  while (true) {
    yield new Set(idx);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1]! + 1;
  }
}

/**
 * A token of a row whose cell boundaries were lost that may hide several cells: digits, maybe
 * with separators, decimals, a leading sign and a unit (`801000081`, `-12,019`, `1202,393.3332万元`).
 */
const RUN_RE = /^[+-]?\d[\d,.]*\d(?:万元|元|件)?$/;
/** Longer runs are not a row of cells (and would make splitting slow): they stay whole. */
const MAX_RUN_LENGTH = 80;
const isRun = (s: string) => s.length <= MAX_RUN_LENGTH && RUN_RE.test(s);
/** A token's text as a run of digits is read: full-width digits and signs (`１２０－１`) as ASCII. */
const runText = (t: Token) => toHalfWidth(t.raw.trim());
/** One number as a cell writes it: no leading zeros, separators in groups of three. */
const PART_RE = /^[+-]?(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * Runs split into several numbers so that the row has n values: `801000081` → 80 1 0 0 0 0 81,
 * `-12,019` → -1 2,019. Every part must read as one number; a sign belongs to the first part,
 * a unit to the last; only `signed` columns take negatives. Bounded by MAX_CANDIDATES.
 */
function splitRuns(tokens: Token[], n: number, slots: SlotDef[], check?: RowCheck): { list: CandCell[][]; tried: boolean; truncated: boolean } {
  const need = n - tokens.length;
  // Each token's text, and whether it is a run, worked out once: the search visits tokens thousands of times.
  const texts = tokens.map(runText);
  const runs = texts.map(isRun);
  if (need <= 0 || !runs.includes(true)) return { list: [], tried: false, truncated: false };
  const out: CandCell[][] = [];
  let steps = 0;
  let tried = false;
  const done = () => out.length >= MAX_CANDIDATES || steps > MAX_SPLIT_STEPS;
  const acc: CandCell[] = [];
  // The same parts recur in thousands of candidates: parse each once per column kind.
  const parsedParts = new Map<string, Map<string, ParsedValue>>();
  const parsePart = (p: string, kind: SlotDef["kind"] = "count") => {
    let byKind = parsedParts.get(kind);
    if (!byKind) parsedParts.set(kind, (byKind = new Map()));
    let v = byKind.get(p);
    if (!v) byKind.set(p, (v = parseValue(p, kind)));
    return v;
  };
  // How many more cells the runs from token i on can yield by splitting (a part per digit at most),
  // and how many characters they hold.
  const capacity = new Array<number>(tokens.length + 1).fill(0);
  const charsAfter = new Array<number>(tokens.length + 1).fill(0);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const s = texts[i]!;
    capacity[i] = capacity[i + 1]! + (runs[i] ? s.replace(/^[+-]|(万元|元|件)$/g, "").length - 1 : 0);
    charsAfter[i] = charsAfter[i + 1]! + s.length;
  }
  const sums = plainCountRow(texts, slots) ? check?.sums : undefined;
  const prune = sums ? sumPruning(sums, tokens, n) : null;
  const rec = (ti: number, extra: number) => {
    if (done()) return;
    if (ti === tokens.length) {
      if (extra !== 0) return;
      // Only slot-kind-valid readings count; then the row's own identities must hold.
      if (!acc.every((x, i) => slots[i]!.kind === "signed" || !(typeof x.value === "number" && x.value < 0))) return;
      tried = true;
      if (!check || check(acc)) out.push([...acc]);
      return;
    }
    const t = tokens[ti]!;
    const s = texts[ti]!;
    if (!runs[ti] || extra === 0) {
      const cell = parseToken(t, slots[acc.length]!);
      prune?.set(acc.length, cell.value);
      acc.push(cell);
      rec(ti + 1, extra);
      acc.pop();
      return;
    }
    const unit = /(万元|元|件)$/.exec(s)?.[1] ?? "";
    const body = s.slice(0, s.length - unit.length);
    // Most runs are plain digits: a part of them is one number unless it has a leading zero.
    const digitsOnly = /^\d+$/.test(body);
    // A part is one number as a cell writes it; in plain digits, one without a leading zero.
    const partOk = digitsOnly
      ? (pos: number, end: number) => end - pos === 1 || body.charCodeAt(pos) !== 48
      : (pos: number, end: number) => {
          const p = body.slice(pos, end);
          return PART_RE.test(p) && !(pos > 0 && /^[+-]/.test(p));
        };
    // Split the body into 1..extra+1 parts, kept as their end positions (sliced once a split is whole).
    const ends: number[] = [];
    const cut = (pos: number, left: number) => {
      if (done()) return;
      if (pos === body.length) {
        const used = ends.length - 1;
        // The runs after this one cannot take the splits left over.
        if (extra - used > capacity[ti + 1]!) return;
        let start = 0;
        for (const [i, end] of ends.entries()) {
          const p = body.slice(start, end);
          start = end;
          const parsed = parsePart(i === ends.length - 1 ? p + unit : p, slots[acc.length]?.kind);
          acc.push({ token: { ...t, raw: p }, parsed, value: parsed.value, split: ends.length > 1 });
        }
        rec(ti + 1, extra - used);
        acc.length -= ends.length;
        return;
      }
      const slot = acc.length + ends.length;
      // A sum whose addends are all read has one possible part: its value.
      const forced = prune?.forced(slot);
      const from = forced === undefined ? pos + 1 : pos + forced.length;
      const to = forced === undefined ? body.length : Math.min(from, body.length);
      for (let end = from; end <= to; end++) {
        steps++;
        const remaining = body.length - end;
        if (remaining > 0 && left === 0) continue;
        // Too few parts: even a part per remaining character here leaves splits no later run can take.
        if ((remaining > 0 ? left - remaining : left) > capacity[ti + 1]!) continue;
        if (forced !== undefined && !body.startsWith(forced, pos)) break;
        if (!partOk(pos, end)) continue;
        if (prune) {
          // Only rows of plain digits are pruned, so the part is digits: its value needs no slice.
          const value = digitsValue(body, pos, end);
          // Longer parts are larger: once a sum can no longer hold this addend, none can.
          if (!prune.fits(slot, value, remaining + charsAfter[ti + 1]!)) break;
          prune.set(slot, value);
        }
        ends.push(end);
        cut(end, remaining > 0 ? left - 1 : left);
        ends.pop();
      }
    };
    cut(0, extra);
  };
  rec(0, need);
  return { list: out, tried, truncated: done() };
}

/**
 * body[pos, end) of plain digits as a number, as Number() reads it: summed digit by digit while
 * that is exact (15 digits), which spares slicing a string for every part the search tries.
 */
function digitsValue(body: string, pos: number, end: number): number {
  if (end - pos > 15) return Number(body.slice(pos, end));
  let v = 0;
  for (let i = pos; i < end; i++) v = v * 10 + (body.charCodeAt(i) - 48);
  return v;
}

/** 10 ** i, looked up: `**` with a variable exponent calls Math.pow, and the pruning asks thousands of times. */
const POW10 = Float64Array.from({ length: 310 }, (_, i) => 10 ** i);
const pow10 = (i: number) => (i < POW10.length ? POW10[i]! : 10 ** i);

/** A row of counts whose every token is plain digits: the rows whose sums can prune the splitting. */
function plainCountRow(texts: string[], slots: SlotDef[]): boolean {
  return slots.every((s) => s.kind === "count") && texts.every((t) => /^\d+$/.test(t));
}

/**
 * Pruning by the row's sums while its runs are split left to right: a sum must hold its addends,
 * and it can have no more digits than the characters left after its addends (one at least for
 * every other cell still to come); once its addends are read, its part is their sum.
 */
function sumPruning(sums: RowSum[], tokens: Token[], n: number) {
  const vals = new Float64Array(n).fill(NaN);
  // The sum at each slot (an array, not a Map: `forced` asks for every part the search tries).
  const sumAt = new Array<RowSum | undefined>(n).fill(undefined);
  for (const s of sums) sumAt[s.sum] = s;
  // The sums each slot is an addend of (and comes before): `fits` runs for every candidate part.
  const sumsOf: RowSum[][] = [];
  for (let slot = 0; slot < n; slot++) sumsOf.push(sums.filter((s) => s.sum > slot && s.addends.includes(slot)));
  const partial = (s: RowSum, upTo: number) => {
    let acc = 0;
    for (const a of s.addends) if (a <= upTo) acc += vals[a]!;
    return acc;
  };
  return {
    set(slot: number, v: number | null | undefined) {
      if (slot < n) vals[slot] = typeof v === "number" ? v : NaN;
    },
    /** The only part the slot can take, when it is a sum whose addends are all read. */
    forced(slot: number): string | undefined {
      const s = sumAt[slot];
      if (!s) return undefined;
      const v = partial(s, slot);
      return Number.isNaN(v) ? undefined : String(v);
    },
    /** Whether the sums after `slot` can still hold it with value v, `chars` characters being left after it. */
    fits(slot: number, v: number, chars: number): boolean {
      vals[slot] = v;
      const mine = sumsOf[slot];
      if (!mine) return true;
      // Every slot after this one but the sum takes a character at least.
      const digits = chars - (n - slot - 2);
      for (const s of mine) {
        const total = partial(s, slot);
        if (Number.isNaN(total)) continue;
        if (digits < 1 || total >= pow10(digits)) return false;
      }
      return true;
    },
  };
}

type Interval = [number, number];

function kindLow(slot: SlotDef): number {
  return slot.kind === "signed" ? -Infinity : 0;
}

/** The equations as numbered variables and signs, built once per table set: `propagate` runs in up to 10 passes. */
interface System {
  keys: string[];
  rows: { vars: Int32Array; signs: Int8Array; constSigns: Int8Array }[];
}

function system(eqs: Equation[]): System {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const id = (k: string) => {
    let i = index.get(k);
    if (i === undefined) {
      index.set(k, (i = keys.length));
      keys.push(k);
    }
    return i;
  };
  const rows = eqs.map((eq) => ({
    vars: Int32Array.from([...eq.plus, ...eq.minus].map(id)),
    signs: Int8Array.from([...eq.plus.map(() => 1), ...eq.minus.map(() => -1)]),
    // How the check for violated constants has always added: a key on both sides counts as added.
    constSigns: Int8Array.from([...eq.plus.map(() => 1), ...eq.minus.map((k) => (eq.plus.includes(k) ? 1 : -1))]),
  }));
  return { keys, rows };
}

/**
 * Propagates bounds through Σplus − Σminus = 0 until nothing changes. Returns false on
 * contradiction. Variables are numbered and bounds kept in typed arrays; each equation's sum
 * is taken once and each term's share subtracted from it (infinite shares counted apart), so
 * a pass costs the number of terms, not its square: this runs on every table that lost cells.
 * Equations whose every cell is a known number and that fail are source errors (rules report
 * them): they are left out, and variables in no other equation keep their bounds.
 */
function propagate(bounds: Map<string, Interval>, sys: System): boolean {
  const { keys } = sys;
  const lo = new Float64Array(keys.length);
  const hi = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    const b = bounds.get(k);
    lo[i] = b ? b[0] : -Infinity;
    hi[i] = b ? b[1] : Infinity;
  });
  const equations = sys.rows.filter((eq) => !violatedConstant(eq, lo, hi));
  for (let round = 0; round < 60; round++) {
    let changed = false;
    for (const { vars, signs } of equations) {
      // The sum's bounds: finite parts added, infinite parts counted.
      let sumLo = 0;
      let sumHi = 0;
      let infLo = 0;
      let infHi = 0;
      for (let j = 0; j < vars.length; j++) {
        const v = vars[j]!;
        const tl = signs[j]! > 0 ? lo[v]! : -hi[v]!;
        const th = signs[j]! > 0 ? hi[v]! : -lo[v]!;
        if (tl === -Infinity) infLo++;
        else sumLo += tl;
        if (th === Infinity) infHi++;
        else sumHi += th;
      }
      for (let j = 0; j < vars.length; j++) {
        const v = vars[j]!;
        const a = signs[j]!;
        const tl = a > 0 ? lo[v]! : -hi[v]!;
        const th = a > 0 ? hi[v]! : -lo[v]!;
        // The other terms' sum S; a·x = −S.
        const restLo = infLo - (tl === -Infinity ? 1 : 0) > 0 ? -Infinity : sumLo - (tl === -Infinity ? 0 : tl);
        const restHi = infHi - (th === Infinity ? 1 : 0) > 0 ? Infinity : sumHi - (th === Infinity ? 0 : th);
        const nl = a > 0 ? -restHi : restLo;
        const nh = a > 0 ? -restLo : restHi;
        const l2 = Math.max(lo[v]!, nl);
        const h2 = Math.min(hi[v]!, nh);
        if (l2 > h2 + 1e-9) return false;
        if (l2 > lo[v]! + 1e-9 || h2 < hi[v]! - 1e-9) {
          lo[v] = l2;
          hi[v] = h2;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  keys.forEach((k, i) => {
    // Bounds that did not move stay as they are (those of variables in no usable equation among them).
    const b = bounds.get(k);
    if (!b || lo[i] !== b[0] || hi[i] !== b[1]) bounds.set(k, [lo[i]!, hi[i]!]);
  });
  return true;
}

function hull(cands: CandCell[][], i: number, slot: SlotDef): Interval {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cands) {
    const v = c[i]!.value;
    if (typeof v === "number") {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    } else return [kindLow(slot), Infinity];
  }
  return [lo, hi];
}

function fits(c: CandCell[], r: Reading, bounds: Map<string, Interval>): boolean {
  return c.every((cell, i) => {
    if (typeof cell.value !== "number") return true;
    const b = bounds.get(r.slots[i]!.key);
    return !b || (cell.value >= b[0] - 1e-9 && cell.value <= b[1] + 1e-9);
  });
}

/**
 * The equations all of whose cells are in a row, in their order. Only those whose first cell is
 * in the row can be, so they are looked up by it (index built on first use): a table set has
 * dozens of equations and a crawled report asks for every row it splits.
 */
function rowEquationsOf(eqs: Equation[]): (r: Reading) => Equation[] {
  let byFirst: Map<string, number[]> | undefined;
  const everyRow: number[] = [];
  const index = () => {
    const m = new Map<string, number[]>();
    eqs.forEach((eq, i) => {
      const first = eq.plus[0] ?? eq.minus[0];
      if (first === undefined) everyRow.push(i);
      else m.set(first, [...(m.get(first) ?? []), i]);
    });
    return m;
  };
  return (r) => {
    byFirst ??= index();
    const keys = new Set(r.slots.map((s) => s.key));
    const at = [...everyRow];
    for (const k of keys) at.push(...(byFirst.get(k) ?? []));
    return at
      .sort((a, b) => a - b)
      .map((i) => eqs[i]!)
      .filter((eq) => eq.plus.every((k) => keys.has(k)) && eq.minus.every((k) => keys.has(k)));
  };
}

/**
 * Row-level check: an equation all of whose keys are in this row must hold (one lost cell may be
 * derived). Slot positions are worked out once per row: the check runs on thousands of readings.
 */
function rowCheck(r: Reading, own: Equation[]): RowCheck {
  const at = new Map(r.slots.map((s, i) => [s.key, i]));
  const terms = own.map((eq) => [...eq.plus.map((k) => [at.get(k)!, 1] as const), ...eq.minus.map((k) => [at.get(k)!, -1] as const)]);
  const check: RowCheck = (c) => terms.every((t) => termsHold(c, t));
  const sums: RowSum[] = [];
  for (const eq of own) {
    const [one, many] = eq.plus.length === 1 ? [eq.plus, eq.minus] : eq.minus.length === 1 ? [eq.minus, eq.plus] : [[], []];
    if (one.length !== 1) continue;
    const sum = at.get(one[0]!)!;
    const addends = many.map((k) => at.get(k)!);
    if (addends.every((a) => a < sum)) sums.push({ sum, addends });
  }
  if (sums.length) check.sums = sums;
  return check;
}

function termsHold(c: CandCell[], terms: (readonly [number, number])[]): boolean {
  let sum = 0;
  let unknown = 0;
  let unknownSign = 0;
  for (const [i, sign] of terms) {
    const cell = c[i]!;
    const v = cell.value;
    if (typeof v === "number") sum += sign * v;
    else if (cell.lost) {
      unknown++;
      unknownSign = sign;
    } else return true; // a blank in the row: nothing to check
  }
  if (unknown === 0 && Math.abs(sum) > 1e-9) return false;
  if (unknown === 1) {
    const derived = -sum / unknownSign;
    if (derived < -1e-9 || !Number.isInteger(Math.round(derived * 1e6) / 1e6)) return false;
  }
  return true;
}

export function solve(readings: Reading[], template: Template, identities: IdentityDef[]): SolvedCells {
  const result: SolvedCells = { cells: {}, provenance: {}, findings: [] };
  const present = new Set<string>();
  for (const r of readings) for (const s of r.slots) present.add(s.key);
  const eqs = equations(identities, template, present);

  const unsafe = blanksVanished(readings);
  const rowEquations = rowEquationsOf(eqs);
  const rows = readings.map((r) => {
    if (r.parts) return { r, c: { list: [sumParts(r)] } as Candidates };
    const c = candidatesFor(r, rowEquations);
    return { r, c: c.note === "split" && unsafe.has(r.table) ? ({ list: [], note: "split-unsafe" } as Candidates) : c };
  });

  // Global pruning by the identities.
  let bounds: Map<string, Interval> | null = new Map();
  let sys: System | undefined;
  if (rows.some((x) => x.c.list.length > 1 || x.c.list.some((cand) => cand.some((cell) => cell.lost)))) {
    for (let pass = 0; pass < 10; pass++) {
      const b = new Map<string, Interval>();
      for (const { r, c } of rows) r.slots.forEach((s, i) => b.set(s.key, c.list.length ? hull(c.list, i, s) : [kindLow(s), Infinity]));
      if (!propagate(b, (sys ??= system(eqs)))) {
        bounds = null;
        break;
      }
      bounds = b;
      let pruned = false;
      for (const x of rows) {
        if (x.c.list.length < 2) continue;
        const keep = x.c.list.filter((cand) => fits(cand, x.r, b));
        if (keep.length && keep.length < x.c.list.length) {
          x.c.list = keep;
          pruned = true;
        }
      }
      if (!pruned) break;
    }
  }
  const resolved: Reading[] = [];
  for (const x of rows) if (finalize(x.r, x.c, bounds, result) === "resolved") resolved.push(x.r);
  reportResolved(resolved, result);
  return result;
}

/**
 * Rows that lost cells but have exactly one reading that fits the identities: one finding per
 * table, not one per row, so a report whose converter dropped a column is not a wall of warnings.
 */
function reportResolved(rows: Reading[], out: SolvedCells) {
  const byTable = new Map<string, Reading[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  for (const [table, list] of byTable) {
    const keys = list.flatMap((r) => r.slots.map((s) => s.key).filter((k) => out.provenance[k]?.inferred));
    const shown = list.slice(0, 6).map((r) => {
      const got = r.tokens.filter((t) => t.raw.trim() !== "").map((t) => t.raw.trim());
      return `“${r.rowName}”读到 ${got.length} 个数（${got.join(" ")}），补全为 ${r.slots.map((s) => fmt(out.cells[s.key])).join(" ")}`;
    });
    const more = list.length > 6 ? `；另有 ${list.length - 6} 行同样处理` : "";
    out.findings.push(notice(lostCells, "warning", "resolved", { table: shortTableName(table), n: list.length, rows: shown.join("；"), more }, keys, list[0]!.source));
  }
}

/** An equation all of whose cells are known (bounds closed to a point) and that does not hold. */
function violatedConstant(eq: System["rows"][number], lo: Float64Array, hi: Float64Array): boolean {
  let sum = 0;
  for (let j = 0; j < eq.vars.length; j++) {
    const v = eq.vars[j]!;
    if (lo[v] !== hi[v]) return false;
    sum += eq.constSigns[j]! > 0 ? lo[v]! : -lo[v]!;
  }
  return Math.abs(sum) > 1e-9;
}

/** The summed values of a row made of local sub-rows. */
function sumParts(r: Reading): CandCell[] {
  const parts = r.parts!.map((p) => readingsFor(p.reading).exact ?? []);
  return r.slots.map((s, i) => {
    let sum = 0;
    for (const p of parts) {
      const v = p[i]?.value;
      if (typeof v !== "number") return { value: null, token: { raw: "", source: r.source, col: 0, span: 1 } };
      sum += v;
    }
    const raw = parts.map((p) => p[i]?.token?.raw.trim() ?? "").join(" + ");
    return { value: sum, token: { raw, source: r.source, col: 0, span: 1 }, parsed: { value: sum, form: "number", flags: [] } };
  });
}

/** Where a cell's value came from: the first reading's token, or the row when it has none. */
function provenanceOf(cell: CandCell | undefined, r: Reading): CellProvenance {
  const prov: CellProvenance = { raw: cell?.token?.raw ?? "", source: cell?.token?.source ?? r.source };
  if (cell?.token?.confidence !== undefined) prov.confidence = cell.token.confidence;
  if (cell?.parsed) {
    prov.kind = cell.parsed.form;
    if (cell.parsed.unit) prov.unit = cell.parsed.unit;
  }
  if (r.parts) prov.summedFrom = r.parts.map((p) => p.label);
  return prov;
}

function finalize(r: Reading, c: Candidates, bounds: Map<string, Interval> | null, out: SolvedCells): "resolved" | "other" {
  const inferred: string[] = [];
  const undecided: string[] = [];
  const one = c.list.length === 1 ? c.list[0]! : null;
  // The row's values as put in out.cells, for its finding: looking them up there again costs more.
  const values: (number | null)[] = [];
  r.slots.forEach((slot, i) => {
    const key = slot.key;
    // Most rows arrive whole: one reading, nothing lost, nothing to weigh.
    const whole = one?.[i];
    if (whole && !whole.lost) {
      out.cells[key] = values[i] = whole.value ?? null;
      out.provenance[key] = provenanceOf(whole, r);
      return;
    }
    const vals = c.list.map((cand) => {
      const cell = cand[i]!;
      if (cell.lost) {
        const b = bounds?.get(key);
        return b && b[0] === b[1] && Number.isFinite(b[0]) ? b[0] : undefined;
      }
      return cell.value;
    });
    const first = c.list[0]?.[i];
    const agree = vals.length > 0 && vals.every((v) => v === vals[0]) && vals[0] !== undefined;
    const anyLost = c.list.some((cand) => cand[i]!.lost);
    const prov = provenanceOf(first, r);
    if (agree) {
      out.cells[key] = values[i] = vals[0]!;
      if (anyLost) {
        prov.inferred = true;
        prov.raw = anyLost && !first?.token ? "" : prov.raw;
        inferred.push(key);
      }
    } else {
      out.cells[key] = values[i] = null;
      if (c.list.length !== 1 || anyLost) {
        prov.ambiguous = true;
        undecided.push(key);
      }
    }
    out.provenance[key] = prov;
  });
  const got = r.tokens.filter((t) => t.raw.trim() !== "").length;
  const row = { table: shortTableName(r.table), row: r.rowName };
  const rowKeys = r.slots.map((s) => s.key);
  const digits = () => r.tokens.map((t) => t.raw.trim()).join(" ");
  if (c.note === "too-many-lost") {
    out.findings.push(notice(lostCells, "warning", "tooMany", { ...row, got, want: r.slots.length }, rowKeys, r.source));
    return "other";
  }
  if (c.note === "extra") {
    const extra = c.extra!.map((t) => t.raw.trim()).join(" ");
    out.findings.push(notice(extraCells, "warning", "extra", { ...row, count: r.slots.length + (c.extra?.length ?? 0), want: r.slots.length, extra }, rowKeys, r.source));
  }
  if (r.byPosition && inferred.length + undecided.length > 0 && c.list.length === 1 && !c.note) {
    // Grid row with a missing cell under a header column.
    c.note = "lost";
  }
  if (c.note === "split-many") {
    out.findings.push(notice(digitRun, "warning", "tooMany", { ...row, digits: digits() }, rowKeys, r.source));
    return "other";
  }
  if (c.note === "split-unsafe") {
    out.findings.push(notice(digitRun, "warning", "unsafe", { ...row, digits: digits() }, rowKeys, r.source));
    return "other";
  }
  if (c.note === "split-unfit") {
    out.findings.push(notice(digitRun, "warning", "unfit", { ...row, digits: digits() }, rowKeys, r.source));
    return "other";
  }
  if (c.note === "split") {
    const decided = undecided.length === 0;
    out.findings.push(
      decided
        ? notice(digitRun, "info", "decided", { ...row, digits: digits(), values: values.map(fmt).join("、") }, rowKeys, r.source)
        : notice(digitRun, "warning", "undecided", { ...row, digits: digits(), n: c.list.length, alternatives: describeAlternatives(c.list) }, undecided, r.source),
    );
    return "other";
  }
  if (inferred.length && !undecided.length) return "resolved";
  if (inferred.length || undecided.length) {
    const data = {
      ...row,
      got,
      want: r.slots.length,
      inferred: inferred.map((k) => `${colName(k)} = ${fmt(out.cells[k])}`).join("，"),
      undecided: undecided.map(colName).join("、"),
    };
    const id = inferred.length && undecided.length ? "inferredAndUndecided" : inferred.length ? "inferred" : "undecided";
    out.findings.push(notice(lostCells, "warning", id, data, [...inferred, ...undecided], r.source));
  }
  return "other";
}

function colName(key: string): string {
  const name = cellName(key);
  const i = name.indexOf(" · ");
  return i >= 0 ? name.slice(i + 3) : name;
}

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? "空" : String(v);
}

function describeAlternatives(list: CandCell[][]): string {
  const shown = list.slice(0, 3).map((c) => c.map((x) => fmt(x.value)).join(" "));
  return shown.join("；") + (list.length > 3 ? ` 等 ${list.length} 种` : "");
}
