import { ReadError } from "../model/errors.js";
import type { CellProvenance, Report, TemplateId } from "../model/report.js";
import { anyCellDef } from "../templates/index.js";

/**
 * True when the bytes are a JSON object or an array of objects (canonical report input).
 * `[bookmark: _GoBack]…` text also starts with `[`, so an array must open with `{` or `]`.
 */
export function looksLikeJson(bytes: Uint8Array): boolean {
  const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  // An object opens with `{"` or is `{}`; RTF (`{\rtf1`) also starts with a brace.
  const objectStart = (j: number) => {
    j++;
    while (j < bytes.length && isSpace(bytes[j]!)) j++;
    return bytes[j] === 0x22 || bytes[j] === 0x7d;
  };
  if (bytes[i] === 0x7b) return objectStart(i);
  if (bytes[i] !== 0x5b) return false;
  i++;
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return (bytes[i] === 0x7b && objectStart(i)) || bytes[i] === 0x5d;
}

/**
 * Canonical report JSON (as `nianbao parse` prints, or data typed into a form): any object with
 * `meta.template`, `meta.year` and `cells`. A JSON array gives several reports.
 */
export function reportsFromJson(text: string): Report[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReadError("damaged", `JSON 格式错误：${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw new ReadError("not-a-report", "JSON 数组是空的，没有报告");
  return list.map((x, i) => reportFromObject(x, list.length > 1 ? `第 ${i + 1} 份报告：` : ""));
}

function reportFromObject(x: unknown, where: string): Report {
  if (!x || typeof x !== "object") throw new ReadError("not-a-report", `${where}不是报告对象`);
  const o = x as Record<string, unknown>;
  const meta = (o.meta ?? {}) as Record<string, unknown>;
  const template = String(meta.template ?? "");
  if (template !== "2019" && template !== "2021") {
    throw new ReadError("not-a-report", `${where}meta.template 必须是 "2019" 或 "2021"（报告实际使用的格式）`);
  }
  const year = Number(meta.year);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new ReadError("not-a-report", `${where}meta.year 必须是报告年度，例如 2023`);
  if (!o.cells || typeof o.cells !== "object" || Array.isArray(o.cells)) throw new ReadError("not-a-report", `${where}缺少 cells（单元格键 → 数值）`);
  const cells: Report["cells"] = {};
  const provenance: Record<string, CellProvenance> = {};
  const given = (o.provenance ?? {}) as Record<string, CellProvenance>;
  for (const [key, v] of Object.entries(o.cells as Record<string, unknown>)) {
    if (!anyCellDef(key)) throw new ReadError("not-a-report", `${where}未知的单元格键 “${key}”（键名见 report-json.md）`);
    if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) {
      throw new ReadError("not-a-report", `${where}单元格 ${key} 的值必须是数字或 null，而不是 ${JSON.stringify(v)}`);
    }
    cells[key] = v as number | null;
    provenance[key] = given[key] ?? { raw: v === null ? "" : String(v) };
  }
  const sections = Array.isArray(o.sections) ? (o.sections as Report["sections"]) : [];
  return {
    meta: {
      title: typeof meta.title === "string" ? meta.title : null,
      agency: typeof meta.agency === "string" ? meta.agency : null,
      year,
      template: template as TemplateId,
      yearFrom: "input",
      format: "json",
    },
    sections,
    cells,
    provenance,
    findings: [],
  };
}
