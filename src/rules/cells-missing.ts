import type { Report } from "../model/report.js";
import { anyCellDef } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { cellCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellLabel, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "cells-missing",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "values",
  basis: ["R-5"],
  title: "表格缺少法定的行或单元格",
  description:
    "报告所用格式的表格里应有的行或单元格，原文里没有找到（整行缺失、表格被删减，或者原文的表格无法识别）。缺少的单元格不参与勾稽关系检查。混用两版格式的表三按它实际的行检查，不会因缺少另一版的（六）子项而报告。",
  messages: { missing: "{table}没有读到 {n} 个单元格（相关勾稽关系无法检查）：{what}" },
};

/** Whole rows by name, single cells by row and column. */
function describeMissing(keys: string[], t: Template, r: Report): string {
  const rows = new Map<string, string[]>();
  for (const k of keys) {
    const row = k.split(".").slice(0, 2).join(".");
    rows.set(row, [...(rows.get(row) ?? []), k]);
  }
  const parts: string[] = [];
  for (const [row, cells] of rows) {
    const present = Object.keys(r.cells).some((k) => k.startsWith(row + "."));
    const def = anyCellDef(cells[0]!, t)!;
    parts.push(present ? cells.map((c) => cellLabel(c, t)).join("、") : `“${def.row.name}”整行`);
  }
  return parts.length > 6 ? `${parts.slice(0, 6).join("、")} 等 ${parts.length} 处` : parts.join("、");
}

export const cellsMissing: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const table of cellCensus(r, ctx).tables) {
      const keys = table.missing;
      if (keys.length === 0) continue;
      const what = keys.length === table.keys.length ? "整张表" : describeMissing(keys, ctx.template, r);
      out.push({ ...say(meta, "missing", { table: table.name, n: keys.length, what }), cells: keys });
    }
    return out;
  },
};
