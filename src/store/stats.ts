import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { agenciesMatching } from "./agencies.js";
import type { Engine } from "./engine.js";
import { StoreError } from "./errors.js";
import { cellsOf } from "./rows.js";
import type { Database } from "./schema.js";

// What statistics (src/stats) read from the corpus: the reports of a region and years, the
// cells of given keys across them, findings per rule. The figures themselves are defined and
// computed in src/stats; here are only the queries, the same on both engines.

type Db = Kysely<Database>;

/** Which reports statistics cover: agencies (null: all) and a range of years (inclusive; null: open). */
export interface StatsScope {
  agencies: number[] | null;
  from: number | null;
  to: number | null;
}

export interface StatsRegion {
  /** As the user gave it. */
  query: string;
  /** The agencies it named (a code prefix may name several), before adding those under them. */
  roots: { id: number; name: string }[];
  /** Agencies in the region, the roots included. */
  agencies: number;
}

export interface StatsReportRow {
  id: number;
  agencyId: number | null;
  /** Display name of the agency, else the name as written. */
  agency: string | null;
  year: number | null;
  template: string | null;
  errors: number;
  warnings: number;
  /** The report's cells of the keys asked for, in their order: null where a cell is not a number (blank, "/", 无, absent). */
  values: (number | null)[];
}

export interface RuleCount {
  rule: string;
  severity: string;
  findings: number;
  /** Reports with at least one. */
  reports: number;
}

/**
 * The scope of a region (a 行政区划代码 or its leading digits, or an agency) with everything
 * under it, and years. An unknown region is a Chinese error, not an empty result.
 */
export async function statsScope(db: Db, q: { region?: string | null; agencyId?: number | null; from?: number | null; to?: number | null }): Promise<{ scope: StatsScope; region: StatsRegion | null }> {
  const from = q.from ?? null;
  const to = q.to ?? null;
  const ref = q.agencyId != null ? String(q.agencyId) : q.region?.trim();
  if (!ref) return { scope: { agencies: null, from, to }, region: null };
  let roots: number[];
  if (q.agencyId != null) {
    // An agency by id (a web user's scope): no guessing whether digits are a code.
    roots = (await db.selectFrom("agencies").select("id").where("id", "=", q.agencyId).execute()).map((x) => x.id);
  } else if (/^\d{2,12}$/.test(ref)) {
    const prefix = ref.replace(/(00)+$/, "") || ref;
    roots = (await db.selectFrom("agencies").select("id").where("region_code", "like", `${prefix}%`).execute()).map((x) => x.id);
    // A code names the agencies at its top: not those under them that also carry a code.
    const codes = new Set(roots);
    const parents = await db.selectFrom("agencies").select(["id", "parent_id"]).where("id", "in", roots.length ? roots : [-1]).execute();
    roots = parents.filter((p) => p.parent_id === null || !codes.has(p.parent_id)).map((p) => p.id);
  } else roots = await agenciesMatching(db, ref);
  if (roots.length === 0) throw new StoreError("not-found", `没有找到区划或机关“${ref}”（用 nianbao agency list 查看已有机关、区划代码和上级机关）`);
  const all = new Set(roots);
  let frontier = roots;
  while (frontier.length) {
    const kids = await db.selectFrom("agencies").select("id").where("parent_id", "in", frontier).execute();
    frontier = kids.map((k) => k.id).filter((id) => !all.has(id));
    for (const id of frontier) all.add(id);
  }
  const names = await db.selectFrom("agencies").select(["id", "name"]).where("id", "in", roots).orderBy("name").execute();
  return { scope: { agencies: [...all], from, to }, region: { query: ref, roots: names, agencies: all.size } };
}

