import { checkIdentity } from "./identity.js";
import type { ReportRule } from "./types.js";

export const reviewTotal: ReportRule = {
  meta: {
    id: "review-total",
    severity: "error",
    templates: ["2019", "2021"],
    scope: "report",
    title: "表四：总计 = 维持+纠正+其他+尚未审结",
    description:
      "行政复议、未经复议直接起诉、复议后起诉三组各自的“总计”，必须等于结果维持、结果纠正、其他结果、尚未审结四项之和。（format.md §5.3 T4-A、T4-B、T4-C）",
  },
  check(r, ctx) {
    return checkIdentity(r, ctx.template, ctx.template.identities.find((i) => i.id === "review-total")!);
  },
};
