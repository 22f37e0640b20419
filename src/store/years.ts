import { runYearRules, yearReadKeys } from "../check.js";
import { decodeReport } from "../model/report-json.js";
import type { Report, TemplateId } from "../model/report.js";
import { insertFindings } from "./cells.js";
import { stmt, type Exec } from "./exec.js";
import { cellsOf, findingRow } from "./rows.js";

const REPORTS_OF_YEAR = stmt("reports_of_year", "select id from reports where agency_id = ? and year = ? order by id");
const LATEST_OF_YEAR = stmt("latest_of_year", "select id, agency_name, year, template from reports where agency_id = ? and year = ? order by id desc limit 1");
const CROSS_YEAR_DELETE = stmt("cross_year_delete", "delete from findings where report_id = ? and previous_report_id is not null");
const REPORT_JSON = stmt("report_json", "select json from reports where id = ?");
const READ_KEYS = new Set(yearReadKeys());
const READ_CELLS = stmt("read_cells", "select cells from report_cells where report_id = ?");
const YEARS_OF_AGENCY = stmt("years_of_agency", "select distinct year from reports where agency_id = ? and year is not null");
const count = (severity: string) => `(select count(*) from findings f where f.report_id = reports.id and f.severity = '${severity}')`;
const RECOUNT = stmt("recount", `update reports set errors = ${count("error")}, warnings = ${count("warning")}, infos = ${count("info")} where id = ?`);

/**
 * Reports written in this transaction, as the cross-year rules see them (prepare.ts
 * `yearsView`): compared without reading them back.
 */
export type InHand = ReadonlyMap<number, Report>;

/**
 * The cross-year findings of one agency's reports of `year`, each against the agency's report
 * of the year before (the latest imported, when there are several): old ones dropped, new
 * ones written. Run for a year and the year after whenever a report comes, goes or changes
 * agency, so the whole corpus — not one call's files — is compared. The year before is read
 * from its cells (the rules read only numbers, `meta.reads`); a report of `year` not in hand
 * is decoded, since its findings point at its cells' places in the file.
 */
export async function refreshYear(x: Exec, agencyId: number, year: number, inHand: InHand = new Map(), only?: ReadonlySet<number>): Promise<number[]> {
  let ids = (await x.all<{ id: number }>(REPORTS_OF_YEAR, [agencyId, year])).map((r) => r.id);
  if (only) ids = ids.filter((id) => only.has(id));
  if (ids.length === 0) return [];
  for (const id of ids) await x.run(CROSS_YEAR_DELETE, [id]);
  const prev = await x.get<{ id: number; agency_name: string | null; year: number | null; template: TemplateId | null }>(LATEST_OF_YEAR, [agencyId, year - 1]);
  if (!prev) return ids;
  const previous = inHand.get(prev.id) ?? (await fromCells(x, prev));
  for (const id of ids) {
    const r = inHand.get(id) ?? decodeReport(JSON.parse((await x.get<{ json: string }>(REPORT_JSON, [id]))!.json));
    await insertFindings(
      x,
      id,
      prev.id,
      runYearRules(r, previous).map((f) => findingRow(f, r)),
    );
  }
  return ids;
}

/** A stored report as the cross-year rules read it as the year before: its meta and the numbers of the cells they read. */
async function fromCells(x: Exec, row: { id: number; agency_name: string | null; year: number | null; template: TemplateId | null }): Promise<Report> {
  const cells: Record<string, number> = {};
  const stored = await x.get<{ cells: string }>(READ_CELLS, [row.id]);
  for (const [key, value] of stored ? cellsOf(stored.cells) : []) if (typeof value === "number" && READ_KEYS.has(key)) cells[key] = value;
  return { meta: { title: null, agency: row.agency_name, year: row.year, template: row.template }, sections: [], cells, provenance: {}, findings: [] };
}

/**
 * Refreshes the year and the year after for every (agency, year) given; returns the reports
 * touched. `written`: the reports just written. A year's other reports keep their findings —
 * the year before them has not changed — so there only the written ones are compared (an
 * agency with hundreds of reports in a year had all of them decoded again for each new one);
 * the year after is compared whole, since its year before may now be another report.
 */
export async function refreshNeighbours(x: Exec, pairs: Iterable<[agencyId: number, year: number]>, inHand: InHand = new Map(), written?: ReadonlySet<number>): Promise<number[]> {
  const todo = new Map<string, { a: number; y: number; whole: boolean }>();
  const want = (a: number, y: number, whole: boolean) => {
    const t = todo.get(`${a}:${y}`);
    if (t) t.whole ||= whole;
    else todo.set(`${a}:${y}`, { a, y, whole });
  };
  for (const [a, y] of pairs) {
    want(a, y, written === undefined);
    want(a, y + 1, true);
  }
  const touched: number[] = [];
  for (const { a, y, whole } of todo.values()) touched.push(...(await refreshYear(x, a, y, inHand, whole ? undefined : written)));
  return touched;
}

/** Every year of an agency, after a merge or split, with the reports' counts. */
export async function refreshAgency(x: Exec, agencyId: number): Promise<void> {
  const years = await x.all<{ year: number }>(YEARS_OF_AGENCY, [agencyId]);
  const touched: number[] = [];
  for (const { year } of years) touched.push(...(await refreshYear(x, agencyId, year)));
  // A report that left the agency keeps no comparison with it.
  await recount(x, touched);
}

/** Reports' finding counts by severity, cross-year findings included. */
export async function recount(x: Exec, reportIds: Iterable<number>): Promise<void> {
  for (const id of new Set(reportIds)) await x.run(RECOUNT, [id]);
}
