import { open, readFile, stat } from "node:fs/promises";
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

/** The bytes of a file (or standard input for `-`), the size limit checked before reading. */
export async function readInputBytes(path: string, opts: Pick<ReadReportOptions, "maxBytes"> = {}): Promise<Uint8Array> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (path === "-") return await readStdin(max);
    const st = await stat(path);
    if (st.isDirectory()) throw new ReadError("io", "这是一个文件夹，不是文件");
    if (st.size > max) throw new ReadError("too-large", `文件太大（${mb(st.size)}），超过上限 ${mb(max)}`);
    return await readFile(path);
  } catch (e) {
    if (isReadError(e)) throw withFile(e, path);
    const code = (e as NodeJS.ErrnoException)?.code;
    const msg = code === "ENOENT" ? "文件不存在" : code === "EACCES" ? "没有读取权限" : `无法读取文件（${code ?? (e as Error).message}）`;
    throw new ReadError("io", msg, { cause: e, file: path });
  }
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

async function readStdin(max: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    n += b.length;
    if (n > max) throw new ReadError("too-large", `输入太大，超过上限 ${mb(max)}`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Reads the first bytes of a file (format sniffing for folder listings). */
export async function readHead(path: string, n = 4096): Promise<Uint8Array> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
