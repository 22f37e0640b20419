import { createHash, randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFile, rm } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { ReaderPool, type Envelope } from "../../pipeline/index.js";
import { detect } from "../../readers/index.js";
import { scopeOf, type ItemUpdate, type Store, type WebUser } from "../../store/index.js";
import type { Received } from "./receive.js";
import { workerModule } from "./worker-module.js";

interface Task {
  jobId: string;
  idx: number;
  name: string;
  path: string;
  user: WebUser;
}

export interface RunnerOptions {
  jobs?: number;
  workerUrl?: string;
  maxBytes: number;
  timeoutMs: number;
}

const UNRECOGNISED = "无法识别文件格式（按文件内容判断，不看扩展名）：支持纯文本、Markdown、HTML 网页、Word（DOCX/DOC/WPS）、PDF、图片和报告 JSON";

/**
 * Upload jobs: each file is sniffed by the reader registry (from its bytes, not its name), read
 * and checked on the worker pool (one pool for the server's life, never the request thread),
 * and stored through the store's import path (`Store.importEnvelope`, one transaction per
 * file). Progress goes to the store (for polling, from any server) and to listeners (SSE).
 */
export class UploadRunner {
  private pool: Promise<ReaderPool> | null = null;
  private readonly queue: Task[] = [];
  private active = 0;
  private readonly left = new Map<string, number>();
  private closed = false;
  private readonly jobs: number;
  /** Emits the job's id on every change. */
  readonly events = new EventEmitter();

  constructor(
    private readonly store: Store,
    private readonly opts: RunnerOptions,
  ) {
    this.jobs = Math.max(1, Math.floor(opts.jobs ?? availableParallelism()));
    this.events.setMaxListeners(0);
  }

  /** A new job for the received files; returns its id at once (reading goes on in the pool). */
  async submit(user: WebUser, files: Received[]): Promise<string> {
    const jobId = randomUUID();
    await this.store.web.createJob(jobId, user.id, files.map((f) => f.name));
    let pending = 0;
    for (const [idx, f] of files.entries()) {
      if (f.path === null) await this.update(jobId, idx, { status: "refused", error: f.refused ?? "无法接收这个文件" });
      else {
        this.queue.push({ jobId, idx, name: f.name, path: f.path, user });
        pending++;
      }
    }
    this.left.set(jobId, pending);
    if (pending === 0) await this.finish(jobId);
    this.pump();
    return jobId;
  }

  private async update(jobId: string, idx: number, u: ItemUpdate): Promise<void> {
    await this.store.web.updateJobItem(jobId, idx, u);
    this.events.emit("change", jobId);
  }

  private async finish(jobId: string): Promise<void> {
    this.left.delete(jobId);
    await this.store.web.finishJob(jobId, "done");
    this.events.emit("change", jobId);
  }

  private pump(): void {
    while (!this.closed && this.active < this.jobs && this.queue.length) {
      const task = this.queue.shift()!;
      this.active++;
      this.run(task)
        .catch(async (e) => {
          // The store failed (disk full, database gone): the file is refused with the store's reason.
          await this.update(task.jobId, task.idx, { status: "refused", error: (e as Error)?.message ?? String(e) }).catch(() => {});
        })
        .finally(async () => {
          await rm(task.path, { force: true }).catch(() => {});
          this.active--;
          const left = (this.left.get(task.jobId) ?? 1) - 1;
          this.left.set(task.jobId, left);
          if (left === 0) await this.finish(task.jobId).catch(() => {});
          this.pump();
        });
    }
  }

  private readerPool(): Promise<ReaderPool> {
    if (!this.pool) {
      const file = this.opts.workerUrl ?? workerModule();
      if (!file) throw new Error("nianbao 尚未编译（缺少 dist/pipeline/worker.js）：请先运行 npm run build");
      this.pool = ReaderPool.open(this.jobs, file);
    }
    return this.pool;
  }

  private async run(t: Task): Promise<void> {
    const bytes = new Uint8Array(await readFile(t.path));
    await rm(t.path, { force: true });
    if (bytes.length === 0) return this.update(t.jobId, t.idx, { status: "refused", error: "文件是空的" });
    if (!detect(bytes, t.name)) return this.update(t.jobId, t.idx, { status: "refused", error: UNRECOGNISED });
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const known = await this.store.web.original(sha256);
    if (known && known.status === "ok") return this.update(t.jobId, t.idx, { status: "duplicate", sha256, reportIds: await this.visible(t.user, known.reportIds) });
    if (known && known.status === "failed") return this.update(t.jobId, t.idx, { status: "unreadable", sha256, error: known.error ?? "无法读取" });
    await this.update(t.jobId, t.idx, { status: "reading", sha256 });
    const pool = await this.readerPool();
    const env: Envelope = await pool.run({ bytes, name: t.name }, { maxBytes: this.opts.maxBytes, timeoutMs: this.opts.timeoutMs });
    if (!env.sha256) return this.update(t.jobId, t.idx, { status: "unreadable", error: env.error?.message ?? "无法读取" });
    const outcome = await this.store.importEnvelope(env, bytes);
    if (outcome.status === "failed") return this.update(t.jobId, t.idx, { status: "unreadable", error: env.error?.message ?? "无法读取" });
    if (outcome.status === "duplicate") {
      const again = await this.store.web.original(sha256);
      return this.update(t.jobId, t.idx, { status: "duplicate", reportIds: await this.visible(t.user, again?.reportIds ?? []) });
    }
    const ids = await this.visible(t.user, outcome.reports);
    const hidden = outcome.reports.length - ids.length;
    return this.update(t.jobId, t.idx, {
      status: "stored",
      reportIds: ids,
      error: hidden ? `已保存，但其中 ${hidden} 份报告的机关不在您的权限范围内，您无法查看` : null,
    });
  }

  /** The report ids the uploader may open (a 填报人 uploading another agency's report cannot). */
  private async visible(user: WebUser, ids: number[]): Promise<number[]> {
    const scope = scopeOf(user);
    const out: number[] = [];
    for (const id of ids) if (await this.store.web.reportInScope(scope, id)) out.push(id);
    return out;
  }

  /** Stops taking work and ends the pool; files not started stay `queued` (settled at the next start). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool.catch(() => null))?.close();
  }
}
