import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
export const BIN = resolve(ROOT, "bin/nianbao.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (global setup builds dist/ first). */
export function cli(args: string[], input?: string | Uint8Array, timeoutMs = 60_000): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
    env: { ...process.env, NIANBAO_NO_PROGRESS: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
