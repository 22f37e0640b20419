// The one way every suite times its work, so that figures from different suites compare.

const MIN_MS = 3000;
const WARM_MS = 1500;

/** Milliseconds of CPU this process used: steadier than wall time on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface Rate {
  /** Units (inputs by default, or pages) per CPU second. */
  perSecond: number;
  mbPerSecond: number;
}

export interface MeasureOptions<I> {
  /** CPU time each kind of work must use before its rate counts. */
  minMs?: number;
  /** CPU time each kind of work runs before it is measured (at least one pass). */
  warmMs?: number;
  /** What one input counts for (pages); 1 by default. */
  unit?: (i: I) => number;
}

/**
 * Runs every kind of work over all inputs, in turns, until each kind has used `minMs` of CPU,
 * so a busy spell of the machine hits them alike. A kind that has its time waits while the
 * others catch up: a floor of microseconds must not make the reader run thousands of passes.
 * One pass over all inputs is timed at once: floors take microseconds per input, too little
 * to time one by one. Each kind first runs unmeasured for `warmMs` of CPU (at least one pass).
 */
export async function measure<I extends { bytes: Uint8Array }>(inputs: I[], works: ((i: I) => unknown)[], opts: MeasureOptions<I> = {}): Promise<Rate[]> {
  const minMs = opts.minMs ?? MIN_MS;
  const warmMs = opts.warmMs ?? WARM_MS;
  const unit = opts.unit ?? (() => 1);
  // Warm-up until the JIT has settled: its compiler threads share the one core, and for the
  // first second or two of a kind of work they cost as much as the work itself.
  for (const work of works) {
    const start = cpuMs();
    do for (const i of inputs) await work(i);
    while (cpuMs() - start < warmMs);
  }
  const units = inputs.reduce((n, i) => n + unit(i), 0);
  const bytes = inputs.reduce((n, i) => n + i.bytes.length, 0);
  const ms = works.map(() => 0);
  const passes = works.map(() => 0);
  while (ms.some((m) => m < minMs)) {
    for (const [k, work] of works.entries()) {
      if (ms[k]! >= minMs) continue;
      const start = cpuMs();
      for (const i of inputs) await work(i);
      ms[k]! += cpuMs() - start;
      passes[k]!++;
    }
  }
  return ms.map((m, k) => ({ perSecond: (passes[k]! * units * 1000) / m, mbPerSecond: (passes[k]! * bytes * 1000) / m / 1024 / 1024 }));
}

export const round = (v: number) => Math.round(v * 100) / 100;
