import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readReports } from "../../dist/read.js";
import { measure } from "../measure.js";
import { generated, type Input, meanKb, readAndCheckRows, row } from "../rows.js";
import type { BenchSuite } from "../types.js";

/**
 * Plain-text and Markdown reports per second: reading (detect, decode, lines, extract) and
 * reading plus checking, beside the floor measured in the same run — decoding the same bytes
 * and splitting them into lines, the least any reader of text must do.
 */

const SEEDS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/seeds");

function seeds(): Input[] {
  if (!existsSync(SEEDS)) return [];
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(SEEDS, f))) }));
}

const decoder = new TextDecoder("utf-8");
const floor = { name: "按 UTF-8 解码同一文本并按行切分", work: (i: Input) => decoder.decode(i.bytes).split(/\r\n|\r|\n/) };

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
  const out = await readAndCheckRows("文本", "生成的报告", shapes, floor, `24 份生成的报告（两版格式，每格一行、每行一行、Markdown），平均 ${meanKb(shapes)} KB`);
  const real = seeds();
  if (real.length) {
    out.push(...(await readAndCheckRows("文本", "真实种子", real, floor, `../shared/seeds 的 ${real.length} 份真实报告文本，平均 ${meanKb(real)} KB`)));
  }
  const collapsed = generated([["collapsed", {}]], 12, 0.85);
  const [f3, r3] = await measure(collapsed, [floor.work, (i) => readReports(i.bytes, { name: i.name })], { minMs: 1500 });
  out.push(
    row("文本", "读取（单元格边界丢失）", r3!, { name: floor.name, rate: f3! }, "reports", "12 份数字连写的抓取文本：连写的数字要按勾稽关系试拆，比正常文本慢，不计入目标"),
  );
  return out;
};

export default suite;
