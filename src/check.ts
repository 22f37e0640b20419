import { agencyBase, agencyKey as nameKey, groupAgencyNames } from "./model/agency.js";
import type { Finding } from "./model/finding.js";
import type { Report } from "./model/report.js";
import { RULES } from "./rules/index.js";
import type { FindingInput, ReportRule, Rule, RuleContext, YearsRule } from "./rules/types.js";
import { reportRequestsTemplate } from "./rules/util.js";
import { templateById } from "./templates/index.js";

export interface CheckOptions {
  rules?: readonly Rule[];
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

function toFinding(rule: Rule, f: FindingInput): Finding {
  // A rule may lower the severity of one finding, never raise it above its meta.
  const severity = f.severity && RANK[f.severity] < RANK[rule.meta.severity] ? f.severity : rule.meta.severity;
  return { rule: rule.meta.id, origin: "rule", ...f, severity };
}

function contextOf(report: Report): RuleContext {
  return { template: templateById(report.meta.template!), requestsLayout: reportRequestsTemplate(report) };
}

/** The findings of every single-report rule on a report; the report is not changed. */
export function runRules(report: Report, opts: CheckOptions = {}): Finding[] {
  if (!report.meta.template) return [];
  const ctx = contextOf(report);
  const out: Finding[] = [];
  for (const rule of opts.rules ?? RULES) {
    if (rule.meta.scope !== "report" || !rule.meta.templates.includes(report.meta.template)) continue;
    for (const f of (rule as ReportRule).check(report, ctx)) out.push(toFinding(rule, f));
  }
  return out;
}

/** The findings of the cross-year rules on a report and the same agency's report on the year before. */
export function runYearRules(report: Report, previous: Report, opts: CheckOptions = {}): Finding[] {
  if (!report.meta.template || !previous.meta.template) return [];
  const ctx = { ...contextOf(report), previous };
  const out: Finding[] = [];
  for (const rule of opts.rules ?? RULES) {
    if (rule.meta.scope !== "years" || !rule.meta.templates.includes(report.meta.template)) continue;
    for (const f of (rule as YearsRule).check(report, ctx)) out.push(toFinding(rule, f));
  }
  return out;
}

/** The report's findings without those of rules: what reading and extraction found. */
export function readingFindings(report: Report): Finding[] {
  return report.findings.filter((f) => f.origin !== "rule");
}

/**
 * The report checked: a new report whose rule findings are replaced by this run's, reading
 * findings kept. Checking twice gives the same findings as checking once.
 */
export function checkReport(report: Report, opts: CheckOptions = {}): Report {
  return { ...report, findings: [...readingFindings(report), ...runRules(report, opts)] };
}

/** Agency name in a form that groups one body's reports across years. */
export function agencyKey(r: Report): string | null {
  return nameKey(r.meta.agency);
}

/**
 * Groups reports by agency, names joined by the shared naming rule (src/model/agency.ts):
 * `淮安市洪泽区人民政府` and `洪泽区人民政府` are one agency when the shorter name is specific
 * and fits only one longer name in the batch.
 */
export function agencyGroups(reports: Report[]): Report[][] {
  const byKey = new Map<string, Report[]>();
  for (const r of reports) {
    const k = agencyKey(r);
    if (!k || r.meta.year === null || !r.meta.template) continue;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const groups = new Map<string, Report[]>();
  // The longest name's reports first, then those joined to it.
  const named = [...groupAgencyNames(byKey.keys())].sort(([a, ga], [b, gb]) => Number(agencyBase(b) === gb) - Number(agencyBase(a) === ga));
  for (const [k, group] of named) groups.set(group, [...(groups.get(group) ?? []), ...byKey.get(k)!]);
  return [...groups.values()];
}

/**
 * Adds the cross-year findings to a batch of checked reports: each pair of consecutive years
 * of the same agency. Returns new reports in the same order.
 */
export function checkAcrossYears(reports: Report[], opts: CheckOptions = {}): Report[] {
  const out = [...reports];
  const index = new Map(reports.map((r, i) => [r, i]));
  for (const list of agencyGroups(reports)) {
    const byYear = new Map(list.map((r) => [r.meta.year!, r]));
    for (const r of list) {
      const previous = byYear.get(r.meta.year! - 1);
      if (!previous || previous === r) continue;
      const found = runYearRules(r, previous, opts);
      if (found.length === 0) continue;
      const i = index.get(r)!;
      out[i] = { ...out[i]!, findings: [...out[i]!.findings, ...found] };
    }
  }
  return out;
}

/** Checks a batch: each report on its own, then across years. Returns new reports in the same order. */
export function checkReports(reports: Report[], opts: CheckOptions = {}): Report[] {
  return checkAcrossYears(
    reports.map((r) => checkReport(r, opts)),
    opts,
  );
}
