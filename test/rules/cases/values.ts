// Cell rules: blanks, missing rows, how values are written (format.md §5.5 R-5, §6.3).
import { cellsBlank } from "../../../src/rules/cells-blank.js";
import { cellsMissing } from "../../../src/rules/cells-missing.js";
import { valueLeadingZeros } from "../../../src/rules/value-leading-zeros.js";
import { valueUnit } from "../../../src/rules/value-unit.js";
import { drop, edit, gen, mixed, written } from "../fixtures.js";
import type { RuleCases } from "../rule-tester.js";

const r19 = gen("2019", 41);
const r21 = gen("2021", 42);

export const cases: Record<string, RuleCases> = {
  [cellsBlank.meta.id]: {
    valid: [
      { name: "generated", report: r21 },
      { name: "an undecided cell is reported by the reader, not here", report: (() => { const r = edit(r21, { "requests.granted.total": null }); r.provenance["requests.granted.total"]!.ambiguous = true; return r; })() },
    ],
    invalid: [
      {
        name: "“/” and blank cells in table 3",
        report: written(r19, { "requests.granted.commercial": "/", "requests.partial.commercial": "" }),
        findings: [{ severity: "warning", message: "表三有 2 个单元格没有填数字（按未知处理，不当作 0，相关勾稽关系无法检查）：“（一）予以公开 · 商业企业”（“/”）、“（二）部分公开 · 商业企业”（空白）", onlyCells: ["requests.granted.commercial", "requests.partial.commercial"] }],
      },
      { name: "“无” in table 4", report: written(r21, { "review.suit_direct.total": "无" }), findings: [{ severity: "warning", message: "表四有 1 个", onlyCells: ["review.suit_direct.total"] }] },
      { name: "a blank in table 2 is only a note", report: edit(r21, { "active.fees.amount": null }), findings: [{ severity: "info", message: "表二有 1 个", onlyCells: ["active.fees.amount"] }] },
    ],
  },
  [cellsMissing.meta.id]: {
    valid: [
      { name: "generated 2019", report: r19 },
      { name: "mixed layout lacks the 2021 （六） sub-rows by design", report: mixed(gen("2021", 43, { year: 2023 })) },
    ],
    invalid: [
      {
        name: "a whole row of table 3 missing",
        report: drop(r21, /^requests\.denied_internal_affairs\./),
        findings: [{ severity: "warning", message: "表三没有读到 7 个单元格（相关勾稽关系无法检查）：“（三）5.属于三类内部事务信息”整行", cells: ["requests.denied_internal_affairs.total"] }],
      },
      { name: "one cell missing", report: drop(r19, /^review\.suit_after\.pending$/), findings: [{ message: "表四没有读到 1 个单元格（相关勾稽关系无法检查）：“行政诉讼·复议后起诉 · 尚未审结”", onlyCells: ["review.suit_after.pending"] }] },
      { name: "table 4 not found at all", report: drop(r21, /^review\./), findings: [{ message: "表四没有读到 15 个单元格（相关勾稽关系无法检查）：整张表" }] },
    ],
  },
  [valueUnit.meta.id]: {
    valid: [
      { name: "counts and 万元 amounts as the template has them", report: written(r19, { "requests.granted.total": "3", "active.procurement.amount": "75.77万元", "active.licensing.decisions": "12件" }) },
      { name: "2021 fee amount without a unit: the header says 万元", report: written(r21, { "active.fees.amount": "96171.6" }) },
      { name: "canonical JSON input has no written form", report: edit(r19, { "active.procurement.amount": 123 }) },
      { name: "a unitless 0 amount is clear", report: written(r19, { "active.procurement.amount": "0" }) },
    ],
    invalid: [
      { name: "money unit in a count", report: written(r21, { "active.penalty.decisions": "3万元" }), findings: [{ severity: "warning", message: "表二“行政处罚 · 本年处理决定数量”写作“3万元”：这一栏是件数，却带了金额单位“万元”", onlyCells: ["active.penalty.decisions"] }] },
      { name: "count unit in an amount", report: written(r21, { "active.fees.amount": "5件" }), findings: [{ severity: "warning", message: "这一栏是金额，却带了单位“件”" }] },
      { name: "元 converted to 万元", report: written(r19, { "active.procurement.amount": "251000元" }), findings: [{ severity: "info", message: "“政府集中采购 · 采购总金额”写作“251000元”，单位是元，已换算为 25.1 万元" }] },
      { name: "2019 procurement amount without a unit", report: written(r19, { "active.procurement.amount": "4176.9529" }), findings: [{ severity: "info", message: "没有注明单位，表头“采购总金额”也没有单位" }] },
    ],
  },
  [valueLeadingZeros.meta.id]: {
    valid: [
      { name: "plain zeros", report: written(r21, { "review.reconsideration.total": "0", "requests.granted.total": "10" }) },
      { name: "0.5 万元 is not a leading zero", report: written(r21, { "active.fees.amount": "0.5" }) },
    ],
    invalid: [
      {
        name: "table 4 written 00 (seed 003)",
        report: written(r19, { "review.reconsideration.upheld": "00", "review.reconsideration.total": "00", "requests.granted.total": "05" }),
        findings: [
          { severity: "info", message: "表三有 1 个单元格写成带前导零的数，已按去掉前导零读取：“（一）予以公开 · 总计”写作“05”", onlyCells: ["requests.granted.total"] },
          { message: "表四有 2 个单元格", onlyCells: ["review.reconsideration.upheld", "review.reconsideration.total"] },
        ],
      },
    ],
  },
};
