import { TEMPLATES } from "../templates/index.js";
import { checkIdentity, requestsTemplate } from "./identity.js";
import type { ReportRule } from "./types.js";

export const requestsRowTotal: ReportRule = {
  meta: {
    id: "requests-row-total",
    severity: "error",
    templates: ["2019", "2021"],
    scope: "report",
    title: "表三每行：总计 = 自然人+法人或其他组织",
    description:
      "“总计”列是申请人情况各列之和：自然人加商业企业、科研机构、社会公益组织、法律服务机构、其他五类法人或其他组织。表中没有法人小计列。（format.md §5.1 T3-C）",
  },
  check(r, ctx) {
    const t = requestsTemplate(r, ctx.template, TEMPLATES);
    return checkIdentity(r, t, t.identities.find((i) => i.id === "requests-row-total")!);
  },
};
