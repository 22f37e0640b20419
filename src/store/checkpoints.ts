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

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((done) => worker.once("exit", done));
    worker.on("message", () => {
      this.busy = false;
      if (this.again) this.request();
    });
    // A thread that fails (cannot open the file) only leaves checkpoints to the writer's end of the batch.
    worker.on("error", () => {});
    worker.unref();
  }

  static start(path: string): BackgroundCheckpoints | null {
    const url = new URL("./checkpointer.js", import.meta.url);
    if (url.protocol !== "file:" || !existsSync(fileURLToPath(url))) return null;
    return new BackgroundCheckpoints(new Worker(url, { workerData: { path } }));
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
