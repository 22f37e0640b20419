import type { Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * Statistics (src/stats) without slowing imports down.
 *
 * `stats_inputs`: per report, the values of the cells the figures read (a JSON array in the
 * order of a key list, identified by its digest), read from `cells` by report the first time
 * statistics need them and kept until the report's file is read again (`stamp` is the
 * original's `imported_at`, which a re-read renews) or the figures change (another digest).
 * Statistics over 10,000 reports then read 10,000 short rows instead of half a million cells.
 * An index on `cells(key, report_id, value)` was measured instead (shared machine): it made
 * the database 16% larger and SQLite's writing of a report 2–3 times slower, and aggregating
 * the cells of 10,000 reports through it still took 0.2–0.4 s on SQLite and ~0.5 s on
 * PostgreSQL before any figure was computed.
 *
 * `findings_stats`: findings per rule and report without reading their long columns.
 * SQLite only, `reports_stats`: every column statistics read from `reports`, since a row's
 * `errors`/`warnings` sit after its long `json` and reading them walks the JSON's overflow
 * pages; PostgreSQL keeps long values out of the row (TOAST). Neither index measurably slows
 * an import (one entry per report or finding, beside some 250 cells).
 */
export function stats(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("stats_inputs")
        .addColumn("report_id", "integer", (c) => c.primaryKey().references("reports.id").onDelete("cascade"))
        .addColumn("stamp", "text", (c) => c.notNull())
        .addColumn("keys", "text", (c) => c.notNull())
        .addColumn("vals", "text", (c) => c.notNull())
        .execute();
      // Findings per rule and report for the figures' 问题最多的规则, without reading the findings' long columns.
      await db.schema.createIndex("findings_stats").on("findings").columns(["rule", "severity", "report_id"]).execute();
      if (engine === "sqlite") {
        await db.schema.createIndex("reports_stats").on("reports").columns(["year", "agency_id", "template", "errors", "warnings", "sha256", "agency_name"]).execute();
      }
    },
  };
}
