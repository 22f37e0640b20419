import { createWriteStream } from "node:fs";
import { once } from "node:events";
import ExcelJS from "exceljs";
import type { CellEntry, CorpusFilter, ReportSummary, Store } from "../store/index.js";
import { BOM, csvLine } from "../text/csv.js";
import { atomically } from "./atomic.js";
import { allCellKeys, cellLabels, fitWidth } from "./labels.js";

/** The report columns before the cells, in the data exports. */
const REPORT_COLUMNS: { header: string; width: number; value: (r: ReportSummary) => string | number | null }[] = [
  { header: "报告编号", width: 10, value: (r) => r.id },
  { header: "机关", width: 30, value: (r) => r.agency },
  { header: "报告中的机关名称", width: 30, value: (r) => r.agencyAsWritten },
  { header: "年度", width: 6, value: (r) => r.year },
  { header: "格式版本", width: 8, value: (r) => r.template },
  { header: "文件", width: 36, value: (r) => r.file },
];

/** A cell in the wide form: the number, or the text the source had when it was not one ("/", "无", blank). */
function wideValue(c: CellEntry | undefined): string | number | null {
  if (!c) return null;
  return c.value !== null ? c.value : c.raw;
}

/**
 * One row per report, every cell a column under its Chinese label (`表三 （一）予以公开 · 自然人`).
 * `.xlsx` or `.csv` (UTF-8 with BOM, so Excel shows the Chinese). A cell without a number
 * keeps its text: blank stays blank, "/" stays "/".
 */
export function exportWide(store: Store, file: string, filter: CorpusFilter = {}): Promise<number> {
  return atomically(file, (tmp) => writeWide(store, tmp, /\.xlsx$/i.test(file), filter));
}

async function writeWide(store: Store, file: string, xlsx: boolean, filter: CorpusFilter): Promise<number> {
  const keys = allCellKeys();
  const headers = [...REPORT_COLUMNS.map((c) => c.header), ...keys.map((k) => cellLabels(k)!.label)];
  const rowOf = (r: ReportSummary, cells: Map<string, CellEntry>) => [...REPORT_COLUMNS.map((c) => c.value(r)), ...keys.map((k) => wideValue(cells.get(k)))];
  let n = 0;
  if (xlsx) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const sheet = wb.addWorksheet("数据", { views: [{ state: "frozen", ySplit: 1, xSplit: 4 }] });
    sheet.columns = headers.map((h, i) => ({ header: h, width: i < REPORT_COLUMNS.length ? REPORT_COLUMNS[i]!.width : fitWidth([h], 8, 28) }));
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: "top" };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
    head.commit();
    for await (const { report, cells } of store.reportCells(filter)) {
      sheet.addRow(rowOf(report, cells)).commit();
      n++;
    }
    sheet.commit();
    await wb.commit();
    return n;
  }
  const out = opened(file);
  await write(out, BOM + csvLine(headers));
  for await (const { report, cells } of store.reportCells(filter)) {
    await write(out, csvLine(rowOf(report, cells)));
    n++;
  }
  await close(out);
  return n;
}

/**
 * The long form: one row per cell — report, agency, year, key, label, value, raw, inferred —
 * as CSV (with BOM) or JSON Lines (`.jsonl`), for statistics tools.
 */
export function exportLong(store: Store, file: string, filter: CorpusFilter = {}): Promise<number> {
  return atomically(file, (tmp) => writeLong(store, tmp, /\.jsonl?$/i.test(file), filter));
}

async function writeLong(store: Store, file: string, jsonl: boolean, filter: CorpusFilter): Promise<number> {
  const out = opened(file);
  if (!jsonl) await write(out, BOM + csvLine(["报告编号", "机关", "年度", "单元格键", "单元格", "数值", "原文", "推定"]));
  let n = 0;
  for await (const { report, cells } of store.reportCells(filter)) {
    let chunk = "";
    for (const [key, c] of cells) {
      const label = cellLabels(key, report.template)?.label ?? key;
      chunk += jsonl
        ? JSON.stringify({ report: report.id, agency: report.agency, year: report.year, key, label, value: c.value, raw: c.raw, inferred: c.inferred }) + "\n"
        : csvLine([report.id, report.agency, report.year, key, label, c.value, c.raw, c.inferred ? "是" : "否"]);
      n++;
    }
    await write(out, chunk);
  }
  await close(out);
  return n;
}

type Out = ReturnType<typeof createWriteStream> & { failed?: Error };

/** A write stream whose error (no such folder, disk full) is kept and thrown by the next write. */
function opened(file: string): Out {
  const out: Out = createWriteStream(file);
  out.on("error", (e) => (out.failed ??= e));
  return out;
}

async function write(out: Out, s: string): Promise<void> {
  if (out.failed) throw out.failed;
  if (!out.write(s)) await once(out, "drain");
  if (out.failed) throw out.failed;
}

async function close(out: Out): Promise<void> {
  out.end();
  if (!out.closed) await once(out, "close");
  if (out.failed) throw out.failed;
}
