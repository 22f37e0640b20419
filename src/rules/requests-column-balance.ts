import { TEMPLATES } from "../templates/index.js";
import { checkIdentity, requestsTemplate } from "./identity.js";
import type { ReportRule } from "./types.js";

export const requestsColumnBalance: ReportRule = {
  meta: {
    id: "requests-column-balance",
    severity: "error",
    templates: ["2019", "2021"],
    scope: "report",
    title: "表三每列：一+二 = （七）总计+四",
    description:
      "表三表头印着本列的勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”。对每一列（自然人、五类法人或其他组织、总计），本年新收加上年结转，必须等于本年办理结果的（七）总计加结转下年度继续办理。（format.md §5.1 T3-A）",
  },
  check(r, ctx) {
    const t = requestsTemplate(r, ctx.template, TEMPLATES);
    return checkIdentity(r, t, t.identities.find((i) => i.id === "requests-column-balance")!);
  },
};
