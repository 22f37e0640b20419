import type { Report } from "../model/report.js";
import { lockAgencies, now, resolveAgency } from "./agencies.js";
import { insertCells, insertFindings } from "./cells.js";
import { stmt, type Exec } from "./exec.js";
import type { PreparedEnvelope, PreparedReport } from "./prepare.js";
import { recount, refreshNeighbours } from "./years.js";

export interface ImportOutcome {
  /** `imported`: new; `replaced`: re-read in place; `duplicate`: these bytes were already stored (nothing written); `failed`: stored with the reason it could not be read. */
  status: "imported" | "replaced" | "duplicate" | "failed";
  sha256: string;
  /** Ids of the reports written. */
  reports: number[];
}

export interface ImportOptions {
  /** Re-read: replace what an earlier reading of the same bytes stored (same report ids). */
  replace?: boolean;
}

const BLOB_INSERT = stmt("blob_insert", "insert into blobs (sha256, size, bytes, created_at) values (?, ?, ?, ?) on conflict (sha256) do nothing");
const ORIGINAL_STATUS = stmt("original_status", "select status from originals where sha256 = ?");
const ORIGINAL_COLUMNS = ["format", "status", "error_code", "error_message", "report_count", "nianbao_version", "reader_version", "rules_version", "templates_version", "timings", "imported_at"] as const;
const ORIGINAL_INSERT = stmt(
  "original_insert",
  `insert into originals (sha256, name, ${ORIGINAL_COLUMNS.join(", ")}) values (?, ?, ${ORIGINAL_COLUMNS.map(() => "?").join(", ")}) on conflict (sha256) do nothing returning sha256`,
);
// A re-read keeps the name the file was first imported under.
const ORIGINAL_UPDATE = stmt("original_update", `update originals set ${ORIGINAL_COLUMNS.map((c) => `${c} = ?`).join(", ")} where sha256 = ?`);
const REPORTS_OF_FILE = stmt("reports_of_file", "select id, idx, agency_id, year from reports where sha256 = ?");
const REPORT_DELETE = stmt("report_delete", "delete from reports where id = ?");
const REPORT_COLUMNS = ["agency_name", "agency_key", "year", "template", "title", "format", "file", "json"] as const;
const REPORT_INSERT = stmt(
  "report_insert",
  `insert into reports (sha256, idx, agency_id, ${REPORT_COLUMNS.join(", ")}, errors, warnings, infos, created_at) values (?, ?, null, ${REPORT_COLUMNS.map(() => "?").join(", ")}, 0, 0, 0, ?) returning id`,
);
const REPORT_UPDATE = stmt("report_update", `update reports set agency_id = null, ${REPORT_COLUMNS.map((c) => `${c} = ?`).join(", ")}, errors = 0, warnings = 0, infos = 0 where id = ?`);
const REPORT_AGENCY = stmt("report_agency", "update reports set agency_id = ? where id = ?");
const CELLS_DELETE = stmt("cells_delete", "delete from report_cells where report_id = ?");
const FINDINGS_DELETE = stmt("findings_delete", "delete from findings where report_id = ?");

/**
 * Writes one envelope — the original bytes, what reading gave, its reports with their cells
 * and findings, their agencies — in the caller's transaction `x`, which then runs `after`
 * (the cross-year findings of the neighbouring years) and commits: after a crash either all
 * of it is there or none. The same bytes twice add nothing.
 */
