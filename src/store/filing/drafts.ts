import type { Kysely, Selectable, Transaction } from "kysely";
import type { Draft, DraftCellOrigin } from "../../model/draft.js";
import type { TemplateId } from "../../model/report.js";
import { decodeReport } from "../../model/report-json.js";
import type { Report } from "../../model/report.js";
import { now } from "../agencies.js";
import { StoreError } from "../errors.js";
import { chunks } from "../rows.js";
import type { Database } from "../schema.js";
import type { FilingDraftTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/** A draft as stored: the draft, and who saved which version when. */
export interface StoredDraft {
  id: number;
  agencyId: number;
  /** The agency's display name in the store. */
  agency: string;
  year: number;
  status: "draft" | "submitted";
  version: number;
  savedBy: string;
  savedAt: string;
  createdAt: string;
  /** The corpus report of the last submission. */
  reportId: number | null;
  submittedBy: string | null;
  submittedAt: string | null;
  draft: Draft;
}

export type DraftSummary = Omit<StoredDraft, "draft"> & { title: string; template: TemplateId };

export interface DraftVersion {
  version: number;
  status: string;
  savedBy: string;
  savedAt: string;
}

/** What a draft keeps besides its cells and parts. */
type Body = Pick<Draft, "agency" | "derived" | "previous" | "register" | "prefill">;

function bodyOf(d: Draft): string {
  const body: Body = { agency: d.agency, derived: d.derived, previous: d.previous, register: d.register, prefill: d.prefill };
  return JSON.stringify(body);
}

type Row = Selectable<FilingDraftTable> & { agency: string };

function summaryOf(r: Row): DraftSummary {
  return {
    id: r.id,
    agencyId: r.agency_id,
    agency: r.agency,
    year: r.year,
    status: r.status,
    version: r.version,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
    createdAt: r.created_at,
    reportId: r.report_id,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    title: r.title,
    template: r.template as TemplateId,
  };
}

function draftsQuery(db: Db) {
  return db.selectFrom("filing_drafts as d").innerJoin("agencies as a", "a.id", "d.agency_id").selectAll("d").select("a.name as agency");
}

/** The stored draft with this id, whole; null when there is none. */
export async function loadDraft(db: Db, id: number): Promise<StoredDraft | null> {
  const row = await draftsQuery(db).where("d.id", "=", id).executeTakeFirst();
  if (!row) return null;
  const cells = await db.selectFrom("filing_draft_cells").select(["key", "raw", "origin"]).where("draft_id", "=", id).orderBy("key").execute();
  const sections = await db.selectFrom("filing_draft_sections").select(["no", "text"]).where("draft_id", "=", id).orderBy("no").execute();
  const body = JSON.parse(row.body) as Body;
  const { title, template, ...summary } = summaryOf(row);
  const draft: Draft = {
    agency: body.agency,
    year: row.year,
    template,
    title,
    sections: sections.map((s) => ({ no: s.no, text: s.text })),
    cells: Object.fromEntries(cells.map((c) => [c.key, { raw: c.raw, origin: c.origin as DraftCellOrigin }])),
    derived: body.derived,
    previous: body.previous,
    register: body.register,
    prefill: body.prefill,
  };
  return { ...summary, draft };
}

export async function draftIdOf(db: Db, agencyId: number, year: number): Promise<number | null> {
  const row = await db.selectFrom("filing_drafts").select("id").where("agency_id", "=", agencyId).where("year", "=", year).executeTakeFirst();
  return row?.id ?? null;
}

export async function listDrafts(db: Db, f: { agencies?: number[]; year?: number; status?: "draft" | "submitted" }): Promise<DraftSummary[]> {
  let q = draftsQuery(db);
  if (f.agencies) q = q.where("d.agency_id", "in", f.agencies.length ? f.agencies : [-1]);
  if (f.year !== undefined) q = q.where("d.year", "=", f.year);
  if (f.status) q = q.where("d.status", "=", f.status);
  return (await q.orderBy("a.name").orderBy("d.year").execute()).map(summaryOf);
}

/** A new draft (version 1) for an agency and year; an existing one is replaced only when asked. */
export async function insertDraft(trx: Transaction<Database>, agencyId: number, agencyName: string, d: Draft, by: string, replace: boolean): Promise<number> {
  const existing = await draftsQuery(trx).where("d.agency_id", "=", agencyId).where("d.year", "=", d.year).executeTakeFirst();
  if (existing && !replace) {
    throw new StoreError("conflict", `${agencyName} ${d.year} 年度已有草稿（第 ${existing.version} 版，${existing.saved_by} 于 ${existing.saved_at} 保存${existing.status === "submitted" ? "，已提交" : ""}）；要重新生成请加 --replace（原草稿及其各版本将删除，已提交到报告库的报告保留）`);
  }
  if (existing) await trx.deleteFrom("filing_drafts").where("id", "=", existing.id).execute();
  const at = now();
  const row = await trx
    .insertInto("filing_drafts")
    .values({ agency_id: agencyId, year: d.year, template: d.template, title: d.title, status: "draft", version: 1, body: bodyOf(d), saved_by: by, saved_at: at, created_at: at, report_id: null, submitted_by: null, submitted_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeContent(trx, row.id, d);
  await snapshot(trx, row.id, 1, "draft", by, at, d);
  return row.id;
}

/**
 * Saves a new version of a draft: refused when someone saved since `baseVersion` (the version
 * the clerk was editing), so two people never overwrite each other unseen. Saving a submitted
 * draft reopens it.
 */
export async function updateDraft(trx: Transaction<Database>, id: number, d: Draft, by: string, baseVersion: number): Promise<void> {
  const row = await draftsQuery(trx).where("d.id", "=", id).executeTakeFirst();
  if (!row) throw new StoreError("not-found", `没有编号为 ${id} 的草稿`);
  if (d.year !== row.year || d.template !== row.template) throw new StoreError("invalid", `草稿是 ${row.year} 年度（${row.template} 年版格式）的，不能改成 ${d.year} 年度（${d.template} 年版格式）`);
  const version = row.version + 1;
  const at = now();
  const res = await trx
    .updateTable("filing_drafts")
    .set({ title: d.title, status: "draft", version, body: bodyOf(d), saved_by: by, saved_at: at })
    .where("id", "=", id)
    .where("version", "=", baseVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict(row, baseVersion);
  await trx.deleteFrom("filing_draft_cells").where("draft_id", "=", id).execute();
  await trx.deleteFrom("filing_draft_sections").where("draft_id", "=", id).execute();
  await writeContent(trx, id, d);
  await snapshot(trx, id, version, "draft", by, at, d);
}

/**
 * Marks the version `baseVersion` submitted, as the corpus report `reportId`. The draft's
 * earlier submission, when there was one, leaves the corpus (one report per draft: a
 * resubmission after a correction replaces it; the draft's versions keep what was sent).
 */
export async function markSubmitted(trx: Transaction<Database>, id: number, baseVersion: number, reportId: number, by: string): Promise<void> {
  const row = await draftsQuery(trx).where("d.id", "=", id).executeTakeFirst();
  if (!row) throw new StoreError("not-found", `没有编号为 ${id} 的草稿`);
  if (row.report_id !== null && row.report_id !== reportId && row.version === baseVersion) await retireReport(trx, row.report_id);
  const at = now();
  const res = await trx
    .updateTable("filing_drafts")
    .set({ status: "submitted", report_id: reportId, submitted_by: by, submitted_at: at })
    .where("id", "=", id)
    .where("version", "=", baseVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict(row, baseVersion);
  await trx.updateTable("filing_draft_versions").set({ status: "submitted" }).where("draft_id", "=", id).where("version", "=", baseVersion).execute();
}

/** Removes a superseded submission: its report (cells, findings, decisions go with it) and, when no report is left on them, its original and bytes. */
async function retireReport(trx: Transaction<Database>, reportId: number): Promise<void> {
  const r = await trx.selectFrom("reports").select("sha256").where("id", "=", reportId).executeTakeFirst();
  if (!r) return;
  await trx.deleteFrom("reports").where("id", "=", reportId).execute();
  const left = await trx.selectFrom("reports").select("id").where("sha256", "=", r.sha256).limit(1).executeTakeFirst();
  if (left) return;
  await trx.deleteFrom("originals").where("sha256", "=", r.sha256).execute();
  await trx.deleteFrom("blobs").where("sha256", "=", r.sha256).execute();
}

function conflict(row: Row, base: number): StoreError {
  return new StoreError("conflict", `草稿已被 ${row.saved_by} 于 ${row.saved_at} 保存为第 ${row.version} 版（您编辑的是第 ${base} 版）；请重新打开草稿，在最新版本上修改`);
}

async function writeContent(trx: Transaction<Database>, id: number, d: Draft): Promise<void> {
  const cells = Object.entries(d.cells).map(([key, c]) => ({ draft_id: id, key, raw: c.raw, origin: c.origin }));
  for (const part of chunks(cells, 300)) await trx.insertInto("filing_draft_cells").values(part).execute();
  const sections = d.sections.map((s) => ({ draft_id: id, no: s.no, text: s.text }));
  if (sections.length) await trx.insertInto("filing_draft_sections").values(sections).execute();
}

async function snapshot(trx: Transaction<Database>, id: number, version: number, status: string, by: string, at: string, d: Draft): Promise<void> {
  await trx.insertInto("filing_draft_versions").values({ draft_id: id, version, status, saved_by: by, saved_at: at, json: JSON.stringify(d) }).execute();
}

export async function draftVersions(db: Db, id: number): Promise<DraftVersion[]> {
  const rows = await db.selectFrom("filing_draft_versions").select(["version", "status", "saved_by", "saved_at"]).where("draft_id", "=", id).orderBy("version").execute();
  return rows.map((r) => ({ version: r.version, status: r.status, savedBy: r.saved_by, savedAt: r.saved_at }));
}

export async function draftVersion(db: Db, id: number, version: number): Promise<Draft | null> {
  const row = await db.selectFrom("filing_draft_versions").select("json").where("draft_id", "=", id).where("version", "=", version).executeTakeFirst();
  return row ? (JSON.parse(row.json) as Draft) : null;
}

/** The agency's report of a year in the corpus (the latest imported when there are several). */
export async function agencyReport(db: Db, agencyId: number, year: number): Promise<{ id: number; report: Report } | null> {
  const row = await db.selectFrom("reports").select(["id", "json"]).where("agency_id", "=", agencyId).where("year", "=", year).orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? { id: row.id, report: decodeReport(JSON.parse(row.json)) } : null;
}

/** The report stored from these bytes (a submission that was stored before). */
export async function reportIdOf(db: Db, sha256: string): Promise<number | null> {
  const row = await db.selectFrom("reports").select("id").where("sha256", "=", sha256).orderBy("idx").limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Moves an agency's drafts to another (an agency merge); refused when both have one for a year. */
export async function moveDrafts(trx: Transaction<Database>, into: number, from: number): Promise<number[]> {
  const mine = await trx.selectFrom("filing_drafts").select("year").where("agency_id", "=", into).execute();
  const theirs = await trx.selectFrom("filing_drafts").select("year").where("agency_id", "=", from).execute();
  const both = theirs.map((t) => t.year).filter((y) => mine.some((m) => m.year === y));
  if (both.length) return both;
  await trx.updateTable("filing_drafts").set({ agency_id: into }).where("agency_id", "=", from).execute();
  return [];
}
