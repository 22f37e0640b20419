import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomReport } from "../../src/generate/random-report.js";
import { render } from "../../src/render/index.js";
import { openStore } from "../../src/store/index.js";
import { serve } from "../../test/support/serve.js";
import type { BenchRow, BenchSuite } from "../types.js";
import { folder, runCli } from "./batch.js";

/**
 * The web server under load, on loopback only: `nianbao serve` on a store seeded with the batch
 * suite's folder (default 10,000 reports, imported once through `nianbao import` and kept), and
 * 20 concurrent clients for 30 s — paging and filtering the report list, opening reports, and
 * now and then uploading a new report and following its job. Bounded in time and in requests;
 * it stops by itself. Goal: no error, p95 of the page calls (list, detail) under 300 ms.
 * NIANBAO_BENCH_COUNT (or --count), NIANBAO_BENCH_WEB_SECONDS, NIANBAO_BENCH_WEB_CLIENTS.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GENERATION = 1;
const PASSWORD = "Yali-test-2025";
/** At most this many requests in all, whatever the time allows. */
const MAX_REQUESTS = 200_000;

/** The store for `n` reports, seeded once through the import path and kept in the temporary folder. */
async function seeded(n: number): Promise<string> {
  const dir = join(tmpdir(), `nianbao-bench-web-${GENERATION}-${n}`);
  const db = join(dir, "web.db");
  const done = join(dir, ".complete");
  if (existsSync(done)) return db;
  mkdirSync(dir, { recursive: true });
  const { dir: files } = folder(n);
  const r = await runCli(["import", files, "--db", db]);
  if (r.status !== 0) throw new Error(`nianbao import exited ${r.status}`);
  const store = await openStore(db);
  try {
    if ((await store.web.countUsers()) === 0) await store.web.createUser({ login: "bench", displayName: "压力测试", password: PASSWORD, role: "admin" });
  } finally {
    await store.close();
  }
  writeFileSync(done, "");
  return db;
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const SORTS = ["agency", "year", "errors", "warnings", "importedAt"];
const STATUSES = ["", "error", "warning", "clean"];

const suite: BenchSuite = async () => {
  if (!existsSync(join(ROOT, "dist/bundle/cli.js")) || !existsSync(join(ROOT, "dist/web/index.html"))) return [{ suite: "网页", name: "—", note: "出错：尚未编译，请先运行 npm run build" }];
  const n = Number(process.env.NIANBAO_BENCH_COUNT ?? 10_000);
  const seconds = Number(process.env.NIANBAO_BENCH_WEB_SECONDS ?? 30);
  const clients = Number(process.env.NIANBAO_BENCH_WEB_CLIENTS ?? 20);
  const db = await seeded(n);
  // The server on every core, as deployed; the clients stay on the bench's own core.
  const server = await serve(db, [], { allCores: true });
  const times: Record<"list" | "detail" | "upload" | "job", number[]> = { list: [], detail: [], upload: [], job: [] };
  const errors: string[] = [];
  let requests = 0;
  try {
    // A few sessions shared by the clients, as tabs share one (logins are rate-limited per address).
    const sessions: { cookie: string; csrf: string }[] = [];
    for (let i = 0; i < Math.min(4, clients); i++) {
      const res = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "bench", password: PASSWORD }) });
      if (!res.ok) throw new Error(`login ${res.status}: ${await res.text()}`);
      sessions.push({ cookie: res.headers.get("set-cookie")!.split(";")[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken });
    }
    const total = ((await (await fetch(`${server.url}/api/reports?pageSize=1`, { headers: { cookie: sessions[0]!.cookie } })).json()) as { total: number }).total;
    const ids = ((await (await fetch(`${server.url}/api/reports?pageSize=200&sort=importedAt`, { headers: { cookie: sessions[0]!.cookie } })).json()) as { items: { id: number }[] }).items.map((x) => x.id);
    const until = Date.now() + seconds * 1000;
    let seq = 0;
    const timed = async (kind: keyof typeof times, url: string, init: RequestInit = {}): Promise<Response | null> => {
      requests++;
      const t0 = performance.now();
      try {
        const res = await fetch(url, init);
        const body = await res.arrayBuffer();
        times[kind].push(performance.now() - t0);
        if (!res.ok) {
          errors.push(`${kind} ${res.status} ${Buffer.from(body).toString("utf8").slice(0, 120)}`);
          return null;
        }
        return new Response(body, { status: res.status, headers: res.headers });
      } catch (e) {
        errors.push(`${kind} ${(e as Error).message}`);
        return null;
      }
    };
    const client = async (c: number) => {
      const s = sessions[c % sessions.length]!;
      const headers = { cookie: s.cookie };
      while (Date.now() < until && requests < MAX_REQUESTS) {
        const k = (seq++ * 7919 + c) % 100;
        if (k < 65) {
          const page = 1 + (k % Math.max(1, Math.min(50, Math.floor(total / 20))));
          const status = STATUSES[k % STATUSES.length];
          await timed("list", `${server.url}/api/reports?page=${page}&pageSize=20&sort=${SORTS[k % SORTS.length]}&order=${k % 2 ? "asc" : "desc"}${status ? `&status=${status}` : ""}`, { headers });
        } else if (k < 97) {
          await timed("detail", `${server.url}/api/reports/${ids[(seq * 31 + c) % ids.length]}`, { headers });
        } else {
          const r = randomReport(1_000_000 + seq * 100 + c, { template: "2021" });
          const form = new FormData();
          form.append("files", new Blob([Buffer.from(render(r, "tab-cell"))]), `bench-${c}-${seq}.txt`);
          const res = await timed("upload", `${server.url}/api/uploads`, { method: "POST", headers: { ...headers, "x-csrf-token": s.csrf }, body: form });
          if (!res) continue;
          const { jobId } = (await res.json()) as { jobId: string };
          for (let i = 0; i < 100 && Date.now() < until + 30_000; i++) {
            const j = await timed("job", `${server.url}/api/jobs/${jobId}`, { headers });
            if (!j || ((await j.json()) as { state: string }).state !== "running") break;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  } finally {
    await server.stop();
  }
  const line = (kind: keyof typeof times, name: string, goal: boolean): BenchRow => {
    const xs = times[kind];
    const p95 = percentile(xs, 95);
    return {
      suite: "网页",
      name: `${name}（${n.toLocaleString("en-US")} 份报告，${clients} 个并发客户端，${seconds} 秒）`,
      reportsPerSecond: Math.round((xs.length / seconds) * 10) / 10,
      note: `${xs.length} 次请求：p50 ${percentile(xs, 50).toFixed(0)} ms，p95 ${p95.toFixed(0)} ms，p99 ${percentile(xs, 99).toFixed(0)} ms${goal ? `（目标 p95 < 300 ms：${p95 < 300 ? "达到" : "未达到"}）` : ""}`,
    };
  };
  return [
    line("list", "报告列表 GET /api/reports（每秒请求数）", true),
    line("detail", "报告详情 GET /api/reports/:id（每秒请求数）", true),
    line("upload", "上传 POST /api/uploads", false),
    line("job", "任务进度 GET /api/jobs/:id", false),
    { suite: "网页", name: "出错的请求", note: errors.length ? `${errors.length} 次，例如：${errors.slice(0, 3).join("；")}` : "0 次（目标：0）" },
  ];
};

export default suite;
