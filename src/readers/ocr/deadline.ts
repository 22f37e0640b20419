import { Deadline, type DeadlineOptions } from "../deadline.js";

export type { Deadline } from "../deadline.js";

/** Default time for one document's OCR: a scanned report of a dozen pages on one core. */
export const DEFAULT_OCR_TIMEOUT_MS = 120_000;

export const ocrDeadline = (options: DeadlineOptions): Deadline => new Deadline(options, "文字识别", DEFAULT_OCR_TIMEOUT_MS);
