import { basename } from "node:path";
import { truncate } from "../text/width.js";

/**
 * A progress bar on stderr for long batches: only on a terminal, only past a few files,
 * redrawn at most ten times a second so it never slows the work.
 */
export class Progress {
  private n = 0;
  private last = 0;
  private readonly on: boolean;
  constructor(
    private readonly total: number,
    private readonly verb: string,
  ) {
    this.on = Boolean(process.stderr.isTTY) && total >= 5 && !process.env.NIANBAO_NO_PROGRESS;
  }

  tick(item: string): void {
    this.n++;
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 100 && this.n < this.total) return;
    this.last = now;
    const width = 24;
    const done = Math.round((this.n / this.total) * width);
    const bar = "█".repeat(done) + "░".repeat(width - done);
    process.stderr.write(`\r${this.verb} ${bar} ${this.n}/${this.total}  ${truncate(basename(item), 30)}\x1b[K`);
  }

  done(): void {
    if (this.on) process.stderr.write("\r\x1b[K");
  }
}
