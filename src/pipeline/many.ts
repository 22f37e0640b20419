import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { childRecord, endChildren, guard } from "../readers/children.js";
import { readInputBytes } from "../read.js";
import { DocService } from "./doc-service.js";
import type { Envelope } from "./envelope.js";
import { HangClock } from "./hang-clock.js";
import { Lookahead } from "./lookahead.js";
import { errorOf, failedEnvelope, processInput, type Input, type ProcessOptions } from "./process.js";
import type { Task } from "./worker.js";

export interface ManyOptions extends ProcessOptions {
  /** How many inputs to work on at once, each in a worker thread (default: one per core). */
  jobs?: number;
  /**
   * A worker module (file URL) in place of the built one; it default-exports what worker.ts
   * does, or something made of its envelope (the store's import worker prepares the rows to
   * store). Tests use one that crashes or hangs on purpose.
   */
  workerUrl?: string;
  /**
   * Envelopes started but not yet taken by the caller, at most (default `jobs × 4`): a caller
   * that is slow at times (the import writing a group of files) may allow more, so the workers
   * go on reading meanwhile.
   */
  ahead?: number;
}

/** How long a task may run past the per-file time limit before its worker counts as hung. */
export const HANG_MARGIN_MS = 10_000;
/** The per-file limit a hung worker is judged by when the caller set none (PDF, then OCR). */
const DEFAULT_TASK_MS = 300_000;
/** Finished envelopes waiting for an earlier, slower one, per worker: bounds memory. */
const AHEAD_PER_JOB = 4;
/**
 * Inputs taken from the source before their turn, so that the DOC files among them are converted
 * together ahead; inputs given as bytes only up to LOOKAHEAD_BYTES (paths weigh nothing).
 */
export const LOOKAHEAD = 64;
const LOOKAHEAD_BYTES = 16 * 1024 * 1024;

/**
 * Many inputs → their envelopes, yielded in the order of the inputs as each is done. The
 * caller writes each one out and drops it, so memory does not grow with the batch.
 *
 * Reading and checking happen in a pool of worker threads (piscina), one per core unless told;
 * this thread only hands out inputs and puts the envelopes back in order. Only as many inputs
 * are started as there are workers, and none while `ahead` (`jobs × 4`) envelopes wait to be
 * taken: a slow consumer or one slow file holds the rest back, memory stays flat. A
 * worker that dies or runs past the time limit is replaced and its input reported as unreadable
 * (`internal`, `too-large` or `timeout`); the batch goes on. One input is read here, without
 * starting any worker.
 */
