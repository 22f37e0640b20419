import type { Finding } from "./model/finding.js";
import type { Report } from "./model/report.js";
import { RULES } from "./rules/index.js";
import type { FindingInput, ReportRule, Rule, RuleContext, YearsRule } from "./rules/types.js";
import { templateById } from "./templates/index.js";

export interface CheckOptions {
  rules?: readonly Rule[];
}

function toFinding(rule: Rule, f: FindingInput): Finding {
  return { rule: rule.meta.id, severity: f.severity ?? rule.meta.severity, ...f } as Finding;
}

/** Runs every single-report rule on a report, appending findings to it. */
export function checkReport(report: Report, opts: CheckOptions = {}): Report {
  if (!report.meta.template) return report;
  const ctx: RuleContext = { template: templateById(report.meta.template) };
  for (const rule of opts.rules ?? RULES) {
    if (rule.meta.scope !== "report" || !rule.meta.templates.includes(report.meta.template)) continue;
    for (const f of (rule as ReportRule).check(report, ctx)) report.findings.push(toFinding(rule, f));
  }
  return report;
}

/** Agency name in a form that groups one body's reports across years. */
export function agencyKey(r: Report): string | null {
  const a = r.meta.agency?.replace(/\s+/g, "");
  return a ? a : null;
}

/**
 * Checks a batch: each report on its own, then each pair of consecutive years of the same
 * agency with the cross-year rules.
 */
export function checkReports(reports: Report[], opts: CheckOptions = {}): Report[] {
  const rules = opts.rules ?? RULES;
  for (const r of reports) checkReport(r, { rules });
  const groups = new Map<string, Report[]>();
  for (const r of reports) {
    const k = agencyKey(r);
    if (!k || r.meta.year === null || !r.meta.template) continue;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const list of groups.values()) {
    const byYear = new Map(list.map((r) => [r.meta.year!, r]));
    for (const r of list) {
      const previous = byYear.get(r.meta.year! - 1);
      if (!previous || previous === r) continue;
      const ctx = { template: templateById(r.meta.template!), previous };
      for (const rule of rules) {
        if (rule.meta.scope !== "years" || !rule.meta.templates.includes(r.meta.template!)) continue;
        for (const f of (rule as YearsRule).check(r, ctx)) r.findings.push(toFinding(rule, f));
      }
    }
  }
  return reports;
}
