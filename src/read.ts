import { open, readFile, stat } from "node:fs/promises";
import { extractReport } from "./extract/index.js";
import { ReadError, isReadError } from "./model/errors.js";
import type { Report } from "./model/report.js";
import { readDocument } from "./readers/index.js";
import { looksLikeJson, reportsFromJson } from "./readers/report-json.js";
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

/**
 * Bytes of one input → canonical reports (one, or several for a JSON array). Every failure
 * is a ReadError with a Chinese message; nothing else escapes.
 */
export async function readReports(bytes: Uint8Array, opts: ReadReportOptions = {}): Promise<Report[]> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ReadError("empty", "文件是空的");
  if (bytes.length > max) throw new ReadError("too-large", `文件太大（${mb(bytes.length)}），超过上限 ${mb(max)}`);
  try {
    if (!opts.format && looksLikeJson(bytes)) {
      return reportsFromJson(new TextDecoder("utf-8").decode(bytes)).map((r) => ({ ...r, meta: { ...r.meta, file: opts.name } }));
    }
    const doc = await readDocument(bytes, opts);
    return [extractReport(doc, { file: opts.name })];
  } catch (e) {
    if (isReadError(e)) throw e;
    // A reader bug must not surface as a stack trace: say what failed, keep the cause for --debug.
    throw new ReadError("damaged", `读取失败：文件可能已损坏或格式异常（${(e as Error)?.message ?? String(e)}）`, { cause: e });
  }
}

/** Reads a file (or standard input for `-`) with the size limit checked before reading. */
export async function readReportFile(path: string, opts: ReadReportOptions = {}): Promise<Report[]> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    if (path === "-") bytes = await readStdin(max);
    else {
      const st = await stat(path);
      if (st.isDirectory()) throw new ReadError("io", "这是一个文件夹，不是文件");
      if (st.size > max) throw new ReadError("too-large", `文件太大（${mb(st.size)}），超过上限 ${mb(max)}`);
      bytes = await readFile(path);
    }
  } catch (e) {
    if (isReadError(e)) throw withFile(e, path);
    const code = (e as NodeJS.ErrnoException)?.code;
    const msg = code === "ENOENT" ? "文件不存在" : code === "EACCES" ? "没有读取权限" : `无法读取文件（${code ?? (e as Error).message}）`;
    throw new ReadError("io", msg, { cause: e, file: path });
  }
  try {
    return await readReports(bytes, { ...opts, name: opts.name ?? (path === "-" ? "标准输入" : path) });
  } catch (e) {
    throw withFile(e as ReadError, path);
  }
}

function withFile(e: ReadError, path: string): ReadError {
  e.file ??= path === "-" ? "标准输入" : path;
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
