import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ReadError } from "../../model/errors.js";
import { childTempDir, guard, trackChild } from "../children.js";
import { removeOfficePipes } from "./pipe.js";
import { DEFAULT_CONVERT_TIMEOUT_MS, MISSING_LIBREOFFICE, findSoffice, killGroup, officeArgs, officeEnv, safeExt } from "./soffice.js";

/**
 * Many DOC/WPS/RTF files through few LibreOffice runs. Starting LibreOffice costs a second or
 * two; converting a report once it runs, a tenth of that. So files asked for within a few
 * milliseconds of each other go to one `soffice --convert-to html` run (a batch), which
 * converts them in order and says so on its output (`convert …/f3.doc -> … using filter`,
 * after loading each file; `Error: source file could not be loaded` for one it cannot open).
 *
 * One bad file costs only itself: when a run makes no progress within the per-file time limit
 * (or crashes), its process group is killed, the file it was working on fails (`timeout`, or
 * `damaged` for a crash), the files before it keep their results, and the files after it go to
 * a new run. Each run slot has its own folder and LibreOffice profile (kept between runs, made
 * anew after a kill), inside this process's temporary root, recorded as children.ts requires:
 * being stopped kills every run and removes every folder.
 */
export interface BatcherOptions {
  /** Path of soffice; default as `findSoffice`. */
  soffice?: string;
  /** LibreOffice runs at once (default: one per core, at most 2). */
  processes?: number;
  /** Files per run at most. */
  maxBatch?: number;
  /** How long a run waits for more files before it starts. */
  gatherMs?: number;
  /** Where the run folders go (default: this process's temporary root). */
  tmpDir?: string;
  /** Largest converted page accepted. */
  maxOutputBytes?: number;
}

export interface BatchFile {
  /** The name's extension tells LibreOffice the format (`.doc`, `.wps`, `.rtf`, `.xml`). */
  name: string;
  bytes: Uint8Array;
}

export interface BatchOptions {
  /** Time LibreOffice may spend on this file (its start-up included when it is first). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Job {
  ext: string;
  /** Kept until the job is settled: a run that stops before the file is done writes it again for the next. */
  bytes: Uint8Array | null;
  timeoutMs: number;
  settle: (html: Uint8Array | null, error?: ReadError) => void;
  done: boolean;
}

const GATHER_MAX_MS = 250;
const LINE_RE = /^convert .*?[/\\]f(\d+)\.[a-z0-9]* -> /;
const LOAD_ERROR = "source file could not be loaded";

const cancelled = () => new ReadError("timeout", "读取已取消或超时，LibreOffice 转换已终止");
const unreadable = () => new ReadError("damaged", "LibreOffice 无法打开这个文件：文件可能已损坏、已加密，或不是 Word/WPS 文档");

class Slot {
  dir: string | null = null;
  stopGuard: (() => void) | null = null;
  /** The profile must be made anew (never made, or its LibreOffice was killed). */
  fresh = true;
  running: Promise<void> | null = null;
  child: ChildProcess | null = null;
  /** The files of the run in progress. */
  jobs: Job[] | null = null;
}

export class SofficeBatcher {
  private readonly soffice: string | null;
  private readonly slots: Slot[];
  private readonly maxBatch: number;
  private readonly gatherMs: number;
  private readonly maxOut: number;
  private queue: Job[] = [];
  private gathering: NodeJS.Timeout | null = null;
  private gatherSince = 0;
  private closed = false;
  /** LibreOffice runs started, for tests and the bench. */
  runs = 0;

  constructor(private readonly opts: BatcherOptions = {}) {
    this.soffice = opts.soffice ?? findSoffice();
    const n = Math.max(1, Math.floor(opts.processes ?? Math.min(2, availableParallelism())));
    this.slots = Array.from({ length: n }, () => new Slot());
    this.maxBatch = Math.max(1, opts.maxBatch ?? 64);
    this.gatherMs = opts.gatherMs ?? 25;
    this.maxOut = opts.maxOutputBytes ?? 200 * 1024 * 1024;
  }

