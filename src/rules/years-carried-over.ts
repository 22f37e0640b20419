import type { FindingInput, YearsRule } from "./types.js";
import { arithmetic, rowShort, say, tableName } from "./util.js";

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

export const yearsCarriedOver: YearsRule = {
  meta,
  check(r, ctx) {
    const m = ctx.requestsLayout.requests;
    const over = m.rows.find((x) => x.key === "carried_over")!;
    const forward = m.rows.find((x) => x.key === "carried_forward")!;
    const out: FindingInput[] = [];
    for (const c of m.columns) {
      const key = `requests.carried_over.${c.key}`;
      const now = r.cells[key];
      const before = ctx.previous.cells[`requests.carried_forward.${c.key}`];
      if (typeof now !== "number" || typeof before !== "number" || now === before) continue;
      const message = say(meta, "differs", {
        table: tableName(m.title),
        column: c.label,
        over: over.name,
        forward: forward.name,
        prevYear: String(ctx.previous.meta.year),
        l: now,
        r: before,
        d: Math.abs(now - before),
      });
      out.push(arithmetic(message, `本年“${rowShort(over)}” = 上年“${rowShort(forward)}”`, now, before, [key]));
    }
    return out;
  },
};
