/** Why a filing action was refused; the message is Chinese and meant for the clerk as is. */
export type FilingErrorCode = "unknown-cell" | "unknown-section" | "not-found" | "exists" | "conflict" | "has-errors" | "submitted" | "invalid";

export class FilingError extends Error {
  readonly code: FilingErrorCode;
  constructor(code: FilingErrorCode, message: string) {
    super(message);
    this.name = "FilingError";
    this.code = code;
  }
}

export function isFilingError(e: unknown): e is FilingError {
  return e instanceof FilingError;
}
