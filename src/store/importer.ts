import type { Kysely, Transaction } from "kysely";
import type { Envelope } from "../pipeline/index.js";
import { reportToJson } from "../report/json.js";
import { agencyKey } from "../model/agency.js";
import { lockAgencies, now, resolveAgency } from "./agencies.js";
import type { Engine } from "./engine.js";
import { chunks, findingRow } from "./rows.js";
import { insertCells } from "./cells.js";
import type { Database } from "./schema.js";
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

/**
 * Writes one envelope — the original bytes, what reading gave, its reports with their cells
 * and findings, their agencies and the cross-year findings of the neighbouring years — in one
 * transaction: after a crash either all of it is there or none. The same bytes twice add
 * nothing.
 */
export async function importEnvelope(db: Kysely<Database>, engine: Engine, env: Envelope, bytes: Uint8Array, opts: ImportOptions = {}): Promise<ImportOutcome> {
  if (!env.sha256) throw new Error("importEnvelope: an envelope without bytes cannot be stored");
  const sha256 = env.sha256;
  return db.transaction().execute(async (trx) => {
    await trx.insertInto("blobs").values({ sha256, size: bytes.length, bytes, created_at: now() }).onConflict((oc) => oc.column("sha256").doNothing()).execute();
    const existing = await trx.selectFrom("originals").select("status").where("sha256", "=", sha256).executeTakeFirst();
    if (existing && existing.status !== "queued" && !opts.replace) return { status: "duplicate" as const, sha256, reports: [] };
    const original = {
      sha256,
      name: env.file,
      format: env.format,
      status: env.error ? ("failed" as const) : ("ok" as const),
      error_code: env.error?.code ?? null,
      error_message: env.error?.message ?? null,
      report_count: env.reports.length,
      nianbao_version: env.versions.nianbao,
      reader_version: env.versions.reader,
      rules_version: env.versions.rules,
      templates_version: env.versions.templates,
      timings: JSON.stringify(env.timings),
      imported_at: now(),
    };
    if (existing) {
      // A re-read keeps the name the file was first imported under.
      const { name: _name, ...rest } = original;
      await trx.updateTable("originals").set(rest).where("sha256", "=", sha256).execute();
    } else {
      const inserted = await trx.insertInto("originals").values(original).onConflict((oc) => oc.column("sha256").doNothing()).returning("sha256").executeTakeFirst();
      // Another worker stored the same bytes first.
      if (!inserted) return { status: "duplicate" as const, sha256, reports: [] };
    }
    const ids = await writeReports(trx, engine, env);
    const status = env.error ? ("failed" as const) : existing ? ("replaced" as const) : ("imported" as const);
    return { status, sha256, reports: ids };
  });
}

async function writeReports(trx: Transaction<Database>, engine: Engine, env: Envelope): Promise<number[]> {
  const sha256 = env.sha256!;
  const before = await trx.selectFrom("reports").select(["id", "idx", "agency_id", "year"]).where("sha256", "=", sha256).execute();
  // Neighbours to re-compare: where the old readings sat and where the new ones sit.
  const pairs: [number, number][] = before.filter((b) => b.agency_id !== null && b.year !== null).map((b) => [b.agency_id!, b.year!]);
  const byIdx = new Map(before.map((b) => [b.idx, b.id]));
  const stale = before.filter((b) => b.idx >= env.reports.length).map((b) => b.id);
  if (stale.length) await trx.deleteFrom("reports").where("id", "in", stale).execute();
  const ids: number[] = [];
  for (const [idx, r] of env.reports.entries()) {
    const row = {
      sha256,
      idx,
      agency_id: null,
      agency_name: r.meta.agency,
      agency_key: agencyKey(r.meta.agency),
      year: r.meta.year,
      template: r.meta.template,
      title: r.meta.title,
      format: r.meta.format ?? env.format,
      file: r.meta.file ?? env.file,
      json: JSON.stringify(reportToJson(r)),
      errors: 0,
      warnings: 0,
      infos: 0,
      created_at: now(),
    };
    let id = byIdx.get(idx);
    if (id !== undefined) {
      const { created_at: _c, ...changed } = row;
      await trx.updateTable("reports").set(changed).where("id", "=", id).execute();
      await trx.deleteFrom("cells").where("report_id", "=", id).execute();
      await trx.deleteFrom("findings").where("report_id", "=", id).execute();
    } else id = (await trx.insertInto("reports").values(row).returning("id").executeTakeFirstOrThrow()).id;
    ids.push(id);
    await insertCells(trx, engine, id, r);
    const findings = r.findings.map((f) => findingRow(id!, f, r));
    for (const part of chunks(findings, 200)) await trx.insertInto("findings").values(part).execute();
  }
  // Agencies and cross-year findings last: the lock is held only for this tail.
  await lockAgencies(trx, engine);
  for (const [idx, r] of env.reports.entries()) {
    const agency = await resolveAgency(trx, r.meta.agency);
    if (agency === null) continue;
    await trx.updateTable("reports").set({ agency_id: agency }).where("id", "=", ids[idx]!).execute();
    if (r.meta.year !== null) pairs.push([agency, r.meta.year]);
  }
  await refreshNeighbours(trx, pairs);
  await recount(trx, ids);
  return ids;
}
