import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Checkpoints of a SQLite WAL in a thread of their own (checkpointer.ts), asked for after each
 * commit; one runs at a time, and requests meanwhile make one more. Null when the thread's
 * module is not built (running from sources): the writer then checkpoints as usual.
 */
export class BackgroundCheckpoints {
  private busy = false;
  private again = false;
  private readonly exited: Promise<unknown>;

  private constructor(
    private readonly worker: Worker,
    failed: () => void,
  ) {
    this.exited = new Promise((done) => worker.once("exit", done));
    worker.on("message", () => {
      this.busy = false;
      if (this.again) this.request();
    });
    // A thread that fails (cannot open the file) hands checkpoints back to the writer at once:
    // left waiting for its answer, the WAL would grow until the batch ends.
    worker.on("error", () => {
      this.busy = true;
      this.again = false;
      failed();
    });
    worker.unref();
  }

  /** `failed` is called if the thread fails: the caller checkpoints as usual again. */
  static start(path: string, failed: () => void): BackgroundCheckpoints | null {
    const url = new URL("./checkpointer.js", import.meta.url);
    if (url.protocol !== "file:" || !existsSync(fileURLToPath(url))) return null;
    return new BackgroundCheckpoints(new Worker(url, { workerData: { path } }), failed);
  }

  request(): void {
    this.again = this.busy;
    if (this.busy) return;
    this.busy = true;
    this.worker.postMessage("checkpoint");
  }

  /** Ends the thread once its checkpoint (if one runs) is done. */
  async close(): Promise<void> {
    // Referenced again: an unreferenced thread would let the process end before it has closed.
    this.worker.ref();
    this.worker.postMessage("close");
    await this.exited;
  }
}
