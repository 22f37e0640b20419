import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { isZip } from "../readers/docx/zip.js";
import { csvRows, decodeCsv } from "./csv.js";
import { RegisterError } from "./errors.js";
import type { Application } from "./model.js";
import { COLUMNS, mapHeader, type CellValue, type SheetField } from "./columns.js";
import { rowToApplication } from "./sheet.js";
import { applicationProblems } from "./validate.js";
import { xlsxSheets, type SheetRow } from "./xlsx.js";

export interface ImportError {
  /** Spreadsheet row number (the header is row 1 when it is the first row); absent for the file as a whole. */
  row?: number;
  /**
   * Complete Chinese message without the file name: `第 3 行：“收到申请日期”2025-02-30 不是真实存在的日期`,
   * or about the whole file (`文件是空的`).
   */
  message: string;
}

export type ImportResult =
  | { ok: true; applications: Application[]; format: "xlsx" | "csv"; headerRow: number }
  | { ok: false; errors: ImportError[] };

/** Rows searched for the header line (a title line or two above it is common). */
const HEADER_SEARCH = 10;

/** Largest register file read (a 50,000-line register is a few MB). */
export const MAX_REGISTER_BYTES = 200 * 1024 * 1024;

/**
 * Reads a register (XLSX or CSV, told apart by content) into applications. All or nothing:
 * any bad row and nothing is imported; every problem of every row is listed.
 */
export async function importRegister(bytes: Uint8Array, file = "台账"): Promise<ImportResult> {
  if (bytes.length === 0) return fail("文件是空的");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return fail(`这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（UTF-8）后再导入`);
  }
  if (isZip(bytes)) {
    let result: ImportResult | undefined;
    try {
      for await (const sheet of xlsxSheets(bytes, file)) {
        // Every sheet is read to its end, so that exceljs finishes the archive cleanly.
        if (!result || isNoHeader(result)) result = await importRows(sheet.rows, "xlsx");
        else if (await hasHeader(sheet.rows)) return fail("工作簿中不止一个工作表有台账表头（登记编号等列）：请把台账放在一个工作表中，或把要导入的工作表另存为 CSV");
      }
    } catch (e) {
      if (e instanceof RegisterError) return fail(e.message);
      throw e;
    }
    return result && !isNoHeader(result) ? result : fail(noHeader());
  }
  const text = decodeCsv(bytes);
  if (text.includes("\u0000")) return fail("不是 Excel（.xlsx）或 CSV 文件");
  const result = await importRows(csvRows(text), "csv");
  return isNoHeader(result) ? fail(noHeader()) : result;
}

/** Reads a register file from disk. */
export async function importRegisterFile(path: string): Promise<ImportResult> {
  const name = basename(path);
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) return fail("是文件夹，不是台账文件");
    size = s.size;
  } catch {
    return fail("文件不存在或无法读取");
  }
  if (size > MAX_REGISTER_BYTES) return fail(`文件太大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_REGISTER_BYTES / 1024 / 1024} MB）`);
  return importRegister(new Uint8Array(await readFile(path)), name);
}

function fail(message: string, row?: number): ImportResult {
  return { ok: false, errors: [row === undefined ? { message } : { row, message }] };
}

const NO_HEADER = "no-header";

function isNoHeader(r: ImportResult): boolean {
  return !r.ok && r.errors.length === 1 && r.errors[0]!.message === NO_HEADER;
}

function noHeader(): string {
  const required = COLUMNS.filter((c) => c.required).map((c) => `“${c.header}”`).join("、");
  return `没有找到台账的表头行（前 ${HEADER_SEARCH} 行中应有一行含${required}等列标题；可下载模板对照）`;
}

async function importRows(rows: AsyncIterable<SheetRow> | Iterable<SheetRow>, format: "xlsx" | "csv"): Promise<ImportResult> {
  let header: ReturnType<typeof mapHeader> = null;
  let headerRow = 0;
  const errors: ImportError[] = [];
  const applications: Application[] = [];
  const firstRow = new Map<string, number>();
  for await (const { rowNo, values } of rows) {
    if (!header) {
      if (rowNo > HEADER_SEARCH) continue;
      header = mapHeader(values);
      if (!header) continue;
      headerRow = rowNo;
      if (header.missing.length) return fail(`第 ${rowNo} 行（表头）：缺少${header.missing.map((c) => `“${c.header}”`).join("、")}列`, rowNo);
      continue;
    }
    if (values.every(blank)) continue;
    const at = header.at;
    const get = (f: SheetField): CellValue => {
      const i = at.get(f);
      return i === undefined ? undefined : values[i];
    };
    const say = (message: string) => errors.push({ row: rowNo, message: `第 ${rowNo} 行：${message}` });
    // Every problem of the row at once: what could not be read, then what is wrong with the rest.
    const { app, errors: parseErrors, unread } = rowToApplication(get);
    parseErrors.forEach(say);
    applicationProblems(app, unread).forEach(say);
    const seen = app.id ? firstRow.get(app.id) : undefined;
    if (seen !== undefined) say(`登记编号 ${app.id} 与第 ${seen} 行重复`);
    else if (app.id) firstRow.set(app.id, rowNo);
    if (errors.length === 0) applications.push(app);
  }
  if (!header) return fail(NO_HEADER);
  if (errors.length) return { ok: false, errors };
  return { ok: true, applications, format, headerRow };
}

/** Whether a further sheet has a register header too; it is read to its end either way. */
async function hasHeader(rows: AsyncIterable<SheetRow>): Promise<boolean> {
  let found = false;
  for await (const { rowNo, values } of rows) if (!found && rowNo <= HEADER_SEARCH && mapHeader(values)) found = true;
  return found;
}

function blank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}
