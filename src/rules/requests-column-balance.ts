import { identityFindings } from "./identity.js";
import type { ReportRule } from "./types.js";

const meta: ReportRule["meta"] = {
  id: "requests-column-balance",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "requests",
  basis: ["T3-A"],
  title: "表三每列：一+二 = （七）总计+四",
  description:
    "表三表头印着本列的勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”。对每一列（自然人、五类法人或其他组织、总计），本年新收加上年结转，必须等于本年办理结果的（七）总计加结转下年度继续办理。某一列有空白或缺失的单元格时不作此项检查（空白另有提示）。",
  messages: { column: "{table}“{column}”列：{left} = {l}，{right} = {r}，相差 {d}" },
};

export const requestsColumnBalance: ReportRule = {
  meta,
  check(r, ctx) {
    return identityFindings(r, ctx, "requests-column-balance", meta);
  },
};
