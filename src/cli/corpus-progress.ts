import { basename } from "node:path";
import { truncate } from "../text/width.js";

/**
 * Progress of a corpus import on stderr: a bar with files, reports per second, time left and
 * errors so far on a terminal (redrawn at most ten times a second); plain lines every few
 * seconds otherwise, so a log shows the run is alive.
 */
export class ImportProgress {
  private done = 0;
  private reports = 0;
  private errors = 0;
  private readonly start = Date.now();
  /** A log gets its first line after a few seconds: a short run needs none. */
  private last = this.start;
  private printed = false;
  private readonly tty: boolean;
  private readonly quiet: boolean;

  constructor(
    private readonly total: number,
    private readonly verb: string,
  ) {
    this.tty = Boolean(process.stderr.isTTY);
    this.quiet = Boolean(process.env.NIANBAO_NO_PROGRESS) || total < 2;
  }

  tick(file: string, reports: number, failed: boolean): void {
    this.done++;
    this.reports += reports;
    if (failed) this.errors++;
    if (this.quiet) return;
    const now = Date.now();
    const every = this.tty ? 100 : 5000;
    if (now - this.last < every && !(this.done === this.total && (this.tty || this.printed))) return;
    this.last = now;
    this.printed = true;
    const secs = (now - this.start) / 1000;
    const rate = secs > 0 ? this.reports / secs : 0;
    const filesRate = secs > 0 ? this.done / secs : 0;
    const left = filesRate > 0 ? Math.round((this.total - this.done) / filesRate) : null;
    const eta = left === null ? "—" : left >= 60 ? `${Math.floor(left / 60)} 分 ${left % 60} 秒` : `${left} 秒`;
    const facts = `${this.done}/${this.total} 个文件 · ${rate.toFixed(1)} 份/秒 · 剩余约 ${eta} · 出错 ${this.errors}`;
    if (this.tty) {
      const width = 20;
      const filled = Math.round((this.done / Math.max(1, this.total)) * width);
      process.stderr.write(`\r${this.verb} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${facts}  ${truncate(basename(file), 24)}\x1b[K`);
    } else process.stderr.write(`${this.verb}：${facts}\n`);
  }

  finish(): void {
    if (this.tty && !this.quiet) process.stderr.write("\r\x1b[K");
  }
}