export async function* processMany<R = Envelope>(inputs: Iterable<Input> | AsyncIterable<Input>, opts: ManyOptions = {}): AsyncGenerator<Envelope | R> {
  // The signal stays on this thread (it cannot cross to a worker): it stops the batch.
  const { jobs: wanted, signal, workerUrl, ahead: aheadWanted, ...one } = opts;
  const source = (Symbol.asyncIterator in inputs ? inputs[Symbol.asyncIterator]() : (inputs as Iterable<Input>)[Symbol.iterator]()) as AsyncIterator<Input> | Iterator<Input>;
  const next = async (): Promise<Input | null> => {
    const r = await source.next();
    return r.done ? null : r.value;
  };
  const first = await next();
  if (first === null) return;
  const second = await next();
  const jobs = Math.max(1, Math.floor(wanted ?? availableParallelism()));
  const ahead = Math.max(jobs, aheadWanted ?? jobs * AHEAD_PER_JOB);
  const workerFile = second === null ? null : (workerUrl ?? builtWorker());
  if (second === null) {
    yield await processInput(first, { ...one, signal });
    return;
  }
  // Many inputs: the DOC/WPS files among them are converted ahead, in LibreOffice batches
  // shared by all workers (doc-service.ts); the inputs come from the source a little early for that.
  let pool: ReaderPool | null = null;
  const docs = new DocService({
    timeoutMs: one.timeoutMs,
    maxBytes: one.maxBytes,
    onWait: (tag, waiting) => pool?.waiting(tag, waiting),
    // As many LibreOffice runs at once as workers, at most two: each wants a core to itself.
    batcher: { processes: Math.min(2, jobs) },
  });
  const pending = [first, second];
  const lookahead = new Lookahead<Input>(
    async () => pending.shift() ?? next(),
    LOOKAHEAD,
    (input, seq) => docs.prefetch(seq, input),
    (input) => (typeof input === "string" ? 0 : input.bytes.length),
    LOOKAHEAD_BYTES,
  );
  if (workerFile === null) {
    // Running from sources without a built worker: on this thread.
    const here = { ...one, signal, convertDoc: docs.convert };
    try {
      for (let got = await lookahead.next(); got !== null && !signal?.aborted; got = await lookahead.next()) {
        yield await processInput(got.item, here);
        docs.release(got.seq);
      }
    } finally {
      await docs.close();
    }
    return;
  }
  pool = await ReaderPool.open(jobs, workerFile, docs);
  const stopGuard = guard();
  // Set once the caller is done: envelopes still coming in start nothing more.
  let closed = false;
  try {
    const done = new Map<number, Envelope | R>();
    let running = 0;
    let started = 0;
    let yielded = 0;
    let exhausted = false;
    let failure: { error: unknown } | null = null;
    // Workers are handed new inputs as soon as they finish one, not only when the caller asks
    // for the next envelope: a caller that spends a while on what it got (the import writing a
    // group of files) does not leave the workers idle meanwhile — up to `ahead` envelopes wait.
    let woken: (() => void) | null = null;
    const wake = () => {
      const w = woken;
      woken = null;
      w?.();
    };
    let filling: Promise<void> | null = null;
    const room = () => !exhausted && !closed && !signal?.aborted && running < jobs && started - yielded < ahead;
    const fill = () => {
      if (filling || !room()) return;
      filling = (async () => {
        try {
          while (room()) {
            const got = await lookahead.next();
            if (got === null) {
              exhausted = true;
              break;
            }
            const seq = started++;
            running++;
            void pool!.run<R>(got.item, one, signal).then((env) => {
              docs.release(got.seq);
              done.set(seq, env);
              running--;
              fill();
              wake();
            });
          }
        } catch (error) {
          failure = { error };
          exhausted = true;
        } finally {
          filling = null;
          wake();
        }
      })();
    };
    for (;;) {
      if (failure) throw (failure as { error: unknown }).error;
      if (done.has(yielded)) {
        const env = done.get(yielded)!;
        done.delete(yielded++);
        fill();
        yield env;
        continue;
      }
      if (running === 0 && filling === null && (exhausted || signal?.aborted)) break;
      const changed = new Promise<void>((resolve) => (woken = resolve));
      fill();
      await changed;
    }
  } finally {
    closed = true;
    stopGuard();
    await docs.close();
    await pool.close();
  }
}

