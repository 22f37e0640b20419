// What the suites share besides timing: generated inputs, the rows of the result table, and
// how reading and checking are measured.
import { randomReport } from "../dist/generate/random-report.js";
import { OUTPUTS, render, type OutputFormat, type RenderOptions } from "../dist/render/index.js";
import { checkReports } from "../dist/check.js";
import { readReports } from "../dist/read.js";
import { measure, measureSteps, type Rate, round } from "./measure.js";
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

const readOne = (i: Input) => readReports(i.bytes, { name: i.name });

/**
 * Reading, and reading plus checking, of text and web pages beside a floor, in three rows:
 * reading file by file; reading each file and checking it at once (a server given one upload);
 * reading the whole batch and then checking it. (`nianbao check` checks each report in its
 * worker right after reading it, as in the second row.) Checking
 * right after each file costs more: the rules' code and regexes are cold each time.
 */
export async function readAndCheckRows<I extends Input>(suite: string, what: string, inputs: I[], floor: { name: string; work: (i: I) => unknown }, note: string): Promise<BenchRow[]> {
  const [f, read] = await measure(inputs, [floor.work, readOne]);
  const each = await measureSteps(inputs, readOne, checkReports, true);
  const batch = await measureSteps(inputs, readOne, checkReports, false);
  const fl = { name: floor.name, rate: f! };
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  // The reading rate with what checking adds, as measured in the checking passes: rates from
  // separate passes would differ by the machine's noise more than by the checking.
  const withChecks = (added: number): Rate => ({ perSecond: read!.perSecond / (1 + added), mbPerSecond: read!.mbPerSecond / (1 + added) });
  return [
    row(suite, `读取（${what}）`, read!, fl, "reports", note),
    row(suite, `读取+检查（${what}，逐份）`, withChecks(each), fl, "reports", `${note}；每读一份随即检查，检查使耗时增加 ${pct(each)}`),
    row(suite, `读取+检查（${what}，整批）`, withChecks(batch), fl, "reports", `${note}；先读完整批再一起检查，检查使耗时增加 ${pct(batch)}`),
  ];
}
