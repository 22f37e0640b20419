import { checkReport } from "../check.js";
import { reportToJson } from "../report/json.js";
import type { ComputedTables } from "../register/tables.js";
import type { Application } from "../register/model.js";
import { checkLine, tablesText } from "../register/text.js";
import { escapeControls } from "../text/escape.js";
import { writeFileAtomic } from "./write-file.js";

// What the register commands share, whether they read a file or the store.

export interface TableOptions {
  year: number;
  agency?: string;
  db?: string;
  /** `--db` written on the command line (not only NIANBAO_DB). */
  dbGiven?: boolean;
  format: string;
  sources: boolean;
}

export interface DueOptions {
  today?: string;
  within: number;
  calendar: string[];
  agency?: string;
  db?: string;
  dbGiven?: boolean;
  format: string;
}

export interface ExportOptions {
  output: string;
  agency?: string;
  db?: string;
  force?: boolean;
}

/** Writes the register as XLSX or CSV, whole or not at all; says how many lines it wrote. */
export async function writeRegister(apps: readonly Application[], output: string, format: "xlsx" | "csv", what = "台账"): Promise<void> {
  const { exportRegisterCsv, exportRegisterXlsx } = await import("../register/index.js");
  const bytes = format === "csv" ? exportRegisterCsv(apps) : await exportRegisterXlsx(apps);
  try {
    await writeFileAtomic(output, bytes);
  } catch (e) {
    return usage(`无法写入 ${escapeControls(output)}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  console.log(`已导出${what}：${escapeControls(output)}（${apps.length} 条登记）`);
}

/** Tables 3 and 4 with the project's rules run over them; exit 1 if they fail (they cannot). */
export function printTables(tables: ComputedTables, o: { format: string; sources: boolean }, head = ""): void {
  const report = checkReport(tables.report);
  if (o.format === "json") console.log(JSON.stringify({ ...reportToJson(report), sources: tables.sources }, null, 2));
  else console.log(`${head}${tablesText(tables, { sources: o.sources })}\n\n${checkLine(report)}`);
  if (report.findings.some((f) => f.severity === "error")) process.exitCode = 1;
}

/** A usage mistake: said in Chinese, exit 2. */
export function usage(message: string): void {
  console.error(`nianbao：${message}`);
  process.exitCode = 2;
}
