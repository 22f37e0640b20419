import type { Kysely, Selectable, Updateable } from "kysely";
import { now } from "../agencies.js";
import { StoreError } from "../errors.js";
import type { Database, UserTable } from "../schema.js";
import { hashPassword, passwordProblem, verifyPassword } from "./password.js";
import { ROLES, type Role, type WebUser } from "./types.js";

type Db = Kysely<Database>;

/** Failed logins that lock an account, within this window; and how long the lock lasts. */
export const LOCK_AFTER = 5;
export const LOCK_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export function userOf(row: Selectable<UserTable>): WebUser {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : "filer",
    agencyId: row.agency_id,
    scopeAgencyId: row.scope_agency_id,
    disabled: Boolean(row.disabled),
    mustChangePassword: Boolean(row.must_change_password),
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

const LOGIN = /^[\p{L}\p{N}_.@-]{2,64}$/u;

export interface NewUser {
  login: string;
  displayName?: string;
  password: string;
  role: Role;
  agencyId?: number | null;
  scopeAgencyId?: number | null;
  /** A password someone else chose (an administrator, the first start): changed at first login. */
  mustChangePassword?: boolean;
}

async function checkAgencies(db: Db, role: Role, agencyId: number | null, scopeAgencyId: number | null): Promise<void> {
  if (role === "filer" && agencyId === null) throw new StoreError("invalid", "填报人须指定所属机关");
  if (role === "reviewer" && scopeAgencyId === null) throw new StoreError("invalid", "审核人须指定审核范围（一个机关及其下级机关）");
  for (const id of [agencyId, scopeAgencyId]) {
    if (id === null) continue;
    const a = await db.selectFrom("agencies").select("id").where("id", "=", id).executeTakeFirst();
    if (!a) throw new StoreError("invalid", `没有编号为 ${id} 的机关`);
  }
}

export async function createUser(db: Db, u: NewUser): Promise<WebUser> {
  const login = u.login?.trim() ?? "";
  if (!LOGIN.test(login)) throw new StoreError("invalid", "登录名须为 2–64 个字母、数字或 _ . @ -");
  if (!ROLES.includes(u.role)) throw new StoreError("invalid", `角色只能是 ${ROLES.join("、")}`);
  const problem = passwordProblem(u.password, login);
  if (problem) throw new StoreError("invalid", problem);
  const agencyId = u.role === "filer" ? (u.agencyId ?? null) : null;
  const scopeAgencyId = u.role === "reviewer" ? (u.scopeAgencyId ?? null) : null;
  await checkAgencies(db, u.role, agencyId, scopeAgencyId);
  const taken = await db.selectFrom("users").select("id").where("login", "=", login).executeTakeFirst();
  if (taken) throw new StoreError("invalid", `登录名“${login}”已被使用`);
  const row = await db
    .insertInto("users")
    .values({
      login,
      display_name: u.displayName?.trim() || login,
      password_hash: await hashPassword(u.password),
      role: u.role,
      created_at: now(),
      agency_id: agencyId,
      scope_agency_id: scopeAgencyId,
      must_change_password: u.mustChangePassword ? 1 : 0,
      first_failed_at: null,
      locked_until: null,
      last_login_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return userOf(row);
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  agencyId?: number | null;
  scopeAgencyId?: number | null;
  /** A new password set by an administrator: the user changes it at next login. */
  password?: string;
  disabled?: boolean;
  /** Lift a lock from failed logins. */
  unlock?: boolean;
}

export async function updateUser(db: Db, id: number, p: UserPatch): Promise<WebUser> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new StoreError("not-found", `没有编号为 ${id} 的用户`);
  const role = p.role ?? userOf(row).role;
  if (!ROLES.includes(role)) throw new StoreError("invalid", `角色只能是 ${ROLES.join("、")}`);
  if (row.role === "admin" && (role !== "admin" || p.disabled)) await keepOneAdmin(db, id);
  const agencyId = role === "filer" ? (p.agencyId !== undefined ? p.agencyId : row.agency_id) : null;
  const scopeAgencyId = role === "reviewer" ? (p.scopeAgencyId !== undefined ? p.scopeAgencyId : row.scope_agency_id) : null;
  await checkAgencies(db, role, agencyId, scopeAgencyId);
  const set: Updateable<UserTable> = { role, agency_id: agencyId, scope_agency_id: scopeAgencyId };
  if (p.displayName !== undefined) set.display_name = p.displayName.trim() || row.login;
  if (p.disabled !== undefined) set.disabled = p.disabled ? 1 : 0;
  if (p.unlock || p.password !== undefined) Object.assign(set, { failed_logins: 0, first_failed_at: null, locked_until: null });
  if (p.password !== undefined) {
    const problem = passwordProblem(p.password, row.login);
    if (problem) throw new StoreError("invalid", problem);
    set.password_hash = await hashPassword(p.password);
    set.must_change_password = 1;
  }
  const updated = await db.updateTable("users").set(set).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
  // A new password, a new role or a disabled account: the sessions it had end.
  if (p.password !== undefined || p.disabled || role !== row.role || agencyId !== row.agency_id || scopeAgencyId !== row.scope_agency_id) {
    await db.deleteFrom("sessions").where("user_id", "=", id).execute();
  }
  return userOf(updated);
}

async function keepOneAdmin(db: Db, leaving: number): Promise<void> {
  const others = await db.selectFrom("users").select("id").where("role", "=", "admin").where("disabled", "=", 0).where("id", "!=", leaving).execute();
  if (others.length === 0) throw new StoreError("invalid", "至少要保留一个可用的管理员");
}

export async function listUsers(db: Db): Promise<WebUser[]> {
  return (await db.selectFrom("users").selectAll().orderBy("login").execute()).map(userOf);
}

export async function getUser(db: Db, id: number): Promise<WebUser | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? userOf(row) : null;
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

export type LoginOutcome = { kind: "ok"; user: WebUser } | { kind: "bad"; userId: number | null } | { kind: "locked"; minutes: number; userId: number };

/**
 * Checks a login: the password (scrypt, constant time; an unknown login costs the same), a
 * disabled account, and the lock — LOCK_AFTER failures within LOCK_WINDOW_MS lock the account
 * for LOCK_MS, during which even the right password is refused.
 */
export async function authenticate(db: Db, login: string, password: string, at = new Date()): Promise<LoginOutcome> {
  const row = await db.selectFrom("users").selectAll().where("login", "=", String(login ?? "").trim()).executeTakeFirst();
  const ok = await verifyPassword(String(password ?? ""), row?.password_hash ?? null);
  if (!row) return { kind: "bad", userId: null };
  const t = at.getTime();
  const iso = at.toISOString();
  const locked = (until: string): LoginOutcome => ({ kind: "locked", minutes: Math.max(1, Math.ceil((Date.parse(until) - t) / 60_000)), userId: row.id });
  if (row.locked_until && Date.parse(row.locked_until) > t) return locked(row.locked_until);
  // The row read above is ~0.1 s old (scrypt): guesses made at once all read the same count, so the
  // count is kept in the database: each failure adds one there.
  if (!ok || row.disabled) {
    await db
      .updateTable("users")
      .set({ failed_logins: 0, first_failed_at: iso })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("first_failed_at", "is", null), eb("first_failed_at", "<", new Date(t - LOCK_WINDOW_MS).toISOString())]))
      .execute();
    const counted = await db
      .updateTable("users")
      .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
      .where("id", "=", row.id)
      .returning(["failed_logins", "locked_until"])
      .executeTakeFirst();
    if (counted?.locked_until && Date.parse(counted.locked_until) > t) return locked(counted.locked_until);
    if (counted && counted.failed_logins >= LOCK_AFTER) {
      const until = new Date(t + LOCK_MS).toISOString();
      await db.updateTable("users").set({ failed_logins: 0, first_failed_at: null, locked_until: until }).where("id", "=", row.id).execute();
      return locked(until);
    }
    return { kind: "bad", userId: row.id };
  }
  const updated = await db
    .updateTable("users")
    .set({ failed_logins: 0, first_failed_at: null, locked_until: null, last_login_at: iso })
    .where("id", "=", row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { kind: "ok", user: userOf(updated) };
}

/** The user's own change of password: the old one must be right; their other sessions end. */
export async function changePassword(db: Db, id: number, oldPassword: string, newPassword: string, keepSession: string | null): Promise<void> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || !(await verifyPassword(oldPassword, row.password_hash))) throw new StoreError("denied", "原密码不正确");
  const problem = passwordProblem(newPassword, row.login);
  if (problem) throw new StoreError("invalid", problem);
  if (await verifyPassword(newPassword, row.password_hash)) throw new StoreError("invalid", "新密码不能与原密码相同");
  await db.updateTable("users").set({ password_hash: await hashPassword(newPassword), must_change_password: 0 }).where("id", "=", id).execute();
  let q = db.deleteFrom("sessions").where("user_id", "=", id);
  if (keepSession) q = q.where("id", "!=", keepSession);
  await q.execute();
}
