import type { Kysely } from "kysely";
import type { Engine } from "../engine.js";

/**
 * The 依申请公开 register per agency: every application with every field of the register
 * model, its 登记编号 unique within the agency; and the log of register files imported.
 * Agencies are referenced without cascade: a merge moves the rows (store.ts), nothing
 * deletes a register by deleting its agency.
 */
export function register(engine: Engine) {
  const id = engine === "postgres" ? "serial" : "integer";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("register_applications")
        .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
        .addColumn("reg_id", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("received", "text", (c) => c.notNull())
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("applicant_type", "text", (c) => c.notNull())
        .addColumn("applicant", "text")
        .addColumn("request", "text", (c) => c.notNull())
        .addColumn("correction_requested", "text")
        .addColumn("correction_received", "text")
        .addColumn("extended_on", "text")
        .addColumn("extension_days", "integer")
        .addColumn("consultations", "text", (c) => c.notNull())
        .addColumn("outcome", "text")
        .addColumn("replied", "text")
        .addColumn("reviews", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addColumn("source_file", "text", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("register_applications_pk", ["agency_id", "reg_id"])
        .execute();
      // Tables of a year read what was received by its end; due lists what is still open.
      await db.schema.createIndex("register_applications_received").on("register_applications").columns(["agency_id", "received"]).execute();
      await db.schema.createIndex("register_applications_seq").on("register_applications").columns(["agency_id", "seq"]).execute();
      await db.schema
        .createTable("register_imports")
        .addColumn("id", id, (c) => c.primaryKey())
        .addColumn("agency_id", "integer", (c) => c.notNull().references("agencies.id"))
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("rows", "integer", (c) => c.notNull())
        .addColumn("added", "integer", (c) => c.notNull())
        .addColumn("updated", "integer", (c) => c.notNull())
        .addColumn("removed", "integer", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("register_imports_agency").on("register_imports").column("agency_id").execute();
    },
  };
}
