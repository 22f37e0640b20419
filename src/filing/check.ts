import { checkReport, runYearRules } from "../check.js";
import type { Draft } from "../model/draft.js";
import type { Finding } from "../model/finding.js";
import type { Report } from "../model/report.js";
import { draftReport, previousReport } from "./report.js";

export interface DraftCheck {
  /** The draft as a canonical report, checked by the single-report rules (what a submission stores). */
  report: Report;
  /** Its findings and, when last year's report is known, the cross-year rules' against it. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** No error finding remains: the draft may be submitted. */
  canSubmit: boolean;
}

/**
 * The live check of a draft: the same rule modules as `nianbao check` (src/rules through
 * check.ts), on the report the draft makes, and the cross-year rules against last year's
 * summary the draft carries. Pure and synchronous: runs in the browser on every change.
 */
export function checkDraft(d: Draft): DraftCheck {
  const report = checkReport(draftReport(d));
  const years = d.previous ? runYearRules(report, previousReport(d.previous)) : [];
  const findings = [...report.findings, ...years];
  const errors = findings.filter((f) => f.severity === "error").length;
  return { report, findings, errors, warnings: findings.filter((f) => f.severity === "warning").length, canSubmit: errors === 0 };
}
