// Cross-year rules: one agency, consecutive years (format.md §5.2, §5.4).
import { yearsCarriedOver } from "../../../src/rules/years-carried-over.js";
import { yearsInForce } from "../../../src/rules/years-in-force.js";
import { yearsItems } from "../../../src/rules/years-items.js";
import { add, edit, gen, v } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const agency = "临江县人民政府";
const y2020 = gen("2019", 61, { year: 2020, agency });
const y2019 = gen("2019", 62, { year: 2019, agency });
const y2021 = gen("2021", 63, { year: 2021, agency });
const y2022 = gen("2021", 64, { year: 2022, agency });

const COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];
/** This year's 上年结转 set to last year's 结转下年度, column by column. */
const continued = (r: typeof y2021, prev: typeof y2021) =>
  edit(r, Object.fromEntries(COLUMNS.map((c) => [`requests.carried_over.${c}`, v(prev, `requests.carried_forward.${c}`)])));

const inForceOk = edit(y2022, {
  "active.regulations.in_force": v(y2021, "active.regulations.in_force") + v(y2022, "active.regulations.issued") - v(y2022, "active.regulations.repealed"),
  "active.normative_docs.in_force": v(y2021, "active.normative_docs.in_force") + v(y2022, "active.normative_docs.issued") - v(y2022, "active.normative_docs.repealed"),
});

const ITEM_ROWS = ["licensing", "other_services", "penalty", "coercion", "fees"];
const itemsOk = edit(y2020, Object.fromEntries(ITEM_ROWS.map((row) => [`active.${row}.prev_items`, v(y2019, `active.${row}.prev_items`) + v(y2019, `active.${row}.change`)])));

export const cases: Record<string, RuleCases> = {
  [yearsCarriedOver.meta.id]: {
    valid: [
      { name: "2021 continues 2020 (template changed between)", report: continued(y2021, y2020), previous: y2020 },
      { name: "a blank is not compared", report: edit(continued(y2022, y2021), { "requests.carried_over.research": null }), previous: add(y2021, { "requests.carried_forward.research": 1 }) },
    ],
    invalid: [
      {
        name: "上年结转 differs from last year's 结转下年度 in two columns",
        report: add(continued(y2022, y2021), { "requests.carried_over.natural_person": 2, "requests.carried_over.total": 2 }),
        previous: y2021,
        findings: [
          { severity: "warning", message: /^表三“自然人”列：本年“二、上年结转政府信息公开申请数量”为 \d+，2021 年报告的“四、结转下年度继续办理”为 \d+，相差 2$/, onlyCells: ["requests.carried_over.natural_person"], difference: 2 },
          { message: "“总计”列", onlyCells: ["requests.carried_over.total"] },
        ],
      },
    ],
  },
  [yearsInForce.meta.id]: {
    valid: [
      { name: "stock carried on", report: inForceOk, previous: y2021 },
      { name: "last year on the 2019 template: no 现行有效 to continue", report: y2021, previous: y2020 },
    ],
    invalid: [
      {
        name: "in force does not follow from last year",
        report: add(inForceOk, { "active.normative_docs.in_force": 3 }),
        previous: y2021,
        findings: [{ severity: "warning", message: /^表二“行政规范性文件”：本年现行有效件数 \d+，2021 年报告的现行有效件数 \d+ \+ 本年制发件数 \d+ − 本年废止件数 \d+ = \d+，相差 3$/, difference: 3, cells: ["active.normative_docs.in_force"] }],
      },
    ],
  },
  [yearsItems.meta.id]: {
    valid: [
      { name: "items carried on", report: itemsOk, previous: y2019 },
    ],
    invalid: [
      {
        name: "上一年项目数量 does not follow",
        report: add(itemsOk, { "active.penalty.prev_items": 1 }),
        previous: y2019,
        findings: [{ severity: "warning", message: /^表二“行政处罚”：本年报告的上一年项目数量 \d+，2019 年报告的上一年项目数量 \d+ 加本年增\/减 [+-]\d+ = \d+，相差 1$/, onlyCells: ["active.penalty.prev_items"] }],
      },
    ],
  },
};
