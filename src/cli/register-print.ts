import { checkReport } from "../check.js";
import { reportToJson } from "../report/json.js";
import type { ComputedTables } from "../register/tables.js";
import { checkLine, tablesText } from "../register/text.js";

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
