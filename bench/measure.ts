// The one way every suite times its work, so that figures from different suites compare.

const MIN_MS = 3000;
/**
 * CPU time a kind of work runs before it is timed. The JIT takes seconds to settle, and its
 * compiler thread's time counts as this process's: with 1.5 s of warm-up, checking one text
 * report at a time seemed to add 40% to reading it, after 4 s 17–19%, after 5 s 12–13%.
 */
const WARM_MS = 5000;

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

/**
 * Reads and checks, timing the two steps apart in every pass, so that what checking adds is
 * measured against the reading it follows: `each` checks every input's reports right after
 * reading it (a server given one upload); otherwise all inputs are read and the reports
 * checked at once, as `nianbao check` does with a folder. Returns the time checking took over
 * the time reading took (0.1: checks add 10%).
 */
export async function measureSteps<I extends { bytes: Uint8Array }, R>(inputs: I[], read: (i: I) => Promise<R[]>, check: (reports: R[]) => unknown, each: boolean, opts: Pick<MeasureOptions<I>, "minMs" | "warmMs"> = {}): Promise<number> {
  const minMs = opts.minMs ?? MIN_MS;
  const warmMs = opts.warmMs ?? WARM_MS;
  let readMs = 0;
  let checkMs = 0;
  const pass = async () => {
    const all: R[] = [];
    for (const i of inputs) {
      const start = cpuMs();
      const reports = await read(i);
      const mid = cpuMs();
      readMs += mid - start;
      if (!each) all.push(...reports);
      else {
        check(reports);
        checkMs += cpuMs() - mid;
      }
    }
    if (each) return;
    const mid = cpuMs();
    check(all);
    checkMs += cpuMs() - mid;
  };
  const warm = cpuMs();
  do await pass();
  while (cpuMs() - warm < warmMs);
  readMs = checkMs = 0;
  while (readMs + checkMs < minMs) await pass();
  return checkMs / readMs;
}
