import { cellCensus } from "./census.js";
import type { FindingInput, ReportRule } from "./types.js";
import { cellLabel, say, shownRaw, tableOfKey } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "value-unit",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "values",
  basis: ["T2-E", "§6.3"],
  title: "单元格里的单位与栏目不符或不清楚",
  description:
    "件数栏里写了金额单位（如“3万元”），或金额栏里写了件数单位（如“5件”），说明数填错了栏或单位写错了，给出警告。金额写成“251000元”时已换算为 25.1 万元，给出提示以便核对。2019 年版“采购总金额”表头没有单位，单元格只写数字（不是 0）时无法确定是元还是万元，按万元读取并给出提示。只看读取时保留了原文的单元格。",
  messages: {
    countWithMoney: "{table}{cell}写作“{raw}”：这一栏是件数，却带了金额单位“{unit}”",
    amountWithCount: "{table}{cell}写作“{raw}”：这一栏是金额，却带了单位“{unit}”",
    converted: "{table}{cell}写作“{raw}”，单位是元，已换算为 {v} 万元",
    unitless: "{table}{cell}写作“{raw}”，没有注明单位，表头“{column}”也没有单位；已按万元读取，请核对",
  },
};

export const valueUnit: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const c of cellCensus(r, ctx).written) {
      const p = c.parsed;
      if (p.form !== "number") continue;
      const kind = c.def.column.kind;
      const data = { table: tableOfKey(ctx.template, c.key), cell: cellLabel(c.key, ctx.template), raw: shownRaw(c.raw), unit: p.unit ?? "" };
      if (p.flags.includes("unit")) {
        out.push({ ...say(meta, kind === "amount" ? "amountWithCount" : "countWithMoney", data), cells: [c.key] });
      } else if (p.flags.includes("unit-converted")) {
        out.push({ ...say(meta, "converted", { ...data, v: p.value ?? 0 }), cells: [c.key], severity: "info" });
      } else if (kind === "amount" && !p.unit && p.value !== 0 && !/元/.test(c.def.column.label)) {
        out.push({ ...say(meta, "unitless", { ...data, column: c.def.column.label }), cells: [c.key], severity: "info" });
      }
    }
    return out;
  },
};
