import type { Report } from "../model/report.js";
import type { Rule, YearsContext, YearsRule } from "./types.js";

/** A cell of this year's or last year's report in a cross-year identity, added or subtracted. */
export interface YearTerm {
  year: "this" | "last";
  key: string;
  sign: 1 | -1;
  /** Chinese name of the term when a side is shown: `上年现行有效件数`, `本年“二、上年结转政府信息公开申请数量”`. */
  label: string;
}

/**
 * One instance (a column, a row) of a cross-year identity: Σ left = Σ right. The rule that
 * declares it raises a finding where it fails; `nianbao diff` shows both sides of each instance.
 * One definition serves both, so the two can never disagree.
 */
export interface YearsIdentity {
  /** What the instance is about: `表三“自然人”列`, `表二“规章”`. */
  subject: string;
  formula: string;
  left: YearTerm[];
  right: YearTerm[];
  /** This year's cells a finding about it cites. */
  cells: string[];
}

/** A cross-year rule that checks an identity: it can list the identity's instances for a pair of reports. */
export interface YearsIdentityRule extends YearsRule {
  /** The instances for this year's report and `ctx.previous` (none when their templates lack the cells). */
  identities(r: Report, ctx: YearsContext): YearsIdentity[];
}

export function isYearsIdentityRule(rule: Rule): rule is YearsIdentityRule {
  return rule.meta.scope === "years" && typeof (rule as Partial<YearsIdentityRule>).identities === "function";
}

export interface IdentityValues {
  left: number;
  right: number;
  /** Each term's value, in the order of `left` and `right`. */
  leftTerms: number[];
  rightTerms: number[];
  holds: boolean;
}

/** Both sides, or null when a term is blank, absent or not a number: an unknown is never a silent 0. */
export function evaluate(x: YearsIdentity, r: Report, previous: Report): IdentityValues | null {
  const leftTerms = termValues(x.left, r, previous);
  const rightTerms = termValues(x.right, r, previous);
  if (!leftTerms || !rightTerms) return null;
  const left = sum(x.left, leftTerms);
  const right = sum(x.right, rightTerms);
  return { left, right, leftTerms, rightTerms, holds: Math.abs(left - right) < 1e-9 };
}

/** One side's value, or null when one of its terms is not a number (the other side may still be known). */
export function sideValue(terms: YearTerm[], r: Report, previous: Report): number | null {
  const values = termValues(terms, r, previous);
  return values ? sum(terms, values) : null;
}

function sum(terms: YearTerm[], values: number[]): number {
  return terms.reduce((s, t, i) => s + t.sign * values[i]!, 0);
}

function termValues(terms: YearTerm[], r: Report, previous: Report): number[] | null {
  const out: number[] = [];
  for (const t of terms) {
    const v = (t.year === "this" ? r : previous).cells[t.key];
    if (typeof v !== "number") return null;
    out.push(v);
  }
  return out;
}
