// First: the heap settings, before anything grows the heap.
import "./heap.js";
import { Command } from "commander";
import { VERSION } from "../version.js";
import type { CliContext } from "./context.js";
import { registerCorpusCommands } from "./corpus.js";
import { diffCommand } from "./diff.js";
import { filingCommands } from "./filing.js";
import { Interrupt } from "./interrupt.js";
import { readCommands } from "./read-commands.js";
import { addRenderCommand } from "./render.js";
import { registerCommands } from "./register.js";
import { serveCommand } from "./serve.js";
import { statsCommand } from "./stats.js";
import { chineseUsage, usageExit } from "./usage.js";
import { userCommand } from "./user.js";

/** The subcommands: a new one is a function in its own file, added here. */
const COMMANDS: ((program: Command, ctx: CliContext) => void)[] = [readCommands, registerCorpusCommands, diffCommand, registerCommands, addRenderCommand, filingCommands, statsCommand, serveCommand, userCommand];

export function buildProgram(ctx: CliContext): Command {
  const program = new Command();
  program
    .name("nianbao")
    .description("读取、检查政府信息公开工作年度报告（纯文本、Markdown、网页、Word、PDF）")
    .version(VERSION, "-V, --version", "显示版本")
    .helpOption("-h, --help", "显示帮助")
    .helpCommand("help [命令]", "显示某个命令的帮助");
  for (const add of COMMANDS) add(program, ctx);
  chineseUsage(program);
  return program;
}

async function main() {
  const interrupt = new Interrupt();
  interrupt.install();
  // Set by a command through its context; a command may also set process.exitCode itself.
  let code: number | undefined;
  let signalIsNormal = false;
  let stray = false;
  // nianbao's own bug must not end the process with a stack trace: said, and the exit is 2.
  process.on("unhandledRejection", (reason) => {
    stray = true;
    process.stderr.write(`nianbao：内部错误（未处理的异步错误）：${(reason as Error)?.message ?? String(reason)}\n`);
    if (process.argv.includes("--debug")) console.error(reason);
  });
  // A reader of our output that goes away (`| head`) ends the run quietly.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(code ?? 0);
  });
  const program = buildProgram({ signal: interrupt.controller.signal, exit: (c) => void (code = c), stoppedBySignalIsNormal: () => void (signalIsNormal = true) });
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const usage = usageExit(e);
    if (usage !== null) code = usage;
    else {
      process.stderr.write(`nianbao：内部错误：${(e as Error)?.message ?? e}\n`);
      if (process.argv.includes("--debug")) console.error(e);
      code = 2;
    }
  }
  const final = (signalIsNormal && code !== undefined ? code : interrupt.exitCode()) ?? code ?? (typeof process.exitCode === "number" ? process.exitCode : 0);
  process.exitCode = stray ? Math.max(final, 2) : final;
}

await main();
