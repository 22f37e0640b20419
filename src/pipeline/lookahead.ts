/**
 * Inputs pulled from their source ahead of their turn, each numbered in order and shown to
 * `seen` as it comes (DOC files are converted ahead this way, doc-service.ts). At most `size`
 * wait, and no more than `maxWeight` of them by `weigh` (inputs given as bytes hold memory;
 * paths do not); pulling goes on in the background, so an input that is there is never held up
 * by the source's next one. An error of the source comes in its place, after the inputs before it.
 */
export class Lookahead<T> {
  private readonly buf: { item: T; seq: number; weight: number }[] = [];
  private weight = 0;
  private pulling: Promise<void> | null = null;
  private ended = false;
  private failure: { error: unknown } | null = null;
  private seq = 0;

  constructor(
    private readonly pull: () => Promise<T | null>,
    private readonly size: number,
    private readonly seen: (item: T, seq: number) => void,
    private readonly weigh: (item: T) => number = () => 0,
    private readonly maxWeight = Infinity,
  ) {}

  /** The next input and its number, or null at the end. */
  async next(): Promise<{ item: T; seq: number } | null> {
    while (this.buf.length === 0 && !this.ended) await this.fill();
    const got = this.buf.shift();
    if (!got) {
      if (this.failure) throw this.failure.error;
      return null;
    }
    this.weight -= got.weight;
    if (!this.ended) void this.fill();
    return { item: got.item, seq: got.seq };
  }

  private fill(): Promise<void> {
    this.pulling ??= (async () => {
      try {
        while (!this.ended && this.buf.length < this.size && (this.buf.length === 0 || this.weight < this.maxWeight)) {
          const item = await this.pull();
          if (item === null) {
            this.ended = true;
            break;
          }
          const seq = this.seq++;
          const weight = this.weigh(item);
          this.buf.push({ item, seq, weight });
          this.weight += weight;
          this.seen(item, seq);
        }
      } catch (error) {
        this.failure = { error };
        this.ended = true;
      } finally {
        this.pulling = null;
      }
    })();
    return this.pulling;
  }
}
