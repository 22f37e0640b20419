import { stmt, type Exec } from "./exec.js";
import { FINDING_COLUMNS, type FindingRow } from "./rows.js";

// A report's cells are one row (migration 007): their rows as one JSON text, made by the
// worker that read the report. Its findings: SQLite, one prepared insert run per row — a few
// microseconds each, less than unpacking the rows from one JSON parameter; PostgreSQL, one
// statement per report, the rows as one JSON parameter the server unpacks.

const CELLS_INSERT = stmt("report_cells_insert", "insert into report_cells (report_id, cells) values (?, ?)");

/** A report's cells: `json`, the JSON array of its rows (rows.ts `cellsJson`). */
export async function insertCells(x: Exec, reportId: number, json: string): Promise<void> {
  await x.run(CELLS_INSERT, [reportId, json]);
}

const PG_TYPES: Partial<Record<(typeof FINDING_COLUMNS)[number], string>> = { left_value: "::double precision", right_value: "::double precision", difference: "::double precision", page: "::integer", line: "::integer" };

const FINDING_INSERT = stmt("finding_insert", {
  sqlite: `insert into findings (report_id, previous_report_id, ${FINDING_COLUMNS.join(", ")}) values (?, ?, ${FINDING_COLUMNS.map(() => "?").join(", ")})`,
  postgres: `insert into findings (report_id, previous_report_id, ${FINDING_COLUMNS.join(", ")})
    select ?::integer, ?::integer, ${FINDING_COLUMNS.map((c) => `(e->>'${c}')${PG_TYPES[c] ?? ""}`).join(", ")}
    from jsonb_array_elements(?::jsonb) with ordinality as x(e, n) order by n`,
});

/** Findings of a report, in order (their ids follow it); `previousId` for cross-year findings. */
export async function insertFindings(x: Exec, reportId: number, previousId: number | null, rows: readonly FindingRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (x.engine === "postgres") await x.run(FINDING_INSERT, [reportId, previousId, JSON.stringify(rows)]);
  else await x.runEach(FINDING_INSERT, rows.map((f) => [reportId, previousId, ...FINDING_COLUMNS.map((c) => f[c])]));
}
