import type { Kysely } from "kysely";
import type { Envelope } from "../pipeline/index.js";
import { versions as currentVersions } from "../pipeline/index.js";
import { agencyYears, findAgency, listAgencies, lockAgencies, mergeAgencies, now, splitAgency, type AgencyInfo } from "./agencies.js";
import { connect, type Connection, type ConnectOptions } from "./connect.js";
import type { Engine } from "./engine.js";
import { storeError } from "./errors.js";
import { kyselyExec } from "./exec.js";
import { AfterWrites, importPrepared, type ImportOptions, type ImportOutcome } from "./importer.js";
import { isPrepared, prepareEnvelope, type PreparedEnvelope } from "./prepare.js";
import {
  counts,
  getReport,
  iterateFindings,
  iterateReportCells,
  listOriginals,
  listReports,
  reportJson,
  type CellEntry,
  type CorpusCounts,
  type CorpusFilter,
  type FindingEntry,
  type OriginalSummary,
  type Paging,
  type ReportSummary,
  type StoredReport,
} from "./queries.js";
import { importRegions, parseRegions } from "./regions.js";
import type { Database } from "./schema.js";
import { WebStore } from "./web/index.js";
import { ruleCounts, ruleReports, statsReports, statsScope, type RuleCount, type StatsRegion, type StatsReportRow, type StatsScope } from "./stats.js";
import { RegisterStore } from "./register/index.js";
import { FilingStore } from "./filing/index.js";
import { moveAgencyData } from "./agency-data.js";
import { refreshAgency } from "./years.js";

/**
 * The corpus (SQLite or PostgreSQL behind one interface): what the CLI, the worker and the
 * HTTP server call. Every failure of the database is a StoreError with a Chinese message.
 */
export class Store {
  /** Users, sessions, decisions, jobs and the audit log of the web server (web/, migration 005-web). */
  readonly web: WebStore;
  /** The 依申请公开 register per agency (register/, migration 003-register). */
  readonly register: RegisterStore;
  /** The filing form's drafts (filing/, migration 004-filing). */
  readonly filing: FilingStore;

  private constructor(private readonly conn: Connection) {
    this.web = new WebStore(() => this.conn.db, (fn) => this.run(fn));
    this.register = new RegisterStore(() => this.conn.db, () => this.conn.engine, (fn) => this.run(fn));
    this.filing = new FilingStore(() => this.conn.db, (fn) => this.run(fn));
  }

  static async open(url?: string, opts: ConnectOptions = {}): Promise<Store> {
    return new Store(await connect(url, opts));
  }

  get engine(): Engine {
    return this.conn.engine;
  }

  /** The database for messages (a file, or a URL without its password). */
  get where(): string {
    return this.conn.where;
  }

  /** The Kysely instance, for the store's own modules and migrations added by later layers in src/store. */
  get kysely(): Kysely<Database> {
    return this.conn.db;
  }

  private async run<T>(fn: () => Promise<T>): Promise<T> {
    const lost = this.conn.lost();
    if (lost) throw lost;
    try {
      return await fn();
    } catch (e) {
      throw storeError(e, this.conn.where);
    }
  }

  async close(): Promise<void> {
    await this.conn.db.destroy().catch(() => {});
  }

  /** What is stored for these bytes: `ok`, `failed`, `queued`, or null when nothing is. */
  async status(sha256: string): Promise<OriginalSummary["status"] | null> {
    return this.run(async () => (await this.conn.db.selectFrom("originals").select("status").where("sha256", "=", sha256).executeTakeFirst())?.status ?? null);
  }

