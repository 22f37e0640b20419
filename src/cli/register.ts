import { Command, InvalidArgumentError, Option } from "commander";
import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseDateText } from "../register/dates.js";
import { isRegisterError } from "../register/errors.js";
import type { Application } from "../register/model.js";
import { templateForYear } from "../templates/index.js";
import { printTables, usage, writeRegister, type DueOptions, type ExportOptions, type TableOptions } from "./register-print.js";

/** The register library with exceljs behind it, loaded only when a register command runs. */
const lib = () => import("../register/index.js");

/** `nianbao register …`: the 依申请公开 register. Everything is done by src/register; this only parses and prints. */
export function registerCommands(program: Command): void {
  const group = chinese(program.command("register")).description("依申请公开登记台账：校验导入、计算表三表四、答复期限、下载模板");
  const sub = (name: string) => chinese(group.command(name));
  // `nianbao register` alone or with an unknown command is a usage error: exit 2.
  group.allowExcessArguments().action((_: unknown, cmd: Command) => {
    if (cmd.args.length) return usage(`未知命令 register ${cmd.args[0]}（可用的命令：${group.commands.map((c) => c.name()).join("、")}）`);
    group.outputHelp({ error: true });
    process.exitCode = 2;
  });

  sub("import")
    .description("校验台账（XLSX 或 CSV）并汇总；加 --db 和 --agency 则存入报告库（有任何错误则一条也不导入，列出全部错误）")
    .argument("<台账文件>", "登记台账 .xlsx 或 .csv")
    .option("--db <数据库>", "存入这个数据库：SQLite 文件或 postgres://… 地址（不给则只校验、汇总）")
    .option("--agency <机关>", "（与 --db 一起）台账所属的机关：编号或名称；报告库中没有的名称新建为机关")
    .option("--merge", "（与 --db 一起）按登记编号合并：替换编号相同的登记、保留台账文件中没有的登记（默认以文件为准整体替换）")
    .action(async (file: string, o: { db?: string; agency?: string; merge?: boolean }) => {
      if (o.db === undefined) {
        if (o.agency !== undefined || o.merge) return usage("--agency、--merge 要与 --db 一起使用（存入报告库）");
        const apps = await load(file);
        if (apps) console.log((await lib()).summaryText(apps, basename(file)));
        return;
      }
      if (!o.agency?.trim()) return usage("存入报告库时要用 --agency 指明台账所属的机关");
      await (await storeActions()).registerImportToStore(file, o.db, o.agency, o.merge ? "merge" : "replace");
    });

  sub("export")
    .description("把台账写成 XLSX 或 CSV（按 -o 的扩展名）：由报告库中机关的台账，或（给出文件时）把台账文件另存为另一种格式")
    .argument("[台账文件]", "登记台账 .xlsx 或 .csv；不给则用报告库（--db、--agency）")
    .requiredOption("-o, --output <文件>", "写到哪个文件：.xlsx 或 .csv（UTF-8，带 BOM）")
    .option("--agency <机关>", "（用报告库时）台账所属的机关：编号或名称")
    .addOption(dbOption())
    .option("--force", "覆盖已有文件")
    .action(async (file: string | undefined, o: ExportOptions, cmd: Command) => {
      const format = /\.(xlsx|csv)$/i.exec(o.output)?.[1]?.toLowerCase() as "xlsx" | "csv" | undefined;
      if (!format) return usage(`${o.output}：输出文件的扩展名应是 .xlsx 或 .csv`);
      if (existsSync(o.output) && !o.force) return usage(`${o.output} 已存在；要覆盖请加 --force`);
      if (file === undefined) {
        if (!o.agency?.trim()) return usage("不给台账文件时，要用 --agency 指明报告库中的哪个机关");
        return (await storeActions()).registerExportFromStore(o, format);
      }
      if (o.agency !== undefined || cmd.getOptionValueSource("db") === "cli") return usage("给出台账文件时不用 --db、--agency（要导出报告库中的台账，请不给文件）");
      const apps = await load(file);
      if (!apps) return;
      await writeRegister(apps, o.output, format);
    });

  sub("table")
    .description("计算某年度的表三、表四，并列出每个非零单元格来自哪些申请：由台账文件，或（不给文件时）由报告库中机关的台账")
    .argument("[台账文件]", "登记台账 .xlsx 或 .csv；不给则用报告库（--db、--agency）")
    .requiredOption("--year <年度>", "报告年度，如 2025", yearOption)
    .option("--agency <机关>", "机关：用报告库时必填；用台账文件时写入 JSON 输出")
    .addOption(dbOption())
    .addOption(new Option("-f, --format <格式>", "输出格式").choices(["text", "json"]).default("text"))
    .option("--no-sources", "不列出单元格来自哪些申请")
    .action(async (file: string | undefined, o: TableOptions, cmd: Command) => {
      o.dbGiven = cmd.getOptionValueSource("db") === "cli";
      if (file === undefined) {
        if (!o.agency?.trim()) return usage("不给台账文件时，要用 --agency 指明报告库中的哪个机关");
        return (await storeActions()).registerTableFromStore(o);
      }
      if (o.dbGiven) return usage("给出台账文件时不用 --db（要用报告库中的台账，请不给文件）");
      const apps = await load(file);
      if (!apps) return;
      const { computeTables } = await lib();
      printTables(computeTables(apps, o.year, templateForYear(o.year), { agency: o.agency }), o);
    });

  sub("due")
    .description("列出已逾期和即将到期的申请（按工作日计算答复期限）：由台账文件，或（不给文件时）由报告库中各机关的台账")
    .argument("[台账文件]", "登记台账 .xlsx 或 .csv；不给则用报告库（--db）")
    .option("--today <日期>", "按哪一天计算，如 2026-01-10（默认今天）", dateOption)
    .option("--within <工作日>", "列出多少个工作日内到期的申请", countOption, 5)
    .option("--calendar <文件或文件夹>", "补充的日历文件（JSON，见 docs/register.md；可重复）", (v: string, all: string[]) => [...all, v], [] as string[])
    .option("--agency <机关>", "（用报告库时）只看这个机关；默认所有有台账的机关")
    .addOption(dbOption())
    .addOption(new Option("-f, --format <格式>", "输出格式").choices(["text", "json"]).default("text"))
    .action(async (file: string | undefined, o: DueOptions, cmd: Command) => {
      o.dbGiven = cmd.getOptionValueSource("db") === "cli";
      if (file !== undefined && (o.agency !== undefined || o.dbGiven)) return usage("给出台账文件时不用 --db、--agency（要用报告库中的台账，请不给文件）");
      const { loadCalendar, dueReport, dueText } = await lib();
      const calendar = await guard(() => loadCalendar(o.calendar));
      if (!calendar) return;
      const today = o.today ?? localToday();
      if (file === undefined) return (await storeActions()).registerDueFromStore(o, today, calendar);
      const apps = await load(file);
      if (!apps) return;
      const report = dueReport(apps, { today, within: o.within, calendar });
      console.log(o.format === "json" ? JSON.stringify(report, null, 2) : dueText(report));
    });

  sub("template")
    .description("生成空白台账模板（表头、示例行、下拉列表）")
    .option("-o, --output <文件>", "写到哪个文件", "依申请公开登记台账模板.xlsx")
    .option("--year <年度>", "按该年度的报告格式给出办理结果下拉列表（默认最新格式）", yearOption)
    .option("--force", "覆盖已有文件")
    .action(async (o: { output: string; year?: number; force?: boolean }) => {
      if (existsSync(o.output) && !o.force) return usage(`${o.output} 已存在；要覆盖请加 --force`);
      const bytes = await (await lib()).registerTemplateXlsx(o.year ? { template: templateForYear(o.year) } : {});
      // Written beside the target and renamed: never a half-written file under the real name.
      const tmp = `${o.output}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, bytes);
        await rename(tmp, o.output);
      } catch (e) {
        await rm(tmp, { force: true });
        return usage(`无法写入 ${o.output}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      console.log(`已生成台账模板：${o.output}`);
    });
}

