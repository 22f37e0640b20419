import type BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from "kysely";
import type pg from "pg";
import type { Engine } from "./engine.js";
import type { Database } from "./schema.js";

/**
 * A statement written once, for both engines: `?` placeholders (numbered `$1…` for
 * PostgreSQL), or a text per engine where their SQL differs. Its name identifies its prepared
 * form: SQLite keeps one compiled statement per name, PostgreSQL one named prepared statement
 * per connection, so a statement run for every report is parsed and planned once.
 */
export interface Stmt {
  name: string;
  sqlite: string;
  postgres: string;
}

const names = new Set<string>();

export function stmt(name: string, text: string | { sqlite: string; postgres: string }): Stmt {
  if (names.has(name)) throw new Error(`statement ${name} defined twice`);
  names.add(name);
  const t = typeof text === "string" ? { sqlite: text, postgres: text } : text;
  let n = 0;
  return { name: `nianbao_${name}`, sqlite: t.sqlite, postgres: t.postgres.replace(/\?/g, () => `$${++n}`) };
}

/**
 * Runs statements on one connection (within a transaction, when the caller opened one). The
 * import's hot path uses it instead of the query builder: per report it runs a dozen
 * statements and some 250 cell inserts, where building and compiling each query cost more
 * than the database's work.
 */
export interface Exec {
  readonly engine: Engine;
  all<T>(s: Stmt, params?: readonly unknown[]): Promise<T[]>;
  get<T>(s: Stmt, params?: readonly unknown[]): Promise<T | undefined>;
  /** Rows changed. */
  run(s: Stmt, params?: readonly unknown[]): Promise<number>;
  /** The same statement once per parameter list (SQLite: a prepared statement in a loop). */
  runEach(s: Stmt, rows: readonly (readonly unknown[])[]): Promise<void>;
}

/** SQLite: better-sqlite3's statements, compiled once per connection and name. */
export function sqliteExec(db: BetterSqlite3.Database): Exec {
  let cache = compiled.get(db);
  if (!cache) compiled.set(db, (cache = new Map()));
  const prepared = (s: Stmt) => {
    let p = cache.get(s.name);
    if (!p) cache.set(s.name, (p = db.prepare(s.sqlite)));
    return p;
  };
  return {
    engine: "sqlite",
    all: async <T>(s: Stmt, params: readonly unknown[] = []) => prepared(s).all(params) as T[],
    get: async <T>(s: Stmt, params: readonly unknown[] = []) => prepared(s).get(params) as T | undefined,
    run: async (s, params = []) => prepared(s).run(params).changes,
    runEach: async (s, rows) => {
      const p = prepared(s);
      for (const r of rows) p.run(r);
    },
  };
}

const compiled = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** PostgreSQL: named prepared statements on one pooled client. */
export function pgExec(client: pg.PoolClient): Exec {
  const query = (s: Stmt, params: readonly unknown[]) => client.query({ name: s.name, text: s.postgres, values: params as unknown[] });
  return {
    engine: "postgres",
    all: async <T>(s: Stmt, params: readonly unknown[] = []) => (await query(s, params)).rows as T[],
    get: async <T>(s: Stmt, params: readonly unknown[] = []) => (await query(s, params)).rows[0] as T | undefined,
    run: async (s, params = []) => (await query(s, params)).rowCount ?? 0,
    runEach: async (s, rows) => {
      for (const r of rows) await query(s, r);
    },
  };
}

/** The same statements through Kysely: inside a transaction the query builder opened (merges, splits, regions). */
export function kyselyExec(db: Kysely<Database> | Transaction<Database>, engine: Engine): Exec {
  const query = (s: Stmt, params: readonly unknown[]) => db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(engine === "postgres" ? s.postgres : s.sqlite, [...params]));
  return {
    engine,
    all: async <T>(s: Stmt, params: readonly unknown[] = []) => (await query(s, params)).rows as T[],
    get: async <T>(s: Stmt, params: readonly unknown[] = []) => (await query(s, params)).rows[0] as T | undefined,
    run: async (s, params = []) => Number((await query(s, params)).numAffectedRows ?? 0),
    runEach: async (s, rows) => {
      for (const r of rows) await query(s, r);
    },
  };
}

/** The same, for a caller that holds only the query builder: its engine read from Kysely's adapter. */
export function execOf(db: Kysely<Database> | Transaction<Database>): Exec {
  return kyselyExec(db, db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite");
}
