import { sql, type Kysely } from "kysely";
import type { Engine } from "../engine.js";

/** The corpus: originals by content, agencies and their aliases, reports, cells, findings. */
export function corpus(engine: Engine) {
  const id = engine === "postgres" ? "serial" : "integer";
  const bytes = engine === "postgres" ? "bytea" : "blob";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("blobs")
        .addColumn("sha256", "text", (c) => c.primaryKey())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("bytes", bytes, (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("originals")
        .addColumn("sha256", "text", (c) => c.primaryKey().references("blobs.sha256"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("format", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addColumn("report_count", "integer", (c) => c.notNull())
        .addColumn("nianbao_version", "text", (c) => c.notNull())
        .addColumn("reader_version", "text", (c) => c.notNull())
        .addColumn("rules_version", "text", (c) => c.notNull())
        .addColumn("templates_version", "text", (c) => c.notNull())
        .addColumn("timings", "text")
        .addColumn("imported_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("agencies")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("region_code", "text")
        .addColumn("parent_id", "integer", (c) => c.references("agencies.id").onDelete("set null"))
        .addColumn("level", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("agencies_region").on("agencies").column("region_code").execute();
      await db.schema
        .createTable("agency_aliases")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("base", "text", (c) => c.notNull())
        .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id").onDelete("cascade"))
        .addColumn("pinned", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("agency_aliases_agency").on("agency_aliases").column("agency_id").execute();
      await db.schema.createIndex("agency_aliases_base").on("agency_aliases").column("base").execute();
      await db.schema
        .createTable("reports")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("sha256", "text", (c) => c.notNull().references("originals.sha256"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("agency_id", "integer", (c) => c.references("agencies.id").onDelete("set null"))
        .addColumn("agency_name", "text")
        .addColumn("agency_key", "text")
        .addColumn("year", "integer")
        .addColumn("template", "text")
        .addColumn("title", "text")
        .addColumn("format", "text")
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("json", "text", (c) => c.notNull())
        .addColumn("errors", "integer", (c) => c.notNull())
        .addColumn("warnings", "integer", (c) => c.notNull())
        .addColumn("infos", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("reports_sha256_idx", ["sha256", "idx"])
        .execute();
      await db.schema.createIndex("reports_agency_year").on("reports").columns(["agency_id", "year"]).execute();
      await db.schema.createIndex("reports_year").on("reports").column("year").execute();
      await db.schema
        .createTable("cells")
        .addColumn("report_id", "integer", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("value", "double precision")
        .addColumn("raw", "text", (c) => c.notNull())
        .addColumn("inferred", "integer", (c) => c.notNull())
        .addColumn("kind", "text")
        .addPrimaryKeyConstraint("cells_pk", ["report_id", "key"])
        // SQLite: the cells are the primary key's b-tree itself, not a rowid table beside it.
        .$call((t) => (engine === "sqlite" ? t.modifyEnd(sql`without rowid`) : t))
        .execute();
      // No index on `key` alone: it would cost an import as much again as the cells
      // themselves (random inserts into a second b-tree). Statistics over one key scan the
      // table; a later migration may add it when queries need it more than imports.
      await db.schema
        .createTable("findings")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("report_id", "integer", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("message_id", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("cells", "text", (c) => c.notNull())
        .addColumn("source", "text")
        .addColumn("formula", "text")
        .addColumn("left_value", "double precision")
        .addColumn("right_value", "double precision")
        .addColumn("difference", "double precision")
        .addColumn("previous_report_id", "integer", (c) => c.references("reports.id").onDelete("cascade"))
        .addColumn("page", "integer")
        .addColumn("line", "integer")
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("findings_report").on("findings").column("report_id").execute();
      await db.schema.createIndex("findings_rule").on("findings").column("rule").execute();
      await db.schema.createIndex("findings_previous").on("findings").column("previous_report_id").execute();
    },
  };
}