/** The worker module beside this one once built (dist/), or null when running from sources. */
export function builtWorker(): string | null {
  const url = new URL("./worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url.href : null;
}

/**
 * The worker threads, and what becomes of a task whose worker dies or hangs. Exported for a
 * long-running caller (the web server) that keeps one pool for every upload.
 */
export class ReaderPool {
  private tags = 0;
  /** The hang clocks of the running tasks, by tag. */
  private readonly clocks = new Map<number, HangClock>();

  private constructor(
    private readonly pool: import("piscina").Piscina,
    private readonly docs: DocService,
    /** The pool made its DocService (a long-running caller's): closed with the pool. */
    private readonly ownsDocs: boolean,
  ) {}

  /** A task waits for its Word file's conversion (queued behind others): its hang clock stops meanwhile. */
  waiting(tag: number, waiting: boolean): void {
    const clock = this.clocks.get(tag);
    if (waiting) clock?.pause();
    else clock?.resume();
  }

  /**
   * `docs`: the batch's Word conversions; without one (the web server's pool, kept for every
   * upload) the pool makes its own and closes it with itself.
   */
  static async open(jobs: number, filename: string, docs?: DocService): Promise<ReaderPool> {
    const { Piscina } = await import("piscina");
    const pool = new Piscina({
      filename,
      minThreads: jobs,
      maxThreads: jobs,
      idleTimeout: 60_000,
      // Readers leave timers and tools running between awaits; threads must not be paused.
      atomics: "disabled",
      // A file that makes a reader's memory run away ends its worker, not the machine. The
      // young generation at half V8's default (8 MB semi-spaces, 16 MB in all): reading the
      // benchmark's files took the same CPU (at 4 MB a third more), each worker 16 MB less.
      resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 24 },
    });
    // Pool-level errors (a worker failing to start) surface through the task that needed it.
    pool.on("error", () => {});
    if (docs) return new ReaderPool(pool, docs, false);
    let made: ReaderPool | null = null;
    const own = new DocService({ onWait: (tag, waiting) => made?.waiting(tag, waiting), batcher: { processes: Math.min(2, jobs) } });
    made = new ReaderPool(pool, own, true);
    return made;
  }

  /** One input in a worker (what its module gives, or an envelope saying why not); `stop` (the caller's signal) ends its worker too. */
  async run<R = Envelope>(input: Input, opts: ProcessOptions, stop?: AbortSignal): Promise<Envelope | R> {
    const t0 = performance.now();
    const file = typeof input === "string" ? input : input.name;
    let task: Task;
    if (input === "-") {
      // Standard input belongs to this thread: its bytes are read here, under the same limits.
      try {
        task = { input: { bytes: await readInputBytes("-", { ...opts, signal: stop }), name: "-" }, opts: { ...opts, name: opts.name ?? "标准输入" }, tag: ++this.tags, children: childRecord() };
      } catch (e) {
        return failedEnvelope(file, errorOf(e, file), performance.now() - t0);
      }
    } else task = { input, opts, tag: ++this.tags, children: childRecord() };
    const docPort = this.docs.port(task.input, task.tag);
    if (docPort) task.docPort = docPort.port;
    const limit = (opts.timeoutMs ?? DEFAULT_TASK_MS) + HANG_MARGIN_MS;
    const hung = new AbortController();
    const clock = new HangClock(limit, () => hung.abort());
    this.clocks.set(task.tag, clock);
    // Not AbortSignal.any: Node 20 keeps every signal it makes in the long-lived `stop` for good
    // (one per input, a batch of 100,000 files held 100,000 of them). A listener is taken off.
    const onStop = () => hung.abort();
    if (stop?.aborted) hung.abort();
    else stop?.addEventListener("abort", onStop, { once: true });
    try {
      return (await this.pool.run(task, { signal: hung.signal, transferList: docPort ? [docPort.port] : undefined })) as R;
    } catch (e) {
      // The worker is gone (piscina starts another): so must be whatever it had started.
      endChildren(task.tag);
      const ms = performance.now() - t0;
      if (stop?.aborted) return failedEnvelope(file, { code: "timeout", message: "读取已取消" }, ms);
      if (hung.signal.aborted) {
        return failedEnvelope(file, { code: "timeout", message: `读取超过 ${Math.round(limit / 1000)} 秒仍未完成，已停止（处理它的工作线程已重启）` }, ms);
      }
      if ((e as NodeJS.ErrnoException)?.code === "ERR_WORKER_OUT_OF_MEMORY") {
        return failedEnvelope(file, { code: "too-large", message: "读取时占用的内存超过上限，已停止：文件可能过大或结构异常" }, ms);
      }
      const why = (e as Error)?.message ?? String(e);
      return failedEnvelope(file, { code: "internal", message: `内部错误：读取这个文件时工作线程意外退出（${why}）；文件可能格式异常，请把它提供给维护者` }, ms);
    } finally {
      stop?.removeEventListener("abort", onStop);
      clock.stop();
      this.clocks.delete(task.tag);
      docPort?.close();
    }
  }

  async close(): Promise<void> {
    if (this.ownsDocs) await this.docs.close();
    await this.pool.destroy().catch(() => {});
  }
}
