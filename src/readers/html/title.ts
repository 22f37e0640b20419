import { cleanSpaces } from "../../text/normalize.js";

/** Separators between a page's own title and the site name: `_`, `|`, ` - `, `——`, `报告-某县`. */
const SEPARATOR_RE = /\s*(?:[_|｜]|\s[-–—]+\s|—{1,2}|-{2,}|(?<=[\u4e00-\u9fff）)])-(?=[\u4e00-\u9fff]))\s*/;

/**
 * `<title>` without the site name: `某县2021年政府信息公开工作年度报告_某县人民政府` → the part
 * that names a report, else the first part.
 */
export function pageTitle(raw: string): string | undefined {
  const t = cleanSpaces(raw);
  if (!t) return undefined;
  const parts = t.split(SEPARATOR_RE).map((p) => p.trim()).filter(Boolean);
  return parts.find((p) => /报告|年报/.test(p)) ?? parts[0] ?? t;
}
