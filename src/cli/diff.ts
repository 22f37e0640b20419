import { Option, type Command } from "commander";
import { isReadError } from "../model/errors.js";
import type { Report } from "../model/report.js";
import { DEFAULT_MAX_BYTES, readReportFile } from "../read.js";
import { escapeControls } from "../text/escape.js";
import type { CliContext } from "./context.js";
import { positiveNumber } from "./options.js";

// `nianbao diff A B`: reads two reports, compares them, prints the comparison. Exit 0 whatever
// the differences; 2 for bad usage or an input that cannot be read.

class UsageError extends Error {}

interface DiffOptions {
  format: "text" | "json";
  all?: boolean;
  maxSize: number;
  timeout: number;
}

/** One report from a file, or a Chinese message saying why not. */
async function readOne(file: string, opts: DiffOptions): Promise<Report | string> {
  try {
    const reports = await readReportFile(file, { maxBytes: opts.maxSize * 1024 * 1024, timeoutMs: opts.timeout * 1000 });
    if (reports.length !== 1) return `${file}：文件中有 ${reports.length} 份报告，diff 每个文件只比较一份`;
    return reports[0]!;
  } catch (e) {
    if (!isReadError(e)) throw e;
    return `${e.file ?? file}：${e.message}`;
  }
}

async function runDiff(a: string, b: string, opts: DiffOptions): Promise<number> {
  if (a === "-" && b === "-") throw new UsageError("两份报告不能都从标准输入读取");
  const [before, after] = [await readOne(a, opts), await readOne(b, opts)];
  const problems = [before, after].filter((x): x is string => typeof x === "string");
  if (problems.length) {
    for (const p of problems) process.stderr.write(`nianbao：${escapeControls(p)}\n`);
    return 2;
  }
  // The comparison loads only when `diff` runs.
  const [{ compareReports }, { comparisonToText }] = await Promise.all([import("../compare/index.js"), import("../report/compare-text.js")]);
  const c = compareReports(before as Report, after as Report);
  process.stdout.write((opts.format === "json" ? JSON.stringify(c, null, 2) : escapeControls(comparisonToText(c, { all: opts.all }), true)) + "\n");
  return 0;
}

/** Adds `diff` to the program (usage errors in Chinese come from the program, as for every command). */
export function diffCommand(program: Command, ctx: CliContext): void {
  program
    .command("diff")
    .description("比较同一机关的两份报告：单元格的变化、跨年度衔接、各部分正文与上年的相似度")
    .argument("<A>", "前一份报告（通常是上一年度的）；- 表示标准输入")
    .argument("<B>", "后一份报告（通常是本年度的）")
    .addOption(new Option("-f, --format <格式>", "输出格式").choices(["text", "json"]).default("text"))
    .option("--all", "文本输出列出每一个单元格，而不只是有变化的")
    .addOption(new Option("--max-size <MB>", "单个文件的大小上限（MB）").default(DEFAULT_MAX_BYTES / 1024 / 1024).argParser(positiveNumber))
    .addOption(new Option("--timeout <秒>", "单个文件的读取时限（秒）").default(120).argParser(positiveNumber))
    .action(async (a: string, b: string, opts: DiffOptions) => {
      try {
        ctx.exit(await runDiff(a, b, opts));
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`nianbao diff：${e.message}\n`);
        ctx.exit(2);
      }
    });
}
