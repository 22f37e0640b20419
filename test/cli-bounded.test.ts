import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readReports } from "../src/read.js";
import { MAX_TEXT_ITEMS } from "../src/readers/text/lines.js";
import { BIN, ROOT } from "./support/cli.js";
import { text } from "./support/messages.js";

// Inputs without an end: a device that never stops giving bytes, a named pipe no one writes
// to, standard input that never closes. Each ends with a Chinese message and exit 2 within the
// time limit, in bounded memory. And a text far larger than any report is read in a small
// multiple of its size.

const dir = mkdtempSync(join(tmpdir(), "nianbao-bounded-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TIME = "/usr/bin/time";

interface Run {
  status: number | null;
  stderr: string;
  ms: number;
  /** Peak memory (MB) when /usr/bin/time is there to say. */
  rssMb: number | null;
}

/** The CLI under /usr/bin/time (when present), so its peak memory is known. */
function run(args: string[], input?: string): Run {
  const timed = existsSync(TIME);
  const cmd = timed ? [TIME, "-f", "__rss %M", process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const t0 = Date.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, input, encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
  const m = /__rss (\d+)/.exec(r.stderr);
  const stderr = r.stderr.replace(/__rss \d+\n?/, "").replace(/^Command exited with non-zero status \d+\n/m, "");
  return { status: r.status, stderr, ms: Date.now() - t0, rssMb: m ? Number(m[1]) / 1024 : null };
}

describe("inputs without an end", () => {
  it("/dev/zero: the size limit counted while reading", () => {
    const r = run(["check", "--max-size", "5", "/dev/zero"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nianbao：\/dev\/zero：输入太大，读到 5\.\d MB 仍未结束，超过上限 5\.0 MB\n$/);
    expect(r.ms).toBeLessThan(20_000);
    if (r.rssMb !== null) expect(r.rssMb).toBeLessThan(200);
  });

  it("a named pipe no one writes to: stopped at the time limit", () => {
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const r = run(["check", "--timeout", "2", fifo]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("读取管道超过 2 秒仍未读完，已停止");
    expect(r.ms).toBeLessThan(15_000);
  });

  it("a named pipe written to later is read", async () => {
    const fifo = join(dir, "pipe2");
    execFileSync("mkfifo", [fifo]);
    const child = spawn(process.execPath, [BIN, "parse", "--timeout", "10", fifo], { cwd: ROOT, env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    await new Promise((r) => setTimeout(r, 500));
    writeFileSync(fifo, "测试县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度无申请。\n");
    const status = await new Promise((r) => child.on("close", r));
    expect(status).toBe(0);
    expect(JSON.parse(out).meta.agency).toBe("测试县人民政府");
  });

  it("standard input that never closes: stopped at the time limit", async () => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, "check", "--timeout", "2", "-"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
    child.stdin.write("一、总体情况\n");
    let err = "";
    child.stderr.on("data", (b) => (err += b));
    const status = await new Promise((r) => child.on("close", r));
    child.stdin.destroy();
    expect(status).toBe(2);
    expect(err).toContain("nianbao：标准输入：读取标准输入超过 2 秒仍未读完，已停止");
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it("standard input larger than the limit is refused while reading", () => {
    const r = run(["check", "--max-size", "1", "-"], "一".repeat(400_000));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("标准输入：输入太大，超过上限 1.0 MB");
  });
});

describe("a text far larger than a report", () => {
  it("stops at its item limit with a warning saying where", async () => {
    const bytes = new TextEncoder().encode("测试县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n" + "\t0\n".repeat(MAX_TEXT_ITEMS + 50_000));
    const [r] = await readReports(bytes, { name: "big.txt" });
    const cut = r!.findings.find((f) => f.messageId === "cut");
    expect(cut && text(cut)).toMatch(/^文本中的段落和表格单元格超过 100,000 个，远多于一份年度报告，只读取到第 \d+ 行为止$/);
  });

  it("is read in a small multiple of its size (60 MB of short lines)", () => {
    if (!existsSync(TIME)) return;
    const p = join(dir, "big.txt");
    const line = "\t规章\t0\t1\t2\n";
    writeFileSync(p, "测试县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n" + line.repeat(Math.ceil((60 * 1024 * 1024) / Buffer.byteLength(line))));
    const r = run(["check", "--max-size", "100", "--no-tables", p]);
    expect([0, 1]).toContain(r.status);
    // 22× before (a string and objects for every line). Now: the bytes (1×), the text decoded to
    // UTF-16 (1.5× for Chinese), at most 100,000 paragraphs and cells, and the program itself.
    expect(r.rssMb!).toBeLessThan(60 * 4 + 100);
  }, 120_000);
});
