import { afterAll, describe, expect, it } from "vitest";
import { runRules, runYearRules } from "../../src/check.js";
import type { Finding, Severity } from "../../src/model/finding.js";
import type { Report } from "../../src/model/report.js";
import type { Rule } from "../../src/rules/types.js";
import { text } from "../support/messages.js";
import { clone } from "./fixtures.js";

/** What one expected finding must have; every field given is checked. */
export interface Expect {
  /** Cells it must cite (all of them; it may cite more). */
  cells?: string[];
  /** Exactly these cells, in any order. */
  onlyCells?: string[];
  severity?: Severity;
  /** The message id it must use. */
  messageId?: string;
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

/** Runs only `rule` on a copy of the case's report; its findings. The report is left as it was. */
export function runRule(rule: Rule, c: Case): Finding[] {
  const r = clone(c.report);
  const before = JSON.stringify(r);
  let found: Finding[];
  if (rule.meta.scope === "years") {
    if (!c.previous) throw new Error(`case "${c.name}" of ${rule.meta.id} needs a previous report`);
    found = runYearRules(r, c.previous, { rules: [rule] });
  } else found = runRules(r, { rules: [rule] });
  expect(JSON.stringify(r), "a rule changed the report it checked").toBe(before);
  return found;
}

function matches(f: Finding, e: Expect): void {
  const msg = text(f);
  if (e.severity) expect(f.severity, msg).toBe(e.severity);
  if (e.messageId) expect(f.messageId, msg).toBe(e.messageId);
  for (const k of e.cells ?? []) expect(f.cells, msg).toContain(k);
  if (e.onlyCells) expect([...f.cells].sort(), msg).toEqual([...e.onlyCells].sort());
  if (typeof e.message === "string") expect(msg).toContain(e.message);
  else if (e.message) expect(msg).toMatch(e.message);
  if (e.left !== undefined) expect(f.left, msg).toBe(e.left);
  if (e.right !== undefined) expect(f.right, msg).toBe(e.right);
  if (e.difference !== undefined) expect(f.difference, msg).toBe(e.difference);
}

/**
 * ESLint's RuleTester for nianbao: valid cases raise nothing, invalid cases raise what they
 * say, and every message the rule declares is produced by some invalid case.
 */
export function ruleTester(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    const produced = new Set<string>();
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(runRule(rule, c).map(text)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = runRule(rule, c);
        expect(found.length, "the rule raised nothing").toBeGreaterThan(0);
        for (const f of found) {
          produced.add(f.messageId);
          expect(f.rule).toBe(rule.meta.id);
          expect(f.origin).toBe("rule");
          expect(Object.keys(rule.meta.messages)).toContain(f.messageId);
          const msg = text(f);
          expect(msg).toMatch(/[\u4e00-\u9fff]/);
          expect(msg).not.toMatch(/\{\w+\}|undefined|NaN/);
        }
        if (!c.findings) return;
        expect(found.map(text)).toHaveLength(c.findings.length);
        c.findings.forEach((e, i) => matches(found[i]!, e));
      });
    }
    // Runs after the cases above: a message no invalid case produces is untested wording.
    afterAll(() => {
      const never = Object.keys(rule.meta.messages).filter((id) => !produced.has(id));
      if (never.length) throw new Error(`${rule.meta.id}: no invalid case produces the message(s) ${never.join(", ")}`);
    });
  });
}
