import { identityFindings } from "./identity.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "requests-row-total",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "requests",
  basis: ["T3-C"],
  title: "表三每行：总计 = 自然人+法人或其他组织",
  description:
    "“总计”列是申请人情况各列之和：自然人加商业企业、科研机构、社会公益组织、法律服务机构、其他五类法人或其他组织。表中没有法人小计列。每一行都查，包括（七）总计和结转下年度两行。",
  messages: { row: "{table}“{row}”行：{left} = {l}，{right} = {r}，相差 {d}" },
};

export const requestsRowTotal: ReportRule = {
  meta,
  check(r, ctx) {
    return identityFindings(r, ctx, "requests-row-total", meta);
  },
};
