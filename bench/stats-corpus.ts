import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomReport } from "../src/generate/random-report.js";
import type { Report, TemplateId } from "../src/model/report.js";
import { processInput } from "../src/pipeline/index.js";
import { reportToJson } from "../src/report/json.js";
import { openStore, type Store } from "../src/store/index.js";

/**
 * A corpus for the statistics bench: `n` generated reports (default 10,000) of n/4 agencies
 * over four years (2019, 2020 on the 2019 template; 2021, 2022 on 2021), some with blank cells,
 * imported through the store's own import of envelopes, under a region tree of 测试省 › 50
 * cities › their agencies. The SQLite file is built once per count and kept in the temporary
 * folder; `seed(store)` fills any other store (PostgreSQL) the same way.
 */

/** Bump when the generated corpus changes, so an old file is not reused. */
const GENERATION = 1;
export const CITIES = 50;
export const YEARS = [2019, 2020, 2021, 2022];

export const agencyName = (i: number) => `测试${Math.floor(i / 100)}市第${i % 100}县第${(i % 7) + 1}局`;
export const cityName = (c: number) => `测试${c}市人民政府`;

export function reportOf(k: number, n: number): Report {
  const agencies = Math.ceil(n / YEARS.length);
  const agency = k % agencies;
  const year = YEARS[Math.floor(k / agencies)]!;
  const template: TemplateId = year < 2021 ? "2019" : "2021";
  const r = randomReport(9000 + k, { template, year, agency: agencyName(agency), zeroRate: 0.6, maxCount: 40 });
  // Some reports leave cells blank, as real ones do: statistics must count them as missing.
  if (k % 23 === 0) {
    for (const key of ["requests.granted.total", "review.reconsideration.corrected"]) {
      r.cells[key] = null;
      r.provenance[key] = { raw: "", kind: "blank" };
    }
  }
  return r;
}

export function regionsCsv(n: number): string {
  const agencies = Math.ceil(n / YEARS.length);
  const lines = ["机关,行政区划代码,上级机关,层级", "测试省人民政府,990000000000,,省级"];
  for (let c = 0; c < CITIES; c++) lines.push(`${cityName(c)},99${String(c + 1).padStart(2, "0")}00000000,测试省人民政府,市级`);
  for (let i = 0; i < agencies; i++) lines.push(`${agencyName(i)},,${cityName(i % CITIES)},县级`);
  return lines.join("\n");
}

export async function seed(store: Store, n: number, onProgress?: (done: number) => void): Promise<void> {
  for (let k = 0; k < n; k++) {
    const bytes = new TextEncoder().encode(JSON.stringify(reportToJson(reportOf(k, n))));
    const env = await processInput({ bytes, name: `r${k}.json` });
    await store.importEnvelope(env, bytes);
    if (onProgress && k % 500 === 499) onProgress(k + 1);
  }
  await store.importRegions(regionsCsv(n), "regions.csv");
}

/** The cached SQLite corpus of `n` reports: its path (built on first use). */
export async function sqliteCorpus(n: number, onProgress?: (done: number) => void): Promise<string> {
  const dir = join(tmpdir(), "nianbao-bench-stats");
  const file = join(dir, `corpus-${GENERATION}-${n}.db`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const part = `${file}.part`;
  for (const f of [part, `${part}-wal`, `${part}-shm`]) rmSync(f, { force: true });
  const store = await openStore(part);
  try {
    await seed(store, n, onProgress);
  } finally {
    await store.close();
  }
  renameSync(part, file);
  return file;
}
