import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { AuditEntry } from "./types.js";

type Db = Kysely<Database>;

export interface AuditInput {
  userId: number | null;
  login: string | null;
  /** `login`, `login-failed`, `logout`, `decision`, `review`, `upload`, `user`, `export`, `password`… */
  action: string;
  target?: string | null;
  detail?: string | null;
  ip?: string | null;
}

const clip = (s: string | null | undefined, n: number) => (s == null ? null : s.length > n ? `${s.slice(0, n)}…` : s);

export async function addAudit(db: Db, e: AuditInput, at = new Date()): Promise<void> {
  await db
    .insertInto("audit")
    .values({ at: at.toISOString(), user_id: e.userId, login: clip(e.login, 100), action: e.action, target: clip(e.target, 300), detail: clip(e.detail, 2000), ip: clip(e.ip, 100) })
    .execute();
}

/** The log, newest first, a page at a time. */
export async function listAudit(db: Db, page: number, pageSize: number, filter: { action?: string } = {}): Promise<{ total: number; items: AuditEntry[] }> {
  let q = db.selectFrom("audit");
  if (filter.action) q = q.where("action", "=", filter.action);
  const total = await q.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(["at", "login", "action", "target", "detail", "ip"])
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map((r) => ({ at: r.at, user: r.login, action: r.action, target: r.target, detail: r.detail, ip: r.ip })) };
}
