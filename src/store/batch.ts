import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isReadError, ReadError } from "../model/errors.js";
import { processInput, processMany, type Envelope, type Input, type ProcessOptions } from "../pipeline/index.js";
import { readInputBytes } from "../read.js";
import type { ImportOutcome } from "./importer.js";
import { envelopeOf, isPrepared, prepareEnvelope, type PreparedEnvelope } from "./prepare.js";
import { JobQueue, QUEUES, type FileJob, type QueueName } from "./queue.js";
import type { Store } from "./store.js";

export interface BatchOptions extends ProcessOptions {
  /** Inputs worked on at once (the pipeline's pool). */
  jobs?: number;
  /** Read again the files stored as unreadable (by default a rerun skips them: their bytes and reason are stored). */
  retryFailed?: boolean;
}

/** What happened to one file of a batch. */
export type FileEvent =
  | {
      file: string;
      kind: "stored";
      outcome: ImportOutcome;
      /** What reading gave, but the reports: where from, which reader, the timings, why it could not be read. */
      head: Omit<Envelope, "reports">;
      /** The whole envelope: its reports are decoded from their stored JSON on first use (the codec is lossless). */
      envelope: Envelope;
    }
  | { kind: "skipped"; file: string; sha256: string; why: "ok" | "failed" }
  /** Its bytes could not be read (missing, no permission, too large): nothing is stored, a rerun tries again. */
  | { kind: "unreadable"; file: string; error: ReadError };

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/**
 * Imports files into the store, a few dozen files to a transaction (each file whole: all of
 * it or none), yielding what happened to each once it is committed. Resumable: a file whose bytes are stored already (read, or stored as
 * unreadable) is skipped after hashing it — so a killed run, run again, picks up where it
 * stopped. Store failures (disk full, server gone) are thrown as StoreErrors and stop the batch.
 */
export async function* importFiles(store: Store, files: Iterable<string>, opts: BatchOptions = {}): AsyncGenerator<FileEvent> {
  const pending: { file: string; bytes: Uint8Array }[] = [];
  const early: FileEvent[] = [];
  const { retryFailed, ...pipeline } = opts;
  // The inputs the pipeline reads: files not yet stored. Files skipped or unreadable on the way are
  // reported as soon as the pipeline hands back the next envelope (or at the end).
  async function* inputs() {
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = await readInputBytes(file, { maxBytes: opts.maxBytes });
      } catch (e) {
        early.push({ kind: "unreadable", file, error: isReadError(e) ? e : new ReadError("io", String(e)) });
        continue;
      }
      const hash = sha(bytes);
      const status = await store.status(hash);
      if (status === "ok" || (status === "failed" && !retryFailed)) {
        early.push({ kind: "skipped", file, sha256: hash, why: status });
        continue;
      }
      pending.push({ file, bytes });
      yield { bytes, name: file };
    }
  }
  const group: { env: PreparedEnvelope; bytes: Uint8Array }[] = [];
  let groupBytes = 0;
  let groupSince = 0;
  // The first groups are small (1, 2, 4… files): the first files are committed at once.
  let groupFiles = 1;
  // Writes the group in one transaction; its files are reported once it is committed.
  async function* flush(): AsyncGenerator<FileEvent> {
    if (group.length === 0) return;
    const items = group.splice(0);
    groupBytes = 0;
    groupFiles = Math.min(GROUP_FILES, groupFiles * 2);
    const outcomes = await store.importGroup(items, { replace: retryFailed });
    for (const [k, { env }] of items.entries()) yield stored(env, outcomes[k]!);
  }
  const envelopes = readForStore(inputs(), pipeline)[Symbol.asyncIterator]();
  // SQLite's WAL is checkpointed by a thread of its own meanwhile (a checkpoint's disk sync would hold this thread up).
  const endBatch = store.batch();
  try {
    for (;;) {
      let next = envelopes.next();
      if (group.length) {
        // The next file is slow to read: commit what is in hand rather than hold it uncommitted.
        const wait = Math.max(0, groupSince + GROUP_MS - performance.now());
        let timer: NodeJS.Timeout | undefined;
        const late = await Promise.race([next.then(() => false), new Promise<boolean>((done) => (timer = setTimeout(() => done(true), wait)))]);
        clearTimeout(timer);
        if (late) yield* flush();
      }
      const got = await next;
      if (got.done) break;
      const env = got.value;
      while (early.length) yield early.shift()!;
      const { bytes } = pending.shift()!;
      if (group.length === 0) groupSince = performance.now();
      group.push({ env, bytes });
      groupBytes += bytes.length + env.reports.reduce((n, r) => n + r.json.length, 0);
      if (group.length >= groupFiles || groupBytes >= GROUP_BYTES || performance.now() - groupSince >= GROUP_MS) yield* flush();
    }
    yield* flush();
    while (early.length) yield early.shift()!;
  } finally {
    await endBatch();
  }
}

/**
 * How many files one transaction of a batch import holds at most: committing costs about as
 * much as writing a report (SQLite writes every page a commit touched to the WAL again: the
 * indexes of reports, cells and findings), so one commit per file doubled the import. A kill
 * loses at most the group being written (a rerun reads those files again); a group is also
 * committed after `GROUP_MS` however small, so the files shown as stored are committed soon.
 */
const GROUP_FILES = 64;
const GROUP_BYTES = 16 * 1024 * 1024;
const GROUP_MS = 250;
/** Files read ahead while a group is written (the pipeline's `ahead`): the workers keep reading meanwhile. */
const AHEAD = 16;

/**
 * The inputs read, checked and prepared for the store in the pipeline's worker threads (the
 * import's worker module, import-worker.ts), in input order. Envelopes the pool gives for
 * inputs it could not read (a worker died or hung) are prepared here.
 */
