import { identityFindings } from "./identity.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "requests-column-results",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "requests",
  basis: ["T3-B", "T3-D"],
  title: "表三每列：（七）总计 = 各办理结果之和",
  description:
    "每件申请只计入一种办理结果（区分处理的只计“部分公开”），所以每一列的（七）总计必须等于（一）至（六）各结果行之和。2021 年版的（六）是三个子项，2019 年版是一行；报告实际用哪种就按哪种相加（混用两版格式的报告按它自己的行相加）。",
  messages: { column: "{table}“{column}”列：{left} = {l}，{right} = {r}，相差 {d}" },
};

export const requestsColumnResults: ReportRule = {
  meta,
  check(r, ctx) {
    return identityFindings(r, ctx, "requests-column-results", meta);
  },
};
