import { ReadError } from "../model/errors.js";

export interface DeadlineOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The time a read may still take and the caller's abort signal, as one signal. Every wait of a
 * slow reader (PDF, OCR) races it, so a slow or hostile file or a hung tool ends with a
 * `timeout` ReadError instead of a hang. Disposing it aborts the signal too, which ends whatever
 * still runs under it (a renderer process, the OCR worker).
 */
export class Deadline {
  readonly end: number;
  readonly signal: AbortSignal;
  private readonly ctrl = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly detach: () => void = () => {};
  private readonly ms: number;

  /** `what` names the work in the timeout message (`读取 PDF`, `文字识别`). */
  constructor(
    options: DeadlineOptions,
    private readonly what: string,
    defaultMs: number,
  ) {
    const ms = (this.ms = options.timeoutMs ?? defaultMs);
    this.end = Date.now() + ms;
    this.signal = this.ctrl.signal;
    this.timer = setTimeout(() => this.ctrl.abort(this.timeoutError()), ms);
    this.timer.unref?.();
    const outer = options.signal;
    if (outer) {
      const stop = () => this.ctrl.abort(cancelled());
      if (outer.aborted) stop();
      else {
        outer.addEventListener("abort", stop, { once: true });
        this.detach = () => outer.removeEventListener("abort", stop);
      }
    }
  }

  /** Milliseconds left (at least 1). */
  left(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** Throws the timeout/cancel ReadError once time is up (also when busy work kept the timer from firing). */
  check(): void {
    this.expireIfDue();
    if (this.signal.aborted) throw this.reason();
  }

  reason(): ReadError {
    const r = this.signal.reason;
    return r instanceof ReadError ? r : cancelled();
  }

  /** Settles as `p` does, or rejects with the ReadError when the deadline passes first. */
  race = <T>(p: Promise<T>): Promise<T> => {
    // Raced work cut short (an OCR job when its worker is ended) rejects after nobody waits for
    // it; that rejection is expected, and must never reach the process as unhandled.
    p.catch(() => {});
    this.expireIfDue();
    if (this.signal.aborted) return Promise.reject(this.reason());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.reason());
      this.signal.addEventListener("abort", onAbort, { once: true });
      p.then(
        (v) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(v);
        },
        (e: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  };

  /** Ends everything still running under this deadline, the timer and the link to the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.detach();
    if (!this.signal.aborted) this.ctrl.abort(cancelled());
  }

  private expireIfDue(): void {
    if (!this.signal.aborted && Date.now() >= this.end) this.ctrl.abort(this.timeoutError());
  }

  private timeoutError(): ReadError {
    const limit = this.ms < 1000 ? `${this.ms} 毫秒` : `${Math.round(this.ms / 1000)} 秒`;
    return new ReadError("timeout", `${this.what}超时（超过 ${limit}），已停止`);
  }
}

function cancelled(): ReadError {
  return new ReadError("timeout", "读取已取消");
}
