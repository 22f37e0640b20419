import { activeCountInteger } from "./active-count-integer.js";
import { activeInForce } from "./active-in-force.js";
import { activeItemsRemaining } from "./active-items-remaining.js";
import { activeNonnegative } from "./active-nonnegative.js";
import { activePublishedTotal } from "./active-published-total.js";
import { cellsBlank } from "./cells-blank.js";
import { cellsMissing } from "./cells-missing.js";
import { reportFeeStatement } from "./report-fee-statement.js";
import { reportProblemsSection } from "./report-problems-section.js";
import { reportProseNumbers } from "./report-prose-numbers.js";
import { reportSections } from "./report-sections.js";
import { reportTemplateYear } from "./report-template-year.js";
import { requestsColumnBalance } from "./requests-column-balance.js";
import { requestsColumnResults } from "./requests-column-results.js";
import { requestsNonnegativeInteger } from "./requests-nonnegative-integer.js";
import { requestsRowTotal } from "./requests-row-total.js";
import { requestsZeroIntake } from "./requests-zero-intake.js";
import { reviewNonnegativeInteger } from "./review-nonnegative-integer.js";
import { reviewTotal } from "./review-total.js";
import type { Rule } from "./types.js";
import { valueLeadingZeros } from "./value-leading-zeros.js";
import { valueUnit } from "./value-unit.js";
import { yearsCarriedOver } from "./years-carried-over.js";
import { yearsInForce } from "./years-in-force.js";
import { yearsItems } from "./years-items.js";

export type * from "./types.js";

/** Every rule, in the order findings are reported. A new check is one module plus one line here. */
export const RULES: readonly Rule[] = [
  // 报告整体
  reportSections,
  reportTemplateYear,
  // 表二
  activeInForce,
  activePublishedTotal,
  activeItemsRemaining,
  activeNonnegative,
  activeCountInteger,
  // 表三
  requestsColumnBalance,
  requestsColumnResults,
  requestsRowTotal,
  requestsNonnegativeInteger,
  requestsZeroIntake,
  // 表四
  reviewTotal,
  reviewNonnegativeInteger,
  // 单元格
  cellsMissing,
  cellsBlank,
  valueUnit,
  valueLeadingZeros,
  // 正文
  reportProseNumbers,
  reportProblemsSection,
  reportFeeStatement,
  // 跨年度
  yearsCarriedOver,
  yearsInForce,
  yearsItems,
];

/** A rule by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
