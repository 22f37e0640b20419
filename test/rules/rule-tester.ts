import { describe, expect, it } from "vitest";
import { checkReport, checkYears } from "../../src/check.js";
import type { Finding, Severity } from "../../src/model/finding.js";
import type { Report } from "../../src/model/report.js";
import type { Rule } from "../../src/rules/types.js";
import { clone } from "./fixtures.js";

/** What one expected finding must have; every field given is checked. */
export interface Expect {
  /** Cells it must cite (all of them; it may cite more). */
  cells?: string[];
  /** Exactly these cells, in any order. */
  onlyCells?: string[];
  severity?: Severity;
  /** Text or pattern the Chinese message must contain. */
  message?: string | RegExp;
  left?: number;
  right?: number;
  difference?: number;
}

export interface Case {
  name: string;
  report: Report;
  /** The same agency's report on the year before (cross-year rules). */
  previous?: Report;
  /** Invalid cases: the findings the rule must raise, in order (default: at least one). */
  findings?: Expect[];
}

export interface RuleCases {
  valid: Case[];
  invalid: Case[];
}

/** Runs only `rule` on a copy of the case's report; its findings. */
export function runRule(rule: Rule, c: Case): Finding[] {
  const r = clone(c.report);
  const before = r.findings.length;
  if (rule.meta.scope === "years") {
    if (!c.previous) throw new Error(`case "${c.name}" of ${rule.meta.id} needs a previous report`);
    checkYears(r, c.previous, { rules: [rule] });
  } else checkReport(r, { rules: [rule] });
  return r.findings.slice(before);
}

function matches(f: Finding, e: Expect): void {
  if (e.severity) expect(f.severity, f.message).toBe(e.severity);
  for (const k of e.cells ?? []) expect(f.cells, f.message).toContain(k);
  if (e.onlyCells) expect([...f.cells].sort(), f.message).toEqual([...e.onlyCells].sort());
  if (typeof e.message === "string") expect(f.message).toContain(e.message);
  else if (e.message) expect(f.message).toMatch(e.message);
  if (e.left !== undefined) expect(f.left, f.message).toBe(e.left);
  if (e.right !== undefined) expect(f.right, f.message).toBe(e.right);
  if (e.difference !== undefined) expect(f.difference, f.message).toBe(e.difference);
}

/** ESLint's RuleTester for nianbao: valid cases raise nothing, invalid cases raise what they say. */
export function ruleTester(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runRule(rule, c).map((f) => f.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runRule(rule, c);
        expect(found.length, "the rule raised nothing").toBeGreaterThan(0);
        for (const f of found) {
          expect(f.rule).toBe(rule.meta.id);
          expect(f.message).toMatch(/[\u4e00-\u9fff]/);
          expect(f.message).not.toMatch(/\{\w+\}|undefined|NaN/);
        }
        if (!c.findings) return;
        expect(found.map((f) => f.message)).toHaveLength(c.findings.length);
        c.findings.forEach((e, i) => matches(found[i]!, e));
      });
    }
  });
}
