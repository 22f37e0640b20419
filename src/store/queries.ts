import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Finding, Severity } from "../model/finding.js";
import { decodeReport } from "../model/report-json.js";
import type { Report } from "../model/report.js";
import { agenciesInRegion, agenciesMatching } from "./agencies.js";
import { cellsOf, findingOf } from "./rows.js";
import type { Database } from "./schema.js";
import { reportConditions, type ReportFilter } from "./web/listing.js";
import type { Scope } from "./web/types.js";

type Db = Kysely<Database>;

/** Which reports a listing or an export covers. */
export interface CorpusFilter {
  year?: number | number[];
  /** An agency: its id, one of its names, or part of a name. */
  agency?: string;
  /** A 行政区划代码 (or its leading digits) or an agency, with everything under it. */
  region?: string;
  /** Reports with at least one finding this severe (list), or findings this severe and worse (findings). */
  severity?: Severity;
  /** The web's view: only the reports a user may see, filtered as the report list is. */
  scope?: Scope;
  web?: ReportFilter;
}

export interface Paging {
  limit?: number;
  offset?: number;
}

export interface ReportSummary {
  id: number;
  sha256: string;
  agencyId: number | null;
  /** The agency's display name, else the name as written. */
  agency: string | null;
  agencyAsWritten: string | null;
  year: number | null;
  template: string | null;
  title: string | null;
  format: string | null;
  file: string;
  errors: number;
  warnings: number;
  infos: number;
  importedAt: string;
}

const SEVERITIES: Severity[] = ["error", "warning", "info"];

/** Severities at least as grave as `s`. */
export const atLeast = (s: Severity) => SEVERITIES.slice(0, SEVERITIES.indexOf(s) + 1);

interface Resolved {
  years: number[] | null;
  agencies: number[] | null;
  severity: Severity | null;
  scope?: Scope;
  web?: ReportFilter;
}

async function resolve(db: Db, f: CorpusFilter): Promise<Resolved> {
  const years = f.year === undefined ? null : Array.isArray(f.year) ? f.year : [f.year];
  let agencies: number[] | null = null;
  if (f.agency?.trim()) agencies = await agenciesMatching(db, f.agency);
  if (f.region?.trim()) {
    const inRegion = await agenciesInRegion(db, f.region);
    agencies = agencies === null ? inRegion : agencies.filter((a) => inRegion.includes(a));
  }
  return { years, agencies, severity: f.severity ?? null, scope: f.scope, web: f.web };
}

function reportsQuery(db: Db, r: Resolved) {
  let q = db.selectFrom("reports as r").leftJoin("agencies as a", "a.id", "r.agency_id");
  if (r.years) q = q.where("r.year", "in", r.years.length ? r.years : [-1]);
  if (r.agencies) q = q.where("r.agency_id", "in", r.agencies.length ? r.agencies : [-1]);
  if (r.severity === "error") q = q.where("r.errors", ">", 0);
  else if (r.severity === "warning") q = q.where((eb) => eb.or([eb("r.errors", ">", 0), eb("r.warnings", ">", 0)]));
  if (r.scope || r.web) for (const c of reportConditions(r.scope ?? { kind: "all" }, r.web ?? {})) q = q.where(c);
  return q;
}

const SUMMARY = [
  "r.id",
  "r.sha256",
  "r.agency_id",
  "a.name as agency",
  "r.agency_name",
  "r.year",
  "r.template",
  "r.title",
  "r.format",
  "r.file",
  "r.errors",
  "r.warnings",
  "r.infos",
  "r.created_at",
] as const;

type SummaryRow = { id: number; sha256: string; agency_id: number | null; agency: string | null; agency_name: string | null; year: number | null; template: string | null; title: string | null; format: string | null; file: string; errors: number; warnings: number; infos: number; created_at: string };

function summary(x: SummaryRow): ReportSummary {
  return {
    id: x.id,
    sha256: x.sha256,
    agencyId: x.agency_id,
    agency: x.agency ?? x.agency_name,
    agencyAsWritten: x.agency_name,
    year: x.year,
    template: x.template,
    title: x.title,
    format: x.format,
    file: x.file,
    errors: Number(x.errors),
    warnings: Number(x.warnings),
    infos: Number(x.infos),
    importedAt: x.created_at,
  };
}

function ordered<O>(q: SelectQueryBuilder<any, any, O>) {
  return q.orderBy(sql`coalesce(a.name, r.agency_name, '')`).orderBy("r.year").orderBy("r.id");
}

export async function listReports(db: Db, filter: CorpusFilter = {}, paging: Paging = {}): Promise<{ total: number; items: ReportSummary[] }> {
  const r = await resolve(db, filter);
  const total = await reportsQuery(db, r).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  let q = ordered(reportsQuery(db, r).select(SUMMARY));
  if (paging.limit !== undefined) q = q.limit(paging.limit).offset(paging.offset ?? 0);
  else if (paging.offset) q = q.limit(1e9).offset(paging.offset);
  const rows = (await q.execute()) as SummaryRow[];
  return { total: Number(total.n), items: rows.map(summary) };
}

export interface StoredReport {
  summary: ReportSummary;
  /** The report exactly as imported (the codec's decoding of the stored JSON). */
  report: Report;
  /** Findings against the agency's report of the year before, from the whole corpus. */
  acrossYears: (Finding & { previousReportId: number })[];
}

