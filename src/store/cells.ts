import { sql, type Transaction } from "kysely";
import type { Report } from "../model/report.js";
import type { Engine } from "./engine.js";
import { cellRows } from "./rows.js";
import type { Database } from "./schema.js";

/**
 * A report's cells (some 250 rows) in one statement: the rows go as one JSON parameter that
 * the engine unpacks (SQLite's json_each, PostgreSQL's jsonb_to_recordset) — a multi-row
 * VALUES of 1,500 parameters costs more to build and parse than the insert itself.
 */
export async function insertCells(trx: Transaction<Database>, engine: Engine, reportId: number, r: Report): Promise<void> {
  const rows = cellRows(reportId, r).map((c) => [c.key, c.value, c.raw, c.inferred, c.kind]);
  if (rows.length === 0) return;
  const json = JSON.stringify(rows);
  if (engine === "postgres") {
    await sql`insert into cells (report_id, key, value, raw, inferred, kind)
      select ${reportId}, x->>0, (x->>1)::double precision, x->>2, (x->>3)::integer, x->>4
      from jsonb_array_elements(${json}::jsonb) as x`.execute(trx);
  } else {
    await sql`insert into cells (report_id, key, value, raw, inferred, kind)
      select ${reportId}, j.value->>0, j.value->>1, j.value->>2, j.value->>3, j.value->>4
      from json_each(${json}) as j`.execute(trx);
  }
}