/** An id list as one parameter: SQLite's json_each, PostgreSQL's array (no limit on how many). */
function idList(engine: Engine, ids: number[]) {
  return engine === "postgres" ? sql`(select unnest(${ids}::int[]))` : sql`(select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The scope as a condition on `reports` (aliased `r`). `scan`: test the agency on each row
 * rather than look the agencies up in reports_agency_year — SQLite would then read each
 * report's own row for its other columns, walking the overflow pages of its long JSON; a scan
 * of the covering reports_stats index (migration 006) reads a few bytes a report instead.
 */
function scoped<Q extends { where: (...a: any[]) => Q }>(q: Q, engine: Engine, s: StatsScope, opts: { scan?: boolean } = {}): Q {
  let out = q;
  if (s.agencies) out = out.where(opts.scan ? sql<boolean>`+r.agency_id in ${idList(engine, s.agencies)}` : sql<boolean>`r.agency_id in ${idList(engine, s.agencies)}`);
  if (s.from !== null) out = out.where("r.year", ">=", s.from);
  if (s.to !== null) out = out.where("r.year", "<=", s.to);
  return out;
}

const digestOf = (keys: string[]) => createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 16);

/**
 * The scope's reports with their cells of `keys`. The cells come from `stats_inputs` where a
 * report's row there is current (same key list, same stamp as its original); the others are
 * read from `report_cells` once, by report, and stored there for next time (migration 006).
 */
export async function statsReports(db: Db, engine: Engine, s: StatsScope, keys: string[]): Promise<StatsReportRow[]> {
  const digest = digestOf(keys);
  // Only short columns per report (names are looked up once per agency): this runs over every report of a province.
  const q = db
    .selectFrom("reports as r")
    .innerJoin("originals as o", "o.sha256", "r.sha256")
    .leftJoin("stats_inputs as s", (j) => j.onRef("s.report_id", "=", "r.id").onRef("s.stamp", "=", "o.imported_at").on("s.keys", "=", digest))
    .select(["r.id", "r.agency_id", sql<string | null>`case when r.agency_id is null then r.agency_name end`.as("written"), "r.year", "r.template", "r.errors", "r.warnings", "o.imported_at", "s.vals"]);
  let names = db.selectFrom("agencies").select(["id", "name"]);
  if (s.agencies) names = names.where(sql<boolean>`id in ${idList(engine, s.agencies)}`);
  const [rows, agencies] = await Promise.all([scoped(q, engine, s, { scan: true }).execute(), names.execute()]);
  const name = new Map(agencies.map((a) => [a.id, a.name]));
  // In id order: two fills at once (two web requests) then lock rows in the same order.
  const stale = rows.filter((r) => r.vals === null).sort((a, b) => a.id - b.id);
  const fresh = stale.length ? await storeInputs(db, engine, stale, keys, digest) : new Map<number, string>();
  return rows
    .map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agency: (r.agency_id === null ? null : name.get(r.agency_id)) ?? r.written,
      year: r.year,
      template: r.template,
      errors: Number(r.errors),
      warnings: Number(r.warnings),
      values: JSON.parse(r.vals ?? fresh.get(r.id)!),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Reads the cells of `keys` of these reports and stores them as their statistics inputs. */
async function storeInputs(db: Db, engine: Engine, reports: { id: number; imported_at: string }[], keys: string[], digest: string): Promise<Map<number, string>> {
  const at = new Map(keys.map((k, i) => [k, i]));
  const out = new Map<number, string>();
  for (let i = 0; i < reports.length; i += 500) {
    const part = reports.slice(i, i + 500);
    const vectors = new Map(part.map((r) => [r.id, new Array<number | null>(keys.length).fill(null)]));
    const stored = await db
      .selectFrom("report_cells")
      .select(["report_id", "cells"])
      .where(sql<boolean>`report_id in ${idList(engine, part.map((r) => r.id))}`)
      .execute();
    for (const c of stored) {
      const vector = vectors.get(c.report_id)!;
      for (const [key, value] of cellsOf(c.cells)) {
        const k = at.get(key);
        if (k !== undefined) vector[k] = value;
      }
    }
    const values = part.map((r) => ({ report_id: r.id, stamp: r.imported_at, keys: digest, vals: JSON.stringify(vectors.get(r.id)) }));
    try {
      await db
        .insertInto("stats_inputs")
        .values(values)
        .onConflict((oc) => oc.column("report_id").doUpdateSet((eb) => ({ stamp: eb.ref("excluded.stamp"), keys: eb.ref("excluded.keys"), vals: eb.ref("excluded.vals") })))
        .execute();
    } catch {
      // Keeping them only saves the next run this reading (a report deleted meanwhile, a full
      // disk): the figures of this run are right either way. A database that is really gone
      // fails the next query, with its message.
    }
    for (const v of values) out.set(v.report_id, v.vals);
  }
  return out;
}

/**
 * Findings per rule and severity: of the scope's reports, or of the reports listed. Reports per
 * rule are counted by grouping on (rule, severity, report) first, in the order of the
 * findings_stats index (migration 006).
 */
export async function ruleCounts(db: Db, engine: Engine, of: StatsScope | number[]): Promise<RuleCount[]> {
  let inner = db.selectFrom("findings as f").select(["f.rule", "f.severity", "f.report_id", sql<number>`count(*)`.as("n")]).groupBy(["f.rule", "f.severity", "f.report_id"]);
  if (Array.isArray(of)) {
    if (of.length === 0) return [];
    inner = inner.where(sql<boolean>`f.report_id in ${idList(engine, of)}`);
  }
  // `+`: scan findings_stats in its order and test each report, rather than seek every report's findings and sort them.
  else if (restricted(of)) inner = inner.where(sql<boolean>`+f.report_id in ${scoped(db.selectFrom("reports as r").select("r.id"), engine, of)}`);
  const rows = await db
    .selectFrom(inner.as("x"))
    .select(["x.rule", "x.severity", sql<number>`sum(x.n)`.as("n"), sql<number>`count(*)`.as("reports")])
    .groupBy(["x.rule", "x.severity"])
    .execute();
  return rows.map((r) => ({ rule: r.rule, severity: r.severity, findings: Number(r.n), reports: Number(r.reports) }));
}

/** Which of these reports have findings of a rule (of one severity, when given), in id order. */
export async function ruleReports(db: Db, engine: Engine, ids: number[], rule: string, severity?: string): Promise<number[]> {
  if (ids.length === 0) return [];
  let q = db.selectFrom("findings as f").select("f.report_id").distinct().where("f.rule", "=", rule);
  if (severity !== undefined) q = q.where("f.severity", "=", severity);
  const rows = await q.where(sql<boolean>`f.report_id in ${idList(engine, ids)}`).orderBy("f.report_id").execute();
  return rows.map((r) => r.report_id);
}

const restricted = (s: StatsScope) => s.agencies !== null || s.from !== null || s.to !== null;
