// npm run bench [-- NAME …] [--json] [--count N]
// Runs every bench/suites/*.ts (or those named), each in its own process, on one core, and
// prints a Chinese table of the figures, each beside the floor its suite measured in the same run.
// The suites time the built code in dist/ (`npm run bench` builds first; a stale dist/ is refused).
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism, cpus, platform } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { displayWidth, padEnd, padStart } from "../src/text/width.js";
import { distProblem } from "./dist.js";
import type { BenchRow, BenchSuite } from "./types.js";

const SUITES = join(dirname(fileURLToPath(import.meta.url)), "suites");
const PINNED = "NIANBAO_BENCH_CORE";

/**
 * Runs this script again under `taskset` on the last core, so that every suite, its worker
 * threads and the tools it starts share one core. Returns the exit status, or null when the
 * process is already pinned or cannot be (no taskset: not Linux).
 */
function pinned(): number | null {
  if (process.env[PINNED] !== undefined || platform() !== "linux") return null;
  const core = String(availableParallelism() - 1);
  const r = spawnSync("taskset", ["-c", core, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [PINNED]: core, UV_THREADPOOL_SIZE: "1" },
  });
  if (r.error) return null;
  return r.status ?? 1;
}

const ONE_SUITE = "NIANBAO_BENCH_SUITE";

async function runSuite(file: string): Promise<BenchRow[]> {
  const name = basename(file, ".ts");
  try {
    const mod = (await import(pathToFileURL(join(SUITES, file)).href)) as { default?: BenchSuite };
    if (typeof mod.default !== "function") return [{ suite: name, name: "—", note: `出错：${file} 没有默认导出测试套件` }];
    return await mod.default();
  } catch (e) {
    return [{ suite: name, name: "—", note: `出错：${(e as Error)?.message ?? String(e)}` }];
  }
}

/**
 * Runs one suite in a process of its own: a suite run after the PDF and OCR suites would
 * otherwise pay for their heap (pdfjs caches, the OCR worker) in garbage collection.
 */
function runSuiteProcess(file: string): BenchRow[] {
  const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!], {
    env: { ...process.env, [ONE_SUITE]: file },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  try {
    return JSON.parse(r.stdout) as BenchRow[];
  } catch {
    return [{ suite: basename(file, ".ts"), name: "—", note: `出错：套件进程退出（状态 ${r.status ?? r.signal}）` }];
  }
}

const fmt = (v: number | undefined, digits = 0) =>
  v === undefined ? "—" : v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const COLUMNS: { title: string; cell: (r: BenchRow) => string; right?: boolean }[] = [
  { title: "套件", cell: (r) => r.suite },
  { title: "项目", cell: (r) => r.name },
  { title: "报告/秒", cell: (r) => fmt(r.reportsPerSecond, r.reportsPerSecond !== undefined && r.reportsPerSecond < 10 ? 2 : 0), right: true },
  { title: "页/秒", cell: (r) => fmt(r.pagesPerSecond, r.pagesPerSecond !== undefined && r.pagesPerSecond < 10 ? 2 : 0), right: true },
  { title: "MB/秒", cell: (r) => fmt(r.mbPerSecond, 1), right: true },
  { title: "下限/秒", cell: (r) => fmt(r.floorPerSecond, r.floorPerSecond !== undefined && r.floorPerSecond < 10 ? 2 : 0), right: true },
  { title: "相对下限", cell: (r) => (r.timesFloor === undefined ? "—" : `${fmt(r.timesFloor, 2)}×`), right: true },
];

function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) => Math.max(displayWidth(c.title), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (values: string[]) => values.map((v, i) => (COLUMNS[i]!.right ? padStart(v, widths[i]!) : padEnd(v, widths[i]!))).join("  ");
  const out = [line(COLUMNS.map((c) => c.title)), widths.map((w) => "─".repeat(w)).join("  ")];
  cells.forEach((row) => out.push(line(row)));
  // Floors and notes are long: listed under the table, numbered by row.
  const notes: string[] = [];
  const floors = new Map<string, string>();
  rows.forEach((r) => {
    if (r.floorName) floors.set(r.suite, r.floorName);
    if (r.note) notes.push(`  ${r.suite} · ${r.name}：${r.note}`);
  });
  if (floors.size) out.push("", "下限（各套件在同一次运行中测得，即同样的输入不做任何读取工作时的速度）：", ...[...floors].map(([s, f]) => `  ${s}：${f}`));
  if (notes.length) out.push("", "说明：", ...notes);
  return out.join("\n");
}

async function main(): Promise<number> {
  const one = process.env[ONE_SUITE];
  if (one) {
    process.stdout.write(JSON.stringify(await runSuite(one)));
    return 0;
  }
  // The suites time the built code in dist/ (what users run), so it must match the sources.
  const stale = distProblem();
  if (stale) {
    console.error(`nianbao bench：${stale}（性能测试测的是编译后的 dist/，即用户实际运行的代码）`);
    return 2;
  }
  const status = pinned();
  if (status !== null) return status;
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  // --count N: how many reports the batch suite generates and checks (default 10,000).
  const at = args.indexOf("--count");
  if (at >= 0) {
    const n = Number(args[at + 1]);
    if (!Number.isInteger(n) || n < 2) {
      console.error("nianbao bench：--count 需要一个不小于 2 的整数");
      return 2;
    }
    process.env.NIANBAO_BENCH_COUNT = String(n);
    args.splice(at, 2);
  }
  const wanted = args.filter((a) => !a.startsWith("--"));
  const files = readdirSync(SUITES)
    .filter((f) => f.endsWith(".ts") && (wanted.length === 0 || wanted.includes(basename(f, ".ts"))))
    .sort();
  if (files.length === 0) {
    console.error(`nianbao bench：没有找到测试套件${wanted.length ? `（${wanted.join("、")}）` : ""}`);
    return 2;
  }
  const core = process.env[PINNED];
  const machine = `Node ${process.version} · ${platform()} ${process.arch} · ${cpus()[0]?.model.trim() ?? "未知 CPU"} · ${
    core !== undefined ? `固定在 1 个核（CPU ${core}）` : "未固定核（没有 taskset）"
  }`;
  if (!json) console.log(`nianbao 性能测试 · ${machine}\n`);
  const rows: BenchRow[] = [];
  for (const f of files) {
    if (!json) process.stderr.write(`运行 ${f} …\n`);
    rows.push(...runSuiteProcess(f));
  }
  if (json) console.log(JSON.stringify({ machine, rows }, null, 2));
  else console.log(table(rows));
  return 0;
}

process.exitCode = await main();
