// DOC/WPS files of a batch reach one LibreOffice converter (readers/doc/batch.ts) on the main
// thread: readers on this thread call `convert`; readers in worker threads ask through a
// MessagePort given with their task (doc-port.ts). Files named like Word files are read and
// queued for conversion as soon as processMany sees them (`prefetch`), ahead of the workers, so
// that a folder of them is converted in a few LibreOffice runs instead of one run per file.
import { createHash } from "node:crypto";
import { extname } from "node:path";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { isReadError, ReadError } from "../model/errors.js";
import { readInputBytes } from "../read.js";
import type { BatcherOptions, SofficeBatcher } from "../readers/doc/batch.js";
import { docInfo } from "../readers/doc/sniff.js";
import { detect } from "../readers/index.js";
import type { DocConvert } from "../readers/types.js";
import type { Input } from "./process.js";

export interface DocServiceOptions {
  /** The per-file time limit (`--timeout`), for files converted ahead. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Called when a task starts or stops waiting for a conversion (its time does not run meanwhile). */
  onWait?: (tag: number, waiting: boolean) => void;
  batcher?: BatcherOptions;
}

/** A request from a worker: the file's bytes and their SHA-256 (computed there, off this thread). */
export interface DocRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  sha256: string;
  timeoutMs?: number;
}

export type DocReply = { id: number; html: Uint8Array } | { id: number; error: { code: ReadError["code"]; message: string } };

/** Converted ahead: shared by every input with the same bytes until the last of them is done. */
interface Ahead {
  html: Promise<Uint8Array>;
  stop: AbortController;
  seqs: Set<number>;
  bytes: number;
}

const EXTENSIONS = new Set(docInfo.extensions);
/** Files converted ahead at once, and their bytes (until LibreOffice has them). */
const MAX_AHEAD = 64;
const MAX_AHEAD_BYTES = 256 * 1024 * 1024;

