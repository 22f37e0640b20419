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

// SQLite: rows in runs of CELLS_PER_INSERT per statement — one call into SQLite for 32 rows
// instead of 32 (the import's writing thread spent a quarter of its time in those calls).
const CELLS_PER_INSERT = 32;
const CELL_INSERT_MANY = stmt("cell_insert_many", {
  sqlite: `insert into cells (report_id, key, value, raw, inferred, kind) values ${Array.from({ length: CELLS_PER_INSERT }, () => "(?, ?, ?, ?, ?, ?)").join(", ")}`,
  postgres: "select 1 where false",
});

export async function insertCells(x: Exec, reportId: number, rows: readonly CellRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (x.engine === "postgres") {
    await x.run(CELL_INSERT, [reportId, JSON.stringify(rows)]);
    return;
  }
  const whole = rows.length - (rows.length % CELLS_PER_INSERT);
  const many: unknown[][] = [];
  for (let k = 0; k < whole; k += CELLS_PER_INSERT) {
    const params: unknown[] = [];
    for (let j = k; j < k + CELLS_PER_INSERT; j++) params.push(reportId, ...rows[j]!);
    many.push(params);
  }
  await x.runEach(CELL_INSERT_MANY, many);
  await x.runEach(CELL_INSERT, rows.slice(whole).map((c) => [reportId, ...c]));
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