  /** The file as LibreOffice's HTML export. Throws a ReadError (`damaged`, `timeout`, `missing-tool`, `io`, `too-large`). */
  convert(file: BatchFile, o: BatchOptions = {}): Promise<Uint8Array> {
    if (!this.soffice) return Promise.reject(new ReadError("missing-tool", MISSING_LIBREOFFICE));
    if (this.closed || o.signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        job.settle(null, cancelled());
        this.queue = this.queue.filter((j) => j !== job);
        // A run whose every file was given up is stopped.
        for (const s of this.slots) if (s.child && s.jobs?.every((j) => j.done)) killGroup(s.child);
      };
      const job: Job = {
        ext: safeExt(file.name),
        bytes: file.bytes,
        timeoutMs: o.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS,
        done: false,
        settle: (html, error) => {
          if (job.done) return;
          job.done = true;
          job.bytes = null;
          o.signal?.removeEventListener("abort", onAbort);
          if (error || !html) reject(error ?? unreadable());
          else resolve(html);
        },
      };
      o.signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(job);
      this.schedule();
    });
  }

  /** Stops every run, fails what is waiting, removes the folders. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    for (const j of this.queue) j.settle(null, cancelled());
    this.queue = [];
    for (const s of this.slots) if (s.child) killGroup(s.child);
    await Promise.all(this.slots.map((s) => s.running));
    await Promise.all(this.slots.map((s) => this.release(s)));
  }

  /**
   * Starts a run once files stop coming for `gatherMs` (they come in bursts: a folder read
   * ahead, workers asking at once), but never waits longer than GATHER_MAX_MS for that.
   */
  private schedule(): void {
    if (this.closed || this.queue.length === 0 || !this.slots.some((s) => !s.running)) return;
    const now = performance.now();
    if (this.gathering) {
      if (now - this.gatherSince >= GATHER_MAX_MS) return;
      clearTimeout(this.gathering);
    } else this.gatherSince = now;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      this.start();
    }, Math.min(this.gatherMs, GATHER_MAX_MS - (now - this.gatherSince)));
  }

  /** Hands the waiting files to the free slots, in order, in shares as even as maxBatch allows. */
  private start(): void {
    this.queue = this.queue.filter((j) => !j.done);
    const free = this.slots.filter((s) => !s.running);
    for (let f = 0; f < free.length && this.queue.length > 0; f++) {
      const n = Math.min(this.maxBatch, Math.ceil(this.queue.length / (free.length - f)));
      const slot = free[f]!;
      const jobs = this.queue.splice(0, n);
      slot.running = this.run(slot, jobs).finally(() => {
        slot.running = null;
        slot.jobs = null;
        this.schedule();
      });
    }
  }

  private async release(slot: Slot): Promise<void> {
    const dir = slot.dir;
    slot.dir = null;
    if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    slot.stopGuard?.();
    slot.stopGuard = null;
  }

  /** One LibreOffice run over `jobs`; what it could not finish goes back to the front of the queue. */
  private async run(slot: Slot, jobs: Job[]): Promise<void> {
    slot.jobs = jobs;
    let dir: string;
    try {
      if (!slot.dir) {
        // From the folder's birth to its removal, being stopped cleans up.
        slot.stopGuard = guard();
        slot.dir = this.opts.tmpDir ? await mkdtemp(join(this.opts.tmpDir, "nianbao-lo-")) : await childTempDir("lo-");
      }
      dir = slot.dir;
      const profile = join(dir, "profile");
      if (slot.fresh) await rm(profile, { recursive: true, force: true, maxRetries: 3 });
      slot.fresh = false;
      await Promise.all(["in", "out"].map((d) => rm(join(dir, d), { recursive: true, force: true, maxRetries: 3 })));
      await Promise.all(["in", "out"].map((d) => mkdir(join(dir, d))));
      await Promise.all(jobs.map((j, i) => (j.done || !j.bytes ? null : writeFile(join(dir, "in", `f${i}${j.ext}`), j.bytes))));
    } catch (e) {
      const err = new ReadError("io", `无法写入 LibreOffice 转换用的临时文件（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, { cause: e });
      for (const j of jobs) j.settle(null, err);
      return;
    }
    if (jobs.every((j) => j.done) || this.closed) {
      for (const j of jobs) j.settle(null, cancelled());
      return;
    }
    this.runs++;
    const outcome = await this.watch(slot, dir, jobs);
    if (outcome.killed) slot.fresh = true;
    // What the run did not get to is tried again, ahead of files asked for later.
    this.queue.unshift(...outcome.again.filter((j) => !j.done));
    await rm(join(dir, "in"), { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
    await rm(join(dir, "out"), { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  }

  /** Runs soffice over the batch's files and settles each job as the run gets past it. */
  private watch(slot: Slot, dir: string, jobs: Job[]): Promise<{ killed: boolean; again: Job[] }> {
    const n = jobs.length;
    const inputs = jobs.map((j, i) => join(dir, "in", `f${i}${j.ext}`));
    const outDir = join(dir, "out");
    const perFile = Math.max(...jobs.map((j) => j.timeoutMs));
    return new Promise((resolve) => {
      const child = spawn(this.soffice!, [...officeArgs(join(dir, "profile")), "--convert-to", "html", "--outdir", outDir, ...inputs], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: officeEnv(dir),
      });
      slot.child = child;
      const untrack = trackChild(child.pid, true);
      const reading: Promise<void>[] = [];
      const handled = new Set<number>();
      const lined = new Set<number>();
      /** The last file LibreOffice loaded, and files it failed to load since. */
      let last = -1;
      let loadErrors = 0;
      let stopped: "hang" | "spawn" | null = null;
      let spawnError: ReadError | null = null;

      const finish = (i: number) => {
        if (handled.has(i)) return;
        handled.add(i);
        const job = jobs[i]!;
        if (job.done) return;
        if (!lined.has(i)) return job.settle(null, unreadable());
        reading.push(
          this.output(join(outDir, `f${i}.html`)).then(
            (html) => job.settle(html, html ? undefined : unreadable()),
            (e: ReadError) => job.settle(null, e),
          ),
        );
      };
      let timer: NodeJS.Timeout;
      const progress = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          stopped = "hang";
          killGroup(child);
        }, perFile);
      };
      progress();
      const whole = setTimeout(() => {
        stopped = "hang";
        killGroup(child);
      }, perFile * n);

      lines(child.stdout!, (line) => {
        const m = LINE_RE.exec(line);
        if (!m) return;
        const k = Number(m[1]);
        if (k >= n) return;
        // Loaded: every file before it is finished (written, or never loaded).
        for (let i = 0; i < k; i++) finish(i);
        lined.add(k);
        last = k;
        loadErrors = 0;
        progress();
      });
      lines(child.stderr!, (line) => {
        if (line.includes(LOAD_ERROR)) {
          loadErrors++;
          progress();
        }
      });
      child.on("error", (e: NodeJS.ErrnoException) => {
        stopped = "spawn";
        spawnError =
          e.code === "ENOENT" || e.code === "EACCES"
            ? new ReadError("missing-tool", MISSING_LIBREOFFICE, { cause: e })
            : new ReadError("io", `无法启动 LibreOffice（${e.code ?? e.message}）`, { cause: e });
      });
      child.on("close", async (code, signal) => {
        clearTimeout(timer);
        clearTimeout(whole);
        // What LibreOffice started and left goes with it.
        killGroup(child);
        removeOfficePipes(join(dir, "profile"));
        untrack();
        slot.child = null;
        const again: Job[] = [];
        if (spawnError) {
          for (const j of jobs) j.settle(null, spawnError);
        } else if (stopped === null && code === 0 && !signal) {
          for (let i = 0; i < n; i++) finish(i);
        } else if (!this.closed && !jobs.every((j) => j.done)) {
          // Hung or crashed: which file was it on? The last one loaded, if its page was never
          // completed; else the one after it (and after those it failed to load since).
          let culprit: number;
          if (last >= 0 && !handled.has(last) && !(await this.complete(join(outDir, `f${last}.html`)))) culprit = last;
          else {
            if (last >= 0) finish(last);
            culprit = last + 1 + loadErrors;
            for (let i = last + 1; i < Math.min(culprit, n); i++) finish(i);
          }
          if (culprit < n) {
            handled.add(culprit);
            jobs[culprit]!.settle(
              null,
              stopped === "hang"
                ? new ReadError("timeout", `LibreOffice 转换这个文件超过 ${Math.round(perFile / 1000)} 秒仍未完成，已终止：文件可能过大或已损坏`)
                : new ReadError("damaged", `LibreOffice 转换这个文件时异常退出（${signal ?? `退出码 ${code}`}）：文件可能已损坏`),
            );
          }
          for (let i = culprit + 1; i < n; i++) if (!handled.has(i)) again.push(jobs[i]!);
        }
        await Promise.all(reading);
        for (const j of jobs) if (!again.includes(j)) j.settle(null, cancelled());
        resolve({ killed: stopped !== null || code !== 0 || signal !== null, again });
      });
    });
  }

  /** A converted page, or null when there is none; too large a page is an error. */
  private async output(path: string): Promise<Uint8Array | null> {
    try {
      const html = await readFile(path);
      if (html.length > this.maxOut) throw new ReadError("too-large", `LibreOffice 转换结果过大（超过 ${Math.round(this.maxOut / 1024 / 1024)} MB）`);
      return html.length ? new Uint8Array(html) : null;
    } catch (e) {
      if (e instanceof ReadError) throw e;
      return null;
    }
  }

  /** A page LibreOffice finished writing: its HTML export always ends with `</html>`. */
  private async complete(path: string): Promise<boolean> {
    const html = await this.output(path).catch(() => null);
    if (!html) return false;
    const tail = Buffer.from(html.subarray(Math.max(0, html.length - 64))).toString("latin1").trimEnd();
    return tail.toLowerCase().endsWith("</html>");
  }
}

/** Calls `each` with every line a stream writes. */
function lines(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let rest = "";
  stream.on("data", (b: Buffer) => {
    rest += b.toString("utf8");
    let nl: number;
    while ((nl = rest.indexOf("\n")) >= 0) {
      each(rest.slice(0, nl));
      rest = rest.slice(nl + 1);
    }
    if (rest.length > 100_000) rest = rest.slice(-1000);
  });
}
