import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startTestPg } from "../../test/support/pg.js";
import { round } from "../measure.js";
import type { BenchRow, BenchSuite } from "../types.js";
import { folder, runCli, type Run } from "./batch.js";

/**
 * Importing a corpus, as a user runs it: the built CLI on the batch suite's folder (default
 * 10,000 reports: portal pages, texts, DOCX), every core given to it, wall clock and peak
 * memory of the whole process tree by /usr/bin/time. The floor is `nianbao check --format jsonl`
 * on the same folder in the same run — reading and checking the same files without storing
 * them. Then `nianbao import` into a new SQLite file, and into PostgreSQL when there is one
 * (NIANBAO_BENCH_PG, or a throwaway cluster on a Unix socket). Goals for 10,000: under 60 s
 * and 300 MB on 2 cores, import at most 25 % over reading. `--count 500` for a short run.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const suite: BenchSuite = async () => {
  if (!existsSync(join(ROOT, "dist/bundle/cli.js"))) return [{ suite: "导入", name: "—", note: "出错：命令行尚未编译，请先运行 npm run build" }];
  const n = Number(process.env.NIANBAO_BENCH_COUNT ?? 10_000);
  const { dir, bytes } = folder(n);
  const work = mkdtempSync(join(tmpdir(), "nianbao-bench-import-"));
  let pg: ReturnType<typeof startTestPg> = null;
  try {
    const read = await runCli(["check", "--format", "jsonl", dir]);
    const sqlite = await runCli(["import", dir, "--db", join(work, "bench.db")]);
    const cores = cpus().length;
    const row = (name: string, r: Run): BenchRow => ({
      suite: "导入",
      name: `${name}（${n.toLocaleString("en-US")} 份，${cores} 核）`,
      reportsPerSecond: round(n / r.wallS),
      mbPerSecond: round(bytes / 1024 / 1024 / r.wallS),
      floorName: "同一文件夹只读取并检查（nianbao check --format jsonl，同一次运行）",
      floorPerSecond: round(n / read.wallS),
      timesFloor: round(r.wallS / read.wallS),
      note:
        `墙钟 ${r.wallS.toFixed(1)} 秒（CPU ${r.cpuS.toFixed(1)} 秒），峰值内存 ${Math.round(r.maxRssMb)} MB，退出码 ${r.status}；` +
        `比只读取多用 ${Math.round((r.wallS / read.wallS - 1) * 100)}%（目标：1 万份 60 秒、300 MB 以内，多用不超过 25%）`,
    });
    const rows = [row("只读取并检查（下限）", read), row("导入 SQLite（WAL，成组提交）", sqlite)];
    let url = process.env.NIANBAO_BENCH_PG ?? null;
    if (!url) {
      try {
        pg = startTestPg();
        url = pg ? await pg.createDb() : null;
      } catch {
        url = null;
      }
    }
    if (url) rows.push(row("导入 PostgreSQL（本机，Unix 套接字）", await runCli(["import", dir, "--db", url])));
    else rows.push({ suite: "导入", name: "导入 PostgreSQL", note: "本机没有 PostgreSQL（设置 NIANBAO_BENCH_PG 指定一个）" });
    return rows;
  } finally {
    pg?.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

export default suite;