export async function getReport(db: Db, id: number): Promise<StoredReport | null> {
  const row = await db.selectFrom("reports as r").leftJoin("agencies as a", "a.id", "r.agency_id").select([...SUMMARY, "r.json"]).where("r.id", "=", id).executeTakeFirst();
  if (!row) return null;
  const years = await db.selectFrom("findings").selectAll().where("report_id", "=", id).where("previous_report_id", "is not", null).orderBy("id").execute();
  return {
    summary: summary(row as SummaryRow),
    report: decodeReport(JSON.parse(row.json)),
    acrossYears: years.map((f) => ({ ...findingOf(f), previousReportId: f.previous_report_id! })),
  };
}

/** The stored JSON text of a report, as written at import. */
export async function reportJson(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom("reports").select("json").where("id", "=", id).executeTakeFirst();
  return row?.json ?? null;
}

export interface FindingEntry {
  id: number;
  report: ReportSummary;
  finding: Finding;
  /** Set for cross-year findings. */
  previousReportId: number | null;
  page: number | null;
  line: number | null;
  fingerprint: string;
}

/** Every finding of the filtered reports, by agency, year and report; fetched a page at a time. */
export async function* iterateFindings(db: Db, filter: CorpusFilter = {}, pageSize = 2000): AsyncGenerator<FindingEntry> {
  const r = await resolve(db, { ...filter, severity: undefined });
  const severities = filter.severity ? atLeast(filter.severity) : null;
  for (let offset = 0; ; offset += pageSize) {
    let q = reportsQuery(db, r).innerJoin("findings as f", "f.report_id", "r.id");
    if (severities) q = q.where("f.severity", "in", severities);
    const rows = await ordered(
      q.select([
        ...SUMMARY,
        "f.id as finding_id",
        "f.rule",
        "f.origin",
        "f.severity",
        "f.message_id",
        "f.data",
        "f.cells",
        "f.source",
        "f.formula",
        "f.left_value",
        "f.right_value",
        "f.difference",
        "f.previous_report_id",
        "f.page",
        "f.line",
        "f.fingerprint",
      ]),
    )
      .orderBy("f.id")
      .limit(pageSize)
      .offset(offset)
      .execute();
    for (const x of rows) {
      yield { id: x.finding_id, report: summary(x as unknown as SummaryRow), finding: findingOf(x), previousReportId: x.previous_report_id, page: x.page, line: x.line, fingerprint: x.fingerprint };
    }
    if (rows.length < pageSize) return;
  }
}

export interface CellEntry {
  value: number | null;
  raw: string;
  inferred: boolean;
  kind: string | null;
}

/** The filtered reports with their cells, a page of reports at a time. */
export async function* iterateReportCells(db: Db, filter: CorpusFilter = {}, pageSize = 200): AsyncGenerator<{ report: ReportSummary; cells: Map<string, CellEntry> }> {
  const r = await resolve(db, filter);
  for (let offset = 0; ; offset += pageSize) {
    const rows = (await ordered(reportsQuery(db, r).select(SUMMARY)).limit(pageSize).offset(offset).execute()) as SummaryRow[];
    if (rows.length === 0) return;
    const stored = await db.selectFrom("report_cells").selectAll().where("report_id", "in", rows.map((x) => x.id)).execute();
    const by = new Map<number, Map<string, CellEntry>>();
    for (const c of stored) by.set(c.report_id, new Map(cellsOf(c.cells).map(([key, value, raw, inferred, kind]) => [key, { value, raw, inferred: Boolean(inferred), kind }])));
    for (const x of rows) yield { report: summary(x), cells: by.get(x.id) ?? new Map() };
    if (rows.length < pageSize) return;
  }
}

export interface OriginalSummary {
  sha256: string;
  name: string;
  status: "ok" | "failed" | "queued";
  format: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  reports: number;
  versions: { nianbao: string; reader: string; rules: string; templates: string };
}

export async function listOriginals(db: Db, filter: { status?: OriginalSummary["status"] } = {}): Promise<OriginalSummary[]> {
  let q = db.selectFrom("originals").selectAll().orderBy("name");
  if (filter.status) q = q.where("status", "=", filter.status);
  return (await q.execute()).map((o) => ({
    sha256: o.sha256,
    name: o.name,
    status: o.status,
    format: o.format,
    errorCode: o.error_code,
    errorMessage: o.error_message,
    reports: o.report_count,
    versions: { nianbao: o.nianbao_version, reader: o.reader_version, rules: o.rules_version, templates: o.templates_version },
  }));
}

export interface CorpusCounts {
  files: number;
  failed: number;
  queued: number;
  reports: number;
  agencies: number;
  findings: { error: number; warning: number; info: number };
}

export async function counts(db: Db): Promise<CorpusCounts> {
  const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number }> }) => Number((await q.executeTakeFirstOrThrow()).n);
  const countAll = sql<number>`count(*)`.as("n");
  const sev = await db.selectFrom("findings").select(["severity", countAll]).groupBy("severity").execute();
  const by = Object.fromEntries(sev.map((s) => [s.severity, Number(s.n)]));
  return {
    files: await n(db.selectFrom("originals").select(countAll).where("status", "!=", "queued")),
    failed: await n(db.selectFrom("originals").select(countAll).where("status", "=", "failed")),
    queued: await n(db.selectFrom("originals").select(countAll).where("status", "=", "queued")),
    reports: await n(db.selectFrom("reports").select(countAll)),
    agencies: await n(db.selectFrom("agencies").select(countAll)),
    findings: { error: by.error ?? 0, warning: by.warning ?? 0, info: by.info ?? 0 },
  };
}
