import { accessSync, constants, existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { describeLocation, locate, type Engine, type StoreLocation } from "./engine.js";
import { BackgroundCheckpoints } from "./checkpoints.js";
import { StoreError, storeError } from "./errors.js";
import { pgExec, sqliteExec, type Exec } from "./exec.js";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";

export interface ConnectOptions {
  /**
   * SQLite only: the most pages the file may grow to (`PRAGMA max_page_count`), so that a
   * store can be kept within a size — and a full disk can be tested.
   */
  maxPages?: number;
  /** PostgreSQL only: connections in the pool (default 4). */
  poolSize?: number;
}

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  location: StoreLocation;
  /** For messages: the file, or the URL without its password. */
  where: string;
  /** The first error a PostgreSQL connection reported while idle (the server went away). */
  lost: () => StoreError | null;
  /**
   * One transaction on one connection, its statements run through `Exec` (prepared once):
   * the import's write path. SQLite: `begin immediate` while holding the query builder's
   * connection, so no other query of this process slips in; PostgreSQL: a client of the pool.
   */
  write: <T>(fn: (x: Exec) => Promise<T>) => Promise<T>;
  /**
   * A batch of writes begins (a batch import): SQLite checkpoints its WAL in a thread of its own
   * until the returned function is called (checkpoints.ts). PostgreSQL: nothing to do.
   */
  batch: () => () => Promise<void>;
}

// PostgreSQL's bigint (count(*)) as a JS number: the corpus never nears 2^53 rows.
pg.types.setTypeParser(20, (v) => Number(v));
// double precision as number (the default already), numeric as number too.
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens the store at `url` (a PostgreSQL URL or a SQLite file) and brings its schema up to date. */
export async function connect(url: string | undefined, opts: ConnectOptions = {}): Promise<Connection> {
  const location = locate(url);
  const where = describeLocation(location);
  let lostError: StoreError | null = null;
  let db: Kysely<Database>;
  let write: Connection["write"];
  let batch: Connection["batch"] = () => async () => {};
  try {
    if (location.engine === "sqlite") {
      const sqlite = openSqlite(location.target, opts);
      db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
      const tx = { begin: sqlite.prepare("begin immediate"), commit: sqlite.prepare("commit"), rollback: sqlite.prepare("rollback") };
      const checkpoints = sqliteCheckpoints(sqlite, location.target);
      write = async (fn) => {
        const out = await db.connection().execute(() => sqliteWrite(sqlite, tx, fn));
        checkpoints.committed();
        return out;
      };
      batch = checkpoints.batch;
    } else {
      const pool = new pg.Pool({ connectionString: location.target, max: opts.poolSize ?? 4, connectionTimeoutMillis: 10_000 });
      write = (fn) => pgWrite(pool, fn);
      // An idle client whose server went away: remember it for the next call, never crash.
      const remember = (e: Error) => {
        lostError ??= storeError(e, where);
      };
      pool.on("error", remember);
      // A checked-out client whose socket breaks between queries emits its error itself.
      pool.on("connect", (client) => client.on("error", remember));
      db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    }
  } catch (e) {
    throw storeError(e, where);
  }
  try {
    await migrate(db, location.engine);
  } catch (e) {
    await db.destroy().catch(() => {});
    throw storeError(e, where);
  }
  return { db, engine: location.engine, location, where, lost: () => lostError, write, batch };
}

const WAL_PAGES = 4000;

/**
 * During batches (counted: two may overlap), the WAL is checkpointed by a thread of its own
 * after each commit instead of by the committing thread; the connection's own checkpoints
 * resume when the last batch ends. An in-memory database has no WAL.
 */
function sqliteCheckpoints(sqlite: BetterSqlite3.Database, path: string) {
  let background: BackgroundCheckpoints | null = null;
  let batches = 0;
  const ownCheckpoints = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${WAL_PAGES}`);
  };
  const batch = () => {
    if (path === ":memory:" || (batches === 0 && !(background = BackgroundCheckpoints.start(path, ownCheckpoints)))) return async () => {};
    if (batches++ === 0) sqlite.pragma("wal_autocheckpoint = 0");
    let ended = false;
    return async () => {
      if (ended) return;
      ended = true;
      if (--batches > 0) return;
      const bg = background!;
      background = null;
      await bg.close();
      ownCheckpoints();
    };
  };
  return { batch, committed: () => background?.request() };
}

type TxStatements = Record<"begin" | "commit" | "rollback", BetterSqlite3.Statement>;

async function sqliteWrite<T>(sqlite: BetterSqlite3.Database, tx: TxStatements, fn: (x: Exec) => Promise<T>): Promise<T> {
  // Immediate: take the write lock now (waiting up to the busy timeout for another process),
  // rather than fail on upgrading a read transaction half-way.
  tx.begin.run();
  try {
    const out = await fn(sqliteExec(sqlite));
    tx.commit.run();
    return out;
  } catch (e) {
    // Some errors (a full disk) have rolled the transaction back already.
    if (sqlite.inTransaction) tx.rollback.run();
    throw e;
  }
}

async function pgWrite<T>(pool: pg.Pool, fn: (x: Exec) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const out = await fn(pgExec(client));
    await client.query("commit");
    return out;
  } catch (e) {
    await client.query("rollback").catch((r: Error) => (broken = r));
    throw e;
  } finally {
    // A client whose rollback failed (the connection broke) is dropped, not reused.
    client.release(broken);
  }
}

/**
 * better-sqlite3 for the query builder, compiling each distinct SQL text once: Kysely asks for
 * a new statement for every query, and compiling costs more than running most of them. A
 * statement still being iterated (a streamed select) is not shared.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 256): { prepare(sql: string): BetterSqlite3.Statement; close(): void } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        // Most recently used last, so the oldest is the one dropped.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const s = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, s);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return s;
    },
    close: () => sqlite.close(),
  };
}

function openSqlite(path: string, opts: ConnectOptions): BetterSqlite3.Database {
  const exists = path !== ":memory:" && existsSync(path);
  if (exists) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new StoreError("readonly", `数据库 ${path}：文件或其所在文件夹是只读的，无法写入（请检查权限）`);
    }
  }
  const sqlite = new BetterSqlite3(path, { timeout: 15_000 });
  try {
    // WAL: readers never wait for the importer; NORMAL sync keeps every committed
    // transaction across a killed process (only a power cut may lose the last few).
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("foreign_keys = ON");
    // Checkpoint the WAL every 16 MB rather than 4: a checkpoint syncs the disk, and an
    // import writes some 100 KB a report.
    sqlite.pragma(`wal_autocheckpoint = ${WAL_PAGES}`);
    if (opts.maxPages) sqlite.pragma(`max_page_count = ${Math.floor(opts.maxPages)}`);
    // A damaged file often opens; reading its schema is what finds out.
    sqlite.prepare("select count(*) from sqlite_master").get();
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return sqlite;
}

async function migrate(db: Kysely<Database>, engine: Engine): Promise<void> {
  // Unordered: migrations numbered below one already run (the register's 003/004 after the
  // server's 005) still run on a database that has the later one.
  const migrator = new Migrator({ db, provider: migrations(engine), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const failed = results?.find((r) => r.status === "Error");
  if (failed) throw new Error(`migration ${failed.migrationName} failed`);
}
