// Report-level rules: sections, template, section 五, the fee statement (format.md §5.5).
import { reportFeeStatement } from "../../../src/rules/report-fee-statement.js";
import { reportProblemsSection } from "../../../src/rules/report-problems-section.js";
import { reportSections } from "../../../src/rules/report-sections.js";
import { reportTemplateYear } from "../../../src/rules/report-template-year.js";
import { clone, edit, gen, mixed, prose, withMeta } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const r19 = gen("2019", 51);
const r21 = gen("2021", 52);
const noSections = (() => {
  const r = withMeta(r21, { format: "json" });
  r.sections = [];
  return r;
})();

export const cases: Record<string, RuleCases> = {
  [reportSections.meta.id]: {
    valid: [
      { name: "generated", report: r21 },
      { name: "canonical JSON with cells only", report: noSections },
    ],
    invalid: [
      {
        name: "section 五 missing",
        report: (() => {
          const r = clone(r19);
          r.sections = r.sections.filter((s) => s.no !== 5);
          return r;
        })(),
        findings: [{ severity: "warning", message: "缺少第五部分：五、存在的主要问题及改进情况", onlyCells: [] }],
      },
      {
        name: "out of order",
        report: (() => {
          const r = clone(r21);
          r.sections = [r.sections[0]!, r.sections[2]!, r.sections[1]!, ...r.sections.slice(3)];
          return r;
        })(),
        findings: [{ message: "六个部分的顺序不对：原文依次是第一、三、二、四、五、六部分" }],
      },
      {
        name: "a title variant",
        report: (() => {
          const r = clone(r21);
          r.sections[4]!.title = "存在问题及改进情况";
          return r;
        })(),
        findings: [{ severity: "info", message: "第五部分的标题写作“存在问题及改进情况”，格式规定为“五、存在的主要问题及改进情况”" }],
      },
      { name: "a document without section heads", report: { ...withMeta(noSections, { format: "text" }) }, findings: [{ message: "没有找到六个部分的标题" }] },
    ],
  },
  [reportTemplateYear.meta.id]: {
    valid: [
      { name: "2019 template on 2020", report: withMeta(r19, { year: 2020 }) },
      { name: "2021 template on 2024", report: withMeta(r21, { year: 2024 }) },
      {
        name: "mixed layout the reader already reported",
        report: (() => {
          const r = mixed(withMeta(r21, { year: 2023 }));
          r.findings.push({ rule: "template-mixed", origin: "extract", severity: "warning", messageId: "old2019Requests", data: {}, cells: [] });
          return r;
        })(),
      },
      { name: "year unknown", report: withMeta(r19, { year: null }) },
    ],
    invalid: [
      {
        name: "2022 report still on the 2019 template",
        report: withMeta(r19, { year: 2022, yearFrom: "title" }),
        findings: [{ severity: "error", message: /^报告年度为 2022，应使用2021 年版格式.*，本报告仍用2019 年版格式/ }],
      },
      { name: "the year only from the body: a warning", report: withMeta(r19, { year: 2021, yearFrom: "body" }), findings: [{ severity: "warning", message: "本报告仍用2019 年版格式" }] },
      { name: "2021 template on a 2020 report", report: withMeta(r21, { year: 2020 }), findings: [{ severity: "warning", message: "请核对报告年度" }] },
      {
        name: "canonical JSON of a mixed report (2023, single （六） row)",
        report: mixed(withMeta(r21, { year: 2023 })),
        findings: [{ severity: "warning", message: "报告年度为 2023，应使用2021 年版格式（国办公开办函〔2021〕30号，适用于 2021 年度及以后的报告），但表三仍是2019 年版格式的“（六）其他处理”", cells: ["requests.other.total"] }],
      },
    ],
  },
  [reportProblemsSection.meta.id]: {
    valid: [
      { name: "generated", report: r19 },
      { name: "no prose at all (JSON input)", report: noSections },
    ],
    invalid: [
      { name: "only 无", report: prose(r21, { 5: "无。" }), findings: [{ severity: "warning", message: "“五、存在的主要问题及改进情况”只写了“无。”，应写明存在的主要问题和改进措施" }] },
      { name: "empty", report: prose(r19, { 5: "" }), findings: [{ message: "是空的" }] },
    ],
  },
  [reportFeeStatement.meta.id]: {
    valid: [
      { name: "generated: 未收取信息处理费", report: r21 },
      { name: "a fee stated in 元", report: prose(r21, { 6: "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费 3940 元。" }) },
      { name: "no prose at all (JSON input)", report: noSections },
    ],
    invalid: [
      { name: "六 says only 无", report: prose(edit(r21, { "requests.other_overdue_fee.total": 0 }), { 6: "无。" }), findings: [{ severity: "warning", message: "“六、其他需要报告的事项”没有说明信息处理费的收取情况（2021 年版格式要求报告，未收取也应写明）", onlyCells: [] }] },
      {
        name: "fee notices issued but nothing said",
        report: prose(edit(r21, { "requests.other_overdue_fee.total": 2 }), { 6: "无。" }),
        findings: [{ message: "而表三“（六）2.申请人逾期未按收费通知要求缴纳费用 · 总计”为 2，本年发出过收费通知", onlyCells: ["requests.other_overdue_fee.total"] }],
      },
      { name: "stated in part 一 instead", report: prose(r21, { 1: "全年未收取信息处理费。", 6: "无。" }), findings: [{ severity: "info", message: "信息处理费的收取情况写在了第一部分" }] },
    ],
  },
};
