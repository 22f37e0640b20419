import { ReadError } from "../../model/errors.js";
import type { ReadOptions } from "../types.js";

/** Default time for one document's OCR: a scanned report of a dozen pages on one core. */
export const DEFAULT_OCR_TIMEOUT_MS = 120_000;

/**
 * The time a read may still take and the caller's abort signal, as one signal. Every wait
 * in the OCR path races it, so a slow page or a hung tool ends with a `timeout` ReadError.
 */
export class Deadline {
  readonly signal: AbortSignal;
  readonly end: number;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly ctrl = new AbortController();

  constructor(options: Pick<ReadOptions, "signal" | "timeoutMs">) {
    const ms = options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
    this.end = Date.now() + ms;
    this.timer = setTimeout(() => this.ctrl.abort(new ReadError("timeout", `文字识别超时（超过 ${Math.round(ms / 1000)} 秒），已停止`)), ms);
    this.timer.unref?.();
    const outer = options.signal;
    if (outer) {
      if (outer.aborted) this.ctrl.abort(cancelled());
      else outer.addEventListener("abort", () => this.ctrl.abort(cancelled()), { once: true });
    }
    this.signal = this.ctrl.signal;
  }

  /** Milliseconds left (at least 1). */
  left(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** Throws the timeout/cancel ReadError when the deadline has passed. */
  check(): void {
    if (this.signal.aborted) throw this.reason();
  }

  reason(): ReadError {
    const r = this.signal.reason;
    return r instanceof ReadError ? r : cancelled();
  }

  /** Resolves as `p` does, or rejects with the ReadError when the deadline passes first. */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      p.catch(() => {});
      return Promise.reject(this.reason());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.reason());
      this.signal.addEventListener("abort", onAbort, { once: true });
      p.then(
        (v) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(v);
        },
        (e) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  }

  /** Ends everything still running under this deadline (tools, the OCR worker) and the timer. */
  dispose(): void {
    clearTimeout(this.timer);
    if (!this.ctrl.signal.aborted) this.ctrl.abort(cancelled());
  }
}

function cancelled(): ReadError {
  return new ReadError("timeout", "读取已取消");
}
