// Table 3 rules: the statutory identities and value checks (format.md §5.1).
import { requestsColumnBalance } from "../../../src/rules/requests-column-balance.js";
import { requestsColumnResults } from "../../../src/rules/requests-column-results.js";
import { requestsNonnegativeInteger } from "../../../src/rules/requests-nonnegative-integer.js";
import { requestsRowTotal } from "../../../src/rules/requests-row-total.js";
import { requestsZeroIntake } from "../../../src/rules/requests-zero-intake.js";
import { add, edit, gen, mixed, zeros } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const r19 = gen("2019", 11);
const r21 = gen("2021", 12);
const hybrid = mixed(gen("2021", 13, { year: 2023 }));

export const cases: Record<string, RuleCases> = {
  [requestsColumnBalance.meta.id]: {
    valid: [
      { name: "2019 template, consistent", report: r19 },
      { name: "2021 template, consistent", report: r21 },
      { name: "mixed layout (single （六） row), consistent", report: hybrid },
      { name: "a blank cell is not taken for 0", report: edit(add(r21, { "requests.new_received.research": 1 }), { "requests.carried_over.research": null }) },
    ],
    invalid: [
      {
        name: "one more new application for 自然人, rows still add up",
        report: add(r19, { "requests.new_received.natural_person": 1, "requests.new_received.total": 1 }),
        findings: [
          {
            severity: "error",
            message: /^表三“自然人”列：一\+二 = \d+，（七）总计\+四 = \d+，相差 1$/,
            onlyCells: ["requests.new_received.natural_person", "requests.carried_over.natural_person", "requests.total.natural_person", "requests.carried_forward.natural_person"],
            difference: 1,
          },
          { message: "表三“总计”列：一+二", cells: ["requests.new_received.total"], difference: 1 },
        ],
      },
      {
        name: "carried forward too small",
        report: add(r21, { "requests.carried_forward.commercial": -1, "requests.carried_forward.total": -1, "requests.carried_over.total": 0 }),
        findings: [{ message: "“商业企业”列", difference: 1 }, { message: "“总计”列", difference: 1 }],
      },
    ],
  },
  [requestsColumnResults.meta.id]: {
    valid: [
      { name: "2019 template", report: r19 },
      { name: "2021 template", report: r21 },
      { name: "mixed layout adds up its single （六） row", report: hybrid },
    ],
    invalid: [
      {
        name: "a result row one too high, its row total too",
        report: add(r21, { "requests.granted.legal_service": 1, "requests.granted.total": 1 }),
        findings: [
          { message: /^表三“法律服务机构”列：（七）总计 = \d+，（一）至（六）各项之和 = \d+，相差 1$/, cells: ["requests.total.legal_service", "requests.granted.legal_service", "requests.other_misc.legal_service"], difference: -1 },
          { message: "“总计”列", cells: ["requests.granted.total"] },
        ],
      },
      {
        name: "2021 （六）2 sub-row counted",
        report: add(r21, { "requests.other_overdue_fee.natural_person": 2, "requests.other_overdue_fee.total": 2 }),
        findings: [{ cells: ["requests.other_overdue_fee.natural_person"], difference: -2 }, { cells: ["requests.other_overdue_fee.total"] }],
      },
      {
        name: "mixed layout: the single （六） row is counted",
        report: add(hybrid, { "requests.other.natural_person": 1, "requests.other.total": 1 }),
        findings: [{ cells: ["requests.other.natural_person"] }, { cells: ["requests.other.total"] }],
      },
    ],
  },
  [requestsRowTotal.meta.id]: {
    valid: [
      { name: "2019 template", report: r19 },
      { name: "2021 template", report: r21 },
      { name: "mixed layout", report: hybrid },
    ],
    invalid: [
      {
        name: "总计 column left at 0 while 自然人 has 3 (seed 002)",
        report: edit(zeros(r19), { "requests.granted.natural_person": 3, "requests.total.natural_person": 3, "requests.total.total": 3, "requests.new_received.natural_person": 3, "requests.new_received.total": 3 }),
        findings: [
          {
            severity: "error",
            message: "表三“（一）予以公开”行：总计 = 0，自然人+法人或其他组织 = 3，相差 3",
            left: 0,
            right: 3,
            difference: -3,
            cells: ["requests.granted.total", "requests.granted.natural_person", "requests.granted.other_org"],
          },
        ],
      },
      {
        name: "结转下年度 row total off by one",
        report: add(r21, { "requests.carried_forward.total": 1 }),
        findings: [{ message: "“四、结转下年度继续办理”行", onlyCells: ["commercial", "research", "social_org", "legal_service", "other_org", "natural_person", "total"].map((c) => `requests.carried_forward.${c}`) }],
      },
    ],
  },
  [requestsNonnegativeInteger.meta.id]: {
    valid: [
      { name: "generated", report: r21 },
      { name: "blank cells are another rule's business", report: edit(r19, { "requests.granted.natural_person": null }) },
    ],
    invalid: [
      {
        name: "a negative count",
        report: edit(r21, { "requests.partial.research": -1 }),
        findings: [{ severity: "error", message: "表三“（二）部分公开 · 科研机构”为 -1：申请件数不能是负数", onlyCells: ["requests.partial.research"] }],
      },
      {
        name: "a fraction",
        report: edit(r19, { "requests.other.total": 0.5 }),
        findings: [{ message: "“（六）其他处理 · 总计”为 0.5：申请件数应是整数", onlyCells: ["requests.other.total"] }],
      },
    ],
  },
  [requestsZeroIntake.meta.id]: {
    valid: [
      { name: "all zero", report: zeros(r21) },
      { name: "applications received", report: r21 },
      { name: "intake with a blank is not all 0", report: edit(zeros(r19), { "requests.new_received.research": null, "requests.granted.research": 1 }) },
    ],
    invalid: [
      {
        name: "no intake, one application granted",
        report: edit(zeros(r19), { "requests.granted.natural_person": 1, "requests.granted.total": 1, "requests.total.natural_person": 1, "requests.total.total": 1 }),
        findings: [
          {
            severity: "error",
            message: /^表三“一”“二”两行全为 0.*“（一）予以公开 · 自然人”（1）、“（一）予以公开 · 总计”（1）、“（七）总计 · 自然人”（1）、“（七）总计 · 总计”（1） 不为 0$/,
            cells: ["requests.granted.natural_person", "requests.total.total", "requests.new_received.total", "requests.carried_over.natural_person"],
          },
        ],
      },
    ],
  },
};
