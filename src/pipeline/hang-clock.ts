/** A time limit that can be paused (while a task waits for work done for it elsewhere). */
export class HangClock {
  private left: number;
  private since = 0;
  private timer: NodeJS.Timeout | null = null;
  private pauses = 0;
  private stopped = false;

  constructor(
    ms: number,
    private readonly expire: () => void,
  ) {
    this.left = ms;
    this.start();
  }

  pause(): void {
    if (this.stopped || this.pauses++ > 0 || !this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.left -= performance.now() - this.since;
  }

  resume(): void {
    if (this.stopped || this.pauses === 0 || --this.pauses > 0) return;
    this.start();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(): void {
    this.since = performance.now();
    this.timer = setTimeout(this.expire, Math.max(0, this.left));
  }
}
