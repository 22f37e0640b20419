import { constants, fstatSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { extractReport } from "./extract/index.js";
import { ReadError, isReadError } from "./model/errors.js";
import type { Report } from "./model/report.js";
import { chooseReader } from "./readers/index.js";
import type { ReadOptions } from "./readers/types.js";

export interface ReadReportOptions extends ReadOptions {
  /** Refuse inputs larger than this many bytes (default 40 MB). */
  maxBytes?: number;
  /** Force a reader instead of detecting one (`text`, `markdown`, `html`, …). */
  format?: string;
}

export const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;

/** How long getting an input's bytes may take when the caller sets no limit. */
export const DEFAULT_READ_TIMEOUT_MS = 120_000;

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** What reading one input gave: the reader that read it, its reports, and where the time went. */
export interface ReadOutcome {
  reader: string;
  reports: Report[];
  timings: { readMs: number; extractMs: number };
}

/**
 * Bytes of one input → canonical reports (one, or several for a JSON array), with the reader
 * and timings. Every failure is a ReadError with a Chinese message; nothing else escapes. A
 * failure that is nianbao's own bug has the code `internal`.
 */
export async function readInput(bytes: Uint8Array, opts: ReadReportOptions = {}): Promise<ReadOutcome> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ReadError("empty", "文件是空的");
  if (bytes.length > max) throw new ReadError("too-large", `文件太大（${mb(bytes.length)}），超过上限 ${mb(max)}`);
  try {
    const t0 = performance.now();
    const reader = chooseReader(bytes, opts);
    if (reader.output === "report") {
      // Report JSON keeps the file it names (so `parse F | check -` reports on F).
      const reports = reader.readReports(bytes, opts).map((r) => (r.meta.file !== undefined || !opts.name ? r : { ...r, meta: { ...r.meta, file: opts.name } }));
      return { reader: reader.id, reports, timings: { readMs: performance.now() - t0, extractMs: 0 } };
    }
    const doc = await reader.read(bytes, opts);
    const t1 = performance.now();
    const report = extractReport(doc, { file: opts.name });
    return { reader: reader.id, reports: [report], timings: { readMs: t1 - t0, extractMs: performance.now() - t1 } };
  } catch (e) {
    if (isReadError(e)) throw e;
    // A bug must not surface as a stack trace: say what failed, keep the cause for --debug.
    throw new ReadError("internal", `读取失败：程序内部错误（${(e as Error)?.message ?? String(e)}）；文件可能格式异常，请把它提供给维护者`, { cause: e });
  }
}

/** Bytes of one input → canonical reports. */
export async function readReports(bytes: Uint8Array, opts: ReadReportOptions = {}): Promise<Report[]> {
  return (await readInput(bytes, opts)).reports;
}

/**
 * The bytes of a file (or standard input for `-`), never more than `maxBytes` and never for
 * longer than `timeoutMs`. A regular file is refused by its size before it is read; a device,
 * a named pipe or standard input has no size to trust, so the limit is counted while reading,
 * and one that gives no end (`/dev/zero`, a pipe nobody closes) is stopped with a message.
 */
export async function readInputBytes(path: string, opts: Pick<ReadReportOptions, "maxBytes" | "timeoutMs" | "signal"> = {}): Promise<Uint8Array> {
  const limits = { max: opts.maxBytes ?? DEFAULT_MAX_BYTES, ms: opts.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS, signal: opts.signal };
  try {
    if (path === "-") return await readStdin(limits);
    // Without O_NONBLOCK, opening a named pipe waits for a writer, for ever if none comes.
    const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const st = await fh.stat();
      if (st.isDirectory()) throw new ReadError("io", "这是一个文件夹，不是文件");
      if (st.isFile()) {
        if (st.size > limits.max) throw tooLarge(st.size, limits.max);
        return await readSized(fh, st.size, limits);
      }
      return await readCounted(fh, limits, st.isFIFO() ? "pipe" : "device");
    } finally {
      await fh.close().catch(() => {});
    }
  } catch (e) {
    if (isReadError(e)) throw withFile(e, path);
    const code = (e as NodeJS.ErrnoException)?.code;
    const msg =
      code === "ENOENT"
        ? "文件不存在"
        : code === "EACCES" || code === "EPERM"
          ? "没有读取权限"
          : code === "ENXIO"
            ? "这不是可以读取的文件（可能是套接字或没有连接的设备）"
            : code === "EISDIR"
              ? "这是一个文件夹，不是文件"
              : `无法读取文件（${code ?? (e as Error).message}）`;
    throw new ReadError("io", msg, { cause: e, file: path });
  }
}

