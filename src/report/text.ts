import type { Finding, Severity } from "../model/finding.js";
import type { Report } from "../model/report.js";
import { describeSource } from "../model/source.js";
import { templateById } from "../templates/index.js";
import type { MatrixTable, Template } from "../templates/types.js";
import { escapeControls } from "../text/escape.js";
import { padEnd, padStart, truncate } from "../text/width.js";
import { reportRequestsTemplate } from "../rules/util.js";
import { tablesUnread } from "../extract/notices.js";
import { findingMessage } from "./messages.js";

const SEVERITY_NAME: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
const SEVERITY_MARK: Record<Severity, string> = { error: "✗", warning: "!", info: "·" };
/** Chinese names of the readers' formats. */
export const FORMAT_NAME: Record<string, string> = {
  text: "纯文本",
  markdown: "Markdown",
  html: "网页",
  docx: "Word（DOCX）",
  doc: "Word（DOC）",
  wps: "WPS",
  rtf: "RTF",
  wordml: "Word 2003 XML",
  image: "图片（OCR）",
  pdf: "PDF",
  ocr: "扫描件（OCR）",
  json: "报告 JSON",
};

export interface TextOptions {
  /** Print the three tables (default true). */
  tables?: boolean;
  /** Include info findings (default true). */
  info?: boolean;
}

/** A readable Chinese summary of one report: what was read, the tables, and every problem. */
export function reportToText(r: Report, opts: TextOptions = {}): string {
  const lines: string[] = [];
  const m = r.meta;
  lines.push(`━━ ${m.title ?? "（未找到标题）"}`);
  const facts = [
    m.file ? `文件 ${escapeControls(m.file)}` : null,
    m.format ? FORMAT_NAME[m.format] ?? m.format : null,
    `机关 ${m.agency ?? "未识别"}`,
    m.year !== null ? `${m.year} 年度${m.yearFrom === "period" ? "（据统计期间）" : m.yearFrom === "body" ? "（据正文）" : ""}` : "年度未识别",
    m.template ? `${m.template} 年版格式` : "格式未识别",
  ].filter(Boolean);
  lines.push(`   ${facts.join(" · ")}`);
  if (m.format !== "json") {
    const have = new Set(r.sections.map((s) => s.no));
    const missing = [1, 2, 3, 4, 5, 6].filter((n) => !have.has(n)).map((n) => "一二三四五六"[n - 1]);
    lines.push(`   六个部分：${missing.length ? `缺少 ${missing.join("、")}` : "齐全"}`);
  }
  if (opts.tables !== false && m.template) {
    const t = templateById(m.template);
    lines.push("", ...activeTable(r, t), "", ...matrix(r, t.requests, reportRequestsTemplate(r).requests), "", ...matrix(r, t.review, t.review));
  }
  lines.push("", ...findingLines(r, opts.info !== false));
  return lines.join("\n");
}

function cellText(r: Report, key: string): string {
  if (!(key in r.cells)) return "—缺";
  const v = r.cells[key];
  const p = r.provenance[key];
  if (v === null || v === undefined) {
    if (p?.ambiguous) return "?";
    const raw = (p?.raw ?? "").trim();
    return raw === "" ? "空" : truncate(raw, 6);
  }
  return `${v}${p?.inferred ? "*" : ""}`;
}

function activeTable(r: Report, t: Template): string[] {
  const out = [`   ${t.active.title}`];
  for (const b of t.active.blocks) {
    const colW = b.columns.map((c) => Math.max(8, Math.min(16, [...c.label].length * 2)));
    out.push(`     ${padEnd(b.caption, 22)}${b.columns.map((c, i) => padStart(truncate(c.label.replace(/（单位：万元）/, "（万元）"), colW[i]!), colW[i]! + 2)).join("")}`);
    for (const row of b.rows) {
      out.push(`       ${padEnd(row.name, 20)}${b.columns.map((c, i) => padStart(cellText(r, `active.${row.key}.${c.key}`), colW[i]! + 2)).join("")}`);
    }
  }
  return out;
}

const SHORT_COLUMNS: Record<string, string> = {
  natural_person: "自然人",
  commercial: "商业企业",
  research: "科研机构",
  social_org: "社会公益",
  legal_service: "法律服务",
  other_org: "其他",
  total: "总计",
  upheld: "维持",
  corrected: "纠正",
  other: "其他",
  pending: "未审结",
};

function matrix(r: Report, m: MatrixTable, layout: MatrixTable): string[] {
  const out = [`   ${m.title}`];
  const w = 9;
  out.push(`     ${padEnd("", 30)}${layout.columns.map((c) => padStart(SHORT_COLUMNS[c.key] ?? c.label, w)).join("")}`);
  for (const row of layout.rows) {
    out.push(`     ${padEnd(truncate(row.name, 30), 30)}${layout.columns.map((c) => padStart(cellText(r, `${m.id}.${row.key}.${c.key}`), w)).join("")}`);
  }
  return out;
}

/** The table a finding is about, by the cells it cites; findings without cells are about the report. */
function findingTable(f: Finding): "report" | "active" | "requests" | "review" {
  const t = f.cells[0]?.split(".")[0];
  return t === "active" || t === "requests" || t === "review" ? t : "report";
}

