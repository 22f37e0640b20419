import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkReports } from "../../src/check.js";
import { randomReport } from "../../src/generate/random-report.js";
import { readReports } from "../../src/read.js";
import { render, type OutputFormat, type RenderOptions } from "../../src/render/index.js";
import { measure, type Rate, round } from "../measure.js";
import type { BenchRow, BenchSuite } from "../types.js";

/**
 * Plain-text and Markdown reports per second: reading (detect, decode, lines, extract) and
 * reading plus checking, beside the floor measured in the same run — decoding the same bytes
 * and splitting them into lines, the least any reader of text must do.
 */

export interface Input {
  name: string;
  bytes: Uint8Array;
}

const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/seeds");

/** Rows for reading and reading+checking beside a floor; the note says what checking adds. */
export function rows(suite: string, what: string, floorName: string, [floor, read, full]: Rate[], note: string): BenchRow[] {
  const row = (name: string, r: Rate, extra?: string): BenchRow => ({
    suite,
    name,
    reportsPerSecond: round(r.perSecond),
    mbPerSecond: round(r.mbPerSecond),
    floorName,
    floorPerSecond: round(floor!.perSecond),
    timesFloor: round(floor!.perSecond / r.perSecond),
    note: extra ? `${note}；${extra}` : note,
  });
  const added = read!.perSecond / full!.perSecond - 1;
  return [row(`读取（${what}）`, read!), row(`读取+检查（${what}）`, full!, `检查使耗时增加 ${Math.round(added * 100)}%`)];
}

/** Generated reports of both templates in every line-structured shape readers meet. */
export function generated(formats: [OutputFormat, RenderOptions][], n: number, zeroRate = 0.7): Input[] {
  return Array.from({ length: n }, (_, k) => {
    const [format, opts] = formats[k % formats.length]!;
    const report = randomReport(9000 + k, { template: k % 2 ? "2021" : "2019", zeroRate, maxCount: 60 });
    return { name: `r${k}.${format === "markdown" ? "md" : format === "html" ? "html" : "txt"}`, bytes: render(report, format, opts) };
  });
}

function seeds(): Input[] {
  if (!existsSync(SEEDS)) return [];
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(SEEDS, f))) }));
}

const decoder = new TextDecoder("utf-8");
const floor = (i: Input) => decoder.decode(i.bytes).split(/\r\n|\r|\n/);
const read = (i: Input) => readReports(i.bytes, { name: i.name });
const full = async (i: Input) => checkReports(await readReports(i.bytes, { name: i.name }));
const FLOOR = "按 UTF-8 解码同一文本并按行切分";

const suite: BenchSuite = async () => {
  const shapes = generated(
    [
      ["tab-cell", { splitHeaders: true }],
      ["tab-row", {}],
      ["markdown", {}],
      ["tab-cell", { blankZeros: true }],
    ],
    24,
  );
  const kb = (list: Input[]) => Math.round(list.reduce((n, i) => n + i.bytes.length, 0) / list.length / 1024);
  const out = rows("文本", "生成的报告", FLOOR, await measure(shapes, [floor, read, full]), `24 份生成的报告（两版格式，每格一行、每行一行、Markdown），平均 ${kb(shapes)} KB`);
  const real = seeds();
  if (real.length) {
    out.push(...rows("文本", "真实种子", FLOOR, await measure(real, [floor, read, full]), `../shared/seeds 的 ${real.length} 份真实报告文本，平均 ${kb(real)} KB`));
  }
  const collapsed = generated([["collapsed", {}]], 12, 0.85);
  const [f, r] = await measure(collapsed, [floor, read], { minMs: 1500 });
  out.push({
    suite: "文本",
    name: "读取（单元格边界丢失）",
    reportsPerSecond: round(r!.perSecond),
    mbPerSecond: round(r!.mbPerSecond),
    floorName: FLOOR,
    floorPerSecond: round(f!.perSecond),
    timesFloor: round(f!.perSecond / r!.perSecond),
    note: "12 份数字连写的抓取文本：连写的数字要按勾稽关系试拆，比正常文本慢，不计入目标",
  });
  return out;
};

export default suite;
