import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

// The command line's V8 heaps (this thread's and every worker's: V8 flags are per process).
// Not set by the library: how a process spends its memory is its owner's choice. Imported first
// by main.ts, before the heaps grow.

// By default V8 lets an old generation grow to four times what survived its last full
// collection before collecting again: a batch's main thread and two readers each held 50–80 MB
// of garbage beside 12–20 MB of live data, some 100 MB of a 10,000-file run's peak. At 1.5
// times (V8 still grows by at least 8 MB), a reader's old generation swings between about 14
// and 22 MB instead of 14 and 28–33: the peak is where all three heaps are high at once, which
// a long batch meets and a short one may not (10,000 files 181–182 MB against 190–195 at twice,
// 100,000 files 194 against 204; the same CPU). At 1.25 times no lower, and a sixth more CPU.
setFlagsFromString("--heap-growing-percent=50");

/** Files a batch reads before this thread's young generation is held ({@link capYoungGeneration}). */
const WARM_FILES = 64;

/** Call once per file a batch has done: holds this thread's young generation once the workers have warmed up. */
export function capYoungGenerationWhenWarm(): () => void {
  let done = 0;
  return () => {
    if (++done === WARM_FILES) capYoungGeneration();
  };
}

/** Where this thread's young generation stops growing: 2 × 8 MB, as the workers' (pipeline/many.ts). */
export const YOUNG_GENERATION_CAP = 16 << 20;

/**
 * Runs `work` (listing the inputs) with this thread's young generation held where it is. The
 * names of 100,000 files, alive until sorted, grow it to 16 MB before the first file is read
 * (10,000 names: to 4 MB), and the batch then reached the next doubling before
 * {@link capYoungGeneration} could hold it. Held, the names are promoted sooner; listing
 * 100,000 files took 0.60 s of CPU against 0.58 s.
 */
export async function withoutYoungGrowth<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString("--semi-space-growth-factor=1");
  try {
    return await work();
  } finally {
    setFlagsFromString("--semi-space-growth-factor=2");
  }
}

let capping = false;

/**
 * Stops this thread's young generation at {@link YOUNG_GENERATION_CAP}, as
 * `node --max-semi-space-size=8` would, without that flag's cost: any V8 flag on the command
 * line makes Node drop its built-in code cache, +0.015 s CPU for every run (start-up may cost
 * 0.12 s in all). V8 doubles a young generation (1, 2, 4, 8, 16 MB per half) each time as many
 * bytes have survived since the last doubling as it holds, so a long enough batch always
 * reaches the last doubling: 16 MB more on this thread for no speed (the same CPU over 10,000
 * files), and one reason 100,000 files peaked higher than 10,000.
 *
 * V8 reads the growth factor at each doubling, so a factor of 1, set once this thread is at the
 * cap, stops it there. The factor is the process's: call this only once the workers have read
 * a few files each (their young generations reach the pool's cap within a few; held at 1 MB,
 * 100,000 files were still being read after 9 minutes where 6 suffice). A worker started later
 * (one that crashed or hung is replaced) puts the factor back to 2 as V8 makes its heap: it
 * grows as usual, and so may this thread, as before. Setting the factor again later does not
 * help: V8 goes on counting what survives while the factor is 1, so this thread's first
 * collection after the reset (often before the new worker is even online) doubles it; and set
 * as soon as the new worker is online, the factor would hold that worker at 1 MB.
 */
export function capYoungGeneration(everyMs = 50): void {
  if (capping) return;
  capping = true;
  const watch = setInterval(() => {
    const young = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
    if (young && young.space_size < YOUNG_GENERATION_CAP) return;
    setFlagsFromString("--semi-space-growth-factor=1");
    clearInterval(watch);
  }, everyMs);
  watch.unref();
}
