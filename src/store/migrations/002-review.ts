import type { Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * What the web review needs from the start: users, their sessions, and decisions on findings
 * and reports. Decisions key on a finding's fingerprint, not its row, since re-reading and
 * re-checking replace finding rows.
 */
export function review(engine: Engine) {
  const id = engine === "postgres" ? "serial" : "integer";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("login", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("decisions")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("report_id", "integer", (c) => c.notNull().references("reports.id").onDelete("cascade"))
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("verdict", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("decisions_report_fingerprint", ["report_id", "fingerprint"])
        .execute();
    },
  };
}
