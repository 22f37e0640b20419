import { InvalidArgumentError, Option, type Command } from "commander";
import type { CliContext } from "./context.js";
import { positiveInteger } from "./options.js";

// `nianbao serve`: the web server. Declared here; Fastify and the server load only when it runs.

function port(v: string): number {
  const n = positiveInteger(v);
  if (n > 65535) throw new InvalidArgumentError("端口应在 1–65535 之间");
  return n;
}

export function serveCommand(program: Command, ctx: CliContext): void {
  program
    .command("serve")
    .description("启动网页服务：在浏览器中上传、检查和审核报告（默认只在本机 127.0.0.1:8080 上提供）")
    .addOption(new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB"))
    .addOption(new Option("--host <地址>", "监听的地址；0.0.0.0 表示所有网卡（供局域网访问，请配合反向代理和 https 使用）").default("127.0.0.1"))
    .addOption(new Option("--port <端口>", "监听的端口").default(8080).argParser(port))
    .option("--trust-proxy", "在反向代理之后：信任 X-Forwarded-Proto / X-Forwarded-For（https 时 Cookie 带 Secure）")
    .addOption(new Option("--jobs <N>", "读取上传文件的工作线程数（默认每核一个）").argParser(positiveInteger))
    .addOption(new Option("--idle-minutes <分钟>", "会话空闲多久后失效").default(30).argParser(positiveInteger))
    .action(async (o: { db?: string; host: string; port: number; trustProxy?: boolean; jobs?: number; idleMinutes: number }) => {
      const { runServer } = await import("../server/start.js");
      ctx.stoppedBySignalIsNormal();
      ctx.exit(await runServer({ db: o.db, host: o.host, port: o.port, trustProxy: Boolean(o.trustProxy), jobs: o.jobs, idleMs: o.idleMinutes * 60_000, signal: ctx.signal }));
    });
}
