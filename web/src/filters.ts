import type { LocationQuery } from "vue-router";

/** The report list's filters (api.md), as the URL keeps them. */
export interface Filters {
  year?: number;
  agencyId?: number;
  regionId?: number;
  template?: string;
  status?: string;
  review?: string;
  q?: string;
}

const NUMBERS = ["year", "agencyId", "regionId"] as const;
const TEXTS = ["template", "status", "review", "q"] as const;

export function filtersFrom(q: LocationQuery): Filters {
  const f: Filters = {};
  for (const k of NUMBERS) {
    const v = Number(q[k]);
    if (typeof q[k] === "string" && Number.isInteger(v) && v > 0) f[k] = v;
  }
  for (const k of TEXTS) if (typeof q[k] === "string" && q[k]) f[k] = q[k] as string;
  return f;
}

export const STATUS_OPTIONS = [
  { value: "error", label: "有错误" },
  { value: "warning", label: "仅有警告" },
  { value: "clean", label: "未发现问题" },
  { value: "unread", label: "表格未读出" },
  { value: "failed", label: "无法读取的文件" },
];

export const REVIEW_OPTIONS = [
  { value: "pending", label: "待审核" },
  { value: "approved", label: "审核通过" },
  { value: "returned", label: "退回修改" },
];
