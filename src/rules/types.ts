import type { Finding, Severity } from "../model/finding.js";
import type { Report, TemplateId } from "../model/report.js";
import type { Template } from "../templates/types.js";

/**
 * What a rule is, as data (as ESLint's `meta`): the catalogue in docs/rules.md is generated
 * from these, so the Chinese title and explanation are the documentation.
 */
export interface RuleMeta {
  id: string;
  /** Severity of the findings it raises (a rule may lower it for a finding, never raise it). */
  severity: Severity;
  /** Templates it applies to. */
  templates: TemplateId[];
  /** Short Chinese title. */
  title: string;
  /** Chinese explanation: what is checked, why, and its basis (format.md § reference). */
  description: string;
  /** `report`: one report at a time; `years`: a pair of reports of one agency, last year and this. */
  scope: "report" | "years";
}

export interface RuleContext {
  template: Template;
}

export interface YearsContext extends RuleContext {
  /** The same agency's report on the year before. */
  previous: Report;
}

export type FindingInput = Omit<Finding, "rule" | "severity"> & { severity?: Severity };

export interface ReportRule {
  meta: RuleMeta & { scope: "report" };
  check(report: Report, ctx: RuleContext): FindingInput[];
}

export interface YearsRule {
  meta: RuleMeta & { scope: "years" };
  check(report: Report, ctx: YearsContext): FindingInput[];
}

export type Rule = ReportRule | YearsRule;
