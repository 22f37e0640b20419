import { activeRows, activeTable, columnLabel } from "./active.js";
import type { Report } from "../model/report.js";
import type { ActiveBlock } from "../templates/types.js";
import type { FindingInput, YearsContext, YearsRule } from "./types.js";
import { arithmetic, say } from "./util.js";
import { evaluate, type YearsIdentity, type YearsIdentityRule } from "./years-identity.js";

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

/** One identity per row with 上一年项目数量 and 本年增/减, when both years use the 2019 template. */
function identities(_r: Report, ctx: YearsContext): (YearsIdentity & { block: ActiveBlock; name: string })[] {
  if (ctx.previous.meta.template !== "2019") return [];
  return activeRows(ctx.template, ["prev_items", "change"]).map((x) => {
    const label = (c: string) => columnLabel(x.block, c);
    return {
      block: x.block,
      name: x.name,
      subject: `${activeTable(ctx.template)}“${x.name}”`,
      formula: `${label("prev_items")} = 上年${label("prev_items")} + 上年${label("change")}`,
      left: [{ year: "this", key: x.key("prev_items"), sign: 1, label: `本年${label("prev_items")}` }],
      right: [
        { year: "last", key: x.key("prev_items"), sign: 1, label: `上年${label("prev_items")}` },
        { year: "last", key: x.key("change"), sign: 1, label: `上年${label("change")}` },
      ],
      cells: [x.key("prev_items")],
    };
  });
}

export const yearsItems: YearsIdentityRule = {
  meta,
  identities,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const x of identities(r, ctx)) {
      const v = evaluate(x, r, ctx.previous);
      if (!v || v.holds) continue;
      const [before, change] = v.rightTerms as [number, number];
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "differs", {
        table: activeTable(ctx.template),
        row: x.name,
        prev: label("prev_items"),
        change: label("change"),
        prevYear: String(ctx.previous.meta.year),
        l: v.left,
        p: before,
        c: change >= 0 ? `+${change}` : String(change),
        r: v.right,
        d: Math.abs(v.left - v.right),
      });
      out.push(arithmetic(message, x.formula, v.left, v.right, x.cells));
    }
    return out;
  },
};
