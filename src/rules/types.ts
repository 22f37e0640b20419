import type { Finding, FindingMeta, Severity } from "../model/finding.js";
import type { Report, TemplateId } from "../model/report.js";
import type { Template } from "../templates/types.js";

/** Where a rule belongs in the catalogue (docs/rules.md groups by it). */
export type RuleCategory = "active" | "requests" | "review" | "values" | "report" | "years";

/**
 * What a rule is, as data (as ESLint's `meta`): the catalogue in docs/rules.md is generated
 * from these, so the Chinese title and explanation are the documentation.
 */
export interface RuleMeta extends FindingMeta {
  /** Templates it applies to (the template of the report being checked). */
  templates: TemplateId[];
  /** `report`: one report at a time; `years`: a pair of reports of one agency, last year and this. */
  scope: "report" | "years";
  category: RuleCategory;
  /** The checks of format.md it implements (`T3-A`, `R-3`, …). */
  basis: string[];
  /**
   * Cross-year rules: the cells they read, of either year (`*` stands for one part of a key).
   * A batch keeps only these of each report it has written (`yearSummary` in check.ts), so a
   * report whose neighbour year comes later is still compared, without keeping it whole.
   */
  reads?: string[];
}

export interface RuleContext {
  template: Template;
  /**
   * The template whose table 3 rows the report actually has: a mixed report (2021 table 2, old
   * single （六） row) keeps the 2019 rows. Rules about table 3 add up these rows.
   */
  requestsLayout: Template;
}

export interface YearsContext extends RuleContext {
  /** The same agency's report on the year before. */
  previous: Report;
}

export type FindingInput = Omit<Finding, "rule" | "severity" | "origin"> & { severity?: Severity };

export interface ReportRule {
  meta: RuleMeta & { scope: "report" };
  check(report: Report, ctx: RuleContext): FindingInput[];
}

export interface YearsRule {
  meta: RuleMeta & { scope: "years"; reads: string[] };
  check(report: Report, ctx: YearsContext): FindingInput[];
}

export type Rule = ReportRule | YearsRule;
