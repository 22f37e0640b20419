import { sql, type Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * A report's cells as one row (`report_cells`: a JSON array of `[key, value, raw, inferred,
 * kind]`, rows.ts `CellRow`) instead of one row per cell. Every reader of cells reads them by
 * report (exports, statistics' inputs, the cross-year rules' year before), and writing some
 * 200 rows a report was the largest part of an import's writing: on SQLite the writing thread's
 * inserts and commits, on PostgreSQL the server's index upkeep, competing with reading for the
 * cores. `cells` stays, as a view with the same columns: SQL written against it still runs.
 */
export function reportCells(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("report_cells")
        .addColumn("report_id", "integer", (c) => c.primaryKey().references("reports.id").onDelete("cascade"))
        .addColumn("cells", "text", (c) => c.notNull())
        .execute();
      if (engine === "sqlite") {
        await sql`insert into report_cells (report_id, cells)
          select report_id, json_group_array(json_array(key, value, raw, inferred, kind)) from (select * from cells order by report_id, key) group by report_id`.execute(db);
        await sql`drop table cells`.execute(db);
        await sql`create view cells as
          select rc.report_id as report_id, j.value ->> 0 as key, cast(j.value ->> 1 as real) as value,
            j.value ->> 2 as raw, j.value ->> 3 as inferred, j.value ->> 4 as kind
          from report_cells rc, json_each(rc.cells) j`.execute(db);
      } else {
        await sql`insert into report_cells (report_id, cells)
          select report_id, jsonb_agg(jsonb_build_array(key, value, raw, inferred, kind) order by key collate "C")::text from cells group by report_id`.execute(db);
        await sql`drop table cells`.execute(db);
        await sql`create view cells as
          select rc.report_id as report_id, e ->> 0 as key, (e ->> 1)::double precision as value,
            e ->> 2 as raw, (e ->> 3)::integer as inferred, e ->> 4 as kind
          from report_cells rc cross join lateral jsonb_array_elements(rc.cells::jsonb) as e`.execute(db);
      }
    },
  };
}
