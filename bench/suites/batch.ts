import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomReport } from "../../src/generate/random-report.js";
import type { TemplateId } from "../../src/model/report.js";
import { encodeGbk, render, type OutputFormat, type RenderOptions } from "../../src/render/index.js";
import { round } from "../measure.js";
import type { BenchRow } from "../types.js";

/**
 * The whole program on a folder, as a user runs it: `nianbao check --format jsonl` on N
 * generated reports (default 10,000: 6,000 portal pages of 40–100 KB, 3,000 texts, 1,000
 * DOCX), every core given to it, timed on the wall clock with its peak memory — the targets are
 * under 60 s on 2 cores and under 300 MB. And start-up: checking one small text file, in CPU
 * time, beside `node -e 0` measured in turn in the same run.
 *
 * Measures the built CLI (`npm run build` first). The folder is generated once per count and
 * kept in the system's temporary folder. `npm run bench -- batch --count 500` for a short run.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/nianbao.js");
const TIME = "/usr/bin/time";
/** Bump when the generated inputs change, so an old folder is not reused. */
const GENERATION = 2;

interface Mix {
  format: OutputFormat;
  opts: RenderOptions;
  share: number;
}

const MIX: Mix[] = [
  { format: "html", opts: { splitHeaders: true }, share: 0.3 },
  { format: "html", opts: { encoding: "gbk", amountUnit: "万元" }, share: 0.15 },
  { format: "html", opts: { merged: false }, share: 0.15 },
  { format: "tab-cell", opts: { splitHeaders: true }, share: 0.1 },
  { format: "tab-row", opts: {}, share: 0.1 },
  { format: "markdown", opts: {}, share: 0.1 },
  { format: "docx", opts: {}, share: 0.1 },
];

function mixAt(k: number): Mix {
  // Formats interleaved through the folder, in their shares.
  const x = ((k * 0.6180339887) % 1) * 0.9999;
  let acc = 0;
  for (const m of MIX) if (x < (acc += m.share)) return m;
  return MIX[MIX.length - 1]!;
}

/** A portal page grown to `target` bytes with what real ones carry: link lists and script, in the page's encoding. */
function padPage(bytes: Uint8Array, target: number, k: number, gbk: boolean): Uint8Array {
  const missing = target - bytes.length;
  if (missing <= 0) return bytes;
  const links: string[] = [];
  let size = 0;
  for (let i = 0; size < missing / 2; i++) {
    const li = `<li><a href="/zwgk/lm${k % 97}/${i}.html" title="政务公开栏目 ${i}">政务公开栏目 ${i}</a></li>\n`;
    links.push(li);
    size += Buffer.byteLength(li);
  }
  const script = `<script type="text/javascript">var siteConfig = "${"x".repeat(Math.max(0, missing - size - 120))}";</script>\n`;
  const html = `<div class="footer-links"><ul>\n${links.join("")}</ul></div>\n${script}`;
  const extra = gbk ? encodeGbk(html, (cp) => `&#${cp};`) : Buffer.from(html, "utf8");
  const text = Buffer.from(bytes).toString("latin1");
  const at = text.lastIndexOf("</body>");
  return Buffer.concat([Buffer.from(text.slice(0, at), "latin1"), extra, Buffer.from(text.slice(at), "latin1")]);
}

/** The folder of `n` reports: agencies with two or three consecutive years each, names in year order. */
export function folder(n: number): { dir: string; bytes: number } {
  const dir = join(tmpdir(), `nianbao-bench-batch-${GENERATION}-${n}`);
  const done = join(dir, ".complete");
  if (existsSync(done)) return { dir, bytes: Number(readFileSync(done, "utf8")) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let k = 0; k < n; k++) {
    const m = mixAt(k);
    const agency = Math.floor(k / 3);
    const year = (agency % 4 === 0 ? 2019 : 2021) + (k % 3);
    const template: TemplateId = year < 2021 ? "2019" : "2021";
    const report = randomReport(7000 + k, { template, year, agency: `测试${agency}县第${(agency % 7) + 1}局`, zeroRate: 0.7, maxCount: 60 });
    let data = render(report, m.format, m.opts);
    if (m.format === "html") data = padPage(data, 40_000 + ((k * 7919) % 60_000), k, m.opts.encoding === "gbk");
    const ext = m.format === "html" ? "html" : m.format === "docx" ? "docx" : m.format === "markdown" ? "md" : "txt";
    writeFileSync(join(dir, `${String(agency).padStart(5, "0")}-${year}.${ext}`), data);
    bytes += data.length;
  }
  writeFileSync(done, String(bytes));
  return { dir, bytes };
}

