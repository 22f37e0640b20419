import { sql, type Transaction } from "kysely";
import type { Application } from "../../register/model.js";
import { now } from "../agencies.js";
import type { Engine } from "../engine.js";
import type { Database } from "../schema.js";
import { APPLICATION_COLUMNS, rowValues } from "./rows.js";

type Trx = Transaction<Database>;

export type RegisterImportMode = "replace" | "merge";

export interface RegisterWriteResult {
  rows: number;
  added: number;
  updated: number;
  removed: number;
}

/** Rows per statement: one JSON parameter each, unpacked by the engine (as cells.ts does). */
const CHUNK = 2000;

/**
 * Writes a validated register for an agency inside the caller's transaction. `replace`: the
 * applications become exactly the file's; `merge`: the file's rows replace the stored ones
 * with the same 登记编号 (keeping their place in the register), new ones go after the rest,
 * and stored rows the file does not have stay.
 */
export async function writeApplications(trx: Trx, engine: Engine, agencyId: number, apps: readonly Application[], file: string, mode: RegisterImportMode): Promise<RegisterWriteResult> {
  const existing = await trx.selectFrom("register_applications").select(["reg_id", "seq"]).where("agency_id", "=", agencyId).execute();
  const before = new Set(existing.map((r) => r.reg_id));
  const incoming = new Set(apps.map((a) => a.id));
  const added = apps.filter((a) => !before.has(a.id)).length;
  const result: RegisterWriteResult = { rows: apps.length, added, updated: apps.length - added, removed: 0 };
  let seq = 0;
  if (mode === "replace") {
    result.removed = existing.filter((r) => !incoming.has(r.reg_id)).length;
    await trx.deleteFrom("register_applications").where("agency_id", "=", agencyId).execute();
  } else seq = existing.reduce((m, r) => Math.max(m, r.seq), 0);
  const at = now();
  for (let i = 0; i < apps.length; i += CHUNK) {
    const rows = apps.slice(i, i + CHUNK).map((a) => rowValues(a, ++seq));
    await insertChunk(trx, engine, agencyId, rows, file, at);
  }
  await trx.insertInto("register_imports").values({ agency_id: agencyId, file, mode, ...result, imported_at: at }).execute();
  return result;
}

/** One statement for a chunk of rows; a row whose 登记编号 is stored takes its place (merge). */
async function insertChunk(trx: Trx, engine: Engine, agencyId: number, rows: (string | number | null)[][], file: string, at: string): Promise<void> {
  const cols = sql.raw(["agency_id", ...APPLICATION_COLUMNS, "source_file", "imported_at"].join(", "));
  const json = JSON.stringify(rows);
  const integer = new Set(["seq", "extension_days"]);
  const picks = APPLICATION_COLUMNS.map((c, i) => (engine === "postgres" ? (integer.has(c) ? `(x->>${i})::integer` : `x->>${i}`) : `j.value->>${i}`));
  const updates = sql.raw(
    APPLICATION_COLUMNS.filter((c) => c !== "reg_id" && c !== "seq")
      .concat(["source_file", "imported_at"] as never[])
      .map((c) => `${c} = excluded.${c}`)
      .join(", "),
  );
  const from = engine === "postgres" ? sql`jsonb_array_elements(${json}::jsonb) as x` : sql`json_each(${json}) as j`;
  // `where true`: SQLite needs it to tell an upsert's ON CONFLICT from a join's ON.
  await sql`insert into register_applications (${cols})
    select ${agencyId}, ${sql.raw(picks.join(", "))}, ${file}, ${at} from ${from} where true
    on conflict (agency_id, reg_id) do update set ${updates}`.execute(trx);
}

/** Moves an agency's register to another (an agency merge); refused when a 登记编号 is in both. */
export async function moveRegister(trx: Trx, into: number, from: number): Promise<string[]> {
  const clash = await trx
    .selectFrom("register_applications as a")
    .innerJoin("register_applications as b", (j) => j.onRef("a.reg_id", "=", "b.reg_id"))
    .select("a.reg_id")
    .where("a.agency_id", "=", into)
    .where("b.agency_id", "=", from)
    .limit(5)
    .execute();
  if (clash.length) return clash.map((c) => c.reg_id);
  const top = await trx.selectFrom("register_applications").select(sql<number>`coalesce(max(seq), 0)`.as("m")).where("agency_id", "=", into).executeTakeFirstOrThrow();
  await trx
    .updateTable("register_applications")
    .set({ agency_id: into, seq: sql`seq + ${Number(top.m)}` })
    .where("agency_id", "=", from)
    .execute();
  await trx.updateTable("register_imports").set({ agency_id: into }).where("agency_id", "=", from).execute();
  return [];
}
