import { sql, type Kysely, type Transaction } from "kysely";
import type { Application } from "../../register/model.js";
import type { Database } from "../schema.js";
import { APPLICATION_COLUMNS, applicationOf } from "./rows.js";

type Db = Kysely<Database> | Transaction<Database>;

const COLUMNS = APPLICATION_COLUMNS.filter((c) => c !== "seq");

/** Which stored applications a listing shows. */
export interface ApplicationFilter {
  /** Agency ids (resolved by the caller); absent: every agency. */
  agencies?: number[];
  /** Received in this year. */
  year?: number;
  /** Not yet answered. */
  open?: boolean;
  /** Text in the 登记编号, 申请人 or 申请内容. */
  q?: string;
}

export interface StoredApplication {
  agencyId: number;
  agency: string;
  application: Application;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Db, f: ApplicationFilter) {
  let q = db.selectFrom("register_applications as r").innerJoin("agencies as a", "a.id", "r.agency_id");
  if (f.agencies) q = q.where("r.agency_id", "in", f.agencies.length ? f.agencies : [-1]);
  if (f.year !== undefined) q = q.where("r.received", ">=", `${f.year}-01-01`).where("r.received", "<=", `${f.year}-12-31`);
  if (f.open) q = q.where("r.replied", "is", null);
  if (f.q?.trim()) {
    const p = `%${escapeLike(f.q.trim())}%`;
    q = q.where(sql<boolean>`(r.reg_id like ${p} escape '\\' or r.applicant like ${p} escape '\\' or r.request like ${p} escape '\\')`);
  }
  return q;
}

/** A page of applications, by agency and register order. */
export async function listApplications(db: Db, f: ApplicationFilter, paging: { limit?: number; offset?: number } = {}): Promise<{ total: number; items: StoredApplication[] }> {
  const total = await filtered(db, f).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  const rows = await filtered(db, f)
    .select([...COLUMNS.map((c) => `r.${c}` as const), "r.agency_id", "a.name as agency"])
    .orderBy("a.name")
    .orderBy("r.agency_id")
    .orderBy("r.seq")
    .limit(paging.limit ?? 1e9)
    .offset(paging.offset ?? 0)
    .execute();
  return { total: Number(total.n), items: rows.map((r) => ({ agencyId: r.agency_id, agency: r.agency, application: applicationOf(r) })) };
}

/**
 * An agency's applications in register order, those received by `upTo` (inclusive) when
 * given: what the tables of a year or the deadlines as of a day are counted from.
 */
export async function agencyApplications(db: Db, agencyId: number, upTo?: string): Promise<Application[]> {
  let q = db.selectFrom("register_applications as r").select(COLUMNS.map((c) => `r.${c}` as const)).where("r.agency_id", "=", agencyId);
  if (upTo) q = q.where("r.received", "<=", upTo);
  return (await q.orderBy("r.seq").execute()).map(applicationOf);
}

export interface RegisterSummary {
  agencyId: number;
  agency: string;
  applications: number;
  open: number;
  firstReceived: string | null;
  lastReceived: string | null;
  /** The last register file imported, and when. */
  lastImport: { file: string; mode: string; at: string } | null;
}

/** Agencies that keep a register, with its size and span. */
export async function registerSummaries(db: Db, agencies?: number[]): Promise<RegisterSummary[]> {
  let q = db
    .selectFrom("register_applications as r")
    .innerJoin("agencies as a", "a.id", "r.agency_id")
    .select([
      "r.agency_id",
      "a.name",
      sql<number>`count(*)`.as("n"),
      sql<number>`sum(case when r.replied is null then 1 else 0 end)`.as("open"),
      sql<string>`min(r.received)`.as("first"),
      sql<string>`max(r.received)`.as("last"),
    ])
    .groupBy(["r.agency_id", "a.name"])
    .orderBy("a.name");
  if (agencies) q = q.where("r.agency_id", "in", agencies.length ? agencies : [-1]);
  const rows = await q.execute();
  const out: RegisterSummary[] = [];
  for (const r of rows) {
    const last = await db.selectFrom("register_imports").select(["file", "mode", "imported_at"]).where("agency_id", "=", r.agency_id).orderBy("id", "desc").limit(1).executeTakeFirst();
    out.push({
      agencyId: r.agency_id,
      agency: r.name,
      applications: Number(r.n),
      open: Number(r.open),
      firstReceived: r.first ?? null,
      lastReceived: r.last ?? null,
      lastImport: last ? { file: last.file, mode: last.mode, at: last.imported_at } : null,
    });
  }
  return out;
}
