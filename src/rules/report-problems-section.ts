import type { ReportRule } from "./types.js";
import { hasProse, say } from "./util.js";

/** What "nothing to report" looks like once punctuation and spaces are gone. */
const NOTHING = new Set(["", "无", "暂无", "没有", "无此项", "不涉及", "无相关情况", "本年度无"]);

const meta: ReportRule["meta"] = {
  id: "report-problems-section",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "report",
  basis: ["R-4"],
  title: "第五部分写明存在的问题和改进情况",
  description:
    "“五、存在的主要问题及改进情况”应当写出本年工作中存在的问题和改进措施（2021 年版格式还要求说明上年问题的整改情况），不能空着或只写“无”。缺少第五部分由 report-sections 报告。",
  messages: { empty: "“五、{title}”{what}，应写明存在的主要问题和改进措施" },
};

export const reportProblemsSection: ReportRule = {
  meta,
  check(r, ctx) {
    if (!hasProse(r)) return [];
    const s = r.sections.find((x) => x.no === 5);
    // A text this long says more than a word for nothing, however it is spaced: not copied again.
    if (!s || s.text.length > 200) return [];
    const core = s.text.replace(/[\s。.，,；;：:！!、]/g, "");
    if (!NOTHING.has(core)) return [];
    const title = ctx.template.sections.find((x) => x.no === 5)!.title;
    return [{ ...say(meta, "empty", { title, what: core === "" ? "是空的" : `只写了“${s.text.trim()}”` }), cells: [] }];
  },
};
