import { activeRows, activeTable, columnLabel, values } from "./active.js";
import type { FindingInput, ReportRule } from "./types.js";
import { arithmetic, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "active-items-remaining",
  severity: "warning",
  templates: ["2019"],
  scope: "report",
  category: "active",
  basis: ["T2-D"],
  title: "表二：上一年项目数量 + 本年增/减 ≥ 0",
  description:
    "2019 年版表二第（五）（六）（八）项的“本年增/减”是事项数的净变化，上一年项目数量加上它就是本年末的项目数，不能是负数。减少的项目多于原有项目，通常是把“处理决定数量”之类填进了“本年增/减”，或符号写反。",
  messages: { negative: "{table}“{row}”：{prev} {p} 加{change} {c}，得本年末项目数 {l}，不能是负数" },
};

export const activeItemsRemaining: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const x of activeRows(ctx.template, ["prev_items", "change"])) {
      const keys = [x.key("prev_items"), x.key("change")];
      const v = values(r, keys);
      if (!v) continue;
      const [prev, change] = v as [number, number];
      if (prev + change >= 0) continue;
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "negative", {
        table: activeTable(ctx.template),
        row: x.name,
        prev: label("prev_items"),
        change: label("change"),
        p: prev,
        c: change >= 0 ? `+${change}` : String(change),
        l: prev + change,
      });
      out.push(arithmetic(message, `${label("prev_items")} + ${label("change")} ≥ 0`, prev + change, 0, keys));
    }
    return out;
  },
};
