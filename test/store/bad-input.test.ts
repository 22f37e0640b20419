import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cli, ROOT } from "../support/cli.js";
import { startTestPg, type TestPg } from "../support/pg.js";
import { hasPostgres, reportFile, writeFiles } from "../support/store.js";

// A database that cannot be used gets a Chinese message naming it, exit 2, and nothing
// half-written: the rerun, once the cause is gone, is clean.

const EXAMPLES = join(ROOT, "examples");
/** Every example is one report. */
const N = readdirSync(EXAMPLES).filter((f) => /^\d{2}-/.test(f)).length;
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-bad-"));
  chmodSync(dir, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reports(db: string): { n: number; d: number } {
  const s = new BetterSqlite3(db);
  try {
    expect(s.pragma("integrity_check", { simple: true })).toBe("ok");
    return s.prepare("select count(*) as n, count(distinct sha256) as d from reports").get() as { n: number; d: number };
  } finally {
    s.close();
  }
}

describe("SQLite", () => {
  it("a damaged file: a Chinese message, exit 2, the file untouched", () => {
    const db = join(dir, "damaged.db");
    const junk = Buffer.from("这不是数据库".repeat(2000));
    writeFileSync(db, junk);
    for (const args of [["import", EXAMPLES], ["list"], ["export", "--problems", join(dir, "x.xlsx")]]) {
      const r = cli([...args, "--db", db]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`数据库 ${db}：文件已损坏或不是 nianbao 的数据库`);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(readFileSync(db)).toEqual(junk);
  });

  it("a read-only file: a Chinese message, exit 2, nothing written", () => {
    const db = join(dir, "readonly.db");
    expect(cli(["import", join(EXAMPLES, "01-tab-row-2021.txt"), "--db", db]).status).toBe(0);
    chmodSync(db, 0o444);
    const before = readFileSync(db);
    // root writes anything: run as an unprivileged user there.
    const asUser = userInfo().uid === 0 ? ["runuser", "-u", "nobody", "--", process.execPath] : [process.execPath];
    const r = spawnSync(asUser[0]!, [...asUser.slice(1), BIN, "import", EXAMPLES, "--db", db], { encoding: "utf8", env: { ...process.env, NIANBAO_NO_PROGRESS: "1" }, cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`数据库 ${db}：文件或其所在文件夹是只读的`);
    expect(readFileSync(db)).toEqual(before);
    chmodSync(db, 0o644);
    expect(reports(db)).toEqual({ n: 1, d: 1 });
  });

  it("a full disk stops the run cleanly; the rerun finishes it", () => {
    const db = join(dir, "full.db");
    const env = { NIANBAO_SQLITE_MAX_PAGES: "160" };
    const r = cliEnv(["import", EXAMPLES, "--db", db], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`数据库 ${db}：磁盘已满或数据库已达到大小上限`);
    const partial = reports(db);
    expect(partial.n).toBeLessThan(N);
    expect(partial.n).toBe(partial.d);
    const again = cli(["import", EXAMPLES, "--db", db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`导入 ${N - partial.n} 个文件`);
    expect(reports(db)).toEqual({ n: N, d: N });
  });

  it("a folder that does not exist", () => {
    const db = join(dir, "no", "such", "folder.db");
    const r = cli(["list", "--db", db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`数据库 ${db}：无法打开数据库文件`);
  });
});

function cliEnv(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NIANBAO_NO_PROGRESS: "1", ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!hasPostgres())("PostgreSQL", () => {
  let server: TestPg;
  beforeAll(() => {
    server = startTestPg()!;
  });
  afterAll(() => server?.stop());

  it("a server that is not there: a Chinese message, exit 2", () => {
    const url = `postgres://postgres@localhost/nianbao?host=${encodeURIComponent(join(dir, "no-server"))}`;
    const r = cli(["import", EXAMPLES, "--db", url]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("无法连接 PostgreSQL 服务器");
    const w = cli(["worker", "--db", url]);
    expect(w.status).toBe(2);
    expect(w.stderr).toContain("无法连接 PostgreSQL 服务器");
  });

  it("a server that goes away mid-import: exit 2, and the rerun imports the rest exactly once", async () => {
    const url = await server.createDb();
    const files = join(dir, "pg-files");
    mkdirSync(files);
    const n = 30;
    writeFiles(files, Array.from({ length: n }, (_, k) => reportFile(300 + k, { template: "2021", year: 2023, agency: `第${k}号镇人民政府`, format: k % 2 ? "html" : "tab-cell" })));
    const child = spawn(process.execPath, [BIN, "import", files, "--db", url], { cwd: ROOT, env: { ...process.env, NIANBAO_NO_PROGRESS: "1" }, stdio: ["ignore", "pipe", "pipe"], timeout: 90_000 });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const count = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return Number((await c.query("select count(*) as n from reports")).rows[0].n);
      } finally {
        await c.end();
      }
    };
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000) {
      if ((await count().catch(() => 0)) >= 3) break;
      await new Promise((r) => setTimeout(r, 30));
    }
    server.kill();
    const code = await exited;
    expect(err).toMatch(/与 PostgreSQL 服务器的连接中断|无法连接 PostgreSQL 服务器/);
    expect(code).toBe(2);
    expect(err).toMatch(/与 PostgreSQL 服务器的连接中断|无法连接 PostgreSQL 服务器/);
    expect(err).not.toMatch(/at .*\.js:\d+/);
    server.restart();
    const before = await count();
    expect(before).toBeLessThan(n);
    const again = cli(["import", files, "--db", url]);
    expect(again.status).toBe(0);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      expect((await c.query("select count(*)::int as n, count(distinct sha256)::int as d from reports")).rows[0]).toEqual({ n, d: n });
      // Each report whole: every one has its cells.
      expect((await c.query("select count(*)::int as n from reports r where not exists (select 1 from cells c where c.report_id = r.id)")).rows[0].n).toBe(0);
    } finally {
      await c.end();
    }
  }, 120_000);
});

