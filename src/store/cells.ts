import { stmt, type Exec } from "./exec.js";
import { FINDING_COLUMNS, type CellRow, type FindingRow } from "./rows.js";

// A report's cells (some 250 rows) and findings. SQLite: one prepared insert run per row — a
// few microseconds each, less than unpacking the rows from one JSON parameter. PostgreSQL: one
// statement per table and report, the rows as one JSON parameter the server unpacks, so a
// report costs one round trip for its cells rather than 250.

const CELL_INSERT = stmt("cell_insert", {
  sqlite: "insert into cells (report_id, key, value, raw, inferred, kind) values (?, ?, ?, ?, ?, ?)",
  postgres: `insert into cells (report_id, key, value, raw, inferred, kind)
    select ?::integer, x->>0, (x->>1)::double precision, x->>2, (x->>3)::integer, x->>4 from jsonb_array_elements(?::jsonb) as x`,
});

export async function insertCells(x: Exec, reportId: number, rows: readonly CellRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (x.engine === "postgres") await x.run(CELL_INSERT, [reportId, JSON.stringify(rows)]);
  else await x.runEach(CELL_INSERT, rows.map((c) => [reportId, ...c]));
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
