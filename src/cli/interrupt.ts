import { cleanUpChildren } from "../readers/children.js";

const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * Ctrl-C, kill and a closed terminal stop nianbao cleanly: the first kills the children
 * (LibreOffice and its whole process group, pdftoppm), removes the temporary folders, and
 * asks the batch to stop — what is finished is still written and the output closed. The
 * second, or the batch not stopping within seconds, exits at once.
 */
export class Interrupt {
  readonly controller = new AbortController();
  private received: NodeJS.Signals | null = null;

  install(): void {
    for (const s of Object.keys(CODES) as NodeJS.Signals[]) process.on(s, this.on);
  }

  /** The exit code for the signal received (128 + its number), or null. */
  exitCode(): number | null {
    return this.received ? CODES[this.received]! : null;
  }

  private readonly on = (sig: NodeJS.Signals) => {
    cleanUpChildren();
    if (this.received) process.exit(CODES[sig]);
    this.received = sig;
    process.stderr.write(`\nnianbao：已中断，正在停止${sig === "SIGINT" ? "（再按一次 Ctrl-C 立即退出）" : ""}\n`);
    this.controller.abort();
    setTimeout(() => {
      cleanUpChildren();
      process.exit(CODES[sig]);
    }, 5000).unref();
  };
}
