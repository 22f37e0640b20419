/**
 * A register input or calendar file that cannot be used. The message is Chinese, complete and
 * meant for the user as is (the shells prefix the file name when it is not already in it).
 */
export class RegisterError extends Error {
  readonly file?: string;
  constructor(message: string, options?: { file?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RegisterError";
    this.file = options?.file;
  }
}

export function isRegisterError(e: unknown): e is RegisterError {
  return e instanceof RegisterError;
}
