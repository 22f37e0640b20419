import { activeRows, activeTable, columnLabel } from "./active.js";
import type { Report } from "../model/report.js";
import type { ActiveBlock } from "../templates/types.js";
import type { FindingInput, YearsContext, YearsRule } from "./types.js";
import { arithmetic, say } from "./util.js";
import { evaluate, type YearsIdentity, type YearsIdentityRule } from "./years-identity.js";

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

/** One identity per row of 第二十条第（一）项, when both years use the 2021 template. */
function identities(_r: Report, ctx: YearsContext): (YearsIdentity & { block: ActiveBlock; name: string })[] {
  if (ctx.previous.meta.template !== "2021") return [];
  return activeRows(ctx.template, ["issued", "repealed", "in_force"]).map((x) => {
    const label = (c: string) => columnLabel(x.block, c);
    return {
      block: x.block,
      name: x.name,
      subject: `${activeTable(ctx.template)}“${x.name}”`,
      formula: `${label("in_force")} = 上年${label("in_force")} + ${label("issued")} − ${label("repealed")}`,
      left: [{ year: "this", key: x.key("in_force"), sign: 1, label: `本年${label("in_force")}` }],
      right: [
        { year: "last", key: x.key("in_force"), sign: 1, label: `上年${label("in_force")}` },
        { year: "this", key: x.key("issued"), sign: 1, label: label("issued") },
        { year: "this", key: x.key("repealed"), sign: -1, label: label("repealed") },
      ],
      cells: [x.key("in_force"), x.key("issued"), x.key("repealed")],
    };
  });
}

export const yearsInForce: YearsIdentityRule = {
  meta,
  identities,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const x of identities(r, ctx)) {
      const v = evaluate(x, r, ctx.previous);
      if (!v || v.holds) continue;
      const [before, issued, repealed] = v.rightTerms as [number, number, number];
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "differs", {
        table: activeTable(ctx.template),
        row: x.name,
        inForce: label("in_force"),
        issued: label("issued"),
        repealed: label("repealed"),
        prevYear: String(ctx.previous.meta.year),
        l: v.left,
        p: before,
        i: issued,
        x: repealed,
        r: v.right,
        d: Math.abs(v.left - v.right),
      });
      out.push(arithmetic(message, x.formula, v.left, v.right, x.cells));
    }
    return out;
  },
};
