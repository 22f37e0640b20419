import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { Finding } from "../../model/finding.js";
import { findingOf } from "../rows.js";
import type { Database } from "../schema.js";
import type { ReviewState, Scope } from "./types.js";

type Db = Kysely<Database>;

/** The report list's filters, sorting and page (api.md `GET /api/reports`). */
export interface ReportQuery {
  year?: number;
  agencyId?: number;
  /** An agency: it and every agency under it. */
  regionId?: number;
  template?: string;
  status?: ReportStatus;
  review?: "pending" | ReviewState;
  /** Part of the agency's name (as shown or as written), the title or the file name. */
  q?: string;
  sort?: "agency" | "year" | "errors" | "warnings" | "importedAt";
  order?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

/** error: has errors; warning: warnings but no errors; clean: neither; unread: the tables were not read. */
export type ReportStatus = "error" | "warning" | "clean" | "unread";

export interface ReportRow {
  id: number;
  agency: string | null;
  agencyId: number | null;
  year: number | null;
  template: string | null;
  format: string | null;
  file: string;
  title: string | null;
  errors: number;
  warnings: number;
  infos: number;
  review: "pending" | ReviewState;
  importedAt: string;
}

export interface ReportPage {
  total: number;
  counts: Record<ReportStatus, number>;
  items: ReportRow[];
}

/** The agencies under `root` (itself included), through the parent links: a recursive query. */
const subtree = (root: number) =>
  sql`(with recursive sub(id) as (select id from agencies where id = ${root} union select a.id from agencies a join sub on a.parent_id = sub.id) select id from sub)`;

/** The SQL condition that keeps a report (alias `r`) inside a scope. */
export function scopeCondition(scope: Scope): Expression<SqlBool> {
  switch (scope.kind) {
    case "all":
      return sql<SqlBool>`1 = 1`;
    case "none":
      return sql<SqlBool>`1 = 0`;
    case "agency":
      return sql<SqlBool>`r.agency_id = ${scope.id}`;
    case "subtree":
      return sql<SqlBool>`r.agency_id in ${subtree(scope.root)}`;
  }
}

/** Reports whose tables were not read: found through the findings' rule index, not a lookup per report. */
const UNREAD_IDS = sql`(select f.report_id from findings f where f.rule = 'tables-unread')`;
const UNREAD = sql<SqlBool>`r.id in ${UNREAD_IDS}`;

function statusCondition(s: ReportStatus): Expression<SqlBool> {
  switch (s) {
    case "error":
      return sql<SqlBool>`r.errors > 0`;
    case "warning":
      return sql<SqlBool>`r.errors = 0 and r.warnings > 0`;
    case "clean":
      return sql<SqlBool>`r.errors = 0 and r.warnings = 0`;
    case "unread":
      return UNREAD;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The list's filters without sorting and paging: what an export of "the list as filtered" takes. */
export type ReportFilter = Omit<ReportQuery, "sort" | "order" | "page" | "pageSize">;

const REVIEW = sql`(select d.verdict from decisions d where d.report_id = r.id and d.fingerprint = '')`;

/**
 * The conditions of a scope and a filter on reports (alias `r`, agencies joined as `a`),
 * shared by the list and by the exports (CorpusFilter.scope / .web in queries.ts).
 */
export function reportConditions(scope: Scope, q: ReportFilter, withStatus = true): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [scopeCondition(scope)];
  if (q.year !== undefined) out.push(sql<SqlBool>`r.year = ${q.year}`);
  if (q.agencyId !== undefined) out.push(sql<SqlBool>`r.agency_id = ${q.agencyId}`);
  if (q.regionId !== undefined) out.push(sql<SqlBool>`r.agency_id in ${subtree(q.regionId)}`);
  if (q.template) out.push(sql<SqlBool>`r.template = ${q.template}`);
  if (q.review === "pending") out.push(sql<SqlBool>`${REVIEW} is null`);
  else if (q.review) out.push(sql<SqlBool>`${REVIEW} = ${q.review}`);
  const text = q.q?.trim();
  if (text) {
    const p = `%${escapeLike(text)}%`;
    out.push(sql<SqlBool>`(r.agency_name like ${p} escape '\\' or r.title like ${p} escape '\\' or r.file like ${p} escape '\\' or r.agency_id in (select x.id from agencies x where x.name like ${p} escape '\\'))`);
  }
  if (withStatus && q.status) out.push(statusCondition(q.status));
  return out;
}

/** Reports (alias `r`) in the scope and filter; no join, so SQLite can answer from the list indexes alone. */
function filtered(db: Db, scope: Scope, q: ReportFilter) {
  let x = db.selectFrom("reports as r");
  for (const c of reportConditions(scope, q, false)) x = x.where(c);
  return x;
}

const SORT = {
  agency: sql`coalesce((select x.name from agencies x where x.id = r.agency_id), r.agency_name, '')`,
  year: sql`r.year`,
  errors: sql`r.errors`,
  warnings: sql`r.warnings`,
  importedAt: sql`r.created_at`,
} as const;

/**
 * A page of the report list, its total and the counts by status (over the same filters but the
 * status, so the UI can show them on its tabs). Paging and counting happen in the database.
 */
export async function listReportRows(db: Db, scope: Scope, q: ReportQuery): Promise<ReportPage> {
  const base = filtered(db, scope, q);
  const c = await base
    .select([
      sql<number>`count(*)`.as("all"),
      sql<number>`coalesce(sum(case when r.errors > 0 then 1 else 0 end), 0)`.as("error"),
      sql<number>`coalesce(sum(case when r.errors = 0 and r.warnings > 0 then 1 else 0 end), 0)`.as("warning"),
      sql<number>`coalesce(sum(case when r.errors = 0 and r.warnings = 0 then 1 else 0 end), 0)`.as("clean"),
    ])
    .executeTakeFirstOrThrow();
  const unread = await base.where(UNREAD).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  const counts = { error: Number(c.error), warning: Number(c.warning), clean: Number(c.clean), unread: Number(unread.n) };
  const total = q.status ? counts[q.status] : Number(c.all);
  const pageSize = Math.min(200, Math.max(1, q.pageSize ?? 20));
  const page = Math.max(1, q.page ?? 1);
  let rows = base;
  if (q.status) rows = rows.where(statusCondition(q.status));
  const dir = q.order === "desc" ? sql`desc` : sql`asc`;
  const sort = SORT[q.sort ?? "importedAt"];
  // The page's ids first, from the list index alone; then only those rows (see 005-web).
  const page_ = await rows
    .select("r.id")
    .orderBy(sql`${sort} ${dir}`)
    .orderBy("r.id", q.order === "desc" ? "desc" : "asc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const ids = page_.map((x) => x.id);
  const found = ids.length
    ? await db
        .selectFrom("reports as r")
        .leftJoin("agencies as a", "a.id", "r.agency_id")
        .select(["r.id", "r.agency_id", "a.name as agency", "r.agency_name", "r.year", "r.template", "r.format", "r.file", "r.title", "r.errors", "r.warnings", "r.infos", "r.created_at", REVIEW.as("verdict")])
        .where("r.id", "in", ids)
        .execute()
    : [];
  const byId = new Map(found.map((x) => [x.id, x]));
  return {
    total,
    counts,
    items: ids.map((id) => byId.get(id)!).filter(Boolean).map(rowOf),
  };
}

/** The columns both list queries select. */
interface ListedColumns {
  id: number;
  agency_id: number | null;
  agency: string | null;
  agency_name: string | null;
  year: number | null;
  template: string | null;
  format: string | null;
  file: string;
  title: string | null;
  errors: number | string;
  warnings: number | string;
  infos: number | string;
  created_at: string;
  verdict: unknown;
}

/** A row of the report list as the web shows it, from the columns both queries select. */
function rowOf(x: ListedColumns): ReportRow {
  return {
    id: x.id,
    agency: x.agency ?? x.agency_name,
    agencyId: x.agency_id,
    year: x.year,
    template: x.template,
    format: x.format,
    file: x.file,
    title: x.title,
    errors: Number(x.errors),
    warnings: Number(x.warnings),
    infos: Number(x.infos),
    review: ((x.verdict as ReviewState | null) ?? "pending") as ReportRow["review"],
    importedAt: x.created_at,
  };
}

/** Rows of the list for the given reports, those inside the scope only, in the order given (a statistic's drill-down). */
export async function reportRowsByIds(db: Db, scope: Scope, ids: number[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  const found = await db
    .selectFrom("reports as r")
    .leftJoin("agencies as a", "a.id", "r.agency_id")
    .select(["r.id", "r.agency_id", "a.name as agency", "r.agency_name", "r.year", "r.template", "r.format", "r.file", "r.title", "r.errors", "r.warnings", "r.infos", "r.created_at", REVIEW.as("verdict")])
    .where("r.id", "in", ids)
    .where(scopeCondition(scope))
    .execute();
  const byId = new Map(found.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    return x ? [rowOf(x)] : [];
  });
}

/** Whether a report exists and is inside the scope (a report outside it is "not found" to the caller). */
export async function reportInScope(db: Db, scope: Scope, reportId: number): Promise<boolean> {
  const r = await db.selectFrom("reports as r").select("r.id").where("r.id", "=", reportId).where(scopeCondition(scope)).executeTakeFirst();
  return r !== undefined;
}

/** Whether an agency is inside the scope. */
export async function agencyInScope(db: Db, scope: Scope, agencyId: number): Promise<boolean> {
  if (scope.kind === "all") return (await db.selectFrom("agencies").select("id").where("id", "=", agencyId).executeTakeFirst()) !== undefined;
  if (scope.kind === "none") return false;
  if (scope.kind === "agency") return scope.id === agencyId;
  const r = await db.selectFrom("agencies as x").select("x.id").where("x.id", "=", agencyId).where(sql<SqlBool>`x.id in ${subtree(scope.root)}`).executeTakeFirst();
  return r !== undefined;
}

export interface ScopedAgency {
  id: number;
  name: string;
  aliases: string[];
  parentId: number | null;
  regionCode: string | null;
  level: string | null;
}

/** The agencies a scope covers, with their names as written. */
export async function agenciesInScope(db: Db, scope: Scope): Promise<ScopedAgency[]> {
  let q = db.selectFrom("agencies as x").select(["x.id", "x.name", "x.parent_id", "x.region_code", "x.level"]).orderBy("x.name").orderBy("x.id");
  if (scope.kind === "none") return [];
  if (scope.kind === "agency") q = q.where("x.id", "=", scope.id);
  if (scope.kind === "subtree") q = q.where(sql<SqlBool>`x.id in ${subtree(scope.root)}`);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const aliases = ids.length ? await db.selectFrom("agency_aliases").select(["agency_id", "key"]).where("agency_id", "in", ids).orderBy("key").execute() : [];
  const by = new Map<number, string[]>();
  for (const a of aliases) by.set(a.agency_id, [...(by.get(a.agency_id) ?? []), a.key]);
  return rows.map((r) => ({ id: r.id, name: r.name, aliases: by.get(r.id) ?? [], parentId: r.parent_id, regionCode: r.region_code, level: r.level }));
}

/** The report of the same agency's year before (the latest imported), if the corpus has one. */
export async function previousYearReport(db: Db, reportId: number): Promise<number | null> {
  const r = await db.selectFrom("reports").select(["agency_id", "year"]).where("id", "=", reportId).executeTakeFirst();
  if (!r || r.agency_id === null || r.year === null) return null;
  const p = await db.selectFrom("reports").select("id").where("agency_id", "=", r.agency_id).where("year", "=", r.year - 1).orderBy("id", "desc").limit(1).executeTakeFirst();
  return p?.id ?? null;
}

export interface OriginalInfo {
  sha256: string;
  name: string;
  format: string | null;
  size: number;
  status: "ok" | "failed" | "queued";
  error: string | null;
  reportIds: number[];
}

/** What is stored for some bytes: the original's name, format, size, status and reports. */
export async function originalInfo(db: Db, sha256: string): Promise<OriginalInfo | null> {
  const o = await db
    .selectFrom("originals as o")
    .innerJoin("blobs as b", "b.sha256", "o.sha256")
    .select(["o.sha256", "o.name", "o.format", "o.status", "o.error_message", "b.size"])
    .where("o.sha256", "=", sha256)
    .executeTakeFirst();
  if (!o) return null;
  const reports = await db.selectFrom("reports").select("id").where("sha256", "=", sha256).orderBy("idx").execute();
  return { sha256: o.sha256, name: o.name, format: o.format, size: Number(o.size), status: o.status, error: o.error_message, reportIds: reports.map((r) => r.id) };
}

/** The original a report was read from. */
export async function originalOfReport(db: Db, reportId: number): Promise<OriginalInfo | null> {
  const r = await db.selectFrom("reports").select("sha256").where("id", "=", reportId).executeTakeFirst();
  return r ? originalInfo(db, r.sha256) : null;
}

/** Reports' agencies, for checking an upload's results against the uploader's scope. */
export async function reportAgencies(db: Db, ids: number[]): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("reports").select(["id", "agency_id"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.agency_id]));
}

/** A file that could not be read, as a row of the list (it has no report, so no id or agency). */
export interface FailedRow extends Omit<ReportRow, "id"> {
  id: null;
  error: string;
}

/** Files stored as unreadable, newest first. */
export async function failedFiles(db: Db, page: number, pageSize: number): Promise<{ total: number; items: FailedRow[] }> {
  const total = await db.selectFrom("originals").select(sql<number>`count(*)`.as("n")).where("status", "=", "failed").executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("originals")
    .select(["name", "format", "error_message", "imported_at"])
    .where("status", "=", "failed")
    .orderBy("imported_at", "desc")
    .orderBy("sha256")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((o) => ({ id: null, agency: null, agencyId: null, year: null, template: null, format: o.format, file: o.name, title: null, errors: 0, warnings: 0, infos: 0, review: "pending", importedAt: o.imported_at, error: o.error_message ?? "无法读取" })),
  };
}

/** A report as the detail page needs it: its stored JSON text (as imported: messages filled in) and where it came from. */
export interface ReportHead {
  id: number;
  sha256: string;
  agencyId: number | null;
  agency: string | null;
  file: string;
  format: string | null;
  json: string;
}

export async function reportHead(db: Db, id: number): Promise<ReportHead | null> {
  const r = await db
    .selectFrom("reports as r")
    .leftJoin("agencies as a", "a.id", "r.agency_id")
    .select(["r.id", "r.sha256", "r.agency_id", "a.name", "r.agency_name", "r.file", "r.format", "r.json"])
    .where("r.id", "=", id)
    .executeTakeFirst();
  return r ? { id: r.id, sha256: r.sha256, agencyId: r.agency_id, agency: r.name ?? r.agency_name, file: r.file, format: r.format, json: r.json } : null;
}

/** The report's findings against the agency's year before (stored beside it, not in its JSON). */
export async function acrossYearFindings(db: Db, id: number): Promise<Finding[]> {
  const rows = await db.selectFrom("findings").selectAll().where("report_id", "=", id).where("previous_report_id", "is not", null).orderBy("id").execute();
  return rows.map(findingOf);
}
