import type { ReadErrorCode } from "../model/errors.js";
import type { Report } from "../model/report.js";
import type { Versions } from "./versions.js";

/**
 * What processing one input gave (docling's ConversionResult): where it came from, what it
 * was, what produced the result, how long each step took, and the reports or the reason it
 * could not be read. Plain data, so it crosses worker threads and goes into the store as is.
 * Exit codes and HTTP statuses are the shells' business.
 */
export interface Envelope {
  /** The input as given (a path, `-`, or an upload's name). */
  file: string;
  /** SHA-256 of the input's bytes, hex; null when the bytes could not be read. */
  sha256: string | null;
  size: number | null;
  /** Id of the reader that read it; null when none did. */
  format: string | null;
  versions: Versions;
  timings: Timings;
  /** One report, or several for a JSON array; empty when the input could not be read. */
  reports: Report[];
  error?: EnvelopeError;
}

export interface Timings {
  /** Getting the bytes (file or stdin). */
  loadMs: number;
  /** Bytes → document (or reports, for JSON). */
  readMs: number;
  /** Document → report. */
  extractMs: number;
  /** Single-report rules. */
  checkMs: number;
  totalMs: number;
}

export interface EnvelopeError {
  code: ReadErrorCode;
  /** Chinese, for the user as is. */
  message: string;
}