/** The store's side of these commands, loaded only when one of them uses the store. */
const storeActions = () => import("./register-store.js");

/** `--db`, also from NIANBAO_DB; `dbGiven` says whether it was written on the command line. */
function dbOption(): Option {
  return new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB");
}

/** The register's applications, or null after printing every error (exit 2, nothing imported). */
async function load(file: string): Promise<Application[] | null> {
  const r = await (await lib()).importRegisterFile(file);
  if (r.ok) return r.applications;
  const name = basename(file);
  for (const e of r.errors) console.error(`nianbao：${name}：${e.message}`);
  if (r.errors.some((e) => e.row !== undefined)) console.error(`nianbao：${name}：共 ${r.errors.length} 处错误，未导入任何登记`);
  process.exitCode = 2;
  return null;
}

async function guard<T>(f: () => Promise<T>): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    if (!isRegisterError(e)) throw e;
    usage(e.message);
    return null;
  }
}


function yearOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2008 || n > 2999) throw new InvalidArgumentError("不是有效的年度（如 2025）");
  return n;
}

function dateOption(v: string): string {
  const p = parseDateText(v);
  if (!p.ok) throw new InvalidArgumentError("不是有效的日期（如 2026-01-10）");
  return p.date;
}

function countOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("应是 0 或正整数");
  return n;
}

/** The date on this machine's clock: the shell may read it, the library never does. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Usage errors of these commands in Chinese, thrown to main() (which exits 2). */
/** Chinese help; usage errors are said in Chinese by the program for every command (src/cli/usage.ts). */
function chinese(c: Command): Command {
  return c.helpOption("-h, --help", "显示帮助");
}
