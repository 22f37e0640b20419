import type { Kysely } from "kysely";
import { now } from "../agencies.js";
import type { Database } from "../schema.js";
import type { Decision, Review, ReviewState, Verdict } from "./types.js";

type Db = Kysely<Database>;

/** The fingerprint a decision on the whole report is kept under. */
const REPORT = "";

async function decisionRows(db: Db, reportId: number) {
  return db
    .selectFrom("decisions as d")
    .leftJoin("users as u", "u.id", "d.user_id")
    .select(["d.fingerprint", "d.verdict", "d.note", "d.created_at", "u.display_name"])
    .where("d.report_id", "=", reportId)
    .execute();
}

/** Decisions on a report's findings, by fingerprint. */
export async function findingDecisions(db: Db, reportId: number): Promise<Map<string, Decision>> {
  const rows = await decisionRows(db, reportId);
  return new Map(rows.filter((r) => r.fingerprint !== REPORT).map((r) => [r.fingerprint, { verdict: r.verdict as Verdict, note: r.note ?? "", user: r.display_name, at: r.created_at }]));
}

/** The decision on the whole report (审核通过 / 退回修改), or null while it is pending. */
export async function reportReview(db: Db, reportId: number): Promise<Review | null> {
  const r = (await decisionRows(db, reportId)).find((x) => x.fingerprint === REPORT);
  return r ? { state: r.verdict as ReviewState, note: r.note ?? "", user: r.display_name, at: r.created_at } : null;
}

async function upsert(db: Db, reportId: number, fingerprint: string, verdict: string, note: string, userId: number): Promise<void> {
  const at = now();
  await db
    .insertInto("decisions")
    .values({ report_id: reportId, fingerprint, verdict, note, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(["report_id", "fingerprint"]).doUpdateSet({ verdict, note, user_id: userId, created_at: at }))
    .execute();
}

export async function setDecision(db: Db, reportId: number, fingerprint: string, verdict: Verdict, note: string, userId: number): Promise<Decision> {
  await upsert(db, reportId, fingerprint, verdict, note, userId);
  return (await findingDecisions(db, reportId)).get(fingerprint)!;
}

export async function deleteDecision(db: Db, reportId: number, fingerprint: string): Promise<boolean> {
  const r = await db.deleteFrom("decisions").where("report_id", "=", reportId).where("fingerprint", "=", fingerprint).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function setReview(db: Db, reportId: number, state: ReviewState, note: string, userId: number): Promise<Review> {
  await upsert(db, reportId, REPORT, state, note, userId);
  return (await reportReview(db, reportId))!;
}
