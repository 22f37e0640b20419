import { basename } from "node:path";
import { escapeControls } from "../text/escape.js";
import { truncate } from "../text/width.js";

/**
 * A progress bar on stderr for long batches: only on a terminal, only past a few files,
 * redrawn at most ten times a second so it never slows the work. Messages go through `note`,
 * which clears the bar first.
 */
export class Progress {
  private n = 0;
  private last = 0;
  private drawn = false;
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
    process.stderr.write(`\r${this.verb} ${bar} ${this.n}/${this.total}  ${truncate(escapeControls(basename(item)), 30)}\x1b[K`);
    this.drawn = true;
  }

  /** A line on stderr (the bar, if any, is cleared first and redrawn at the next tick). */
  note(line: string): void {
    this.done();
    process.stderr.write(line + "\n");
  }

  done(): void {
    if (this.drawn) process.stderr.write("\r\x1b[K");
    this.drawn = false;
  }
}
