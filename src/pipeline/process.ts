import { createHash } from "node:crypto";
import { checkReport } from "../check.js";
import { isReadError, ReadError } from "../model/errors.js";
import { inputName, readInput, readInputBytes, withFile, type ReadReportOptions } from "../read.js";
import type { Envelope, EnvelopeError, Timings } from "./envelope.js";
import { versions } from "./versions.js";

export interface ProcessOptions extends ReadReportOptions {
  /** Run the single-report rules on what was read (default true); cross-year rules need a batch. */
  check?: boolean;
}

/** An input: a path (`-` for standard input), or bytes with the name they go by. */
export type Input = string | { bytes: Uint8Array; name: string };

/**
 * One input → its envelope: read, extract and (unless told not to) check. Never throws for
 * anything the input does: every failure is the envelope's `error`.
 */
export async function processInput(input: Input, opts: ProcessOptions = {}): Promise<Envelope> {
  const t0 = performance.now();
  const file = typeof input === "string" ? input : input.name;
  const timings: Timings = { loadMs: 0, readMs: 0, extractMs: 0, checkMs: 0, totalMs: 0 };
  const done = (e: Omit<Envelope, "file" | "timings">): Envelope => {
    timings.totalMs = performance.now() - t0;
    return { file, ...e, timings };
  };
  let bytes: Uint8Array;
  try {
    bytes = typeof input === "string" ? await readInputBytes(input, opts) : input.bytes;
  } catch (e) {
    return done({ sha256: null, size: null, format: null, versions: versions(null), reports: [], error: errorOf(e, file) });
  }
  timings.loadMs = performance.now() - t0;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const name = opts.name ?? (typeof input === "string" ? inputName(input) : input.name);
  try {
    const read = await readInput(bytes, { ...opts, name });
    timings.readMs = read.timings.readMs;
    timings.extractMs = read.timings.extractMs;
    let reports = read.reports;
    if (opts.check !== false) {
      const t1 = performance.now();
      reports = reports.map((r) => checkReport(r));
      timings.checkMs = performance.now() - t1;
    }
    return done({ sha256, size: bytes.length, format: read.reader, versions: versions(read.reader), reports });
  } catch (e) {
    return done({ sha256, size: bytes.length, format: null, versions: versions(null), reports: [], error: errorOf(e, file) });
  }
}

/** The envelope of an input that could not be processed at all (its bytes never reached a reader). */
export function failedEnvelope(file: string, error: EnvelopeError, totalMs = 0): Envelope {
  return {
    file,
    sha256: null,
    size: null,
    format: null,
    versions: versions(null),
    timings: { loadMs: 0, readMs: 0, extractMs: 0, checkMs: 0, totalMs },
    reports: [],
    error,
  };
}

/** Any failure as an envelope error: ReadErrors as they are, anything else `internal`. */
export function errorOf(e: unknown, file: string): EnvelopeError {
  const err = isReadError(e) ? withFile(e, file) : new ReadError("internal", `内部错误：${(e as Error)?.message ?? String(e)}`);
  return { code: err.code, message: err.message };
}

/** The error of an envelope as a ReadError, for library callers that want to throw it. */
export function envelopeError(env: Envelope): ReadError | null {
  return env.error ? new ReadError(env.error.code, env.error.message, { file: env.file }) : null;
}
