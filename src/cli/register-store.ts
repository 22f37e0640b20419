import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { WorkCalendar } from "../register/calendar.js";
import { MAX_REGISTER_BYTES } from "../register/import.js";
import { dueText } from "../register/text.js";
import type { RegisterImportMode } from "../store/register/index.js";
import { escapeControls } from "../text/escape.js";
import { withStore } from "./corpus-actions.js";
import { printTables, usage, writeRegister, type DueOptions, type ExportOptions, type TableOptions } from "./register-print.js";

// The register commands on the store (`--db`): loaded only when one runs, as the corpus
// commands are. The store does the work; this prints it.

/** `register import F --db … --agency …`: all rows or none, every error listed. */
export async function registerImportToStore(file: string, db: string, agency: string, mode: RegisterImportMode): Promise<void> {
  const name = escapeControls(basename(file));
  const bytes = await readRegister(file);
  if (typeof bytes === "string") return usage(`${name}：${bytes}`);
  await withStore(db, async (store) => {
    const r = await store.register.importFile(agency, bytes, basename(file), { mode });
    if (!r.ok) {
      for (const e of r.errors) console.error(`nianbao：${name}：${e.message}`);
      console.error(`nianbao：${name}：${r.errors.some((e) => e.row !== undefined) ? `共 ${r.errors.length} 处错误，` : ""}未导入任何登记（数据库中原有的台账没有改动）`);
      return 2;
    }
    const how = mode === "merge" ? `新增 ${r.added} 条，更新 ${r.updated} 条（按登记编号合并，其余原有登记保留）` : `新增 ${r.added} 条，更新 ${r.updated} 条，删除 ${r.removed} 条（以文件为准整体替换）`;
    console.log(`已导入 ${name}：${r.rows} 条登记，存为“${r.agency.name}”（编号 ${r.agency.id}${r.agency.created ? "，新建的机关" : ""}）的台账；${how}`);
    const [sum] = await store.register.summaries(String(r.agency.id));
    if (sum) console.log(`该机关的台账现有 ${sum.applications} 条登记（未答复 ${sum.open} 条），收到申请 ${sum.firstReceived} 至 ${sum.lastReceived}`);
    return 0;
  });
}

/** `register table --db … --agency … --year Y`: from the stored register. */
export async function registerTableFromStore(o: TableOptions): Promise<void> {
  await withStore(o.db, async (store) => {
    const [held] = await store.register.summaries(o.agency!);
    if (!held) {
      console.error(`nianbao：报告库中没有“${escapeControls(o.agency!)}”的依申请公开登记台账（用 nianbao register import 台账.xlsx --db … --agency … 导入）`);
      return 2;
    }
    const t = await store.register.tables(o.agency!, o.year);
    printTables(t, o, o.format === "json" ? "" : `机关：${t.agency}（报告库中的台账，计入 ${t.counted} 条登记）\n`);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  });
}

/** `register export --db … --agency … -o F`: the stored register as a file, in register order. */
export async function registerExportFromStore(o: ExportOptions, format: "xlsx" | "csv"): Promise<void> {
  await withStore(o.db, async (store) => {
    const [held] = await store.register.summaries(o.agency!);
    if (!held) {
      console.error(`nianbao：报告库中没有“${escapeControls(o.agency!)}”的依申请公开登记台账（用 nianbao register import 台账.xlsx --db … --agency … 导入）`);
      return 2;
    }
    const { agency, applications } = await store.register.applications(o.agency!);
    await writeRegister(applications, o.output, format, `“${agency.name}”的台账`);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  });
}

/** `register due --db … [--agency …]`: every agency with a register, or one. */
export async function registerDueFromStore(o: DueOptions, today: string, calendar: WorkCalendar): Promise<void> {
  await withStore(o.db, async (store) => {
    const all = await store.register.due({ agency: o.agency, today, within: o.within, calendar });
    if (o.format === "json") console.log(JSON.stringify(all, null, 2));
    else if (all.length === 0) console.log("报告库中还没有任何机关的依申请公开登记台账（用 nianbao register import 台账.xlsx --db … --agency … 导入）");
    else console.log(all.map((a) => `== ${a.agency} ==\n${dueText(a.report)}`).join("\n\n"));
    return 0;
  });
}

/** The file's bytes, or why they cannot be read (Chinese). */
async function readRegister(file: string): Promise<Uint8Array | string> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) return "是文件夹，不是台账文件";
    if (s.size > MAX_REGISTER_BYTES) return `文件太大（${(s.size / 1024 / 1024).toFixed(1)} MB，上限 ${MAX_REGISTER_BYTES / 1024 / 1024} MB）`;
    return new Uint8Array(await readFile(file));
  } catch {
    return "文件不存在或无法读取";
  }
}