export interface Run {
  wallS: number;
  cpuS: number;
  maxRssMb: number;
  status: number | null;
  lines: number;
}

/** Runs the CLI on every core under /usr/bin/time; stdout is counted, not kept. */
export function runCli(args: string[]): Promise<Run> {
  const cores = cpus().length;
  const pin = platform() === "linux" && existsSync("/usr/bin/taskset") ? ["/usr/bin/taskset", "-c", `0-${cores - 1}`] : [];
  const cmd = [...pin, TIME, "-f", "__time %e %U %S %M", process.execPath, BIN, ...args];
  return new Promise((resolveRun, reject) => {
    // Not the bench's own pinning: the batch gets every core and libuv's usual thread pool.
    const { UV_THREADPOOL_SIZE: _pool, ...env } = process.env;
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ["ignore", "pipe", "pipe"], env: { ...env, NIANBAO_NO_PROGRESS: "1" } });
    let lines = 0;
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      for (const c of b) if (c === 10) lines++;
    });
    child.stderr.on("data", (b: Buffer) => {
      err = (err + b.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (status) => {
      const m = /__time ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      if (!m) return reject(new Error(`没有得到 /usr/bin/time 的结果：${err.slice(-300)}`));
      resolveRun({ wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]), maxRssMb: Number(m[4]) / 1024, status, lines });
    });
  });
}

/** CPU seconds of one short command (user + system), by /usr/bin/time. */
function cpuOf(args: string[]): number {
  const r = spawnSync(TIME, ["-f", "__time %U %S", process.execPath, ...args], { encoding: "utf8", env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
  const m = /__time ([\d.]+) ([\d.]+)/.exec(r.stderr);
  if (!m) throw new Error(`没有得到 /usr/bin/time 的结果：${r.stderr.slice(-300)}`);
  return Number(m[1]) + Number(m[2]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function startup(): Promise<BenchRow> {
  const small = join(ROOT, "examples/01-tab-row-2021.txt");
  const bare: number[] = [];
  const check: number[] = [];
  // In turns, so a busy spell of the machine hits both alike.
  for (let i = 0; i < 15; i++) {
    bare.push(cpuOf(["-e", "0"]));
    check.push(cpuOf([BIN, "check", small]));
  }
  const b = median(bare);
  const c = median(check);
  return {
    suite: "整批",
    name: "启动：检查一份小文本（CPU 时间）",
    reportsPerSecond: round(1 / c),
    floorName: "node -e 0（同一次运行中交替测 15 次，取中位数）",
    floorPerSecond: round(1 / b),
    timesFloor: round(c / b),
    note: `检查一份 ${Math.round(readFileSync(small).length / 1024)} KB 的文本 ${c.toFixed(2)} 秒 CPU，node -e 0 ${b.toFixed(2)} 秒，多 ${(c - b).toFixed(2)} 秒（目标：不超过 0.12 秒）`,
  };
}

export default async function suite(): Promise<BenchRow[]> {
  if (!existsSync(join(ROOT, "dist/bundle/cli.js"))) return [{ suite: "整批", name: "—", note: "出错：命令行尚未编译，请先运行 npm run build" }];
  if (!existsSync(TIME)) return [{ suite: "整批", name: "—", note: "出错：需要 /usr/bin/time（Debian 软件包 time）来测峰值内存" }];
  const n = Number(process.env.NIANBAO_BENCH_COUNT ?? 10_000);
  const { dir, bytes } = folder(n);
  const cores = cpus().length;
  const run = await runCli(["check", "--format", "jsonl", dir]);
  const rows: BenchRow[] = [
    {
      suite: "整批",
      name: `nianbao check 一个文件夹（${n.toLocaleString("en-US")} 份，${cores} 核）`,
      reportsPerSecond: round(n / run.wallS),
      mbPerSecond: round(bytes / 1024 / 1024 / run.wallS),
      note:
        `整个进程按墙钟 ${run.wallS.toFixed(1)} 秒（CPU ${run.cpuS.toFixed(1)} 秒），峰值内存 ${Math.round(run.maxRssMb)} MB，输出 ${run.lines.toLocaleString("en-US")} 行，退出码 ${run.status}；` +
        `约六成网页（40–100 KB 的门户整页）、三成文本与 Markdown、一成 DOCX，共 ${Math.round(bytes / 1024 / 1024)} MB；目标：1 万份 60 秒内（2 核）、300 MB 以内`,
    },
  ];
  rows.push(await startup());
  return rows;
}
