// Table 4 rules (format.md §5.3).
import { reviewNonnegativeInteger } from "../../../src/rules/review-nonnegative-integer.js";
import { reviewTotal } from "../../../src/rules/review-total.js";
import { edit, gen, zeros } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const r = gen("2021", 21, { zeroRate: 0 });

export const cases: Record<string, RuleCases> = {
  [reviewTotal.meta.id]: {
    valid: [
      { name: "generated 2021", report: r },
      { name: "generated 2019", report: gen("2019", 22) },
      { name: "a blank total is not compared", report: edit(r, { "review.suit_direct.total": null }) },
    ],
    invalid: [
      {
        name: "行政复议 printed 10 1 0 0 with total 0 (hongze-district-2023)",
        report: edit(zeros(r, /^review\./), { "review.reconsideration.upheld": 10, "review.reconsideration.corrected": 1 }),
        findings: [
          {
            severity: "error",
            message: "表四“行政复议”：总计 = 0，结果维持+结果纠正+其他结果+尚未审结 = 11，相差 11",
            onlyCells: ["upheld", "corrected", "other", "pending", "total"].map((c) => `review.reconsideration.${c}`),
            left: 0,
            right: 11,
            difference: -11,
          },
        ],
      },
      {
        name: "复议后起诉 total and direct total off",
        report: edit(zeros(r, /^review\./), { "review.suit_after.upheld": 5, "review.suit_direct.total": 2 }),
        findings: [{ message: "“行政诉讼·未经复议直接起诉”", cells: ["review.suit_direct.total"] }, { message: "“行政诉讼·复议后起诉”", cells: ["review.suit_after.total"] }],
      },
    ],
  },
  [reviewNonnegativeInteger.meta.id]: {
    valid: [{ name: "generated", report: r }],
    invalid: [
      { name: "negative", report: edit(r, { "review.suit_after.pending": -2 }), findings: [{ severity: "error", message: "“行政诉讼·复议后起诉 · 尚未审结”为 -2：案件数不能是负数", onlyCells: ["review.suit_after.pending"] }] },
      { name: "fraction", report: edit(r, { "review.reconsideration.total": 1.5 }), findings: [{ message: "应是整数" }] },
    ],
  },
};
