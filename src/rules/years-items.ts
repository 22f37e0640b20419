import { activeRows, activeTable, columnLabel } from "./active.js";
import type { FindingInput, YearsRule } from "./types.js";
import { arithmetic, say } from "./util.js";

const meta: YearsRule["meta"] = {
  id: "years-items",
  severity: "warning",
  templates: ["2019"],
  scope: "years",
  category: "years",
  reads: ["active.*.prev_items", "active.*.change"],
  basis: ["T2-D"],
  title: "跨年度：上一年项目数量 = 上年的项目数量 + 上年的增/减",
  description:
    "2019 年版表二第（五）（六）（八）项：本年报告的“上一年项目数量”，应等于上一年报告的“上一年项目数量”加上一年的“本年增/减”，也就是上一年年末的项目数。两年都用 2019 年版格式（2019 与 2020 年度）时才检查；口径调整会造成差异，所以给出警告。",
  messages: {
    differs: "{table}“{row}”：本年报告的{prev} {l}，{prevYear} 年报告的{prev} {p} 加{change} {c} = {r}，相差 {d}",
  },
};

export const yearsItems: YearsRule = {
  meta,
  check(r, ctx) {
    if (ctx.previous.meta.template !== "2019") return [];
    const out: FindingInput[] = [];
    for (const x of activeRows(ctx.template, ["prev_items", "change"])) {
      const now = r.cells[x.key("prev_items")];
      const before = ctx.previous.cells[x.key("prev_items")];
      const change = ctx.previous.cells[x.key("change")];
      if (typeof now !== "number" || typeof before !== "number" || typeof change !== "number") continue;
      const expected = before + change;
      if (now === expected) continue;
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "differs", {
        table: activeTable(ctx.template),
        row: x.name,
        prev: label("prev_items"),
        change: label("change"),
        prevYear: String(ctx.previous.meta.year),
        l: now,
        p: before,
        c: change >= 0 ? `+${change}` : String(change),
        r: expected,
        d: Math.abs(now - expected),
      });
      out.push(arithmetic(message, `${label("prev_items")} = 上年${label("prev_items")} + 上年${label("change")}`, now, expected, [x.key("prev_items")]));
    }
    return out;
  },
};
