import { identityFindings } from "./identity.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "review-total",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "review",
  basis: ["T4-A", "T4-B", "T4-C"],
  title: "表四：总计 = 维持+纠正+其他+尚未审结",
  description:
    "行政复议、未经复议直接起诉、复议后起诉三组各自的“总计”，必须等于结果维持、结果纠正、其他结果、尚未审结四项之和。行政诉讼没有印出的合计栏，不作检查。",
  messages: { row: "{table}“{row}”：{left} = {l}，{right} = {r}，相差 {d}" },
};

export const reviewTotal: ReportRule = {
  meta,
  check(r, ctx) {
    return identityFindings(r, ctx, "review-total", meta);
  },
};
