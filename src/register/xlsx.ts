import ExcelJS from "exceljs";
import { PassThrough, Readable } from "node:stream";
import { isReadError } from "../model/errors.js";
import { crc32, openZip, streamEntry, type ZipEntry } from "../readers/docx/zip.js";
import { TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { applicantChoices, channelChoices, outcomeChoices, reviewResultChoices, suitChoices, type Choice } from "./choices.js";
import { dateFromIso, isIsoDate } from "./dates.js";
import { RegisterError } from "./errors.js";
import { CHANNELS, type Application } from "./model.js";
import { COLUMNS, type CellValue, type SheetField } from "./columns.js";
import { applicationToRow, sampleApplication } from "./sheet.js";

/** One row of a worksheet: its 1-based row number and its cells from column A. */
export interface SheetRow {
  rowNo: number;
  values: CellValue[];
}

export interface SheetReader {
  rows: AsyncIterable<SheetRow>;
}

/**
 * The worksheets of an XLSX file, streamed row by row through exceljs. The archive is checked
 * first with the project's defensive ZIP reader (central directory, declared and real sizes,
 * CRC: no zip bomb reaches exceljs), then its parts are handed over relationships, workbook,
 * styles and shared strings first, so that exceljs streams the sheets straight through instead
 * of parking them in temporary files.
 */
export async function* xlsxSheets(bytes: Uint8Array, file: string): AsyncGenerator<SheetReader> {
  // Checked and ordered before exceljs sees a byte: an error inside a piped stream would not reach it.
  const parts = orderedParts(bytes, file).map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  const stream = Readable.from(parts, { objectMode: false });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" });
  try {
    for await (const ws of reader) yield { rows: sheetRows(ws) };
  } catch (e) {
    if (e instanceof RegisterError) throw e;
    throw new RegisterError(`Excel 文件内容无法解析（${(e as Error).message}），文件可能已损坏`, { file, cause: e });
  }
}

async function* sheetRows(ws: ExcelJS.stream.xlsx.WorksheetReader): AsyncGenerator<SheetRow> {
  for await (const row of ws) {
    const raw = row.values as unknown[];
    const values: CellValue[] = [];
    for (let i = 1; i < raw.length; i++) values.push(plain(raw[i]));
    yield { rowNo: row.number, values };
  }
}

/** exceljs cell values (rich text, formulas, hyperlinks) as plain values. */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
  if ("result" in o) return plain(o.result);
  if (typeof o.text === "string") return o.text;
  if (typeof o.error === "string") return o.error;
  return String(v);
}

/** Parts exceljs needs, in the order that lets it stream: what sheets refer to comes first. */
const FIRST = ["xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml"];
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/i;

function orderedParts(bytes: Uint8Array, file: string): Uint8Array[] {
  let entries: ZipEntry[];
  try {
    const zip = openZip(bytes);
    entries = zip.entries;
    for (const part of FIRST.slice(0, 2)) {
      if (!zip.entries.some((e) => e.name === part)) throw new RegisterError(`不是 Excel（XLSX）文件（缺少 ${part}）`, { file });
    }
    for (const e of entries) if (FIRST.includes(e.name) || SHEET.test(e.name)) streamEntry(bytes, e, () => {});
  } catch (e) {
    if (e instanceof RegisterError) throw e;
    if (isReadError(e)) {
      const why = e.code === "encrypted" ? "文件已加密，请去掉密码后另存再导入" : e.code === "too-large" ? "压缩内容异常（可能是“压缩炸弹”），拒绝读取" : "文件已损坏或不完整，请重新获取或另存后再导入";
      throw new RegisterError(why, { file, cause: e });
    }
    throw e;
  }
  // A part's bytes run from its local header to the next part's (data descriptors included);
  // the last one ends after its data and its descriptor, if it has one.
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const extent = (e: ZipEntry): Uint8Array => {
    const next = byOffset[byOffset.indexOf(e) + 1];
    if (next) return bytes.subarray(e.localOffset, next.localOffset);
    let end = e.localOffset + 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true) + e.compressedSize;
    if (e.flags & 0x8) end += end + 4 <= bytes.length && dv.getUint32(end, true) === 0x08074b50 ? 16 : 12;
    return bytes.subarray(e.localOffset, Math.min(end, bytes.length));
  };
  const out = FIRST.map((n) => entries.find((e) => e.name === n)).filter((e): e is ZipEntry => !!e).map(extent);
  if (!entries.some((e) => e.name === "xl/sharedStrings.xml")) out.push(storedEntry("xl/sharedStrings.xml", EMPTY_SST));
  for (const e of entries) if (SHEET.test(e.name)) out.push(extent(e));
  return out;
}

