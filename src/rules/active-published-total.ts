import { activeRows, activeTable, columnLabel, values } from "./active.js";
import type { FindingInput, ReportRule } from "./types.js";
import { arithmetic, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "active-published-total",
  severity: "warning",
  templates: ["2019"],
  scope: "report",
  category: "active",
  basis: ["T2-C"],
  title: "表二：本年新公开数量 ≤ 对外公开总数量",
  description:
    "2019 年版表二第二十条第（一）项：对外公开总数量包含本年新公开的文件，所以本年新公开数量不应大于对外公开总数量。填反两列是常见错误。",
  messages: { more: "{table}“{row}”：{published} = {l}，大于{total} = {r}，多了 {d}" },
};

export const activePublishedTotal: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const x of activeRows(ctx.template, ["published", "public_total"])) {
      const keys = [x.key("published"), x.key("public_total")];
      const v = values(r, keys);
      if (!v) continue;
      const [published, total] = v as [number, number];
      if (published <= total) continue;
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "more", {
        table: activeTable(ctx.template),
        row: x.name,
        published: label("published"),
        total: label("public_total"),
        l: published,
        r: total,
        d: published - total,
      });
      out.push(arithmetic(message, `${label("published")} ≤ ${label("public_total")}`, published, total, keys));
    }
    return out;
  },
};
