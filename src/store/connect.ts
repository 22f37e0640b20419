import { accessSync, constants, existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { describeLocation, locate, type Engine, type StoreLocation } from "./engine.js";
import { StoreError, storeError } from "./errors.js";
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
  try {
    if (location.engine === "sqlite") db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(location.target, opts) }) });
    else {
      const pool = new pg.Pool({ connectionString: location.target, max: opts.poolSize ?? 4, connectionTimeoutMillis: 10_000 });
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
  return { db, engine: location.engine, location, where, lost: () => lostError };
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
    // import writes some 150 KB a report.
    sqlite.pragma("wal_autocheckpoint = 4000");
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