  /** Writes one envelope with its original bytes, in one transaction (see importer.ts). */
  async importEnvelope(env: Envelope | PreparedEnvelope, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportOutcome> {
    return (await this.importGroup([{ env, bytes }], opts))[0]!;
  }

  /**
   * A batch import begins: until the returned function is called, SQLite's WAL is checkpointed
   * in a thread of its own rather than by the thread writing the batch (connect.ts).
   */
  batch(): () => Promise<void> {
    return this.conn.batch();
  }

  /**
   * Writes several envelopes in one transaction, one after another as `importEnvelope` would:
   * all of them are stored or none (the batch import's groups, see batch.ts). PostgreSQL: the
   * agencies' lock is taken first, by every import transaction: a group's later files need it
   * anyway, and taken half-way it could deadlock with another importer (a queue worker, the
   * web upload) waiting for this transaction's rows (the same file's bytes) while holding it.
   */
  async importGroup(items: readonly { env: Envelope | PreparedEnvelope; bytes: Uint8Array }[], opts: ImportOptions = {}): Promise<ImportOutcome[]> {
    const prepared = items.map((i) => ({ p: isPrepared(i.env) ? i.env : prepareEnvelope(i.env), bytes: i.bytes }));
    return this.run(() =>
      this.conn.write(async (x) => {
        await lockAgencies(x);
        const after = new AfterWrites();
        const out: ImportOutcome[] = [];
        for (const { p, bytes } of prepared) {
          out.push(await importPrepared(x, p, bytes, opts, after));
          // SQLite runs on this thread: let the reading workers' results in and new inputs out
          // between files, rather than leave the workers idle while a whole group is written.
          if (x.engine === "sqlite") await new Promise((next) => setImmediate(next));
        }
        await after.finish(x);
        return out;
      }),
    );
  }

  /**
   * Stores a file's bytes for a worker to read (`import --queue`): the blob and a `queued`
   * original. Returns false when the bytes were already stored (queued or read).
   */
  async storeForQueue(sha256: string, bytes: Uint8Array, name: string): Promise<boolean> {
    return this.run(() =>
      this.conn.db.transaction().execute(async (trx) => {
        await trx.insertInto("blobs").values({ sha256, size: bytes.length, bytes, created_at: now() }).onConflict((oc) => oc.column("sha256").doNothing()).execute();
        const v = { nianbao: "", reader: "", rules: "", templates: "" };
        const row = await trx
          .insertInto("originals")
          .values({ sha256, name, format: null, status: "queued", error_code: null, error_message: null, report_count: 0, nianbao_version: v.nianbao, reader_version: v.reader, rules_version: v.rules, templates_version: v.templates, timings: null, imported_at: now() })
          .onConflict((oc) => oc.column("sha256").doNothing())
          .returning("sha256")
          .executeTakeFirst();
        return row !== undefined;
      }),
    );
  }

  /** The original bytes of a stored file. */
  async blob(sha256: string): Promise<Uint8Array | null> {
    return this.run(async () => {
      const row = await this.conn.db.selectFrom("blobs").select("bytes").where("sha256", "=", sha256).executeTakeFirst();
      return row ? new Uint8Array(row.bytes) : null;
    });
  }

  /**
   * Stored files to read again: those an older reader, rule set or template data produced
   * (or every one, with `all`); failed files are included, since a newer reader may read them.
   */
  async rereadCandidates(opts: { all?: boolean } = {}): Promise<{ sha256: string; name: string; status: OriginalSummary["status"] }[]> {
    const v = currentVersions(null);
    return this.run(async () => {
      const rows = await this.conn.db.selectFrom("originals").select(["sha256", "name", "status", "reader_version", "rules_version", "templates_version", "nianbao_version"]).orderBy("name").execute();
      return rows
        .filter((o) => o.status !== "queued")
        .filter((o) => opts.all || o.nianbao_version !== v.nianbao || o.rules_version !== v.rules || o.templates_version !== v.templates || (o.reader_version !== "" && !o.reader_version.endsWith(`@${v.nianbao}`)))
        .map((o) => ({ sha256: o.sha256, name: o.name, status: o.status }));
    });
  }

  async listReports(filter: CorpusFilter = {}, paging: Paging = {}): Promise<{ total: number; items: ReportSummary[] }> {
    return this.run(() => listReports(this.conn.db, filter, paging));
  }

  async getReport(id: number): Promise<StoredReport | null> {
    return this.run(() => getReport(this.conn.db, id));
  }

  /** The stored JSON text of a report, exactly as written when it was imported. */
  async reportJson(id: number): Promise<string | null> {
    return this.run(() => reportJson(this.conn.db, id));
  }

  /** Findings of the filtered reports (severity: this and graver), by agency, year, report. */
  findings(filter: CorpusFilter = {}): AsyncGenerator<FindingEntry> {
    return this.iterate(() => iterateFindings(this.conn.db, filter));
  }

  /** The filtered reports with every cell. */
  reportCells(filter: CorpusFilter = {}): AsyncGenerator<{ report: ReportSummary; cells: Map<string, CellEntry> }> {
    return this.iterate(() => iterateReportCells(this.conn.db, filter));
  }

  private async *iterate<T>(make: () => AsyncGenerator<T>): AsyncGenerator<T> {
    try {
      yield* make();
    } catch (e) {
      throw storeError(e, this.conn.where);
    }
  }

  async originals(filter: { status?: OriginalSummary["status"] } = {}): Promise<OriginalSummary[]> {
    return this.run(() => listOriginals(this.conn.db, filter));
  }

  async counts(): Promise<CorpusCounts> {
    return this.run(() => counts(this.conn.db));
  }

  async agencies(filter: { ids?: number[] } = {}): Promise<AgencyInfo[]> {
    return this.run(() => listAgencies(this.conn.db, filter));
  }

  /** An agency named by a user (id, a name, or its display name); a Chinese error when none. */
  async findAgency(ref: string): Promise<number> {
    return this.run(() => findAgency(this.conn.db, ref));
  }

  /** Joins agency `from` into `into` (names, reports, children) and re-runs the cross-year rules over its years. */
  async mergeAgencies(intoRef: string, fromRef: string): Promise<AgencyInfo> {
    return this.run(() =>
      this.conn.db.transaction().execute(async (trx) => {
        const into = await findAgency(trx, intoRef);
        const from = await findAgency(trx, fromRef);
        await moveAgencyData(trx, into, from);
        await mergeAgencies(trx, into, from);
        await refreshAgency(kyselyExec(trx, this.engine), into);
        return (await listAgencies(trx, { ids: [into] }))[0]!;
      }),
    );
  }

  /** Moves the given names of an agency (and their reports) to a new agency; both re-checked across years. */
  async splitAgency(ref: string, names: string[]): Promise<[AgencyInfo, AgencyInfo]> {
    return this.run(() =>
      this.conn.db.transaction().execute(async (trx) => {
        const id = await findAgency(trx, ref);
        const created = await splitAgency(trx, id, names);
        await refreshAgency(kyselyExec(trx, this.engine), id);
        await refreshAgency(kyselyExec(trx, this.engine), created);
        const [a, b] = [(await listAgencies(trx, { ids: [id] }))[0]!, (await listAgencies(trx, { ids: [created] }))[0]!];
        return [a, b];
      }),
    );
  }

  /** Loads a regions CSV (columns in docs/store.md); all rows or none. */
  async importRegions(csv: string, file = "CSV"): Promise<number> {
    const rows = parseRegions(csv, file);
    return this.run(() => this.conn.db.transaction().execute((trx) => importRegions(trx, kyselyExec(trx, this.engine), rows, file)));
  }

  async agencyYears(id: number): Promise<number[]> {
    return this.run(() => agencyYears(this.conn.db, id));
  }

  // Statistics (src/stats computes the figures; these are its queries).

  /** The reports a region (code, code prefix or agency, with everything under it) and years cover; an unknown region is a StoreError. */
  async statsScope(q: { region?: string | null; agencyId?: number | null; from?: number | null; to?: number | null }): Promise<{ scope: StatsScope; region: StatsRegion | null }> {
    return this.run(() => statsScope(this.conn.db, q));
  }

  /** The scope's reports with their cells of these keys (null: not a number), kept between runs in `stats_inputs`. */
  async statsReports(scope: StatsScope, keys: string[]): Promise<StatsReportRow[]> {
    return this.run(() => statsReports(this.conn.db, this.conn.engine, scope, keys));
  }

  /** Findings per rule and severity: of the scope's reports, or of the reports listed. */
  async ruleCounts(of: StatsScope | number[]): Promise<RuleCount[]> {
    return this.run(() => ruleCounts(this.conn.db, this.conn.engine, of));
  }

  /** Which of these reports have findings of a rule (of one severity, when given), in id order. */
  async ruleReports(reportIds: number[], rule: string, severity?: string): Promise<number[]> {
    return this.run(() => ruleReports(this.conn.db, this.conn.engine, reportIds, rule, severity));
  }

  /**
   * Which of these reports have been reviewed (approved or returned by a reviewer), and which
   * returned. Review states are decisions on the whole report (fingerprint ''): far fewer rows
   * than reports, so they are read whole and matched here rather than sent as a list of ids.
   */
  async reviewCounts(reportIds: number[]): Promise<{ reviewed: number[]; returned: number[] }> {
    return this.run(async () => {
      const rows = await this.conn.db.selectFrom("decisions").select(["report_id", "verdict"]).where("fingerprint", "=", "").execute();
      const wanted = new Set(reportIds);
      const mine = rows.filter((r) => wanted.has(r.report_id));
      return { reviewed: mine.map((r) => r.report_id), returned: mine.filter((r) => r.verdict === "returned").map((r) => r.report_id) };
    });
  }
}

/** Opens the corpus at `url`: a PostgreSQL URL, or a SQLite file (default `./nianbao.db`). */
export function openStore(url?: string, opts: ConnectOptions = {}): Promise<Store> {
  return Store.open(url, opts);
}
