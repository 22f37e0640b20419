import PgBoss from "pg-boss";
import { describeLocation, locate } from "./engine.js";
import { StoreError, storeError } from "./errors.js";

/** The queues nianbao's workers take jobs from. */
export const QUEUES = { import: "nianbao-import", reread: "nianbao-reread" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A job: which stored bytes to (re-)read, under which name. */
export interface FileJob {
  sha256: string;
  name: string;
}

export interface QueueOptions {
  /**
   * Seconds a job may run before it counts as lost (its worker died) and another worker
   * retries it (default 600: a scanned PDF of many pages takes minutes). Set on the jobs
   * when they are enqueued.
   */
  jobTimeoutSeconds?: number;
  /** How often a worker looks for expired jobs (default 30 s). */
  superviseSeconds?: number;
  /** How often an idle worker asks for a job (default 2 s). */
  pollSeconds?: number;
}

/**
 * The jobs across machines: pg-boss, in the `pgboss` schema of the same PostgreSQL database.
 * A job whose worker is killed expires after `jobTimeoutSeconds` and is retried by another
 * (up to 3 times); importing is idempotent, so a retried job that had already committed adds
 * nothing.
 */
export class JobQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly opts: Required<QueueOptions>,
    readonly errors: Error[],
  ) {}

  static async open(url: string, opts: QueueOptions = {}): Promise<JobQueue> {
    const loc = locate(url);
    const where = describeLocation(loc);
    if (loc.engine !== "postgres") throw new StoreError("invalid", `任务队列需要 PostgreSQL 数据库（--db postgres://…），而不是 ${where}`);
    const o = { jobTimeoutSeconds: opts.jobTimeoutSeconds ?? 600, superviseSeconds: opts.superviseSeconds ?? 30, pollSeconds: opts.pollSeconds ?? 2 };
    const boss = new PgBoss({ connectionString: loc.target, max: 3, maintenanceIntervalSeconds: o.superviseSeconds, schedule: false });
    const errors: Error[] = [];
    boss.on("error", (e) => {
      if (errors.length < 100) errors.push(e);
    });
    try {
      await boss.start();
      for (const name of Object.values(QUEUES)) {
        if (await boss.getQueue(name)) continue;
        // Two workers starting at once may both create it: the second one's error is no error.
        await boss.createQueue(name, { name, policy: "standard", retryLimit: 3, retryDelay: 1, expireInSeconds: o.jobTimeoutSeconds }).catch(async (e) => {
          if (!(await boss.getQueue(name))) throw e;
        });
      }
    } catch (e) {
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      throw storeError(e, where);
    }
    return new JobQueue(boss, o, errors);
  }

  async enqueue(queue: QueueName, jobs: FileJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(jobs.map((data) => ({ name: queue, data, retryLimit: 3, retryDelay: 1, expireInSeconds: this.opts.jobTimeoutSeconds })));
  }

  /** Jobs waiting or running in a queue. */
  async pending(queue: QueueName): Promise<number> {
    return this.boss.getQueueSize(queue, { before: "completed" });
  }

  /** Takes jobs one at a time from the queues until stopped; a handler that throws fails the job (retried). */
  async work(queues: QueueName[], handler: (queue: QueueName, job: FileJob) => Promise<void>): Promise<void> {
    const workers = new Map<QueueName, string>();
    for (const q of queues) {
      const id = await this.boss.work<FileJob>(q, { batchSize: 1, pollingIntervalSeconds: this.opts.pollSeconds }, async (jobs) => {
        for (const j of jobs) await handler(q, j.data);
        // A worker that just had a job asks for the next at once, not after the polling interval.
        const me = workers.get(q);
        if (jobs.length && me) this.boss.notifyWorker(me);
      });
      workers.set(q, id);
    }
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
