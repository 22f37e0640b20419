import { activeRows, activeTable, columnLabel, values } from "./active.js";
import type { FindingInput, ReportRule } from "./types.js";
import { arithmetic, say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "active-in-force",
  severity: "warning",
  templates: ["2021"],
  scope: "report",
  category: "active",
  basis: ["T2-B"],
  title: "表二：现行有效件数 ≥ 本年制发 − 本年废止",
  description:
    "2021 年版表二第二十条第（一）项是存量与流量：本年制发的文件扣除本年废止的，至少仍然有效，所以现行有效件数不应小于“本年制发件数 − 本年废止件数”。文件也可能因到期或修改而失效，这只是合理性检查，作为警告。",
  messages: { less: "{table}“{row}”：{inForce} = {l}，{issued} − {repealed} = {r}，现行有效件数少了 {d}" },
};

export const activeInForce: ReportRule = {
  meta,
  check(r, ctx) {
    const out: FindingInput[] = [];
    for (const x of activeRows(ctx.template, ["issued", "repealed", "in_force"])) {
      const keys = [x.key("in_force"), x.key("issued"), x.key("repealed")];
      const v = values(r, keys);
      if (!v) continue;
      const [inForce, issued, repealed] = v as [number, number, number];
      if (inForce >= issued - repealed) continue;
      const label = (c: string) => columnLabel(x.block, c);
      const message = say(meta, "less", {
        table: activeTable(ctx.template),
        row: x.name,
        inForce: label("in_force"),
        issued: label("issued"),
        repealed: label("repealed"),
        l: inForce,
        r: issued - repealed,
        d: issued - repealed - inForce,
      });
      out.push(arithmetic(message, `${label("in_force")} ≥ ${label("issued")} − ${label("repealed")}`, inForce, issued - repealed, keys));
    }
    return out;
  },
};
