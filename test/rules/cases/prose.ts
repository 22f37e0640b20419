// numbers in the prose agree with the tables (format.md §5.5).
import { reportProseNumbers } from "../../../src/rules/report-prose-numbers.js";
import { edit, gen, prose, withMeta } from "../fixtures.js";
import type { Case, RuleCases } from "../rule-tester.js";

/** A 2024 report whose tables say: 95 new, 0 carried over, 95 handled, 0 forward; 复议 2, 诉讼 1 + 3. */
const base = edit(prose(gen("2021", 71, { year: 2024 }), { 1: "本年度认真贯彻落实《条例》。", 4: "" }), {
  "requests.new_received.total": 95,
  "requests.carried_over.total": 0,
  "requests.total.total": 95,
  "requests.carried_forward.total": 0,
  "review.reconsideration.total": 2,
  "review.suit_direct.total": 1,
  "review.suit_after.total": 3,
  "active.regulations.issued": 1,
  "active.regulations.repealed": 0,
  "active.regulations.in_force": 11,
  "active.normative_docs.issued": 8,
  "active.normative_docs.repealed": 2,
  "active.normative_docs.in_force": 60,
});

/** A city-sized report: 2417 new, 28 carried over, 2366 answered, 79 forward; 复议 208, 诉讼 31 + 12. */
const city = edit(base, {
  "requests.new_received.total": 2417,
  "requests.carried_over.total": 28,
  "requests.total.total": 2366,
  "requests.carried_forward.total": 79,
  "review.reconsideration.total": 208,
  "review.suit_direct.total": 31,
  "review.suit_after.total": 12,
});

const says = (name: string, text: string, report = base, section = 1): Case => ({ name, report: prose(report, { [section]: text }) });

const generated: Case[] = [];
for (let seed = 1; seed <= 10; seed++) {
  generated.push({ name: `generated 2019 report, seed ${seed}`, report: gen("2019", seed) });
  generated.push({ name: `generated 2021 report, seed ${seed}`, report: gen("2021", seed) });
}

const noProse = withMeta(base, { format: "json" });
noProse.sections = [];

