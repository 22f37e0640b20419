import type { Report } from "../model/report.js";
import { RULES } from "../rules/index.js";
import type { YearsContext } from "../rules/types.js";
import { requestsTemplate } from "../rules/util.js";
import { evaluate, isYearsIdentityRule, sideValue, type YearTerm } from "../rules/years-identity.js";
import { templateById } from "../templates/index.js";
import { cellSide } from "./cells.js";
import type { IdentityComparison, IdentityTerm } from "./types.js";

/**
 * The cross-year identities between last year's report and this year's, with both sides of
 * every instance, whether it holds or not. The identities are the `years-*` rules' own
 * (`identities()` of a YearsIdentityRule): the same definition raises the findings of `check`.
 */
export function compareIdentities(previous: Report, current: Report): IdentityComparison[] {
  const id = current.meta.template;
  if (!id || !previous.meta.template) return [];
  const template = templateById(id);
  const ctx: YearsContext = { template, requestsLayout: requestsTemplate(current, template), previous };
  const out: IdentityComparison[] = [];
  for (const rule of RULES) {
    if (!isYearsIdentityRule(rule) || !rule.meta.templates.includes(id)) continue;
    for (const x of rule.identities(current, ctx)) {
      const v = evaluate(x, current, previous);
      const terms = (ts: YearTerm[]): IdentityTerm[] =>
        ts.map((t) => ({ year: t.year, key: t.key, label: t.label, sign: t.sign, side: cellSide(t.year === "this" ? current : previous, t.key) }));
      out.push({
        rule: rule.meta.id,
        title: rule.meta.title,
        subject: x.subject,
        formula: x.formula,
        left: { value: sideValue(x.left, current, previous), terms: terms(x.left) },
        right: { value: sideValue(x.right, current, previous), terms: terms(x.right) },
        holds: v ? v.holds : null,
        difference: v ? Math.round((v.left - v.right) * 1e6) / 1e6 : null,
      });
    }
  }
  return out;
}
