import type { Report } from "../model/report.js";
import { matrixKey, templateForYear } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { applicantColumns, resultRows, reviewGroups, reviewResults } from "./choices.js";
import { RegisterError } from "./errors.js";
import type { Application } from "./model.js";

/** The row keys of table 3 that the register fills besides the result rows. */
const NEW = "new_received";
const CARRIED_OVER = "carried_over";
const CARRIED_FORWARD = "carried_forward";
const TOTAL_ROW = "total";
const TOTAL_COLUMN = "total";
/** Table 4: a review not decided by 31 December. */
const PENDING = "pending";

export interface ComputedTables {
  year: number;
  template: Template;
  /** Every cell of tables 3 and 4, keyed as the canonical report (`requests.granted.natural_person`). */
  cells: Record<string, number>;
  /** Cell key → ids of the applications behind it (non-zero cells only, in register order). */
  sources: Record<string, string[]>;
  /** Tables 3 and 4 as a canonical report, for the project's rules and renderers. */
  report: Report;
}

/**
 * Tables 3 and 4 of year `year`, counted from the register.
 *
 * Table 3 takes every application open at some point in the year: received in the year
 * (一、本年新收) or received earlier and not answered before 1 January (二、上年结转). Each is
 * then either answered in the year (its outcome's row) or still open on 31 December
 * (四、结转下年度). Every identity of the template holds by construction: each application
 * adds 1 to exactly one intake row and one of (a result row, 结转下年度), in its applicant
 * column and in the total column.
 *
 * Table 4 counts reviews filed in the year; a result decided after 31 December (or not yet)
 * is 尚未审结 in that year.
 */
export function computeTables(apps: readonly Application[], year: number, template: Template = templateForYear(year), opts: { agency?: string } = {}): ComputedTables {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const m = template.requests;
  const r4 = template.review;
  const applicants = new Set(applicantColumns(template).map((c) => c.key));
  const results = new Set(resultRows(template).map((r) => r.key));
  const groups = new Set(reviewGroups(template).map((r) => r.key));
  const outcomes = reviewResults(template).map((c) => c.key);
  if (!outcomes.includes(PENDING)) throw new Error(`template ${template.id}: table 4 has no ${PENDING} column`);

  const cells: Record<string, number> = {};
  const sources: Record<string, string[]> = {};
  for (const row of m.rows) for (const c of m.columns) cells[matrixKey(m, row.key, c.key)] = 0;
  for (const row of r4.rows) for (const c of r4.columns) cells[matrixKey(r4, row.key, c.key)] = 0;
  const add = (key: string, id: string) => {
    cells[key]!++;
    (sources[key] ??= []).push(id);
  };
  const add3 = (row: string, a: Application) => {
    add(matrixKey(m, row, a.applicantType), a.id);
    add(matrixKey(m, row, TOTAL_COLUMN), a.id);
  };

  for (const a of apps) {
    if (!applicants.has(a.applicantType)) throw new RegisterError(`登记编号 ${a.id}：申请人类型“${a.applicantType}”不是表三的申请人列`);
    if (a.received <= last && !(a.replied && a.replied < first)) {
      add3(a.received >= first ? NEW : CARRIED_OVER, a);
      if (a.replied && a.replied <= last) {
        if (!a.outcome || !results.has(a.outcome)) {
          throw new RegisterError(`登记编号 ${a.id}：办理结果“${a.outcome ?? ""}”不是 ${template.name.split("（")[0]}表三的办理结果`);
        }
        add3(a.outcome, a);
        add3(TOTAL_ROW, a);
      } else add3(CARRIED_FORWARD, a);
    }
    for (const rv of a.reviews) {
      if (rv.filed < first || rv.filed > last) continue;
      if (!groups.has(rv.group) || !outcomes.includes(rv.result)) throw new RegisterError(`登记编号 ${a.id}：复议诉讼“${rv.group}/${rv.result}”不是表四的行或列`);
      const result = rv.result !== PENDING && (!rv.decided || rv.decided <= last) ? rv.result : PENDING;
      add(matrixKey(r4, rv.group, result), a.id);
      add(matrixKey(r4, rv.group, TOTAL_COLUMN), a.id);
    }
  }
  return { year, template, cells, sources, report: tablesReport(cells, year, template, opts.agency) };
}

/** Tables 3 and 4 as a canonical report: numbers as written, nothing inferred, no prose. */
function tablesReport(cells: Record<string, number>, year: number, template: Template, agency?: string): Report {
  const provenance: Report["provenance"] = {};
  for (const [k, v] of Object.entries(cells)) provenance[k] = { raw: String(v), kind: "number" };
  return {
    meta: {
      title: `${agency ?? ""}${year}年度政府信息公开申请登记统计`,
      agency: agency ?? null,
      year,
      template: template.id,
      yearFrom: "input",
      format: "register",
    },
    sections: [],
    cells: { ...cells },
    provenance,
    findings: [],
  };
}
