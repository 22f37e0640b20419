import { parse } from "parse5";
import { READERS } from "../../src/readers/index.js";
import type { BenchSuite } from "../types.js";
import { measure } from "../measure.js";
import { generated, rows, type Input } from "./text.js";

/**
 * Web pages (whole portal pages: navigation, sidebar, footer, scripts, the article) per second:
 * reading and reading plus checking, beside the floor measured in the same run — decoding the
 * same bytes and building parse5's document tree, with nothing done with it.
 */

const utf8 = new TextDecoder("utf-8");
const gbk = new TextDecoder("gbk");
const isGbk = (i: Input) => i.name.includes("gbk");

const suite: BenchSuite = async () => {
  if (!READERS.some((r) => r.id === "html")) return [{ suite: "网页", name: "—", note: "跳过：网页读取器尚未注册" }];
  const { checkReports } = await import("../../src/check.js");
  const { readReports } = await import("../../src/read.js");
  const pages = generated(
    [
      ["html", { splitHeaders: true }],
      ["html", { encoding: "gbk", amountUnit: "万元" }],
      ["html", { merged: false }],
      ["html", { blankZeros: true, amountUnit: "元", splitHeaders: true }],
    ],
    24,
  ).map((p, k) => (k % 4 === 1 ? { ...p, name: p.name.replace(".html", ".gbk.html") } : p));
  const floor = (i: Input) => parse((isGbk(i) ? gbk : utf8).decode(i.bytes));
  const read = (i: Input) => readReports(i.bytes, { name: i.name });
  const full = async (i: Input) => checkReports(await readReports(i.bytes, { name: i.name }));
  const kb = Math.round(pages.reduce((n, i) => n + i.bytes.length, 0) / pages.length / 1024);
  return rows(
    "网页",
    "生成的网页",
    "解码同一网页并用 parse5 建成文档树（parse）",
    await measure(pages, [floor, read, full]),
    `24 个生成的整页网页（两版格式；UTF-8 与 GBK；有无合并单元格；0 留空），平均 ${kb} KB`,
  );
};

export default suite;
