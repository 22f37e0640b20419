/** Why an input could not be read. The message is Chinese and meant for the user as is. */
export type ReadErrorCode =
  | "empty"
  | "too-large"
  | "binary"
  | "encoding"
  | "unsupported"
  | "not-a-report"
  | "damaged"
  | "encrypted"
  | "timeout"
  | "missing-tool"
  | "io"
  /** A bug in nianbao met while reading: never a verdict on the file. Tests fail on it. */
  | "internal";

export class ReadError extends Error {
  readonly code: ReadErrorCode;
  /** File the error is about, when known; prefixed to the message by the shells. */
  file?: string;
  constructor(code: ReadErrorCode, message: string, options?: { cause?: unknown; file?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ReadError";
    this.code = code;
    this.file = options?.file;
  }
}

export function isReadError(e: unknown): e is ReadError {
  return e instanceof ReadError;
}
