import type { Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * The filing form's drafts: one per agency and year, with its cells and parts as rows (so they
 * can be queried like a report's), who saved which version when, and every version whole.
 */
export function filing(engine: Engine) {
  const id = engine === "postgres" ? "serial" : "integer";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("filing_drafts")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("template", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("saved_by", "text", (c) => c.notNull())
        .addColumn("saved_at", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("report_id", "integer", (c) => c.references("reports.id").onDelete("set null"))
        .addColumn("submitted_by", "text")
        .addColumn("submitted_at", "text")
        .addUniqueConstraint("filing_drafts_agency_year", ["agency_id", "year"])
        .execute();
      await db.schema
        .createTable("filing_draft_cells")
        .addColumn("draft_id", "integer", (c) => c.notNull().references("filing_drafts.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("raw", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("filing_draft_cells_pk", ["draft_id", "key"])
        .execute();
      await db.schema
        .createTable("filing_draft_sections")
        .addColumn("draft_id", "integer", (c) => c.notNull().references("filing_drafts.id").onDelete("cascade"))
        .addColumn("no", "integer", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("filing_draft_sections_pk", ["draft_id", "no"])
        .execute();
      await db.schema
        .createTable("filing_draft_versions")
        .addColumn("draft_id", "integer", (c) => c.notNull().references("filing_drafts.id").onDelete("cascade"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("saved_by", "text", (c) => c.notNull())
        .addColumn("saved_at", "text", (c) => c.notNull())
        .addColumn("json", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("filing_draft_versions_pk", ["draft_id", "version"])
        .execute();
    },
  };
}
