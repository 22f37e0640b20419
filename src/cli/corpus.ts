import { InvalidArgumentError, Option, type Command } from "commander";
import { DEFAULT_MAX_BYTES } from "../read.js";
import { positiveNumber } from "./options.js";

// The corpus commands: import, reread, worker, list, export, agency. Declared here; what they do
// is in corpus-actions.ts, loaded only when one of them runs (the store's drivers and exceljs are
// heavy, and `nianbao check` should not pay for them).

type Actions = typeof import("./corpus-actions.js");

/** An action that loads the corpus actions on first use and calls one of them. */
function lazy<K extends keyof Actions>(name: K): (...args: Parameters<Actions[K]>) => Promise<void> {
  return async (...args) => {
    const actions = await import("./corpus-actions.js");
    await (actions[name] as (...a: unknown[]) => Promise<void>)(...args);
  };
}

const dbOption = () => new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB");

const positive = positiveNumber;

function year(v: string, prev: number[] = []): number[] {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2008 || n > 2100) throw new InvalidArgumentError("不是年度，例如 2024");
  return [...prev, n];
}

const filterOptions = (c: Command) =>
  c
    .option("--year <年度>", "只看这一年度（可重复）", year)
    .option("--agency <机关>", "只看这个机关（编号、名称或名称的一部分）")
    .option("--region <区划>", "只看这个行政区划代码（或其前几位）或机关之下的机关")
    .addOption(new Option("--severity <级别>", "只看有这一级别（及更严重）问题的").choices(["error", "warning", "info", "错误", "警告", "提示"]));

export function registerCorpusCommands(program: Command): void {
  program
    .command("import")
    .description("把报告导入数据库（可反复运行：已导入的文件跳过，中断后从断点继续）")
    .argument("<文件或文件夹...>", "报告文件或文件夹（递归查找）")
    .addOption(dbOption())
    .addOption(new Option("--jobs <N>", "同时读取的文件数（默认每核一个）").argParser(positive))
    .option("--queue", "只把文件放入 PostgreSQL 任务队列，由 nianbao worker 处理")
    .option("--retry-failed", "重新读取以前无法识别的文件")
    .addOption(new Option("--job-timeout <秒>", "（与 --queue 一起）一个任务最长的处理时间；超时视为处理它的 worker 已退出，交给别的 worker 重试").default(600).argParser(positive))
    .addOption(new Option("--max-size <MB>", "单个文件的大小上限（MB）").default(DEFAULT_MAX_BYTES / 1024 / 1024).argParser(positive))
    .addOption(new Option("--timeout <秒>", "单个文件的读取时限（秒）").default(120).argParser(positive))
    .option("--debug", "出错时打印内部错误详情")
    .action(lazy("importCommand"));

  program
    .command("reread")
    .description("用当前版本重新读取数据库中的原始文件（读取器、规则或模板有变化的）")
    .addOption(dbOption())
    .option("--all", "全部重新读取")
    .addOption(new Option("--jobs <N>", "同时读取的文件数").argParser(positive))
    .option("--queue", "放入任务队列，由 nianbao worker 处理")
    .addOption(new Option("--job-timeout <秒>", "（与 --queue 一起）一个任务最长的处理时间；超时视为处理它的 worker 已退出，交给别的 worker 重试").default(600).argParser(positive))
    .action(lazy("rereadCommand"));

  program
    .command("worker")
    .description("从 PostgreSQL 任务队列中领取导入和重读任务（可在多台机器上同时运行）")
    .addOption(dbOption())
    .addOption(new Option("--supervise <秒>", "每隔多久检查一次超时的任务（其 worker 已退出），交给别的 worker 重试").default(30).argParser(positive))
    .option("--until-empty", "队列清空后退出")
    .action(lazy("workerCommand"));

  filterOptions(program.command("list").description("列出数据库中的报告").addOption(dbOption()))
    .addOption(new Option("--limit <N>", "最多显示多少份").default(200).argParser(positive))
    .action(lazy("listCommand"));

  filterOptions(
    program
      .command("export")
      .description("导出问题清单或数据")
      .addOption(dbOption())
      .option("--problems <文件.xlsx>", "问题清单：每条问题一行，另有汇总表")
      .option("--data <文件.xlsx|.csv>", "数据：每份报告一行，每个单元格一列")
      .option("--long <文件.csv|.jsonl>", "数据（长表）：每个单元格一行"),
  ).action(lazy("exportCommand"));

  const agency = program.command("agency").description("机关：列出、合并、拆分、导入行政区划");
  agency.command("list").description("列出机关及其名称的各种写法").addOption(dbOption()).action(lazy("agencyList"));
  agency
    .command("merge")
    .description("把机关 B 合并到机关 A（B 的名称和报告归 A），并重新做跨年度比对")
    .argument("<A>", "保留的机关（编号或名称）")
    .argument("<B>", "并入的机关（编号或名称）")
    .addOption(dbOption())
    .action(lazy("agencyMerge"));
  agency
    .command("split")
    .description("把机关的某些名称（及用这些名称的报告）拆成一个新机关")
    .argument("<机关>", "机关（编号或名称）")
    .argument("<名称...>", "拆出去的名称")
    .addOption(dbOption())
    .action(lazy("agencySplit"));
  agency
    .command("import")
    .description("从 CSV 导入行政区划：机关, 行政区划代码, 上级机关, 层级（见 docs/store.md）")
    .argument("<regions.csv>", "CSV 文件（UTF-8）")
    .addOption(dbOption())
    .action(lazy("agencyImport"));
}
