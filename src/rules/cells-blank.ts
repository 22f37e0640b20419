import type { Report } from "../model/report.js";
import { cellCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellList, say, shownRaw } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "cells-blank",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "values",
  basis: ["R-5"],
  title: "表格里有空白或“/”的单元格",
  description:
    "法定表格每个单元格都应填数字，没有发生的填 0。空白、“/”“-”“—”“无”或文字说明都不是数：nianbao 不把它们当作 0，而是当作未知，相关的勾稽关系也就无法检查。表三、表四的空格给出警告；表二的空格给出提示。读不清、有几种读法的单元格另有说明，不在此列。",
  messages: { blank: "{table}有 {n} 个单元格没有填数字（按未知处理，不当作 0，相关勾稽关系无法检查）：{cells}" },
};

function written(r: Report, key: string): string {
  const raw = shownRaw(r.provenance[key]?.raw ?? "");
  return raw === "" ? "（空白）" : `（“${raw}”）`;
}

export const cellsBlank: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const table of cellCensus(r, ctx).tables) {
      const keys = table.blank;
      if (keys.length === 0) continue;
      out.push({
        ...say(meta, "blank", { table: table.name, n: keys.length, cells: cellList(keys, ctx.template, 6, (k) => written(r, k)) }),
        cells: keys,
        ...(table.id === "active" ? { severity: "info" as const } : {}),
      });
    }
    return out;
  },
};