async function* readForStore(inputs: AsyncIterable<Input>, opts: ProcessOptions & { jobs?: number }): AsyncGenerator<PreparedEnvelope> {
  for await (const env of processMany<PreparedEnvelope>(inputs, { ahead: AHEAD, ...opts, workerUrl: importWorker() })) yield isPrepared(env) ? env : prepareEnvelope(env);
}

/** The import's worker module beside this one once built (dist/, the bundle), or undefined when running from sources. */
function importWorker(): string | undefined {
  const url = new URL("./import-worker.js", import.meta.url);
  return url.protocol === "file:" && existsSync(fileURLToPath(url)) ? url.href : undefined;
}

function stored(p: PreparedEnvelope, outcome: ImportOutcome): FileEvent {
  let envelope: Envelope | undefined;
  return {
    kind: "stored",
    file: p.envelope.file,
    outcome,
    head: p.envelope,
    get envelope() {
      return (envelope ??= envelopeOf(p));
    },
  };
}

/** Reads a stored file again with today's reader and rules, replacing what the older reading stored. */
export async function rereadOne(store: Store, sha256: string, name: string, opts: ProcessOptions = {}): Promise<{ outcome: ImportOutcome; envelope: Envelope } | null> {
  const bytes = await store.blob(sha256);
  if (!bytes) return null;
  const envelope = await processInput({ bytes, name }, opts);
  return { outcome: await store.importEnvelope(envelope, bytes, { replace: true }), envelope };
}

/** Re-reads the files the current program would read differently (or all), one transaction each. */
export async function* rereadStored(store: Store, opts: BatchOptions & { all?: boolean } = {}): AsyncGenerator<FileEvent> {
  const { all, retryFailed: _r, ...pipeline } = opts;
  const todo = await store.rereadCandidates({ all });
  const bytesOf = new Map<string, Uint8Array>();
  async function* inputs() {
    for (const t of todo) {
      const bytes = await store.blob(t.sha256);
      if (!bytes) continue;
      bytesOf.set(t.name, bytes);
      yield { bytes, name: t.name };
    }
  }
  for await (const env of readForStore(inputs(), pipeline)) {
    const bytes = bytesOf.get(env.envelope.file)!;
    bytesOf.delete(env.envelope.file);
    const outcome = await store.importEnvelope(env, bytes, { replace: true });
    yield stored(env, outcome);
  }
}

/**
 * Puts files on the queue for workers on other machines: their bytes go into the database
 * first (a worker may not see this machine's disk). Yields what happened to each file.
 */
export async function* enqueueFiles(store: Store, queue: JobQueue, files: Iterable<string>, opts: Pick<BatchOptions, "maxBytes" | "retryFailed"> = {}): AsyncGenerator<FileEvent | { kind: "queued"; file: string; sha256: string }> {
  const batches: Record<QueueName, FileJob[]> = { [QUEUES.import]: [], [QUEUES.reread]: [] };
  const flush = async (q: QueueName, min: number) => {
    if (batches[q].length < min) return;
    await queue.enqueue(q, batches[q]);
    batches[q] = [];
  };
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readInputBytes(file, { maxBytes: opts.maxBytes });
    } catch (e) {
      yield { kind: "unreadable", file, error: isReadError(e) ? e : new ReadError("io", String(e)) };
      continue;
    }
    const hash = sha(bytes);
    const status = await store.status(hash);
    if (status === "ok" || (status === "failed" && !opts.retryFailed)) {
      yield { kind: "skipped", file, sha256: hash, why: status };
      continue;
    }
    await store.storeForQueue(hash, bytes, file);
    // A file stored as unreadable is read again in place, like a re-read.
    const q = status === "failed" ? QUEUES.reread : QUEUES.import;
    batches[q].push({ sha256: hash, name: file });
    await flush(q, 100);
    yield { kind: "queued", file, sha256: hash };
  }
  await flush(QUEUES.import, 1);
  await flush(QUEUES.reread, 1);
}

export interface WorkerOptions extends ProcessOptions {
  /** Stop once the queues are empty (for a batch run, and tests). */
  untilEmpty?: boolean;
  signal?: AbortSignal;
  onJob?: (e: { queue: QueueName; job: FileJob; outcome?: ImportOutcome; envelope?: Envelope; error?: unknown }) => void;
}

/**
 * A worker: takes import and re-read jobs from the queue and writes their results. A job's
 * bytes come from the database; a job that fails (the database went away) is retried.
 */
export async function runWorker(store: Store, queue: JobQueue, opts: WorkerOptions = {}): Promise<void> {
  const { untilEmpty, signal, onJob, ...pipeline } = opts;
  let busy = 0;
  await queue.work([QUEUES.import, QUEUES.reread], async (q, job) => {
    busy++;
    try {
      const bytes = await store.blob(job.sha256);
      if (!bytes) throw new Error(`stored bytes ${job.sha256} not found`);
      const envelope = await processInput({ bytes, name: job.name }, pipeline);
      const outcome = await store.importEnvelope(envelope, bytes, { replace: q === QUEUES.reread });
      onJob?.({ queue: q, job, outcome, envelope });
    } catch (error) {
      onJob?.({ queue: q, job, error });
      throw error;
    } finally {
      busy--;
    }
  });
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    signal?.addEventListener("abort", stop, { once: true });
    const timer = setInterval(async () => {
      if (!untilEmpty || busy > 0) return;
      try {
        const left = (await queue.pending(QUEUES.import)) + (await queue.pending(QUEUES.reread));
        if (left === 0 && busy === 0) stop();
      } catch {
        /* the next tick asks again */
      }
    }, 1000);
  });
  await queue.stop();
}
