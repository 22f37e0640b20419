import { sql, type Transaction } from "kysely";
import { runYearRules } from "../check.js";
import { decodeReport } from "../model/report-json.js";
import type { Report } from "../model/report.js";
import { chunks, findingRow } from "./rows.js";
import type { Database } from "./schema.js";

type Trx = Transaction<Database>;

/**
 * The cross-year findings of one agency's reports of `year`, each against the agency's report
 * of the year before (the latest imported, when there are several): old ones dropped, new
 * ones written. Run for a year and the year after whenever a report comes, goes or changes
 * agency, so the whole corpus — not one call's files — is compared.
 */
export async function refreshYear(trx: Trx, agencyId: number, year: number): Promise<number[]> {
  const these = await trx.selectFrom("reports").select(["id", "json"]).where("agency_id", "=", agencyId).where("year", "=", year).orderBy("id").execute();
  if (these.length === 0) return [];
  const ids = these.map((r) => r.id);
  await trx.deleteFrom("findings").where("report_id", "in", ids).where("previous_report_id", "is not", null).execute();
  const prev = await trx.selectFrom("reports").select(["id", "json"]).where("agency_id", "=", agencyId).where("year", "=", year - 1).orderBy("id", "desc").limit(1).executeTakeFirst();
  if (prev) {
    const previous = decode(prev.json);
    const rows = these.flatMap((t) => {
      const r = decode(t.json);
      return runYearRules(r, previous).map((f) => findingRow(t.id, f, r, prev.id));
    });
    for (const part of chunks(rows, 200)) await trx.insertInto("findings").values(part).execute();
  }
  return ids;
}

/** Refreshes the year and the year after for every (agency, year) given, and recounts the reports touched. */
export async function refreshNeighbours(trx: Trx, pairs: Iterable<[agencyId: number, year: number]>): Promise<void> {
  const todo = new Map<string, [number, number]>();
  for (const [a, y] of pairs) for (const yy of [y, y + 1]) todo.set(`${a}:${yy}`, [a, yy]);
  const touched: number[] = [];
  for (const [a, y] of todo.values()) touched.push(...(await refreshYear(trx, a, y)));
  await recount(trx, touched);
}

/** Every year of an agency, after a merge or split. */
export async function refreshAgency(trx: Trx, agencyId: number): Promise<void> {
  const years = await trx.selectFrom("reports").select("year").distinct().where("agency_id", "=", agencyId).where("year", "is not", null).execute();
  const touched: number[] = [];
  for (const { year } of years) touched.push(...(await refreshYear(trx, agencyId, year!)));
  // A report that left the agency keeps no comparison with it.
  await recount(trx, touched);
}

/** Reports' finding counts by severity, cross-year findings included. */
export async function recount(trx: Trx, reportIds: number[]): Promise<void> {
  for (const part of chunks([...new Set(reportIds)], 500)) {
    const count = (severity: string) => sql<number>`(select count(*) from findings f where f.report_id = reports.id and f.severity = ${severity})`;
    await trx.updateTable("reports").set({ errors: count("error"), warnings: count("warning"), infos: count("info") }).where("id", "in", part).execute();
  }
}

function decode(json: string): Report {
  return decodeReport(JSON.parse(json));
}
