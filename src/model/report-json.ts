import { anyCellDef } from "../templates/index.js";
import { ReadError } from "./errors.js";
import type { Finding, FindingOrigin, MessageData, Severity } from "./finding.js";
import type { CellProvenance, ExtraRow, Report, ReportMeta, Section, TemplateId } from "./report.js";

/**
 * The report's JSON (report-json.md): what `nianbao parse` and `check --format json` print and
 * what the store keeps. Lossless: `decodeReport(encodeReport(r, fill))` equals `r`, findings
 * included with who raised them. Each finding also carries its Chinese `message`, filled by
 * the caller (the edge knows the message catalogue; the model does not), and dropped again on
 * decoding since it follows from `messageId` and `data`.
 */
export interface ReportJson {
  meta: ReportMeta;
  sections: Section[];
  cells: Record<string, number | null>;
  findings: FindingJson[];
  provenance: Record<string, CellProvenance>;
  extraRows?: ExtraRow[];
}

export type FindingJson = Pick<Finding, "rule" | "severity" | "cells"> & { message: string } & Omit<Finding, "rule" | "severity" | "cells">;

/** Message id of a finding that came as text only (JSON written by another tool). */
export const TEXT_MESSAGE_ID = "text";

export function encodeReport(r: Report, message: (f: Finding) => string): ReportJson {
  return {
    meta: r.meta,
    sections: r.sections,
    cells: r.cells,
    // The spec's keys first, as report-json.md shows them.
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: message(f), cells: f.cells, ...withoutSpecKeys(f) })),
    provenance: r.provenance,
    ...(r.extraRows?.length ? { extraRows: r.extraRows } : {}),
  };
}

function withoutSpecKeys(f: Finding): Omit<Finding, "rule" | "severity" | "cells"> {
  const { rule: _r, severity: _s, cells: _c, ...rest } = f;
  return rest;
}

/** One report or an array of them, from JSON text. */
export function decodeReports(text: string): Report[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReadError("damaged", `JSON 格式错误：${(e as Error).message}`);
  }
  const list = Array.isArray(data) ? data : [data];
  if (list.length === 0) throw new ReadError("not-a-report", "JSON 数组是空的，没有报告");
  return list.map((x, i) => decodeReport(x, list.length > 1 ? `第 ${i + 1} 份报告：` : ""));
}

const SEVERITIES = new Set<Severity>(["error", "warning", "info"]);
const ORIGINS = new Set<FindingOrigin>(["reader", "extract", "rule"]);
const YEAR_FROM = new Set(["title", "period", "body", "input"]);

/**
 * A report from its JSON: what `encodeReport` wrote, or data typed by hand — any object with
 * `meta.template`, `meta.year` and `cells`. Throws a ReadError in Chinese naming what is wrong.
 */
export function decodeReport(x: unknown, where = ""): Report {
  const fail = (msg: string): never => {
    throw new ReadError("not-a-report", `${where}${msg}`);
  };
  if (!isObject(x)) fail("不是报告对象");
  const o = x as Record<string, unknown>;
  const meta = decodeMeta(isObject(o.meta) ? (o.meta as Record<string, unknown>) : {}, fail);
  if (!isObject(o.cells)) fail("缺少 cells（单元格键 → 数值）");
  const given = isObject(o.provenance) ? (o.provenance as Record<string, unknown>) : {};
  const cells: Report["cells"] = {};
  const provenance: Report["provenance"] = {};
  for (const [key, v] of Object.entries(o.cells as Record<string, unknown>)) {
    if (!anyCellDef(key)) fail(`未知的单元格键 “${key}”（键名见 report-json.md）`);
    if (v !== null && (typeof v !== "number" || !Number.isFinite(v))) fail(`单元格 ${key} 的值必须是数字或 null，而不是 ${JSON.stringify(v)}`);
    cells[key] = v as number | null;
    const p = given[key];
    provenance[key] = isObject(p) && typeof (p as CellProvenance).raw === "string" ? (p as CellProvenance) : { raw: v === null ? "" : String(v) };
  }
  const report: Report = {
    meta,
    sections: decodeSections(o.sections, fail),
    cells,
    provenance,
    findings: decodeFindings(o.findings, fail),
  };
  if (Array.isArray(o.extraRows) && o.extraRows.length) report.extraRows = o.extraRows as ExtraRow[];
  return report;
}

function decodeMeta(m: Record<string, unknown>, fail: (msg: string) => never): ReportMeta {
  const template = String(m.template ?? "");
  if (!isTemplate(template)) fail(`meta.template 必须是 "2019" 或 "2021"（报告实际使用的格式）`);
  const year = Number(m.year);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) fail("meta.year 必须是报告年度，例如 2023");
  const meta: ReportMeta = {
    title: typeof m.title === "string" ? m.title : null,
    agency: typeof m.agency === "string" ? m.agency : null,
    year,
    template: template as TemplateId,
  };
  if (isTemplate(String(m.requestsTemplate ?? ""))) meta.requestsTemplate = m.requestsTemplate as TemplateId;
  if (typeof m.yearFrom === "string" && YEAR_FROM.has(m.yearFrom)) meta.yearFrom = m.yearFrom as ReportMeta["yearFrom"];
  if (typeof m.published === "string" && /^\d{4}-\d{2}-\d{2}$/.test(m.published)) meta.published = m.published;
  if (typeof m.file === "string") meta.file = m.file;
  if (typeof m.format === "string") meta.format = m.format;
  return inOrderOf(m, meta);
}

/** `x`'s fields in the order `given` has them (then the rest), so that re-encoding prints the same JSON. */
function inOrderOf<T extends object>(given: Record<string, unknown>, x: T): T {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(given)) if (k in x) out[k] = (x as Record<string, unknown>)[k];
  for (const [k, v] of Object.entries(x)) if (!(k in out)) out[k] = v;
  return out as T;
}

function decodeSections(x: unknown, fail: (msg: string) => never): Section[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) fail("sections 必须是数组");
  return (x as unknown[]).map((s, i) => {
    if (!isObject(s)) fail(`sections 第 ${i + 1} 项不是对象`);
    const o = s as Record<string, unknown>;
    if (typeof o.no !== "number" || typeof o.text !== "string") fail(`sections 第 ${i + 1} 项缺少 no（部分编号）或 text（正文）`);
    return { ...o, title: typeof o.title === "string" ? o.title : "" } as Section;
  });
}

function decodeFindings(x: unknown, fail: (msg: string) => never): Finding[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) fail("findings 必须是数组");
  return (x as unknown[]).map((f, i) => {
    if (!isObject(f)) fail(`findings 第 ${i + 1} 项不是对象`);
    const { message, ...o } = f as Record<string, unknown>;
    if (typeof o.rule !== "string" || !SEVERITIES.has(o.severity as Severity)) fail(`findings 第 ${i + 1} 项缺少 rule 或 severity`);
    const cells = Array.isArray(o.cells) ? o.cells.filter((c): c is string => typeof c === "string") : [];
    // A finding written by another tool has only its text; one without an origin is kept on re-checking.
    const keyed = typeof o.messageId === "string" && isObject(o.data);
    const text: MessageData = { [TEXT_MESSAGE_ID]: typeof message === "string" ? message : "" };
    return {
      ...o,
      origin: ORIGINS.has(o.origin as FindingOrigin) ? o.origin : "reader",
      messageId: keyed ? o.messageId : TEXT_MESSAGE_ID,
      data: keyed ? o.data : text,
      cells,
    } as Finding;
  });
}

function isObject(x: unknown): boolean {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isTemplate(t: string): t is TemplateId {
  return t === "2019" || t === "2021";
}