/** Where to look in the original: the finding's own position, or the span of the cells it cites. */
function findingPlace(r: Report, f: Finding): string {
  if (f.source) return describeSource(f.source);
  const pages = new Set<number>();
  let lo = Infinity;
  let hi = -Infinity;
  for (const k of f.cells) {
    const s = r.provenance[k]?.source;
    if (!s) continue;
    if (s.page !== undefined) pages.add(s.page);
    if (s.line !== undefined) {
      lo = Math.min(lo, s.line);
      hi = Math.max(hi, s.endLine ?? s.line);
    }
  }
  const parts: string[] = [];
  if (pages.size) parts.push(`第 ${[...pages].sort((a, b) => a - b).join("、")} 页`);
  if (lo !== Infinity) parts.push(lo === hi ? `第 ${lo} 行` : `第 ${lo}–${hi} 行`);
  return parts.join("，");
}

/**
 * Every finding, grouped by the table it is about (report-wide findings first), errors first
 * within a group: the message, then the formula and where to look in the original.
 */
function findingLines(r: Report, info: boolean): string[] {
  const findings = r.findings;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const shown = findings.filter((f) => info || f.severity !== "info");
  const head = `   问题：${count("error")} 个错误，${count("warning")} 个警告，${count("info")} 个提示`;
  if (shown.length === 0) return [head + (findings.length ? "" : "（未发现问题）")];
  const t = templateById(r.meta.template ?? "2021");
  const groups: { id: ReturnType<typeof findingTable>; title: string }[] = [
    { id: "report", title: "报告整体与正文" },
    { id: "active", title: t.active.title },
    { id: "requests", title: t.requests.title },
    { id: "review", title: t.review.title },
  ];
  const order: Severity[] = ["error", "warning", "info"];
  const out = [head];
  for (const g of groups) {
    const list = shown.filter((f) => findingTable(f) === g.id).sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    if (list.length === 0) continue;
    out.push(`   ── ${g.title}`);
    for (const f of list) {
      out.push(`   ${SEVERITY_MARK[f.severity]} ${SEVERITY_NAME[f.severity]}  ${findingMessage(f)}`);
      const place = findingPlace(r, f);
      const detail = [f.formula ? `公式 ${f.formula}` : null, place ? `原文${place}` : null, `[${f.rule}]`].filter(Boolean);
      out.push(`           ${detail.join(" · ")}`);
    }
  }
  return out;
}

/**
 * One line per batch: how many reports, how many with errors or warnings, how many whose tables
 * could not be read (counted apart from the errors: nothing in them was checked), how many unreadable.
 */
export function batchSummary(reports: Report[], failed: number): string {
  const tally = new BatchTally();
  for (const r of reports) tally.add(outcomeOf(r.findings));
  for (let i = 0; i < failed; i++) tally.fail();
  return tally.summary();
}

/**
 * How a report counts in the batch summary: the worst severity of its findings, or `unread` when
 * none of its tables could be read (counted apart from the errors: nothing in them was checked).
 */
export type Outcome = Severity | "unread" | null;

export function outcomeOf(findings: Finding[]): Outcome {
  if (findings.some((f) => f.rule === tablesUnread.id)) return "unread";
  return findings.some((f) => f.severity === "error") ? "error" : findings.some((f) => f.severity === "warning") ? "warning" : findings.length ? "info" : null;
}

/** The batch summary counted as reports go by (a stream keeps no reports). */
export class BatchTally {
  private errors = 0;
  private warnings = 0;
  private clean = 0;
  private unread = 0;
  private failed = 0;

  /** A report written with this outcome (`outcomeOf` its findings). */
  add(worst: Outcome): void {
    if (worst === "unread") this.unread++;
    else if (worst === "error") this.errors++;
    else if (worst === "warning") this.warnings++;
    else this.clean++;
  }

  /** A written report's worst severity changed (findings that came later). */
  change(from: Outcome, to: Outcome): void {
    this.remove(from);
    this.add(to);
  }

  fail(): void {
    this.failed++;
  }

  summary(): string {
    const parts = [`共 ${this.errors + this.warnings + this.clean + this.unread + this.failed} 份`, `${this.errors} 份有错误`, `${this.warnings} 份只有警告`, `${this.clean} 份未发现问题`];
    if (this.unread) parts.push(`${this.unread} 份未能读出表格`);
    if (this.failed) parts.push(`${this.failed} 份无法读取`);
    return parts.join("，");
  }

  private remove(worst: Outcome): void {
    if (worst === "unread") this.unread--;
    else if (worst === "error") this.errors--;
    else if (worst === "warning") this.warnings--;
    else this.clean--;
  }
}

/**
 * Cross-year findings that came after their report was written (its previous year was read
 * later in the batch): the report named, then the findings as in its own block.
 */
export function lateFindingsToText(report: Report, findings: Finding[], opts: TextOptions = {}): string {
  const m = report.meta;
  const facts = [m.file ? `文件 ${escapeControls(m.file)}` : null, `机关 ${m.agency ?? "未识别"}`, m.year !== null ? `${m.year} 年度` : null].filter(Boolean);
  const lines = [`━━ 跨年度检查补充（上一年度的报告在这份报告之后才读到）`, `   ${facts.join(" · ")}`, "", ...findingLines({ ...report, findings }, opts.info !== false)];
  return lines.join("\n");
}
