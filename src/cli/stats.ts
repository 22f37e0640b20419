import { InvalidArgumentError, Option, type Command } from "commander";
import type { CliContext } from "./context.js";
import { positiveInteger } from "./options.js";

// `nianbao stats`: statistics of a region over years, from the corpus (src/stats). Declared
// here; the store and the statistics load only when it runs (stats-action.ts).

function year(v: string): number {
  const n = Number(v);
  if (!/^\s*\d{4}\s*$/.test(v) || n < 2008 || n > 2100) throw new InvalidArgumentError("不是年度，例如 2024");
  return n;
}

export function statsCommand(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .description("统计一个区划（机关及其下属机关）若干年度的报告：申请数、实质公开率、复议诉讼纠错率、表二数字、机关排名、问题最多的规则（口径见 docs/stats.md）")
    .addOption(new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB"))
    .option("--region <区划>", "行政区划代码（或其前几位）或机关，包括其下属机关；不写则为全部报告")
    .addOption(new Option("--from <年度>", "起始年度（含）").argParser(year))
    .addOption(new Option("--to <年度>", "截止年度（含）").argParser(year))
    .addOption(new Option("--top <N>", "排名列出最高、最低各多少个机关").default(10).argParser(positiveInteger))
    .addOption(new Option("--format <格式>", "输出格式").choices(["text", "json"]).default("text"))
    .action(async (o) => {
      const { statsAction } = await import("./stats-action.js");
      ctx.exit(await statsAction(o));
    });
}
