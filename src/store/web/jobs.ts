import type { Kysely } from "kysely";
import { now } from "../agencies.js";
import { chunks } from "../rows.js";
import type { Database } from "../schema.js";
import type { ItemStatus, Job, JobItem } from "./types.js";

type Db = Kysely<Database>;

const FINAL: ItemStatus[] = ["stored", "duplicate", "unreadable", "refused"];

/** A new upload job with its files, all `queued`. */
export async function createJob(db: Db, id: string, userId: number | null, names: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = now();
    await trx.insertInto("jobs").values({ id, user_id: userId, state: "running", total: names.length, done: 0, created_at: at, updated_at: at }).execute();
    const rows = names.map((name, idx) => ({ job_id: id, idx, name, status: "queued", sha256: null, report_ids: "[]", error: null }));
    for (const part of chunks(rows, 200)) await trx.insertInto("job_items").values(part).execute();
  });
}

export interface ItemUpdate {
  status: ItemStatus;
  sha256?: string | null;
  reportIds?: number[];
  error?: string | null;
}

/** One file's progress; a file reaching a final status counts as done. */
export async function updateJobItem(db: Db, jobId: string, idx: number, u: ItemUpdate): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: u.status };
    if (u.sha256 !== undefined) set.sha256 = u.sha256;
    if (u.reportIds !== undefined) set.report_ids = JSON.stringify(u.reportIds);
    if (u.error !== undefined) set.error = u.error;
    await trx.updateTable("job_items").set(set).where("job_id", "=", jobId).where("idx", "=", idx).execute();
    const done = await trx.selectFrom("job_items").select((eb) => eb.fn.countAll<number>().as("n")).where("job_id", "=", jobId).where("status", "in", FINAL).executeTakeFirstOrThrow();
    await trx.updateTable("jobs").set({ done: Number(done.n), updated_at: now() }).where("id", "=", jobId).execute();
  });
}

export async function finishJob(db: Db, jobId: string, state: "done" | "failed", error?: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (state === "failed") {
      // Files not reached are refused with the job's reason.
      await trx.updateTable("job_items").set({ status: "refused", error: error ?? "任务中断" }).where("job_id", "=", jobId).where("status", "in", ["queued", "reading"]).execute();
    }
    await trx.updateTable("jobs").set({ state, updated_at: now() }).where("id", "=", jobId).execute();
  });
}

export async function getJob(db: Db, jobId: string): Promise<Job | null> {
  const j = await db.selectFrom("jobs").selectAll().where("id", "=", jobId).executeTakeFirst();
  if (!j) return null;
  const items = await db.selectFrom("job_items").selectAll().where("job_id", "=", jobId).orderBy("idx").execute();
  return {
    id: j.id,
    userId: j.user_id,
    state: j.state as Job["state"],
    total: j.total,
    done: j.done,
    createdAt: j.created_at,
    items: items.map((i): JobItem => ({ name: i.name, status: i.status as ItemStatus, reportIds: JSON.parse(i.report_ids), ...(i.error ? { error: i.error } : {}) })),
  };
}

/**
 * Jobs a stopped server left running: their files are gone with its temporary folder, so they
 * end as failed, with the reason on each file not reached. Old jobs (older than `keepDays`) go.
 */
export async function settleJobs(db: Db, keepDays = 30): Promise<number> {
  const running = await db.selectFrom("jobs").select("id").where("state", "=", "running").execute();
  for (const { id } of running) await finishJob(db, id, "failed", "服务器在处理这个文件之前重新启动，请重新上传");
  const cutoff = new Date(Date.now() - keepDays * 86400_000).toISOString();
  await db.deleteFrom("jobs").where("created_at", "<", cutoff).execute();
  return running.length;
}
