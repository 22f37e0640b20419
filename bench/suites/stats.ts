import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { regionStats } from "../../src/stats/index.js";
import { FIGURES } from "../../src/stats/figures.js";
import { figureKeys } from "../../src/stats/terms.js";
import { openStore, type Store } from "../../src/store/index.js";
import { startTestPg } from "../../test/support/pg.js";
import { round } from "../measure.js";
import { cityName, seed, sqliteCorpus } from "../stats-corpus.js";
import type { BenchRow } from "../types.js";

/**
 * Statistics over a corpus of N reports (default 10,000: 2,500 agencies × 2019–2022, under 50
 * cities of one province — bench/stats-corpus.ts): `regionStats` for the whole corpus and for
 * one city (200 reports), on SQLite and on PostgreSQL (NIANBAO_BENCH_PG, or a throwaway
 * cluster). The goal: under 300 ms for 10,000 reports. The first call on a store reads each
 * report's cells once and keeps them (stats_inputs, migration 006): timed apart as 首次.
 * The floor is reading the kept inputs alone (store.statsReports), in the same run.
 *
 * The SQLite corpus is built once per count and kept in the temporary folder (each run works on
 * a copy, so that 首次 is a first time); PostgreSQL is filled anew each run (a few minutes for
 * 10,000). `npm run bench -- stats --count 2000` for a short run.
 */

const RUNS = 5;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function time(f: () => Promise<unknown>): Promise<Timing> {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const u = process.cpuUsage(c);
  return { wallMs: performance.now() - t, cpuMs: (u.user + u.system) / 1000 };
}

/** The median run of several, by wall time. */
async function median(f: () => Promise<unknown>): Promise<Timing> {
  const all: Timing[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await time(f));
  return all.sort((a, b) => a.wallMs - b.wallMs)[Math.floor(RUNS / 2)]!;
}

async function measure(engine: string, store: Store, n: number): Promise<BenchRow[]> {
  const whole = {};
  const city = { region: cityName(3) };
  const cold = await time(() => regionStats(store, whole));
  const { scope } = await store.statsScope({});
  const floor = await median(() => store.statsReports(scope, figureKeys(FIGURES)));
  const warm = await median(() => regionStats(store, whole));
  const one = await median(() => regionStats(store, city));
  const reports = (await regionStats(store, city)).reports.counted;
  const count = n.toLocaleString("en-US");
  // The floor is for the whole corpus: a city's row is not set against it.
  const row = (name: string, t: Timing, units: number, note: string): BenchRow => ({
    suite: "统计",
    name: `${engine} · ${name}`,
    reportsPerSecond: round(units / (t.wallMs / 1000)),
    floorName: "只读出全部报告的统计输入（store.statsReports，不计算，同一次运行）",
    ...(units === n ? { floorPerSecond: round(n / (floor.wallMs / 1000)), timesFloor: round(t.wallMs / floor.wallMs) } : {}),
    note: `墙钟 ${Math.round(t.wallMs)} ms（本进程 CPU ${Math.round(t.cpuMs)} ms）${note}`,
  });
  return [
    row(`全部 ${count} 份，首次（读出单元格并保存统计输入）`, cold, n, ""),
    row(`全部 ${count} 份`, warm, n, `，${RUNS} 次的中位数；目标 1 万份 300 ms 以内`),
    row(`一个市 ${reports} 份`, one, reports, `，${RUNS} 次的中位数`),
  ];
}

const suite = async (): Promise<BenchRow[]> => {
  const n = Number(process.env.NIANBAO_BENCH_COUNT ?? 10_000);
  const work = mkdtempSync(join(tmpdir(), "nianbao-bench-stats-"));
  const rows: BenchRow[] = [];
  let pg: ReturnType<typeof startTestPg> = null;
  try {
    const copy = join(work, "corpus.db");
    copyFileSync(await sqliteCorpus(n), copy);
    const sqlite = await openStore(copy);
    try {
      rows.push(...(await measure("SQLite", sqlite, n)));
    } finally {
      await sqlite.close();
    }
    let url = process.env.NIANBAO_BENCH_PG ?? null;
    if (!url) {
      try {
        pg = startTestPg();
        url = pg ? await pg.createDb() : null;
      } catch {
        url = null;
      }
    }
    if (!url) return [...rows, { suite: "统计", name: "PostgreSQL", note: "本机没有 PostgreSQL（设置 NIANBAO_BENCH_PG 指定一个）" }];
    const store = await openStore(url);
    try {
      if ((await store.counts()).reports !== n) {
        const t = performance.now();
        await seed(store, n);
        process.stderr.write(`统计：PostgreSQL 中导入 ${n} 份报告用了 ${Math.round((performance.now() - t) / 1000)} 秒\n`);
      }
      rows.push(...(await measure("PostgreSQL", store, n)));
    } finally {
      await store.close();
    }
    return rows;
  } finally {
    pg?.stop();
    rmSync(work, { recursive: true, force: true });
  }
};

export default suite;
