import { sql, type Kysely, type Transaction } from "kysely";
import { agencyBase, agencyKey, dropsHigherLevel, isSpecificName } from "../model/agency.js";
import { StoreError } from "./errors.js";
import { stmt, type Exec } from "./exec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export const now = () => new Date().toISOString();

const LOCK = stmt("agencies_lock", "select pg_advisory_xact_lock(7041202301)");

/**
 * Serialises the steps that decide agencies and cross-year findings across processes: two
 * PostgreSQL workers importing one agency's 2023 and 2024 must each see the other's report,
 * and two new spellings of one new agency must not make two agencies. SQLite has one writer
 * at a time already. Held to the end of the transaction.
 */
export async function lockAgencies(x: Exec): Promise<void> {
  if (x.engine === "postgres") await x.run(LOCK);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const ALIAS_BY_KEY = stmt("alias_by_key", "select agency_id from agency_aliases where key = ?");
const ALIASES_BY_BASE = stmt("aliases_by_base", "select agency_id from agency_aliases where base = ?");
const ALIASES_ENDING_WITH = stmt("aliases_ending_with", "select agency_id, base from agency_aliases where base like ? escape '\\'");
const AGENCY_INSERT = stmt("agency_insert", "insert into agencies (name, region_code, parent_id, level, created_at) values (?, null, null, null, ?) returning id");
const AGENCY_NAME = stmt("agency_name", "select name from agencies where id = ?");
const AGENCY_RENAME = stmt("agency_rename", "update agencies set name = ? where id = ?");
const ALIAS_INSERT = stmt("alias_insert", "insert into agency_aliases (key, base, agency_id, pinned) values (?, ?, ?, 0) on conflict (key) do nothing");

/**
 * The agency a name (as written in a report) belongs to, created when new: a known alias; a
 * name with the same base (`…实验区管委会办公室` = `…实验区`); or the one agency whose name
 * this is with a higher level dropped or added (`洪泽区人民政府` ↔ `淮安市洪泽区人民政府`) —
 * the same rule `nianbao check` groups a batch by. Several candidates: a new agency, which
 * a user can merge.
 */
export async function resolveAgency(x: Exec, name: string | null | undefined): Promise<number | null> {
  const key = agencyKey(name);
  if (!key) return null;
  const hit = await x.get<{ agency_id: number }>(ALIAS_BY_KEY, [key]);
  if (hit) return hit.agency_id;
  const base = agencyBase(key);
  let id = await matchByBase(x, base);
  if (id === null) id = (await x.get<{ id: number }>(AGENCY_INSERT, [key, now()]))!.id;
  else {
    // The fullest name seen is the one shown.
    const a = (await x.get<{ name: string }>(AGENCY_NAME, [id]))!;
    if (agencyBase(a.name) !== base && base.endsWith(agencyBase(a.name))) await x.run(AGENCY_RENAME, [key, id]);
  }
  await x.run(ALIAS_INSERT, [key, base, id]);
  return id;
}

async function matchByBase(x: Exec, base: string): Promise<number | null> {
  const one = (ids: number[]) => {
    const set = [...new Set(ids)];
    return set.length === 1 ? set[0]! : null;
  };
  const same = await x.all<{ agency_id: number }>(ALIASES_BY_BASE, [base]);
  if (same.length) return one(same.map((r) => r.agency_id));
  // Longer names this one is the tail of (it dropped a higher level).
  if (isSpecificName(base)) {
    const longer = await x.all<{ agency_id: number; base: string }>(ALIASES_ENDING_WITH, ["%" + escapeLike(base)]);
    const fits = one(longer.filter((r) => dropsHigherLevel(r.base, base)).map((r) => r.agency_id));
    if (fits !== null) return fits;
  }
  // Shorter names that are its tail (an earlier report dropped the higher level): only its
  // specific tails can be, each looked up by the index on base rather than by scanning them all.
  const shorter: number[] = [];
  for (let k = 1; k < base.length; k++) {
    const tail = base.slice(k);
    if (!dropsHigherLevel(base, tail)) continue;
    for (const r of await x.all<{ agency_id: number }>(ALIASES_BY_BASE, [tail])) shorter.push(r.agency_id);
  }
  return one(shorter);
}

/** An agency named by a user: its id, one of its names, or its display name. */
export async function findAgency(db: Db, ref: string): Promise<number> {
  const id = await lookupAgency(db, ref);
  if (id === null) throw new StoreError("not-found", `没有找到机关“${ref}”（用 nianbao agency list 查看已有机关及其编号）`);
  return id;
}

export async function lookupAgency(db: Db, ref: string): Promise<number | null> {
  const r = ref.trim();
  if (/^\d+$/.test(r)) {
    const a = await db.selectFrom("agencies").select("id").where("id", "=", Number(r)).executeTakeFirst();
    if (a) return a.id;
  }
  const key = agencyKey(r);
  if (!key) return null;
  const alias = await db.selectFrom("agency_aliases").select("agency_id").where("key", "=", key).executeTakeFirst();
  if (alias) return alias.agency_id;
  const byName = await db.selectFrom("agencies").select("id").where("name", "=", key).executeTakeFirst();
  return byName?.id ?? null;
}

/** Agencies whose display name or one of whose names contains `text`. */
export async function agenciesMatching(db: Db, text: string): Promise<number[]> {
  const exact = await lookupAgency(db, text);
  if (exact !== null) return [exact];
  const key = agencyKey(text);
  if (!key) return [];
  const pattern = `%${escapeLike(key)}%`;
  const rows = await db
    .selectFrom("agency_aliases")
    .select("agency_id")
    .where(sql<boolean>`key like ${pattern} escape '\\'`)
    .union(db.selectFrom("agencies").select("id as agency_id").where(sql<boolean>`name like ${pattern} escape '\\'`))
    .execute();
  return [...new Set(rows.map((r) => r.agency_id))];
}

/**
 * Agencies in a region: a 行政区划代码 (or its leading digits: `3208` or `320800000000` for
 * 淮安市) or an agency; with every agency under them through the parent links.
 */
export async function agenciesInRegion(db: Db, region: string): Promise<number[]> {
  const r = region.trim();
  let roots: number[];
  if (/^\d{2,12}$/.test(r)) {
    const prefix = r.replace(/(00)+$/, "") || r;
    const rows = await db.selectFrom("agencies").select("id").where("region_code", "like", `${prefix}%`).execute();
    roots = rows.map((x) => x.id);
  } else roots = await agenciesMatching(db, r);
  const out = new Set(roots);
  let frontier = roots;
  while (frontier.length) {
    const kids = await db.selectFrom("agencies").select("id").where("parent_id", "in", frontier).execute();
    frontier = kids.map((k) => k.id).filter((id) => !out.has(id));
    for (const id of frontier) out.add(id);
  }
  return [...out];
}

export interface AgencyInfo {
  id: number;
  name: string;
  aliases: string[];
  regionCode: string | null;
  level: string | null;
  parent: { id: number; name: string } | null;
  reports: number;
  years: number[];
}

export async function listAgencies(db: Db, filter: { ids?: number[] } = {}): Promise<AgencyInfo[]> {
  let q = db.selectFrom("agencies").selectAll().orderBy("name").orderBy("id");
  if (filter.ids) q = q.where("id", "in", filter.ids.length ? filter.ids : [-1]);
  const agencies = await q.execute();
  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const aliases = await db.selectFrom("agency_aliases").select(["agency_id", "key"]).orderBy("key").execute();
  const years = await db.selectFrom("reports").select(["agency_id", "year"]).where("agency_id", "is not", null).execute();
  const missingParents = agencies.filter((a) => a.parent_id !== null && !names.has(a.parent_id)).map((a) => a.parent_id!);
  if (missingParents.length) for (const p of await db.selectFrom("agencies").select(["id", "name"]).where("id", "in", missingParents).execute()) names.set(p.id, p.name);
  return agencies.map((a) => {
    const ys = years.filter((y) => y.agency_id === a.id);
    return {
      id: a.id,
      name: a.name,
      aliases: aliases.filter((x) => x.agency_id === a.id).map((x) => x.key),
      regionCode: a.region_code,
      level: a.level,
      parent: a.parent_id === null ? null : { id: a.parent_id, name: names.get(a.parent_id) ?? String(a.parent_id) },
      reports: ys.length,
      years: [...new Set(ys.map((y) => y.year).filter((y): y is number => y !== null))].sort(),
    };
  });
}

/** Years that have reports of the agency. */
export async function agencyYears(db: Db, agencyId: number): Promise<number[]> {
  const rows = await db.selectFrom("reports").select("year").distinct().where("agency_id", "=", agencyId).where("year", "is not", null).execute();
  return rows.map((r) => r.year!);
}

/** Moves every name and report of `from` to `into` and removes `from`; names are pinned (a user decided). */
export async function mergeAgencies(trx: Transaction<Database>, into: number, from: number): Promise<void> {
  if (into === from) throw new StoreError("invalid", "不能把一个机关合并到它自己");
  const [a, b] = await Promise.all([into, from].map((id) => trx.selectFrom("agencies").selectAll().where("id", "=", id).executeTakeFirstOrThrow()));
  await trx.updateTable("agency_aliases").set({ agency_id: into, pinned: 1 }).where("agency_id", "in", [into, from]).execute();
  await trx.updateTable("reports").set({ agency_id: into }).where("agency_id", "=", from).execute();
  await trx.updateTable("agencies").set({ parent_id: into }).where("parent_id", "=", from).execute();
  await trx
    .updateTable("agencies")
    .set({ region_code: a!.region_code ?? b!.region_code, level: a!.level ?? b!.level, parent_id: a!.parent_id ?? (b!.parent_id === into ? null : b!.parent_id) })
    .where("id", "=", into)
    .execute();
  await trx.deleteFrom("agencies").where("id", "=", from).execute();
}

/**
 * Moves some names of an agency (and the reports written with them) to a new agency; the
 * names are pinned so automatic matching never joins them back. Returns the new agency's id.
 */
export async function splitAgency(trx: Transaction<Database>, agencyId: number, names: string[]): Promise<number> {
  const keys = [...new Set(names.map((n) => agencyKey(n)).filter((k): k is string => k !== null))];
  const own = await trx.selectFrom("agency_aliases").select("key").where("agency_id", "=", agencyId).execute();
  const ownKeys = new Set(own.map((o) => o.key));
  const foreign = keys.filter((k) => !ownKeys.has(k));
  if (foreign.length) throw new StoreError("invalid", `“${foreign.join("”“")}”不是这个机关的名称（它的名称有：${[...ownKeys].join("、")}）`);
  if (keys.length === 0) throw new StoreError("invalid", "请给出要拆出去的名称");
  if (keys.length >= ownKeys.size) throw new StoreError("invalid", "不能拆出一个机关的全部名称（至少留下一个）");
  const created = await trx.insertInto("agencies").values({ name: keys[0]!, region_code: null, parent_id: null, level: null, created_at: now() }).returning("id").executeTakeFirstOrThrow();
  await trx.updateTable("agency_aliases").set({ agency_id: created.id, pinned: 1 }).where("key", "in", keys).execute();
  await trx.updateTable("agency_aliases").set({ pinned: 1 }).where("agency_id", "=", agencyId).execute();
  await trx.updateTable("reports").set({ agency_id: created.id }).where("agency_id", "=", agencyId).where("agency_key", "in", keys).execute();
  const a = await trx.selectFrom("agencies").select("name").where("id", "=", agencyId).executeTakeFirstOrThrow();
  if (keys.includes(a.name)) {
    const left = [...ownKeys].filter((k) => !keys.includes(k)).sort((x, y) => y.length - x.length);
    await trx.updateTable("agencies").set({ name: left[0]! }).where("id", "=", agencyId).execute();
  }
  return created.id;
}
