import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * A PostgreSQL for the tests: NIANBAO_TEST_PG (a URL) when set; else a throwaway cluster —
 * initdb into a temp folder, listening only on a Unix socket in that folder, run as the
 * `postgres` user when we are root (PostgreSQL refuses to run as root) — stopped and removed
 * by `stop()`. Null when there is no PostgreSQL here; under CI=true that is an error, not a skip.
 */
export interface TestPg {
  /** URL of the cluster's `postgres` database. */
  url: string;
  /** A new empty database on the cluster, its URL. */
  createDb(): Promise<string>;
  /** Stops the server now (to test a server that goes away); `stop` still cleans up. */
  kill(): void;
  /** Starts a killed server again. */
  restart(): void;
  stop(): void;
}

function findBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  return null;
}

let counter = 0;

function withDbName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function make(url: string, kill: () => void, stop: () => void, restart: () => void = () => {}): TestPg {
  return {
    url,
    async createDb() {
      const name = `nianbao_test_${process.pid}_${Date.now()}_${counter++}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return withDbName(url, name);
    },
    kill,
    restart,
    stop,
  };
}

export function startTestPg(): TestPg | null {
  const given = process.env.NIANBAO_TEST_PG;
  if (given) return make(given, () => {}, () => {});
  const bin = findBin();
  if (!bin) {
    if (process.env.CI === "true") throw new Error("CI=true but PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and NIANBAO_TEST_PG is not set");
    return null;
  }
  const root = userInfo().uid === 0;
  const dir = mkdtempSync("/tmp/nianbao-pg-");
  // PostgreSQL will not run as root: as the Debian package's `postgres` user, else `nobody`.
  const user = root ? (spawnSync("id", ["-u", "postgres"]).status === 0 ? "postgres" : "nobody") : null;
  if (user) chownSync(dir, Number(execFileSync("id", ["-u", user]).toString().trim()), Number(execFileSync("id", ["-g", user]).toString().trim()));
  const as = (cmd: string, args: string[]) => (user ? spawnSync("runuser", ["-u", user, "--", join(bin, cmd), ...args], { encoding: "utf8" }) : spawnSync(join(bin, cmd), args, { encoding: "utf8" }));
  const data = join(dir, "data");
  const init = as("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const start = () => {
    const r = as("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "30", "-o", `-c listen_addresses='' -k ${dir} -c fsync=off -c max_connections=60`, "start"]);
    if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.stderr}${r.stdout}`);
  };
  start();
  const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
  let stopped = false;
  const kill = () => {
    if (stopped) return;
    stopped = true;
    as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  };
  return make(
    url,
    kill,
    () => {
      kill();
      rmSync(dir, { recursive: true, force: true });
    },
    () => {
      start();
      stopped = false;
    },
  );
}
