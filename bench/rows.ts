// What the suites share besides timing: generated inputs and the rows of the result table.
import { randomReport } from "../src/generate/random-report.js";
import { OUTPUTS, render, type OutputFormat, type RenderOptions } from "../src/render/index.js";
import { type Rate, round } from "./measure.js";
import type { BenchRow } from "./types.js";

export interface Input {
  name: string;
  bytes: Uint8Array;
}

/** Generated reports of both templates, the formats taken in turn. */
export function generated(formats: [OutputFormat, RenderOptions][], n: number, zeroRate = 0.7): Input[] {
  return Array.from({ length: n }, (_, k) => {
    const [format, opts] = formats[k % formats.length]!;
    const report = randomReport(9000 + k, { template: k % 2 ? "2021" : "2019", zeroRate, maxCount: 60 });
    return { name: `r${k}${OUTPUTS[format].ext}`, bytes: render(report, format, opts) };
  });
}

/** Mean size of the inputs in KB, for the notes. */
export const meanKb = (list: { bytes: Uint8Array }[]) => Math.round(list.reduce((n, i) => n + i.bytes.length, 0) / list.length / 1024);

export interface Floor {
  name: string;
  rate: Rate;
}

/** One figure beside its floor: reports (with MB/s) or pages per second. */
export function row(suite: string, name: string, r: Rate, floor: Floor, unit: "reports" | "pages", note: string): BenchRow {
  return {
    suite,
    name,
    ...(unit === "pages" ? { pagesPerSecond: round(r.perSecond) } : { reportsPerSecond: round(r.perSecond), mbPerSecond: round(r.mbPerSecond) }),
    floorName: floor.name,
    floorPerSecond: round(floor.rate.perSecond),
    timesFloor: round(floor.rate.perSecond / r.perSecond),
    note,
  };
}

/** Rows for reading and reading+checking of text and web pages; the second says what checking adds. */
export function readAndCheckRows(suite: string, what: string, floor: Floor, read: Rate, full: Rate, note: string): BenchRow[] {
  const added = Math.round((read.perSecond / full.perSecond - 1) * 100);
  return [row(suite, `读取（${what}）`, read, floor, "reports", note), row(suite, `读取+检查（${what}）`, full, floor, "reports", `${note}；检查使耗时增加 ${added}%`)];
}
