import { tableCensus } from "./census.js";
import { countFindings } from "./counts.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "requests-nonnegative-integer",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "requests",
  basis: ["T3-E"],
  title: "表三每格是非负整数",
  description:
    "表三统计的是申请的件数，每个单元格都应是 0 或正整数。负数（常见于把“-”误读或录入错误）和小数都不是件数。空白和“/”不在此列（见 cells-blank）。",
  messages: {
    negative: "{table}{cell}为 {v}：申请件数不能是负数",
    fraction: "{table}{cell}为 {v}：申请件数应是整数",
  },
};

export const requestsNonnegativeInteger: ReportRule = {
  meta,
  check(r, ctx) {
    return countFindings(tableCensus(r, ctx, "requests").odd, ctx.template, meta);
  },
};