/** A file that may be a Word file by its name: only those are read ahead or given a port. */
export function wordNamed(input: Input): boolean {
  const name = typeof input === "string" ? input : input.name;
  return input !== "-" && EXTENSIONS.has(extname(name).toLowerCase());
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class DocService {
  private batcher: Promise<SofficeBatcher> | null = null;
  private readonly ahead = new Map<string, Ahead>();
  private readonly keyOf = new Map<number, string>();
  private aheadBytes = 0;
  private closed = false;
  /** Files being read ahead: a request waits for them, so a file is never converted twice. */
  private readonly reading = new Set<Promise<void>>();

  constructor(private readonly opts: DocServiceOptions = {}) {}

  /** LibreOffice runs started so far (for the bench and tests). */
  async runs(): Promise<number> {
    return this.batcher ? (await this.batcher.catch(() => null))?.runs ?? 0 : 0;
  }

  /** For readers on this thread. */
  readonly convert: DocConvert = (file, o) => this.request(file.name, file.bytes, sha256(file.bytes), o);

  /** Reads the input `seq` now and queues its conversion, when it looks like a Word file LibreOffice will be asked to read. */
  prefetch(seq: number, input: Input): void {
    if (this.closed || !wordNamed(input) || this.keyOf.size >= MAX_AHEAD || this.aheadBytes >= MAX_AHEAD_BYTES) return;
    // Errors are the reader's to report when it reads the file itself.
    const p: Promise<void> = this.readAhead(seq, input)
      .catch(() => {})
      .finally(() => this.reading.delete(p));
    this.reading.add(p);
  }

  private async readAhead(seq: number, input: Input): Promise<void> {
    const name = typeof input === "string" ? input : input.name;
    const bytes = typeof input === "string" ? await readInputBytes(input, { maxBytes: this.opts.maxBytes, timeoutMs: this.opts.timeoutMs }) : input.bytes;
    if (this.closed || detect(bytes, name)?.id !== "doc") return;
    // Only what the reader itself would hand to LibreOffice (never a Word XML with a DTD, an Excel file, …).
    const { classify } = await import("../readers/doc/index.js");
    const kind = classify(bytes, name);
    const file = { name: `input.${kind === "wordml" ? "xml" : kind}`, bytes };
    const key = `${sha256(bytes)}${file.name}`;
    let a = this.ahead.get(key);
    if (!a) {
      const stop = new AbortController();
      const html = this.converter().then((b) => b.convert(file, { timeoutMs: this.opts.timeoutMs, signal: stop.signal }));
      // Nobody may ever ask for it (the file changed, the batch was stopped).
      html.catch(() => {});
      a = { html, stop, seqs: new Set(), bytes: bytes.length };
      this.ahead.set(key, a);
      this.aheadBytes += bytes.length;
    }
    a.seqs.add(seq);
    this.keyOf.set(seq, key);
  }

  /** The input `seq` is done: what was converted for it alone is dropped (or its conversion stopped). */
  release(seq: number): void {
    const key = this.keyOf.get(seq);
    if (key === undefined) return;
    this.keyOf.delete(seq);
    const a = this.ahead.get(key);
    if (!a) return;
    a.seqs.delete(seq);
    if (a.seqs.size > 0) return;
    this.ahead.delete(key);
    this.aheadBytes -= a.bytes;
    a.stop.abort();
  }

  /**
   * A port for the task `tag` to ask for conversions through, when its input may be a Word file
   * (null otherwise: a misnamed one is converted on its own), and `close` for when the task is over.
   */
  port(input: Input, tag: number): { port: MessagePort; close: () => void } | null {
    if (this.closed || !wordNamed(input)) return null;
    const { port1, port2 } = new MessageChannel();
    const stops = new Map<number, AbortController>();
    port1.on("message", (m: DocRequest | { id: number; cancel: true }) => {
      if ("cancel" in m) return stops.get(m.id)?.abort();
      const stop = new AbortController();
      stops.set(m.id, stop);
      const reply = (r: DocReply) => {
        stops.delete(m.id);
        this.opts.onWait?.(tag, false);
        try {
          port1.postMessage(r);
        } catch {
          // the task is gone
        }
      };
      this.opts.onWait?.(tag, true);
      this.request(m.name, m.bytes, m.sha256, { timeoutMs: m.timeoutMs, signal: stop.signal }).then(
        (html) => reply({ id: m.id, html }),
        (e: unknown) => {
          const err = isReadError(e) ? e : new ReadError("internal", `内部错误：LibreOffice 转换服务出错（${(e as Error)?.message ?? String(e)}）`);
          reply({ id: m.id, error: { code: err.code, message: err.message } });
        },
      );
    });
    // The task ended (or its worker was stopped): its conversions are not wanted any more.
    port1.on("close", () => {
      for (const s of stops.values()) s.abort();
    });
    // Never what keeps the process running (listening refs a port, so this comes after).
    port1.unref();
    return { port: port2, close: () => port1.close() };
  }

  /** Stops every conversion and LibreOffice run; removes their folders. */
  async close(): Promise<void> {
    this.closed = true;
    for (const a of this.ahead.values()) a.stop.abort();
    this.ahead.clear();
    this.keyOf.clear();
    const b = this.batcher;
    this.batcher = null;
    if (b) await (await b.catch(() => null))?.close();
  }

  private async request(name: string, bytes: Uint8Array, sha: string, o: { timeoutMs?: number; signal?: AbortSignal }): Promise<Uint8Array> {
    // The asking input was seen (and its read ahead begun) before it was handed out.
    if (this.reading.size > 0) await Promise.all([...this.reading]);
    const a = this.ahead.get(`${sha}${name}`);
    if (!a) return this.converter().then((b) => b.convert({ name, bytes }, o));
    // Converted (or being converted) ahead: the asker may give up, the conversion goes on for the others.
    if (!o.signal) return a.html;
    const signal = o.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new ReadError("timeout", "读取已取消或超时，LibreOffice 转换已终止"));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      a.html.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  private converter(): Promise<SofficeBatcher> {
    if (this.closed) return Promise.reject(new ReadError("timeout", "读取已取消"));
    this.batcher ??= import("../readers/doc/batch.js").then(({ SofficeBatcher }) => new SofficeBatcher(this.opts.batcher));
    return this.batcher;
  }
}
