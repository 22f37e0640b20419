import { activeRows, activeTable, columnLabel } from "./active.js";
import type { FindingInput, YearsRule } from "./types.js";
import { arithmetic, say } from "./util.js";

const meta: YearsRule["meta"] = {
  id: "years-in-force",
  severity: "warning",
  templates: ["2021"],
  scope: "years",
  category: "years",
  reads: ["active.*.in_force", "active.*.issued", "active.*.repealed"],
  basis: ["T2-A"],
  title: "跨年度：现行有效件数 = 上年现行有效 + 本年制发 − 本年废止",
  description:
    "2021 年版表二第二十条第（一）项是存量与流量：本年的现行有效件数，应等于上一年报告的现行有效件数加本年制发、减本年废止。文件到期失效、修改后重新计数、统计口径不同都会造成差异，所以给出警告。两年都用 2021 年版格式时才检查。",
  messages: {
    differs: "{table}“{row}”：本年{inForce} {l}，{prevYear} 年报告的{inForce} {p} + {issued} {i} − {repealed} {x} = {r}，相差 {d}",
  },
};

export const yearsInForce: YearsRule = {
  meta,
  check(r, ctx) {
    if (ctx.previous.meta.template !== "2021") return [];
    const out: FindingInput[] = [];
    for (const x of activeRows(ctx.template, ["issued", "repealed", "in_force"])) {
      const now = r.cells[x.key("in_force")];
      const issued = r.cells[x.key("issued")];
      const repealed = r.cells[x.key("repealed")];
      const before = ctx.previous.cells[x.key("in_force")];
      if (typeof now !== "number" || typeof issued !== "number" || typeof repealed !== "number" || typeof before !== "number") continue;
      const expected = before + issued - repealed;
      if (now === expected) continue;
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "differs", {
        table: activeTable(ctx.template),
        row: x.name,
        inForce: label("in_force"),
        issued: label("issued"),
        repealed: label("repealed"),
        prevYear: String(ctx.previous.meta.year),
        l: now,
        p: before,
        i: issued,
        x: repealed,
        r: expected,
        d: Math.abs(now - expected),
      });
      const formula = `${label("in_force")} = 上年${label("in_force")} + ${label("issued")} − ${label("repealed")}`;
      out.push(arithmetic(message, formula, now, expected, [x.key("in_force"), x.key("issued"), x.key("repealed")]));
    }
    return out;
  },
};
