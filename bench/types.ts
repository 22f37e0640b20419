/**
 * One measured figure. Every suite measures its own floor in the same run (the bare parse the
 * work cannot be faster than), so the ratio is honest on any machine.
 */
export interface BenchRow {
  /** Suite name, e.g. `文本`, `网页`, `PDF`. */
  suite: string;
  /** What was measured, in Chinese, e.g. `读取+检查`. */
  name: string;
  /** Throughput figures; a suite fills what applies. */
  reportsPerSecond?: number;
  pagesPerSecond?: number;
  mbPerSecond?: number;
  /** The floor measured in the same run, and what it is. */
  floorName?: string;
  floorPerSecond?: number;
  /** This figure's time over the floor's time (1 = as fast as the floor). */
  timesFloor?: number;
  note?: string;
}

/** A bench suite: `bench/suites/<name>.ts` default-exports one. Runs on one core. */
export type BenchSuite = () => Promise<BenchRow[]>;
