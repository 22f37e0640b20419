import { Option, type Command } from "commander";
import { DEFAULT_MAX_BYTES } from "../read.js";
import { readerIds } from "../readers/index.js";
import { runBatch } from "./batch.js";
import type { CliContext } from "./context.js";
import { positiveInteger, positiveNumber } from "./options.js";

/** Options `parse` and `check` share: limits, the reader, the worker count. */
function common(c: Command): Command {
  return c
    .addOption(new Option("--max-size <MB>", "单个文件的大小上限（MB）").default(DEFAULT_MAX_BYTES / 1024 / 1024).argParser(positiveNumber))
    .addOption(new Option("--timeout <秒>", "单个文件的读取时限（秒），读取字节和解析都算在内").default(120).argParser(positiveNumber))
    .addOption(new Option("--reader <格式>", "不自动识别，按指定格式读取").choices(readerIds()))
    .addOption(new Option("-j, --jobs <数量>", "同时读取的文件数（工作线程数），默认每个 CPU 核一个").argParser(positiveInteger))
    .option("--debug", "出错时打印内部错误详情");
}

interface ReadCommandOptions {
  maxSize: number;
  timeout: number;
  reader?: string;
  jobs?: number;
  format: "text" | "json" | "jsonl";
  info?: boolean;
  tables?: boolean;
}

/** `nianbao parse` and `nianbao check`. */
export function readCommands(program: Command, ctx: CliContext): void {
  const run = (kind: "parse" | "check") => async (inputs: string[], o: ReadCommandOptions) => {
    ctx.exit(
      await runBatch(inputs, {
        kind,
        format: o.format,
        info: o.info !== false,
        tables: o.tables !== false,
        jobs: o.jobs,
        maxBytes: o.maxSize * 1024 * 1024,
        timeoutMs: o.timeout * 1000,
        reader: o.reader,
        signal: ctx.signal,
      }),
    );
  };

  common(
    program
      .command("parse")
      .description("把报告读成标准 JSON（元数据、六个部分、三张表的每个单元格及其出处）")
      .argument("<文件或文件夹...>", "报告文件；- 表示标准输入；以 - 开头的文件名写在 -- 之后")
      .addOption(new Option("-f, --format <格式>", "输出格式：json（多个文件时为数组）、jsonl（每行一份）、text").choices(["json", "jsonl", "text"]).default("json")),
  ).action(run("parse"));

  common(
    program
      .command("check")
      .description("检查报告：勾稽关系、格式、正文与表格是否一致、与上年是否衔接")
      .argument("<文件或文件夹...>", "报告文件或文件夹；- 表示标准输入；也接受 nianbao parse 输出的 JSON；以 - 开头的文件名写在 -- 之后")
      .addOption(new Option("-f, --format <格式>", "输出格式：text、json（多个文件时为数组）、jsonl（每行一份）").choices(["text", "json", "jsonl"]).default("text"))
      .option("--no-info", "不显示“提示”级别的发现")
      .option("--no-tables", "文本输出中不打印三张表"),
  ).action(run("check"));
}
