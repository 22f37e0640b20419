import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { userOf } from "./users.js";
import type { WebUser } from "./types.js";

type Db = Kysely<Database>;

/** Idle sessions end after this long (sliding); no session lives longer than MAX_SESSION_MS. */
export const IDLE_MS = 30 * 60_000;
export const MAX_SESSION_MS = 12 * 3600_000;
/** A session's expiry is moved on at most this often (not a write per request). */
const SLIDE_EVERY_MS = 60_000;

/** The stored id of a token: its SHA-256. The token itself (in the cookie) is never stored. */
export const sessionId = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createSession(db: Db, userId: number, idleMs = IDLE_MS, at = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("sessions")
    .values({ id: sessionId(token), user_id: userId, created_at: at.toISOString(), expires_at: new Date(at.getTime() + idleMs).toISOString() })
    .execute();
  return token;
}

/**
 * The user of a session token, or null when there is no such session, it has been idle longer
 * than `idleMs`, it is older than MAX_SESSION_MS, or its user is disabled. Using it moves its
 * idle expiry on.
 */
export async function sessionUser(db: Db, token: string, idleMs = IDLE_MS, at = new Date()): Promise<{ user: WebUser; sessionId: string } | null> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return null;
  const id = sessionId(token);
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.created_at as session_created", "s.expires_at as session_expires"])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const t = at.getTime();
  const expires = Math.min(Date.parse(row.session_expires), Date.parse(row.session_created) + MAX_SESSION_MS);
  if (expires <= t || row.disabled) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  const next = t + idleMs;
  if (next - Date.parse(row.session_expires) > SLIDE_EVERY_MS) {
    await db.updateTable("sessions").set({ expires_at: new Date(next).toISOString() }).where("id", "=", id).execute();
  }
  const { session_created: _c, session_expires: _e, ...user } = row;
  return { user: userOf(user), sessionId: id };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId(token)).execute();
}

/** Removes sessions past their idle expiry. */
export async function purgeSessions(db: Db, at = new Date()): Promise<number> {
  const r = await db.deleteFrom("sessions").where("expires_at", "<", at.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
