import { cellCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellList, say, shownRaw, tableOfKey } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "value-leading-zeros",
  severity: "info",
  templates: ["2019", "2021"],
  scope: "report",
  category: "values",
  basis: ["§6.3"],
  title: "单元格写作“00”等带前导零的数",
  description:
    "有的报告把 0 写成“00”、把 5 写成“05”。数值不受影响（按 0、5 读取），但这种写法通常来自模板占位符或复制粘贴，值得顺手改正。只看读取时保留了原文的单元格；由 JSON 录入的数据没有原文，不作检查。每张表一条提示。",
  messages: { zeros: "{table}有 {n} 个单元格写成带前导零的数，已按去掉前导零读取：{cells}" },
};

export const valueLeadingZeros: ReportRule = {
  meta,
  check(r, ctx) {
    const byTable = new Map<string, string[]>();
    const raw = new Map<string, string>();
    for (const c of cellCensus(r, ctx).written) {
      if (!c.parsed.flags.includes("leading-zeros")) continue;
      const table = tableOfKey(ctx.template, c.key);
      byTable.set(table, [...(byTable.get(table) ?? []), c.key]);
      raw.set(c.key, c.raw);
    }
    const out: FindingInput[] = [];
    for (const [table, keys] of byTable) {
      const cells = cellList(keys, ctx.template, 4, (k) => `写作“${shownRaw(raw.get(k)!)}”`);
      out.push({ ...say(meta, "zeros", { table, n: keys.length, cells }), cells: keys });
    }
    return out;
  },
};
