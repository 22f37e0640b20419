import ExcelJS from "exceljs";
import { describeSource } from "../model/source.js";
import { formatNumber } from "../model/finding.js";
import { findingMessage, findingMeta } from "../report/messages.js";
import type { CorpusFilter, FindingEntry, Store } from "../store/index.js";
import { displayWidth } from "../text/width.js";
import { atomically } from "./atomic.js";
import { cellLabels, SEVERITY_NAME } from "./labels.js";

/** The columns of 问题清单.xlsx, in order. */
const COLUMNS: { header: string; max: number; value: (e: FindingEntry) => string | number | null }[] = [
  { header: "机关", max: 30, value: (e) => e.report.agency ?? "（未识别）" },
  { header: "年度", max: 6, value: (e) => e.report.year },
  { header: "文件", max: 40, value: (e) => e.report.file },
  { header: "级别", max: 6, value: (e) => SEVERITY_NAME[e.finding.severity] },
  { header: "问题类型", max: 30, value: (e) => findingMeta(e.finding.rule)?.title ?? e.finding.rule },
  { header: "表格", max: 30, value: (e) => labelsOf(e)?.table ?? null },
  { header: "行", max: 36, value: (e) => labelsOf(e)?.row ?? null },
  { header: "列", max: 24, value: (e) => labelsOf(e)?.column ?? null },
  { header: "问题说明", max: 80, value: (e) => findingMessage(e.finding) },
  { header: "公式", max: 50, value: (e) => e.finding.formula ?? null },
  { header: "左边", max: 10, value: (e) => e.finding.left ?? null },
  { header: "右边", max: 10, value: (e) => e.finding.right ?? null },
  { header: "差额", max: 10, value: (e) => e.finding.difference ?? null },
  { header: "原文位置", max: 24, value: (e) => describeSource({ page: e.page ?? undefined, line: e.line ?? undefined }) || null },
  { header: "页", max: 6, value: (e) => e.page },
  { header: "行号", max: 8, value: (e) => e.line },
  { header: "涉及单元格", max: 50, value: (e) => e.finding.cells.join("、") || null },
  { header: "规则编号", max: 32, value: (e) => e.finding.rule },
  { header: "报告编号", max: 10, value: (e) => e.report.id },
];

function labelsOf(e: FindingEntry) {
  const key = e.finding.cells[0];
  return key ? cellLabels(key, e.report.template) : null;
}

const text = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? formatNumber(v) : v);

export interface ProblemsSummary {
  findings: number;
  reports: number;
}

/**
 * 问题清单.xlsx: one row per finding of the filtered reports (frozen header, filters, widths
 * that fit), and a 汇总 sheet — per agency the errors and warnings, per rule the counts.
 * Streams rows to the file: two passes over the findings (widths and totals, then rows), so
 * memory stays flat for any corpus.
 */
export function exportProblems(store: Store, file: string, filter: CorpusFilter = {}): Promise<ProblemsSummary> {
  return atomically(file, (tmp) => writeProblems(store, tmp, filter));
}

async function writeProblems(store: Store, file: string, filter: CorpusFilter): Promise<ProblemsSummary> {
  const widths = COLUMNS.map((c) => displayWidth(c.header) + 4);
  const byAgency = new Map<string, { error: number; warning: number; info: number; reports: Set<number> }>();
  const byRule = new Map<string, { title: string; severity: string; count: number }>();
  let findings = 0;
  const reports = new Set<number>();
  for await (const e of store.findings(filter)) {
    findings++;
    reports.add(e.report.id);
    COLUMNS.forEach((c, i) => (widths[i] = Math.max(widths[i]!, Math.min(c.max, displayWidth(text(c.value(e))) + 2))));
    const agency = e.report.agency ?? "（未识别）";
    const a = byAgency.get(agency) ?? { error: 0, warning: 0, info: 0, reports: new Set<number>() };
    a[e.finding.severity]++;
    a.reports.add(e.report.id);
    byAgency.set(agency, a);
    const r = byRule.get(e.finding.rule) ?? { title: findingMeta(e.finding.rule)?.title ?? e.finding.rule, severity: SEVERITY_NAME[findingMeta(e.finding.rule)?.severity ?? e.finding.severity], count: 0 };
    r.count++;
    byRule.set(e.finding.rule, r);
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = "nianbao";
  const sheet = wb.addWorksheet("问题清单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({ header: c.header, key: c.header, width: widths[i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  sheet.getRow(1).commit();
  for await (const e of store.findings(filter)) {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(e)));
    row.alignment = { vertical: "top", wrapText: false };
    row.commit();
  }
  sheet.commit();
  writeSummary(wb, byAgency, byRule);
  await wb.commit();
  return { findings, reports: reports.size };
}

function writeSummary(wb: ExcelJS.stream.xlsx.WorkbookWriter, byAgency: Map<string, { error: number; warning: number; info: number; reports: Set<number> }>, byRule: Map<string, { title: string; severity: string; count: number }>) {
  const agencies = [...byAgency].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || a[0].localeCompare(b[0], "zh"));
  const rules = [...byRule].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const s = wb.addWorksheet("汇总", { views: [{ state: "frozen", ySplit: 1 }] });
  const nameWidth = Math.min(40, Math.max(12, ...agencies.map(([n]) => displayWidth(n) + 2), ...rules.map(([, r]) => displayWidth(r.title) + 2)));
  s.columns = [{ width: nameWidth }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 4 }, { width: 32 }];
  const head = s.addRow(["机关", "错误", "警告", "提示", "报告数"]);
  head.font = { bold: true };
  head.commit();
  for (const [name, a] of agencies) s.addRow([name, a.error, a.warning, a.info, a.reports.size]).commit();
  s.addRow([]).commit();
  const head2 = s.addRow(["问题类型", "级别", "条数", "", "", "", "规则编号"]);
  head2.font = { bold: true };
  head2.commit();
  for (const [id, r] of rules) s.addRow([r.title, r.severity, r.count, null, null, null, id]).commit();
  s.commit();
}