export const cases: Record<string, RuleCases> = {
  [reportProseNumbers.meta.id]: {
    valid: [
      ...generated,
      says(
        "a city report: 受理, 答复 (含上年度结转), 顺延到下年度, 复议, 诉讼 — with PDF line breaks inside words",
        "（二）依申请公开情况。2024 年，全市共受理政府信息公开申请 2417 件，答\n复 2366 件（含上年度结转申请 28 件，另有 79 件顺延到下年度\n答复），均在法定期限内予以答复。政府信息公开行政复议 208\n件，其中结果维持 50 件，结果纠正 40 件，其他结果 100 件，尚\n未审结 18 件；政府信息公开行政诉讼 43 件，其中结果维持 20\n件。全年新增公开市政府规章 1 件、市政府及市政府办政策性文件 12 件。",
        city,
      ),
      says("收到 = 新收 + 上年结转, with a breakdown in brackets", "本年度共收到政府信息公开申请2445件（其中本年新收2417件，上年结转28件），结转至下一年度继续办理79件。", city),
      says("full-width digits and 合计", "全年合计受理政府信息公开申请９５件，全部办结，办结９５件。"),
      says("新收、上年结转、办结、结转下年度 in one sentence", "本年新收政府信息公开申请95件，上年结转0件，办结95件，结转下年度继续办理0件。"),
      says("行政复议 N 起, 行政诉讼 as the sum of both kinds", "全年发生政府信息公开行政复议2起，行政诉讼4件，其中直接起诉1件、复议后起诉3件。"),
      says("none received, in a report with none", "2024年，我局未接到要求公开政府信息的申请。", edit(base, { "requests.new_received.total": 0, "requests.carried_over.total": 0 })),
      says("no 复议 or 诉讼, in a report with none", "本年度未发生因政府信息公开引起的行政复议、行政诉讼案件。", edit(base, { "review.reconsideration.total": 0, "review.suit_direct.total": 0, "review.suit_after.total": 0 })),
      says("规章 and 规范性文件 may state any column of their row", "全年制发行政规范性文件8件，现行有效规范性文件60件，废止规范性文件2件；公开规章1件。"),
      says("another year is not compared", "2023年，区政府受理政府信息公开申请80件。"),
      says("last year in the same sentence is not compared", "与去年受理申请60件相比有所增加。"),
      says("a quarter is not compared", "第一季度受理政府信息公开申请20件。"),
      says("a part (其中) is not compared", "全年受理申请95件，其中，通过网络受理申请60件。"),
      says("复议 and 诉讼 said together are not compared", "全年行政复议和行政诉讼共5件。"),
      says("时限 is not a count", "严格在答复期限15个工作日内答复，办结率100%。"),
      says("a corrected 复议 is another quantity", "未发生因政府信息公开被申请行政复议后被纠错的情况。"),
      says("清理 of 规范性文件 is not in the tables", "开展规范性文件清理，清理规范性文件20件。"),
      says("政策性文件 is not 规范性文件", "制发政策性文件33件。"),
      says("the 信访 channel is not 依申请公开", "全年受理信访举报申请40件。"),
      says("a number before 答复 is not answered", "按照15个工作日答复的要求办理。"),
      { name: "JSON input without prose", report: noProse },
    ],
    invalid: [
      {
        name: "受理 17 while table 3 has 95 new (hongze-district-2024)",
        report: prose(base, { 1: "2024 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。" }),
        findings: [
          {
            severity: "warning",
            message: "第一部分写“受理政府信息公开申请17件”，与表三不一致：“一、本年新收政府信息公开申请数量 · 总计”、“一+二”（总计列）为 95，相差 78",
            onlyCells: ["requests.new_received.total", "requests.carried_over.total"],
            left: 17,
            right: 95,
            difference: -78,
          },
        ],
      },
      {
        name: "收到 matches neither 新收 nor 新收 + 结转",
        report: prose(city, { 1: "共收到政府信息公开申请2500件。" }),
        findings: [{ message: "为 2417；“一+二”（总计列）为 2445，相差 83", difference: 83 }],
      },
      { name: "办结", report: prose(base, { 1: "办结政府信息公开申请90件。" }), findings: [{ message: "“（七）总计 · 总计”为 95，相差 5", onlyCells: ["requests.total.total"] }] },
      { name: "上年结转", report: prose(base, { 1: "上年结转政府信息公开申请3件。" }), findings: [{ onlyCells: ["requests.carried_over.total"], left: 3, right: 0 }] },
      { name: "N 件结转至下一年度", report: prose(city, { 1: "另有80件结转至下一年度办理。" }), findings: [{ onlyCells: ["requests.carried_forward.total"], left: 80, right: 79 }] },
      { name: "结转下年度 in section 六", report: prose(base, { 6: "结转下年度继续办理4件。本年度未收取信息处理费。" }), findings: [{ message: "第六部分写“结转下年度继续办理4件”" }] },
      { name: "行政复议 N 起", report: prose(base, { 4: "全年发生政府信息公开行政复议3起。" }), findings: [{ message: "第四部分写“行政复议3起”，与表四不一致：“行政复议 · 总计”为 2，相差 1", onlyCells: ["review.reconsideration.total"] }] },
      {
        name: "行政诉讼 is neither the sum nor 直接起诉",
        report: prose(base, { 1: "被提起政府信息公开行政诉讼3件。" }),
        findings: [{ message: "“行政诉讼·未经复议直接起诉 · 总计”+“行政诉讼·复议后起诉 · 总计”为 4；“行政诉讼·未经复议直接起诉 · 总计”为 1", cells: ["review.suit_direct.total", "review.suit_after.total"] }],
      },
      { name: "复议后起诉", report: prose(base, { 1: "复议后起诉1件。" }), findings: [{ onlyCells: ["review.suit_after.total"] }] },
      { name: "未收到 while the table has applications", report: prose(base, { 1: "本年度未收到政府信息公开申请。" }), findings: [{ message: "第一部分写“未收到政府信息公开申请”（即 0 件），与表三不一致", left: 0 }] },
      { name: "未发生行政诉讼 while the table has suits", report: prose(base, { 1: "全年未发生政府信息公开行政诉讼。" }), findings: [{ message: "（即 0 件）", cells: ["review.suit_after.total"] }] },
      { name: "full-width digits", report: prose(base, { 1: "全年受理政府信息公开申请９０件。" }), findings: [{ left: 90 }] },
      {
        name: "主动公开规范性文件 N 件 while every column of the row says otherwise (seed 004)",
        report: prose(base, { 1: "主动公开规范性文件5件。" }),
        findings: [{ message: "与表二不一致：“行政规范性文件 · 本年制发件数”为 8；“行政规范性文件 · 本年废止件数”为 2；“行政规范性文件 · 现行有效件数”为 60", onlyCells: ["active.normative_docs.issued", "active.normative_docs.repealed", "active.normative_docs.in_force"] }],
      },
      { name: "制发规章", report: prose(base, { 1: "全年制发规章2件。" }), findings: [{ cells: ["active.regulations.issued"] }] },
      { name: "the report's own year is compared", report: prose(base, { 1: "2024年受理政府信息公开申请90件。" }), findings: [{ left: 90 }] },
    ],
  },
};