interface ByteLimits {
  max: number;
  ms: number;
  signal?: AbortSignal;
}

function tooLarge(size: number, max: number): ReadError {
  return new ReadError("too-large", `文件太大（${mb(size)}），超过上限 ${mb(max)}`);
}

function readTimeout(ms: number, what: string): ReadError {
  const limit = ms < 1000 ? `${ms} 毫秒` : `${Math.round(ms / 1000)} 秒`;
  return new ReadError("timeout", `${what}超过 ${limit}仍未读完，已停止：输入可能没有尽头（设备、没有关闭的管道），可用 --timeout 调整时限`);
}

/** A regular file: as many bytes as its size said (a file still growing is read as it was). */
async function readSized(fh: FileHandle, size: number, limits: ByteLimits): Promise<Uint8Array> {
  const end = Date.now() + limits.ms;
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  while (at < size) {
    if (Date.now() > end) throw readTimeout(limits.ms, "读取文件");
    if (limits.signal?.aborted) throw new ReadError("timeout", "读取已取消");
    const { bytesRead } = await fh.read(buf, at, Math.min(size - at, 1 << 24), at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at === size ? buf : buf.subarray(0, at);
}

const CHUNK = 1 << 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads a file handle to its end, counting bytes against the limit and time against the clock.
 * A named pipe opened without blocking reads nothing while no writer has come (and EAGAIN while
 * the writer is silent): that is waited for, in short naps, until the time is up.
 */
async function readCounted(fh: FileHandle, limits: ByteLimits, kind: "pipe" | "device"): Promise<Uint8Array> {
  const end = Date.now() + limits.ms;
  const chunks: Buffer[] = [];
  let n = 0;
  let seen = false;
  for (;;) {
    if (Date.now() > end) throw readTimeout(limits.ms, kind === "pipe" ? "读取管道" : "读取设备");
    if (limits.signal?.aborted) throw new ReadError("timeout", "读取已取消");
    const buf = Buffer.allocUnsafe(CHUNK);
    let got: number;
    try {
      ({ bytesRead: got } = await fh.read(buf, 0, CHUNK, null));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      await sleep(20);
      continue;
    }
    if (got === 0) {
      if (kind === "pipe" && !seen) {
        await sleep(20);
        continue;
      }
      break;
    }
    seen = true;
    n += got;
    if (n > limits.max) throw new ReadError("too-large", `输入太大，读到 ${mb(n)} 仍未结束，超过上限 ${mb(limits.max)}`);
    chunks.push(got === CHUNK ? buf : buf.subarray(0, got));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, n);
}

/** Reads a file (or standard input for `-`) into reports. */
export async function readReportFile(path: string, opts: ReadReportOptions = {}): Promise<Report[]> {
  const bytes = await readInputBytes(path, opts);
  try {
    return await readReports(bytes, { ...opts, name: opts.name ?? inputName(path) });
  } catch (e) {
    throw withFile(e as ReadError, path);
  }
}

/** How an input is named in reports and messages. */
export function inputName(path: string): string {
  return path === "-" ? "标准输入" : path;
}

export function withFile(e: ReadError, path: string): ReadError {
  e.file ??= inputName(path);
  return e;
}

/**
 * Standard input, as a stream (so that a pipe or terminal that never ends can be let go of):
 * the limit counted while reading, the time limit for the whole input.
 */
function readStdin(limits: ByteLimits): Promise<Uint8Array> {
  try {
    const st = fstatSync(0);
    if (st.isFile() && st.size > limits.max) return Promise.reject(tooLarge(st.size, limits.max));
  } catch {
    // no descriptor 0: the stream reports it
  }
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const finish = (err: ReadError | null) => {
      clearTimeout(timer);
      limits.signal?.removeEventListener("abort", onAbort);
      stdin.off("data", onData).off("end", onEnd).off("error", onError);
      if (err) {
        // Let go of the pipe or terminal: nothing more is wanted from it.
        stdin.destroy();
        reject(err);
      } else resolve(Buffer.concat(chunks, n));
    };
    const onData = (b: Buffer) => {
      n += b.length;
      if (n > limits.max) finish(new ReadError("too-large", `输入太大，超过上限 ${mb(limits.max)}`));
      else chunks.push(b);
    };
    const onEnd = () => finish(null);
    const onError = (e: Error) => finish(new ReadError("io", `无法读取标准输入（${(e as NodeJS.ErrnoException).code ?? e.message}）`, { cause: e }));
    const onAbort = () => finish(new ReadError("timeout", "读取已取消"));
    const timer = setTimeout(() => finish(readTimeout(limits.ms, "读取标准输入")), limits.ms);
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    stdin.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
