import type { Kysely, Transaction } from "kysely";
import { sql } from "kysely";
import { agenciesMatching, lookupAgency, resolveAgency } from "./agencies.js";
import { StoreError } from "./errors.js";
import { execOf } from "./exec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface AgencyRef {
  id: number;
  /** The agency's display name. */
  name: string;
  /** Made now: no report or register had named it before. */
  created: boolean;
}

/**
 * The agency a user names for their own data (a register, a draft): an existing one by id or
 * any of its names, else — for a name — a new agency under the store's naming rule, so that
 * an agency can keep its register before any of its reports is in the corpus.
 */
export async function agencyForWrite(db: Db, ref: string): Promise<AgencyRef> {
  const known = await lookupAgency(db, ref);
  if (known !== null) return { id: known, name: await agencyName(db, known), created: false };
  if (/^\s*\d+\s*$/.test(ref)) return agencyForRead(db, ref);
  const top = await db.selectFrom("agencies").select(sql<number>`coalesce(max(id), 0)`.as("m")).executeTakeFirstOrThrow();
  // The store's naming rule may join it to a known agency (`洪泽区人民政府` → `淮安市洪泽区人民政府`).
  const id = await resolveAgency(execOf(db), ref);
  if (id === null) throw new StoreError("invalid", "请给出机关名称（--agency）");
  return { id, name: await agencyName(db, id), created: id > Number(top.m) };
}

/**
 * An existing agency by id, by one of its names, or by part of a name that only one agency's
 * names contain; a Chinese error when there is none or the part fits several.
 */
export async function agencyForRead(db: Db, ref: string): Promise<AgencyRef> {
  const known = await lookupAgency(db, ref);
  if (known !== null) return { id: known, name: await agencyName(db, known), created: false };
  const fits = await agenciesMatching(db, ref);
  if (fits.length === 1) return { id: fits[0]!, name: await agencyName(db, fits[0]!), created: false };
  if (fits.length === 0) throw new StoreError("not-found", `没有找到机关“${ref}”（用 nianbao agency list 查看已有机关及其编号）`);
  const names = await Promise.all(fits.slice(0, 5).map((id) => agencyName(db, id)));
  throw new StoreError("invalid", `“${ref}”对应多个机关（${names.join("、")}${fits.length > 5 ? "等" : ""}），请写全称或编号`);
}

export async function agencyName(db: Db, id: number): Promise<string> {
  const a = await db.selectFrom("agencies").select("name").where("id", "=", id).executeTakeFirst();
  if (!a) throw new StoreError("not-found", `没有编号为 ${id} 的机关`);
  return a.name;
}
