import { ReadError } from "../../model/errors.js";

/** Default limit for reading one PDF (text layer only; OCR brings its own budget). */
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

/**
 * The caller's abort signal and the time limit as one thing every await races, so a slow or
 * hostile file ends with a `timeout` ReadError instead of a hang.
 */
export class Deadline {
  readonly end: number;
  readonly signal: AbortSignal;
  private readonly ctrl = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;

  private readonly ms: number;
  private readonly detach: () => void = () => {};

  constructor(timeoutMs: number | undefined, outer?: AbortSignal) {
    const ms = (this.ms = timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS);
    this.end = Date.now() + ms;
    this.signal = this.ctrl.signal;
    this.timer = setTimeout(() => this.ctrl.abort(this.timeoutError()), ms);
    this.timer.unref?.();
    if (outer) {
      const stop = () => this.ctrl.abort(new ReadError("timeout", "读取已取消"));
      if (outer.aborted) stop();
      else {
        outer.addEventListener("abort", stop, { once: true });
        this.detach = () => outer.removeEventListener("abort", stop);
      }
    }
  }

  left(): number {
    return Math.max(1, this.end - Date.now());
  }

  /** Throws the timeout ReadError once time is up (also when busy work kept the timer from firing). */
  check(): void {
    if (!this.signal.aborted && Date.now() >= this.end) this.ctrl.abort(this.timeoutError());
    if (this.signal.aborted) throw this.reason();
  }

  private timeoutError(): ReadError {
    const limit = this.ms < 1000 ? `${this.ms} 毫秒` : `${Math.round(this.ms / 1000)} 秒`;
    return new ReadError("timeout", `读取 PDF 超时（超过 ${limit}），已停止`);
  }

  private reason(): ReadError {
    const r = this.signal.reason;
    return r instanceof ReadError ? r : new ReadError("timeout", "读取已取消");
  }

  /** Settles as `p` does, or rejects with the timeout ReadError when time runs out first. */
  race = <T>(p: Promise<T>): Promise<T> => {
    if (!this.signal.aborted && Date.now() >= this.end) this.ctrl.abort(this.timeoutError());
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
        (e: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(e);
        },
      );
    });
  };

  dispose(): void {
    clearTimeout(this.timer);
    this.detach();
  }
}