export async function importPrepared(x: Exec, p: PreparedEnvelope, bytes: Uint8Array, opts: ImportOptions, after: AfterWrites): Promise<ImportOutcome> {
  const env = p.envelope;
  if (!env.sha256) throw new Error("importEnvelope: an envelope without bytes cannot be stored");
  const sha256 = env.sha256;
  await x.run(BLOB_INSERT, [sha256, bytes.length, bytes, now()]);
  const existing = await x.get<{ status: string }>(ORIGINAL_STATUS, [sha256]);
  if (existing && existing.status !== "queued" && !opts.replace) return { status: "duplicate", sha256, reports: [] };
  const original = [
    env.format,
    env.error ? "failed" : "ok",
    env.error?.code ?? null,
    env.error?.message ?? null,
    p.reports.length,
    env.versions.nianbao,
    env.versions.reader,
    env.versions.rules,
    env.versions.templates,
    JSON.stringify(env.timings),
    now(),
  ];
  if (existing) await x.run(ORIGINAL_UPDATE, [...original, sha256]);
  // Another worker stored the same bytes first.
  else if (!(await x.get(ORIGINAL_INSERT, [sha256, env.file, ...original]))) return { status: "duplicate", sha256, reports: [] };
  // A file new to the store has no reports yet (they reference its original).
  const ids = await writeReports(x, sha256, p.reports, existing !== undefined, after);
  const status = env.error ? "failed" : existing ? "replaced" : "imported";
  return { status, sha256, reports: ids };
}

/**
 * What the files written in one transaction leave to do before it commits: compare the
 * (agency, year)s they were written to, or left, with their neighbouring years, and count the
 * findings of the reports that changed. Done once for the whole transaction rather than after
 * each file: when one agency has many reports a year, every file of that year used to compare
 * the whole next year again (decoding each of its reports) — the same work, repeated.
 */
export class AfterWrites {
  /** The reports written so far, as the cross-year rules see them (compared without reading them back). */
  readonly inHand = new Map<number, Report>();
  private readonly pairs: [agencyId: number, year: number][] = [];
  private readonly written = new Set<number>();

  wrote(ids: readonly number[], pairs: readonly [number, number][]): void {
    for (const id of ids) this.written.add(id);
    this.pairs.push(...pairs);
  }

  async finish(x: Exec): Promise<void> {
    const touched = await refreshNeighbours(x, this.pairs, this.inHand, this.written);
    await recount(x, [...touched, ...this.written]);
  }
}

async function writeReports(x: Exec, sha256: string, reports: PreparedReport[], stored: boolean, after: AfterWrites): Promise<number[]> {
  const before = stored ? await x.all<{ id: number; idx: number; agency_id: number | null; year: number | null }>(REPORTS_OF_FILE, [sha256]) : [];
  // Neighbours to re-compare: where the old readings sat and where the new ones sit.
  const pairs: [number, number][] = before.filter((b) => b.agency_id !== null && b.year !== null).map((b) => [b.agency_id!, b.year!]);
  const byIdx = new Map(before.map((b) => [b.idx, b.id]));
  for (const b of before) if (b.idx >= reports.length) await x.run(REPORT_DELETE, [b.id]);
  const ids: number[] = [];
  for (const [idx, r] of reports.entries()) {
    const columns = REPORT_COLUMNS.map((c) => r[COLUMN_OF[c]]);
    let id = byIdx.get(idx);
    if (id !== undefined) {
      await x.run(REPORT_UPDATE, [...columns, id]);
      await x.run(CELLS_DELETE, [id]);
      await x.run(FINDINGS_DELETE, [id]);
    } else id = (await x.get<{ id: number }>(REPORT_INSERT, [sha256, idx, ...columns, now()]))!.id;
    ids.push(id);
    await insertCells(x, id, r.cells);
    await insertFindings(x, id, null, r.findings);
  }
  await lockAgencies(x);
  for (const [idx, r] of reports.entries()) {
    const agency = await resolveAgency(x, r.agencyName);
    if (agency === null) continue;
    await x.run(REPORT_AGENCY, [agency, ids[idx]!]);
    after.inHand.set(ids[idx]!, r.years);
    if (r.year !== null) pairs.push([agency, r.year]);
  }
  after.wrote(ids, pairs);
  return ids;
}

const COLUMN_OF = {
  agency_name: "agencyName",
  agency_key: "agencyKey",
  year: "year",
  template: "template",
  title: "title",
  format: "format",
  file: "file",
  json: "json",
} as const satisfies Record<(typeof REPORT_COLUMNS)[number], keyof PreparedReport>;
