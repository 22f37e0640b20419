import type { Report } from "../model/report.js";
import type { ColumnDef } from "../templates/types.js";
import type { FindingInput, YearsContext, YearsRule } from "./types.js";
import { arithmetic, rowShort, say, tableName } from "./util.js";
import { evaluate, type YearsIdentity, type YearsIdentityRule } from "./years-identity.js";

const meta: YearsRule["meta"] = {
  id: "years-carried-over",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "years",
  category: "years",
  reads: ["requests.carried_over.*", "requests.carried_forward.*"],
  basis: ["T3-X1"],
  title: "跨年度：本年“上年结转” = 上年“结转下年度”",
  description:
    "上一年结转下年度继续办理的申请，就是本年的上年结转申请，每一列（各类申请人和总计）都应相等。一次检查同一机关相邻两年的报告时才检查。上一年的报告事后更正过也会造成差异，所以给出警告。",
  messages: {
    differs: "{table}“{column}”列：本年“{over}”为 {l}，{prevYear} 年报告的“{forward}”为 {r}，相差 {d}",
  },
};

/** Table 3 as this year's report has it, and its rows 二 and 四. */
function rows(ctx: YearsContext) {
  const m = ctx.requestsLayout.requests;
  return { m, over: m.rows.find((x) => x.key === "carried_over")!, forward: m.rows.find((x) => x.key === "carried_forward")! };
}

/** One identity per column of table 3: this year's 二 = last year's 四. */
function identities(_r: Report, ctx: YearsContext): (YearsIdentity & { column: ColumnDef })[] {
  const { m, over, forward } = rows(ctx);
  return m.columns.map((column) => {
    const key = `requests.carried_over.${column.key}`;
    return {
      column,
      subject: `${tableName(m.title)}“${column.label}”列`,
      formula: `本年“${rowShort(over)}” = 上年“${rowShort(forward)}”`,
      left: [{ year: "this", key, sign: 1, label: `本年“${over.name}”` }],
      right: [{ year: "last", key: `requests.carried_forward.${column.key}`, sign: 1, label: `上年“${forward.name}”` }],
      cells: [key],
    };
  });
}

export const yearsCarriedOver: YearsIdentityRule = {
  meta,
  identities,
  check(r, ctx) {
    const { m, over, forward } = rows(ctx);
    const out: FindingInput[] = [];
    for (const x of identities(r, ctx)) {
      const v = evaluate(x, r, ctx.previous);
      if (!v || v.holds) continue;
      const message = say(meta, "differs", {
        table: tableName(m.title),
        column: x.column.label,
        over: over.name,
        forward: forward.name,
        prevYear: String(ctx.previous.meta.year),
        l: v.left,
        r: v.right,
        d: Math.abs(v.left - v.right),
      });
      out.push(arithmetic(message, x.formula, v.left, v.right, x.cells));
    }
    return out;
  },
};
