import { activeTable } from "./active.js";
import { tableCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellLabel, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "active-count-integer",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "active",
  basis: ["T2-E"],
  title: "表二：件数和项目数是整数",
  description:
    "表二除金额以外的单元格（制发、废止、现行有效、新制作、新公开、公开总数、项目数、增减、处理决定数量、采购项目数量）都是件数或项数，应是整数。出现小数，多半是把金额填进了数量栏，或者列错位。",
  messages: { fraction: "{table}{cell}为 {v}：这是件数或项数，应是整数" },
};

export const activeCountInteger: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const { key, def: d, value: v } of tableCensus(r, ctx, "active").odd) {
      if (d.column.kind === "amount" || Number.isInteger(v)) continue;
      out.push({ ...say(meta, "fraction", { table: activeTable(ctx.template), cell: cellLabel(key, ctx.template), v }), cells: [key] });
    }
    return out;
  },
};
