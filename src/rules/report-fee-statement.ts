import type { FindingInput, ReportRule } from "./types.js";
import { cellLabel, hasProse, say } from "./util.js";

const FEE = /处理费/;
const NUMERALS = "一二三四五六";

const meta: ReportRule["meta"] = {
  id: "report-fee-statement",
  severity: "warning",
  templates: ["2021"],
  scope: "report",
  category: "report",
  basis: ["R-6", "T3-X3"],
  title: "第六部分说明信息处理费的收取情况",
  description:
    "2021 年版格式要求在“六、其他需要报告的事项”中报告按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况，没有收取也应写明。表三“（六）2.申请人逾期未按收费通知要求缴纳费用”不为 0 时，说明本年发出过收费通知，更应说明。只认“信息处理费”“处理费”的字样：表二的“行政事业性收费”是另一回事。说明写在了别的部分给出提示。",
  messages: {
    absent: "“六、{title}”没有说明信息处理费的收取情况（2021 年版格式要求报告，未收取也应写明）",
    absentWithNotices: "“六、{title}”没有说明信息处理费的收取情况，而表三{cell}为 {v}，本年发出过收费通知",
    elsewhere: "信息处理费的收取情况写在了第{where}部分，格式要求写在“六、{title}”",
  },
};

export const reportFeeStatement: ReportRule = {
  meta,
  check(r, ctx) {
    if (!hasProse(r)) return [];
    const six = r.sections.find((s) => s.no === 6);
    if (!six || FEE.test(six.text)) return [];
    const title = ctx.template.sections.find((x) => x.no === 6)!.title;
    const elsewhere = r.sections.filter((s) => s.no !== 6 && FEE.test(s.text)).map((s) => NUMERALS[s.no - 1] ?? String(s.no));
    if (elsewhere.length) return [{ ...say(meta, "elsewhere", { where: elsewhere.join("、"), title }), cells: [], severity: "info" }];
    const key = "requests.other_overdue_fee.total";
    const v = r.cells[key];
    const out: FindingInput[] = [];
    if (typeof v === "number" && v > 0) {
      out.push({ ...say(meta, "absentWithNotices", { title, cell: cellLabel(key, ctx.template), v }), cells: [key] });
    } else out.push({ ...say(meta, "absent", { title }), cells: [] });
    return out;
  },
};
