import { Command, Option } from "commander";
import { checkAcrossYears } from "../check.js";
import { processInput, type Envelope } from "../pipeline/index.js";
import { DEFAULT_MAX_BYTES } from "../read.js";
import { readerExtensions, readerIds } from "../readers/index.js";
import { errorToJson, reportToJson } from "../report/json.js";
import { batchSummary, reportToText } from "../report/text.js";
import { registerCorpusCommands } from "./corpus.js";
import { expandInputs } from "./inputs.js";
import { Progress } from "./progress.js";
import { VERSION } from "../version.js";

interface CommonOptions {
  maxSize: number;
  timeout: number;
  readerFormat?: string;
  debug?: boolean;
}

async function processAll(files: string[], opts: CommonOptions, check: boolean): Promise<Envelope[]> {
  const progress = new Progress(files.length, "读取");
  const out: Envelope[] = [];
  for (const file of files) {
    progress.tick(file);
    out.push(await processInput(file, { maxBytes: opts.maxSize * 1024 * 1024, timeoutMs: opts.timeout * 1000, format: opts.readerFormat, check }));
  }
  progress.done();
  return out;
}

function printErrors(envelopes: Envelope[]) {
  for (const e of envelopes) if (e.error) console.error(`nianbao：${e.file === "-" ? "标准输入" : e.file}：${e.error.message}`);
}

function printJson(envelopes: Envelope[], single: boolean) {
  const items = envelopes.flatMap((e) => (e.error ? [errorToJson(e.file, e.error.code, e.error.message)] : e.reports.map(reportToJson)));
  process.stdout.write(JSON.stringify(single && items.length === 1 ? items[0] : items, null, 2) + "\n");
}

/** 0: no error finding; 1: an error finding; 2: an input could not be read. */
function exitCode(envelopes: Envelope[]): number {
  if (envelopes.some((e) => e.error)) return 2;
  return envelopes.some((e) => e.reports.some((r) => r.findings.some((f) => f.severity === "error"))) ? 1 : 0;
}

/** The cross-year rules over the whole batch; each envelope gets its reports back with their findings. */
function acrossYears(envelopes: Envelope[]): Envelope[] {
  const checked = checkAcrossYears(envelopes.flatMap((e) => e.reports));
  let i = 0;
  return envelopes.map((e) => ({ ...e, reports: e.reports.map(() => checked[i++]!) }));
}

async function run(kind: "parse" | "check", inputs: string[], opts: CommonOptions & { format: string; info: boolean; tables: boolean }) {
  const files = await expandInputs(inputs);
  if (files.length === 0) {
    console.error(`nianbao：没有找到可读的报告文件（支持 ${[...readerExtensions()].join(" ")}）`);
    process.exitCode = 2;
    return;
  }
  let envelopes = await processAll(files, opts, kind === "check");
  if (kind === "check") envelopes = acrossYears(envelopes);
  printErrors(envelopes);
  const allFailed = envelopes.every((e) => e.error);
  if (opts.format === "json") {
    // A single input that fails prints nothing on stdout: nothing half-written.
    if (!allFailed || envelopes.length > 1) printJson(envelopes, inputs.length === 1 && files.length === 1);
  } else {
    const reports = envelopes.flatMap((e) => e.reports);
    const blocks = reports.map((r) => reportToText(r, { info: opts.info, tables: opts.tables }));
    if (blocks.length) process.stdout.write(blocks.join("\n\n") + "\n");
    if (envelopes.length > 1) process.stdout.write(`\n${batchSummary(reports, envelopes.filter((e) => e.error).length)}\n`);
  }
  process.exitCode = kind === "check" ? exitCode(envelopes) : envelopes.some((e) => e.error) ? 2 : 0;
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
    .version(VERSION, "-V, --version", "显示版本")
    .helpOption("-h, --help", "显示帮助")
    .addHelpCommand("help [命令]", "显示某个命令的帮助")
    .showHelpAfterError("（用 nianbao --help 查看用法）");

  const common = (c: Command) =>
    c
      .addOption(new Option("--max-size <MB>", "单个文件的大小上限（MB）").default(DEFAULT_MAX_BYTES / 1024 / 1024).argParser(intOption))
      .addOption(new Option("--timeout <秒>", "单个文件的读取时限（秒）").default(120).argParser(intOption))
      .addOption(new Option("--reader <格式>", "不自动识别，按指定格式读取").choices(readerIds()))
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

  registerCorpusCommands(program);
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
