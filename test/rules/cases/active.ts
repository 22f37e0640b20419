// Table 2 plausibility rules (format.md §5.4).
import { activeCountInteger } from "../../../src/rules/active-count-integer.js";
import { activeInForce } from "../../../src/rules/active-in-force.js";
import { activeItemsRemaining } from "../../../src/rules/active-items-remaining.js";
import { activeNonnegative } from "../../../src/rules/active-nonnegative.js";
import { activePublishedTotal } from "../../../src/rules/active-published-total.js";
import { edit, gen } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const r19 = gen("2019", 31);
const r21 = gen("2021", 32);

export const cases: Record<string, RuleCases> = {
  [activeInForce.meta.id]: {
    valid: [
      { name: "generated", report: r21 },
      { name: "in force exactly issued − repealed", report: edit(r21, { "active.regulations.issued": 5, "active.regulations.repealed": 2, "active.regulations.in_force": 3 }) },
      { name: "more repealed than issued", report: edit(r21, { "active.normative_docs.issued": 1, "active.normative_docs.repealed": 4, "active.normative_docs.in_force": 0 }) },
    ],
    invalid: [
      {
        name: "fewer in force than issued this year",
        report: edit(r21, { "active.normative_docs.issued": 5, "active.normative_docs.repealed": 1, "active.normative_docs.in_force": 1 }),
        findings: [
          {
            severity: "warning",
            message: "表二“行政规范性文件”：现行有效件数 = 1，本年制发件数 − 本年废止件数 = 4，现行有效件数少了 3",
            onlyCells: ["active.normative_docs.in_force", "active.normative_docs.issued", "active.normative_docs.repealed"],
            left: 1,
            right: 4,
            difference: -3,
          },
        ],
      },
    ],
  },
  [activePublishedTotal.meta.id]: {
    valid: [
      { name: "generated", report: r19 },
      { name: "equal", report: edit(r19, { "active.regulations.published": 7, "active.regulations.public_total": 7 }) },
    ],
    invalid: [
      {
        name: "more published this year than in total",
        report: edit(r19, { "active.normative_docs.published": 9, "active.normative_docs.public_total": 4 }),
        findings: [{ severity: "warning", message: "表二“规范性文件”：本年新公开数量 = 9，大于对外公开总数量 = 4，多了 5", difference: 5, onlyCells: ["active.normative_docs.published", "active.normative_docs.public_total"] }],
      },
    ],
  },
  [activeItemsRemaining.meta.id]: {
    valid: [
      { name: "generated", report: r19 },
      { name: "every item removed", report: edit(r19, { "active.penalty.prev_items": 3, "active.penalty.change": -3 }) },
    ],
    invalid: [
      {
        name: "more removed than there were",
        report: edit(r19, { "active.fees.prev_items": 2, "active.fees.change": -5 }),
        findings: [{ severity: "warning", message: "表二“行政事业性收费”：上一年项目数量 2 加本年增/减 -5，得本年末项目数 -3，不能是负数", onlyCells: ["active.fees.prev_items", "active.fees.change"], left: -3 }],
      },
    ],
  },
  [activeNonnegative.meta.id]: {
    valid: [
      { name: "generated 2019", report: r19 },
      { name: "本年增/减 may be negative", report: edit(r19, { "active.licensing.prev_items": 9, "active.licensing.change": -3 }) },
    ],
    invalid: [
      { name: "negative decisions", report: edit(r21, { "active.penalty.decisions": -1 }), findings: [{ message: "表二“行政处罚 · 本年处理决定数量”为 -1：数量不能是负数", onlyCells: ["active.penalty.decisions"] }] },
      { name: "negative amount", report: edit(r19, { "active.procurement.amount": -0.5 }), findings: [{ message: "为 -0.5：金额不能是负数", severity: "warning" }] },
    ],
  },
  [activeCountInteger.meta.id]: {
    valid: [
      { name: "generated", report: r21 },
      { name: "amounts may have decimals", report: edit(r21, { "active.fees.amount": 12.3456 }) },
    ],
    invalid: [{ name: "decimal in a count", report: edit(r19, { "active.licensing.decisions": 1.5 }), findings: [{ message: "表二“行政许可 · 处理决定数量”为 1.5", onlyCells: ["active.licensing.decisions"] }] }],
  },
};