const EMPTY_SST = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/** A stored (uncompressed) local ZIP entry, for the empty shared-strings part exceljs waits for. */
function storedEntry(name: string, text: string): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const data = new TextEncoder().encode(text);
  const out = new Uint8Array(30 + nameBytes.length + data.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x04034b50, true);
  dv.setUint16(4, 20, true);
  dv.setUint32(14, crc32(data), true);
  dv.setUint32(18, data.length, true);
  dv.setUint32(22, data.length, true);
  dv.setUint16(26, nameBytes.length, true);
  out.set(nameBytes, 30);
  out.set(data, 30 + nameBytes.length);
  return out;
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────────

export const SHEET_NAME = "登记台账";
const CHOICES_SHEET = "选项";
const NOTES_SHEET = "填写说明";
/** Lines the drop-down lists cover beyond the last application (exceljs readers expand them cell by cell). */
const VALIDATED_SPARE = 5_000;

export interface XlsxOptions {
  /** The template whose outcome rows the drop-down offers (default: the latest). */
  template?: Template;
}

/** The register as an XLSX workbook: 登记台账 with every application, 选项 and 填写说明. */
export async function exportRegisterXlsx(apps: Iterable<Application>, opts: XlsxOptions = {}): Promise<Uint8Array> {
  return writeWorkbook(apps, opts.template ?? TEMPLATES[TEMPLATES.length - 1]!);
}

/** The empty register to download: headers, one sample line, drop-down lists from the template data. */
export async function registerTemplateXlsx(opts: XlsxOptions = {}): Promise<Uint8Array> {
  const t = opts.template ?? TEMPLATES[TEMPLATES.length - 1]!;
  return writeWorkbook([sampleApplication(t)], t);
}

const DROPDOWNS: Partial<Record<SheetField, (t: Template) => Choice[]>> = {
  channel: () => channelChoices(),
  applicantType: applicantChoices,
  outcome: outcomeChoices,
  reconsiderationResult: reviewResultChoices,
  suitGroup: suitChoices,
  suitResult: reviewResultChoices,
};

async function writeWorkbook(apps: Iterable<Application>, t: Template): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    sink.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  wb.creator = "nianbao";

  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ key: c.field, width: c.width, ...(c.kind === "date" ? { style: { numFmt: "yyyy-mm-dd" } } : {}) }));
  const header = ws.getRow(1);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.required ? "FFFCE4D6" : "FFDDEBF7" } };
  });
  header.commit();

  let lines = 0;
  for (const a of apps) {
    // Sparse: an empty field gets no cell at all (most of a register's columns are empty).
    const values: CellValue[] = [];
    applicationToRow(a).forEach((v, i) => {
      if (v !== undefined && v !== null && v !== "") values[i] = COLUMNS[i]!.kind === "date" && isIsoDate(v) ? dateFromIso(v) : v;
    });
    ws.addRow(values).commit();
    lines++;
  }
  const lists = Object.entries(DROPDOWNS) as [SheetField, (t: Template) => Choice[]][];
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  lists.forEach(([field, choices], i) => {
    const col = letter(COLUMNS.findIndex((c) => c.field === field) + 1);
    const n = choices(t).length;
    validations.add(`${col}2:${col}${lines + VALIDATED_SPARE + 1}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'${CHOICES_SHEET}'!$${letter(i + 1)}$2:$${letter(i + 1)}$${n + 1}`],
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: "不在可选值中",
      error: "请从下拉列表中选择",
    });
  });
  ws.commit();

  const choicesSheet = wb.addWorksheet(CHOICES_SHEET);
  const columns = lists.map(([field, choices]) => ({ header: COLUMNS.find((c) => c.field === field)!.header, labels: choices(t).map((c) => c.label) }));
  choicesSheet.columns = columns.map((c) => ({ width: Math.max(12, ...c.labels.map((l) => l.length * 2)) }));
  const most = Math.max(...columns.map((c) => c.labels.length));
  choicesSheet.addRow(columns.map((c) => c.header)).commit();
  for (let r = 0; r < most; r++) choicesSheet.addRow(columns.map((c) => c.labels[r] ?? null)).commit();
  choicesSheet.commit();

  const notes = wb.addWorksheet(NOTES_SHEET);
  notes.columns = [{ width: 18 }, { width: 8 }, { width: 90 }];
  notes.addRow(["列", "必填", "填写说明"]).commit();
  for (const c of COLUMNS) notes.addRow([c.header, c.required ? "是" : "", c.note]).commit();
  notes.addRow([]).commit();
  notes.addRow(["收到申请之日", "", "《政府信息公开条例》第三十一条："]).commit();
  for (const ch of CHANNELS) notes.addRow(["", "", `${ch.label}：${ch.receipt}`]).commit();
  notes.addRow(["办理结果", "", `${t.name}表三的办理结果（见“${CHOICES_SHEET}”页）；按答复所在年度的报告格式填写。`]).commit();
  notes.addRow(["日期", "", "Excel 日期，或写作 2025-03-01、2025/3/1、2025年3月1日。"]).commit();
  notes.commit();

  await wb.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** `A`, `B`, …, `Z`, `AA`: spreadsheet column letters. */
function letter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
