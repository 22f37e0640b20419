import type { Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * What the web server needs beyond 002-review: users tied to an agency (填报人) or a region
 * subtree (审核人), with lock counters for failed logins; upload jobs and their files; the
 * audit log (操作日志); and indexes the report list sorts by. Report review states are
 * decisions with fingerprint '' (002-review), so no table of their own.
 */
export function web(engine: Engine) {
  const id = engine === "postgres" ? "serial" : "integer";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // SQLite adds one column per statement.
      const userColumns: [string, "integer" | "text", boolean][] = [
        ["agency_id", "integer", false],
        ["scope_agency_id", "integer", false],
        ["disabled", "integer", true],
        ["must_change_password", "integer", true],
        ["failed_logins", "integer", true],
        ["first_failed_at", "text", false],
        ["locked_until", "text", false],
        ["last_login_at", "text", false],
      ];
      for (const [name, type, zero] of userColumns) {
        await db.schema
          .alterTable("users")
          .addColumn(name, type, (c) => {
            if (zero) return c.notNull().defaultTo(0);
            return name.endsWith("agency_id") ? c.references("agencies.id").onDelete("set null") : c;
          })
          .execute();
      }
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
      await db.schema.createIndex("sessions_expires").on("sessions").column("expires_at").execute();
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("total", "integer", (c) => c.notNull())
        .addColumn("done", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_created").on("jobs").column("created_at").execute();
      await db.schema
        .createTable("job_items")
        .addColumn("job_id", "text", (c) => c.notNull().references("jobs.id").onDelete("cascade"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("sha256", "text")
        .addColumn("report_ids", "text", (c) => c.notNull())
        .addColumn("error", "text")
        .addPrimaryKeyConstraint("job_items_pk", ["job_id", "idx"])
        .execute();
      await db.schema
        .createTable("audit")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
        // The login as it was: the entry outlives a renamed or removed user.
        .addColumn("login", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("target", "text")
        .addColumn("detail", "text")
        .addColumn("ip", "text")
        .execute();
      await db.schema.createIndex("audit_at").on("audit").column("at").execute();
      // The list's filters, counts and sort keys, in one index: in SQLite a report's counts and
      // import time sit after its JSON (overflow pages), so without it a count or a sort over
      // 10,000 reports reads every report's JSON. The list finds a page's ids in these indexes
      // alone, then reads those rows: one in import order (the default sort), one by errors and
      // warnings (the status filters and those sorts), each with every column the list filters on.
      const covered = ["agency_id", "year", "template", "infos", "agency_name"];
      await db.schema.createIndex("reports_list").on("reports").columns(["created_at", "errors", "warnings", ...covered]).execute();
      await db.schema.createIndex("reports_errors").on("reports").columns(["errors", "warnings", "created_at", ...covered]).execute();
    },
  };
}
