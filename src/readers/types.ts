import type { Document } from "../model/document.js";

export interface ReadOptions {
  /** File name, for messages and as a weak hint (the content decides the format). */
  name?: string;
  /** Stop work and throw a `timeout` ReadError when aborted. */
  signal?: AbortSignal;
  /** Hard limit for the whole read in milliseconds (readers that run tools use it). */
  timeoutMs?: number;
}

/**
 * One reader per input format (as docling's backends). `sniff` looks at the bytes and says
 * how sure it is (0–1) that they are its format; `read` turns them into a Document.
 */
export interface Reader {
  id: string;
  /** Chinese name of the format, for messages. */
  label: string;
  /** File extensions it usually takes (a hint only). */
  extensions: string[];
  sniff(bytes: Uint8Array, name?: string): number;
  read(bytes: Uint8Array, options: ReadOptions): Document | Promise<Document>;
}
