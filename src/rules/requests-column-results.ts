import { TEMPLATES } from "../templates/index.js";
import { checkIdentity, requestsTemplate } from "./identity.js";
import type { ReportRule } from "./types.js";

export const requestsColumnResults: ReportRule = {
  meta: {
    id: "requests-column-results",
    severity: "error",
    templates: ["2019", "2021"],
    scope: "report",
    title: "表三每列：（七）总计 = 各办理结果之和",
    description:
      "每件申请只计入一种办理结果（区分处理的只计“部分公开”），所以每一列的（七）总计必须等于（一）至（六）各结果行之和。2021 年版的（六）是三个子项，2019 年版是一行；报告实际用哪种就按哪种相加。（format.md §5.1 T3-B、T3-D）",
  },
  check(r, ctx) {
    const t = requestsTemplate(r, ctx.template, TEMPLATES);
    return checkIdentity(r, t, t.identities.find((i) => i.id === "requests-column-results")!);
  },
};
