import { tableCensus } from "./census.js";
import { countFindings } from "./counts.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "review-nonnegative-integer",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "review",
  basis: ["T4-D"],
  title: "表四每格是非负整数",
  description: "表四统计的是行政复议、行政诉讼的案件数，15 个单元格都应是 0 或正整数；负数和小数都不是件数。",
  messages: {
    negative: "{table}{cell}为 {v}：案件数不能是负数",
    fraction: "{table}{cell}为 {v}：案件数应是整数",
  },
};

export const reviewNonnegativeInteger: ReportRule = {
  meta,
  check(r, ctx) {
    return countFindings(tableCensus(r, ctx, "review").odd, ctx.template, meta);
  },
};
