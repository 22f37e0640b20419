import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, platform } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../bin/nianbao.js");

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

/** `nianbao user add` with the password on standard input, as a script would. */
export function addUser(db: string, login: string, role: string, password: string, extra: string[] = []): void {
  const r = spawnSync(process.execPath, [BIN, "user", "add", login, "--role", role, "--db", db, ...extra], { input: `${password}\n`, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`user add failed: ${r.stderr}${r.stdout}`);
}

export interface Served {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `nianbao serve` on a free port and waits for the line that says where to open it.
 * `allCores`: the server gets every core, as a deployed one has, even when the caller is pinned to one.
 */
export async function serve(db: string, args: string[] = [], opts: { allCores?: boolean } = {}): Promise<Served> {
  const port = await freePort();
  const cmd = [process.execPath, BIN, "serve", "--db", db, "--port", String(port), ...args];
  if (opts.allCores && platform() === "linux" && existsSync("/usr/bin/taskset")) cmd.unshift("/usr/bin/taskset", "-c", `0-${cpus().length - 1}`);
  const { UV_THREADPOOL_SIZE: _pool, ...env } = process.env;
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"], env });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start: ${out}`)), 30_000);
    const look = () => {
      const m = /请在浏览器中打开：(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!.replace(/\/$/, ""));
      }
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => rej(new Error(`serve exited ${code}: ${out}`)));
  });
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(t);
    },
  };
}
