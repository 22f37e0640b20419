import { Command, Option } from "commander";
import { checkReports } from "../check.js";
import { isReadError, type ReadError } from "../model/errors.js";
import type { Report } from "../model/report.js";
import { DEFAULT_MAX_BYTES, readReportFile } from "../read.js";
import { errorToJson, reportToJson } from "../report/json.js";
import { batchSummary, reportToText } from "../report/text.js";
import { expandInputs } from "./inputs.js";
import { Progress } from "./progress.js";
import { registerCommands } from "./register.js";

interface Outcome {
  file: string;
  reports: Report[];
  error?: ReadError;
}

interface CommonOptions {
  maxSize: number;
  timeout: number;
  readerFormat?: string;
  debug?: boolean;
}

async function readAll(files: string[], opts: CommonOptions): Promise<Outcome[]> {
  const progress = new Progress(files.length, "读取");
  const out: Outcome[] = [];
  for (const file of files) {
    progress.tick(file);
    try {
      const reports = await readReportFile(file, { maxBytes: opts.maxSize * 1024 * 1024, timeoutMs: opts.timeout * 1000, format: opts.readerFormat });
      out.push({ file, reports });
    } catch (e) {
      if (!isReadError(e)) throw e;
      out.push({ file, reports: [], error: e });
      if (opts.debug && e.cause) console.error(e.cause);
    }
  }
  progress.done();
  return out;
}

function printErrors(outcomes: Outcome[]) {
  for (const o of outcomes) if (o.error) console.error(`nianbao：${o.error.file ?? o.file}：${o.error.message}`);
}

function printJson(outcomes: Outcome[], single: boolean) {
  const items = outcomes.flatMap((o) => (o.error ? [errorToJson(o.file, o.error.code, o.error.message)] : o.reports.map(reportToJson)));
  process.stdout.write(JSON.stringify(single && items.length === 1 ? items[0] : items, null, 2) + "\n");
}

/** 0: no error finding; 1: an error finding; 2: an input could not be read. */
function exitCode(outcomes: Outcome[]): number {
  if (outcomes.some((o) => o.error)) return 2;
  return outcomes.some((o) => o.reports.some((r) => r.findings.some((f) => f.severity === "error"))) ? 1 : 0;
}

async function run(kind: "parse" | "check", inputs: string[], opts: CommonOptions & { format: string; info: boolean; tables: boolean }) {
  const files = await expandInputs(inputs);
  if (files.length === 0) {
    console.error("nianbao：没有找到可读的报告文件（支持 .txt .md .html .docx .doc .wps .pdf .json 及图片）");
    process.exitCode = 2;
    return;
  }
  const outcomes = await readAll(files, opts);
  if (kind === "check") checkReports(outcomes.flatMap((o) => o.reports));
  printErrors(outcomes);
  const allFailed = outcomes.every((o) => o.error);
  if (opts.format === "json") {
    // A single input that fails prints nothing on stdout: nothing half-written.
    if (!allFailed || outcomes.length > 1) printJson(outcomes, inputs.length === 1 && files.length === 1);
  } else {
    const reports = outcomes.flatMap((o) => o.reports);
    const blocks = reports.map((r) => reportToText(r, { info: opts.info, tables: opts.tables }));
    if (blocks.length) process.stdout.write(blocks.join("\n\n") + "\n");
    if (outcomes.length > 1) process.stdout.write(`\n${batchSummary(reports, outcomes.filter((o) => o.error).length)}\n`);
  }
  process.exitCode = kind === "check" ? exitCode(outcomes) : outcomes.some((o) => o.error) ? 2 : 0;
}

function intOption(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`不是正数：${v}`);
  return n;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("nianbao")
    .description("读取、检查政府信息公开工作年度报告（纯文本、Markdown、网页、Word、PDF）")
    .version("0.1.0", "-V, --version", "显示版本")
    .helpOption("-h, --help", "显示帮助")
    .addHelpCommand("help [命令]", "显示某个命令的帮助")
    .showHelpAfterError("（用 nianbao --help 查看用法）");

  const common = (c: Command) =>
    c
      .addOption(new Option("--max-size <MB>", "单个文件的大小上限（MB）").default(DEFAULT_MAX_BYTES / 1024 / 1024).argParser(intOption))
      .addOption(new Option("--timeout <秒>", "单个文件的读取时限（秒）").default(120).argParser(intOption))
      .addOption(new Option("--reader <格式>", "不自动识别，按指定格式读取").choices(["text", "markdown", "html", "docx", "doc", "pdf", "ocr"]))
      .option("--debug", "出错时打印内部错误详情");

  common(
    program
      .command("parse")
      .description("把报告读成标准 JSON（元数据、六个部分、三张表的每个单元格及其出处）")
      .argument("<文件或文件夹...>", "报告文件；- 表示标准输入")
      .addOption(new Option("-f, --format <格式>", "输出格式").choices(["json", "text"]).default("json")),
  ).action(async (inputs: string[], o) => run("parse", inputs, { ...o, readerFormat: o.reader, info: true, tables: true }));

  common(
    program
      .command("check")
      .description("检查报告：勾稽关系、格式、正文与表格是否一致、与上年是否衔接")
      .argument("<文件或文件夹...>", "报告文件或文件夹；- 表示标准输入；也接受 nianbao parse 输出的 JSON")
      .addOption(new Option("-f, --format <格式>", "输出格式").choices(["text", "json"]).default("text"))
      .option("--no-info", "不显示“提示”级别的发现")
      .option("--no-tables", "文本输出中不打印三张表"),
  ).action(async (inputs: string[], o) => run("check", inputs, { ...o, readerFormat: o.reader }));

  registerCommands(program);
  return program;
}

// Messages from commander in Chinese where it matters most.
async function main() {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeErr: (s) => process.stderr.write(s.replace("error: missing required argument", "缺少参数").replace("error: unknown option", "未知选项").replace("error: unknown command", "未知命令")),
  });
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const code = (e as { code?: string; exitCode?: number }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") {
      process.exitCode = 0;
      return;
    }
    if (code?.startsWith("commander.")) {
      process.exitCode = 2;
      return;
    }
    console.error(`nianbao：内部错误：${(e as Error)?.message ?? e}`);
    if (process.argv.includes("--debug")) console.error(e);
    process.exitCode = 2;
  }
}

await main();
