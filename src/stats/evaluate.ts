import { TEMPLATES } from "../templates/index.js";
import type { FigureDef, Sum, Term } from "./figures.js";
import { resolveTerm } from "./terms.js";

/**
 * What a figure makes of one report: counted (`in`, with its value and, for a rate, its
 * denominator); left out because a cell it needs is not a number (`missing`: blank, "/", 无,
 * unreadable or absent); or left out because the report's template has no such cells
 * (`notInTemplate`: 2019's table 2 has no 本年制发件数). One shape for all three, so that the
 * loop over every report and figure stays monomorphic.
 */
export interface Outcome {
  state: "in" | "missing" | "notInTemplate";
  value: number;
  of: number;
}

/** The sets of positions in the value vector to try in turn for a term; the first set whose cells are all numbers gives its value. */
type Tries = number[][];

/** A figure on reports of one template: the terms added and taken away, numerator then denominator; null when the template has no such cells. */
type Plan = { value: [Tries[], Tries[]]; of: [Tries[], Tries[]] | null } | null;

const MISSING: Outcome = { state: "missing", value: 0, of: 0 };
const NOT_IN_TEMPLATE: Outcome = { state: "notInTemplate", value: 0, of: 0 };

/**
 * Evaluates sum and rate figures on reports whose cells come as a vector over `keys` (null:
 * not a number). Everything that does not depend on the report — which cells each template
 * has, where they sit in the vector — is worked out once, here; statistics over 10,000 reports
 * evaluate some 300,000 times.
 */
export class Evaluator {
  private readonly plans: Plan[][];
  /** Reused for every counted outcome: read it before the next call. */
  private readonly counted: Outcome = { state: "in", value: 0, of: 0 };

  constructor(keys: string[], figures: readonly FigureDef[]) {
    const at = new Map(keys.map((k, i) => [k, i]));
    const positions = (ks: string[]) =>
      ks.map((k) => {
        const i = at.get(k);
        if (i === undefined) throw new Error(`statistics: cell ${k} was not loaded`);
        return i;
      });
    this.plans = figures.map((f) => TEMPLATE_SLOTS.map((own) => plan(f, own, positions)));
  }

  /** The slot of a report's template (its own cells are tried first). */
  slot(template: string | null): number {
    const i = TEMPLATE_SLOTS.indexOf(template);
    return i < 0 ? 0 : i;
  }

  /** Figure `fi` (index in the figures given) on a report of template slot `ti`. */
  evaluate(fi: number, ti: number, values: readonly (number | null)[]): Outcome {
    const p = this.plans[fi]![ti]!;
    if (p === null) return NOT_IN_TEMPLATE;
    const v = sum(p.value, values);
    const of = p.of ? sum(p.of, values) : 0;
    if (v === null || of === null) return MISSING;
    this.counted.value = v;
    this.counted.of = of;
    return this.counted;
  }
}

/** Slot 0: a report whose template is not known; then each template. */
const TEMPLATE_SLOTS: (string | null)[] = [null, ...TEMPLATES.map((t) => t.id)];

function plan(f: FigureDef, own: string | null, positions: (ks: string[]) => number[]): Plan {
  if (f.kind !== "sum" && f.kind !== "rate") return null;
  const sumPlan = (s: Sum): [Tries[], Tries[]] | null => {
    const terms = (ts: Term[]) => ts.map((t) => tries(t, own, positions));
    const plus = terms(s.plus);
    const minus = terms(s.minus ?? []);
    return [...plus, ...minus].some((t) => t === null) ? null : [plus as Tries[], minus as Tries[]];
  };
  const value = sumPlan(f.value);
  const of = f.kind === "rate" ? sumPlan(f.of) : null;
  if (value === null || (f.kind === "rate" && of === null)) return null;
  return { value, of };
}

/**
 * A term on a report of template `own`: its own template's cells first, then another
 * template's (a mixed report keeps the old （六） row in a 2021 layout); null when `own` has
 * no such cells.
 */
function tries(term: Term, own: string | null, positions: (ks: string[]) => number[]): Tries | null {
  const r = resolveTerm(term);
  const first = own === null ? undefined : r[own as keyof typeof r];
  if (first === null) return null;
  const out: string[][] = [];
  for (const keys of [first, ...TEMPLATES.map((t) => r[t.id])]) {
    if (keys && !out.some((x) => x.join() === keys.join())) out.push(keys);
  }
  return out.map(positions);
}

function sum([plus, minus]: [Tries[], Tries[]], values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const t of plus) {
    const x = termValue(t, values);
    if (x === null) return null;
    total += x;
  }
  for (const t of minus) {
    const x = termValue(t, values);
    if (x === null) return null;
    total -= x;
  }
  return total;
}

/** The first set of cells that are all numbers, added up; null when none is. */
function termValue(t: Tries, values: readonly (number | null)[]): number | null {
  for (const positions of t) {
    let s = 0;
    let ok = true;
    for (const i of positions) {
      const v = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        ok = false;
        break;
      }
      s += v;
    }
    if (ok) return s;
  }
  return null;
}
