import { activeTable } from "./active.js";
import { tableCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellLabel, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "active-nonnegative",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "active",
  basis: ["T2-E"],
  title: "表二：数量和金额不是负数",
  description:
    "表二的件数、项目数、决定数和金额（采购总金额、收费金额）都不能是负数。只有 2019 年版的“本年增/减”可以为负，不在此列。",
  messages: { negative: "{table}{cell}为 {v}：{what}不能是负数" },
};

export const activeNonnegative: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const { key, def: d, value: v } of tableCensus(r, ctx, "active").odd) {
      if (d.column.kind === "signed" || v >= 0) continue;
      const what = d.column.kind === "amount" ? "金额" : "数量";
      out.push({ ...say(meta, "negative", { table: activeTable(ctx.template), cell: cellLabel(key, ctx.template), v, what }), cells: [key] });
    }
    return out;
  },
};
