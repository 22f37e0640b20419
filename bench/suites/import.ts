import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processMany } from "../../src/pipeline/index.js";
import { importFiles } from "../../src/store/batch.js";
import { openStore } from "../../src/store/index.js";
import { startTestPg } from "../../test/support/pg.js";
import { randomReport } from "../../src/generate/random-report.js";
import { OUTPUTS, render, type OutputFormat, type RenderOptions } from "../../src/render/index.js";
import type { BenchRow, BenchSuite } from "../types.js";

/**
 * Importing a corpus: N reports (NIANBAO_BENCH_IMPORT_COUNT, default 10,000) in the bench's
 * mix of whole web pages, text copies and DOCX, written to files, then (1) only read and
 * checked — processMany over the same files, the floor — and (2) imported into a new SQLite
 * file, and (3) into PostgreSQL when there is one (NIANBAO_BENCH_PG, or a throwaway cluster).
 * Wall-clock time, since writing is I/O; peak RSS sampled after every file. Goal for 10,000:
 * under 60 s and 300 MB on 2 cores, import at most 25% over reading.
 */

const MIX: [OutputFormat, RenderOptions][] = [
  ["html", { splitHeaders: true }],
  ["tab-cell", {}],
  ["html", { encoding: "gbk", amountUnit: "万元" }],
  ["tab-row", {}],
  ["docx", {}],
  ["markdown", {}],
  ["html", { merged: false }],
  ["tab-cell", { blankZeros: true }],
];

/** Reports `from`…`from + n − 1` of the mix (each its own seed, so every file is distinct), as rows.ts's `generated` makes them. */
function generatedFrom(from: number, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const [format, opts] = MIX[k % MIX.length]!;
    const report = randomReport(20_000 + k, { template: k % 2 ? "2021" : "2019", zeroRate: 0.7, maxCount: 60 });
    return { name: `r${k}${OUTPUTS[format].ext}`, bytes: render(report, format, opts) };
  });
}

function writeInputs(dir: string, n: number): { paths: string[]; bytes: number } {
  const paths: string[] = [];
  let bytes = 0;
  // A few at a time, so the inputs never sit in memory together.
  for (let k = 0; k < n; k += 50) {
    const batch = generatedFrom(k, Math.min(50, n - k));
    for (const [i, x] of batch.entries()) {
      const p = join(dir, `${String(k + i).padStart(6, "0")}-${x.name}`);
      writeFileSync(p, x.bytes);
      paths.push(p);
      bytes += x.bytes.length;
    }
  }
  return { paths, bytes };
}

interface Run {
  seconds: number;
  reports: number;
  peakMb: number;
}

async function timed(work: (sample: () => void) => Promise<number>): Promise<Run> {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  sample();
  const t0 = performance.now();
  const reports = await work(sample);
  return { seconds: (performance.now() - t0) / 1000, reports, peakMb: Math.round(peak / 1024 / 1024) };
}

async function importInto(url: string, paths: string[]): Promise<Run> {
  const store = await openStore(url);
  try {
    return await timed(async (sample) => {
      let n = 0;
      for await (const e of importFiles(store, paths)) {
        if (e.kind === "stored") n += e.envelope.reports.length;
        sample();
      }
      return n;
    });
  } finally {
    await store.close();
  }
}

const suite: BenchSuite = async () => {
  const n = Number(process.env.NIANBAO_BENCH_IMPORT_COUNT) || 10_000;
  const dir = mkdtempSync(join(tmpdir(), "nianbao-bench-import-"));
  const pg = process.env.NIANBAO_BENCH_PG ? null : startTestPgQuietly();
  try {
    const { paths, bytes } = writeInputs(dir, n);
    const mb = bytes / 1024 / 1024;
    const read = await timed(async (sample) => {
      let r = 0;
      for await (const env of processMany(paths)) {
        r += env.reports.length;
        sample();
      }
      return r;
    });
    const sqlite = await importInto(join(dir, "bench.db"), paths);
    const floor = { floorName: `同一批文件只读取并检查（processMany），${n} 个文件、平均 ${Math.round((bytes / n / 1024) * 10) / 10} KB`, floorPerSecond: round(read.reports / read.seconds) };
    const row = (name: string, r: Run): BenchRow => ({
      suite: "导入",
      name,
      reportsPerSecond: round(r.reports / r.seconds),
      mbPerSecond: round(mb / r.seconds),
      ...floor,
      timesFloor: round(r.seconds / read.seconds),
      note: `${r.reports} 份报告用时 ${r.seconds.toFixed(1)} 秒（按此速度 10,000 份约 ${Math.round((10_000 * r.seconds) / Math.max(1, r.reports))} 秒），内存峰值 ${r.peakMb} MB；比只读取多用 ${Math.round((r.seconds / read.seconds - 1) * 100)}%（目标：10,000 份 60 秒、300 MB 以内，多用不超过 25%）`,
    });
    const rows = [row("只读取并检查（下限）", read), row("导入 SQLite（WAL，每个文件一个事务）", sqlite)];
    const pgUrl = process.env.NIANBAO_BENCH_PG ?? (pg ? await pg.createDb() : null);
    if (pgUrl) rows.push(row("导入 PostgreSQL（本机，Unix 套接字）", await importInto(pgUrl, paths)));
    else rows.push({ suite: "导入", name: "导入 PostgreSQL", note: "本机没有 PostgreSQL（设置 NIANBAO_BENCH_PG 指定一个）" });
    return rows;
  } finally {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

function startTestPgQuietly() {
  try {
    return startTestPg();
  } catch {
    return null;
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

export default suite;
