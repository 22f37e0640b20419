import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../support/cli.js";
import { startTestPg, type TestPg } from "../support/pg.js";
import { hasPostgres, reportFile, writeFiles } from "../support/store.js";

// Killed with SIGKILL at random points, an import run again ends with every report exactly
// once: each file is written whole within one transaction (a group of files), and a rerun skips the bytes already stored.

const N = 36;
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-crash-"));
  const formats = ["tab-cell", "tab-row", "markdown", "html"] as const;
  const files = Array.from({ length: N }, (_, k) =>
    reportFile(100 + k, { template: k % 2 ? "2021" : "2019", year: k % 2 ? 2022 : 2020, agency: `第${k % 12}号县人民政府`, format: formats[k % formats.length] }),
  );
  mkdirSync(join(dir, "files"));
  writeFiles(join(dir, "files"), files.map((f, k) => ({ ...f, name: `f${String(k).padStart(2, "0")}-${f.name}` })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = { ...process.env, NIANBAO_NO_PROGRESS: "1" };

const children: ChildProcess[] = [];
// A test that fails half-way leaves no worker waiting for a server that is gone.
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return child;
}

function finish(child: ChildProcess): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, out, err })));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the store at `db` holds more than `than` reports, or `child` has ended (60 s at most). */
async function committedMore(db: string, than: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until && child.exitCode === null) {
    if (existsSync(db)) {
      try {
        const sqlite = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
        try {
          const n = (sqlite.prepare("select count(*) as n from reports").get() as { n: number }).n;
          if (n > than) return;
        } finally {
          sqlite.close();
        }
      } catch {
        // Not created yet, or its tables not yet made: look again.
      }
    }
    await sleep(50);
  }
}

describe("an import killed at random points", () => {
  it("on SQLite: the rerun has every report exactly once and the file is intact", async () => {
    const db = join(dir, "corpus.db");
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const child = run(["import", join(dir, "files"), "--db", db]);
      const done = finish(child);
      // The first kill at any point (even before the file exists); the later ones once this run
      // has committed something more, at a random point after: on a slow machine a fixed delay
      // could kill every run before its first commit and test nothing.
      if (i > 0) await committedMore(db, seen.at(-1) ?? 0, child);
      await sleep(i === 0 ? Math.random() * 1500 : Math.random() * 600);
      child.kill("SIGKILL");
      const r = await done;
      if (r.signal !== "SIGKILL") expect(r.code).toBe(0); // finished before the kill
      if (!existsSync(db)) {
        seen.push(0); // killed before it created the file
        continue;
      }
      const sqlite = new BetterSqlite3(db);
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      const hasTable = sqlite.prepare("select count(*) as n from sqlite_master where name = 'reports'").get() as { n: number };
      seen.push(hasTable.n ? (sqlite.prepare("select count(*) as n from reports").get() as { n: number }).n : 0);
      sqlite.close();
    }
    // Nothing committed is lost between kills.
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const last = await finish(run(["import", join(dir, "files"), "--db", db]));
    expect(last.code).toBe(0);
    expect(last.out).toMatch(/跳过已导入的 \d+ 个/);
    const sqlite = new BetterSqlite3(db);
    try {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.prepare("select count(*) as n, count(distinct sha256) as d from reports").get()).toEqual({ n: N, d: N });
      expect(sqlite.prepare("select count(*) as n from originals where status = 'ok'").get()).toEqual({ n: N });
      // Cross-year findings once per pair, not once per attempt.
      const dupes = sqlite.prepare("select count(*) as n from (select report_id, fingerprint, count(*) c from findings group by report_id, fingerprint, previous_report_id having count(*) > 1) x").get() as { n: number };
      expect(dupes.n).toBe(0);
    } finally {
      sqlite.close();
    }
  }, 120_000);
});

describe.skipIf(!hasPostgres())("workers on PostgreSQL, one killed mid-job", () => {
  let server: TestPg;
  beforeAll(() => {
    server = startTestPg()!;
  });
  afterAll(() => server?.stop());

  it("another worker retries the job; every report exactly once", async () => {
    const url = await server.createDb();
    const queued = await finish(run(["import", "--queue", join(dir, "files"), "--db", url, "--job-timeout", "2"]));
    expect(queued.err).toBe("");
    expect(queued.code).toBe(0);
    expect(queued.out).toContain(`已加入队列 ${N} 个文件`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const active = async () => Number((await client.query("select count(*) as n from pgboss.job where state = 'active'")).rows[0].n);
      // Worker A alone, killed while it holds a job (tried again if the kill fell between two jobs).
      let killedMidJob = false;
      for (let attempt = 0; attempt < 6 && !killedMidJob; attempt++) {
        const a = run(["worker", "--db", url, "--supervise", "1"]);
        const doneA = finish(a);
        let log = "";
        a.stderr!.on("data", (d) => (log += d));
        const t0 = Date.now();
        while (!/\.(txt|md|html)：/.test(log) && Date.now() - t0 < 20_000) await sleep(20);
        await sleep(Math.random() * 60);
        a.kill("SIGKILL");
        await doneA;
        killedMidJob = (await active()) > 0;
      }
      expect(killedMidJob).toBe(true);
      // Two workers finish the queue; the dead worker's job expires and is retried.
      const [b, c] = [finish(run(["worker", "--db", url, "--supervise", "1", "--until-empty"])), finish(run(["worker", "--db", url, "--supervise", "1", "--until-empty"]))];
      const results = await Promise.all([b, c]);
      for (const r of results) expect(r.code).toBe(0);
      const counts = (await client.query("select count(*)::int as n, count(distinct sha256)::int as d from reports")).rows[0];
      expect(counts).toEqual({ n: N, d: N });
      expect((await client.query("select count(*)::int as n from originals where status = 'ok'")).rows[0].n).toBe(N);
      const retried = Number((await client.query("select count(*) as n from pgboss.job where retry_count > 0")).rows[0].n);
      expect(retried).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  }, 180_000);
});

