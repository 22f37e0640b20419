import { parse } from "parse5";
import { generated, meanKb, readAndCheckRows } from "../rows.js";
import type { BenchSuite } from "../types.js";

/**
 * Web pages (whole portal pages: navigation, sidebar, footer, scripts, the article) per second:
 * reading and reading plus checking, beside the floor measured in the same run — decoding the
 * same bytes and building parse5's document tree, with nothing done with it.
 */

const FORMATS: [opts: Parameters<typeof generated>[0][number][1], decoder: TextDecoder][] = [
  [{ splitHeaders: true }, new TextDecoder("utf-8")],
  [{ encoding: "gbk", amountUnit: "万元" }, new TextDecoder("gbk")],
  [{ merged: false }, new TextDecoder("utf-8")],
  [{ blankZeros: true, amountUnit: "元", splitHeaders: true }, new TextDecoder("utf-8")],
];

const suite: BenchSuite = async () => {
  const pages = generated(
    FORMATS.map(([opts]) => ["html", opts]),
    24,
  ).map((p, k) => ({ ...p, decoder: FORMATS[k % FORMATS.length]![1] }));
  return readAndCheckRows(
    "网页",
    "生成的网页",
    pages,
    { name: "解码同一网页并用 parse5 建成文档树（parse）", work: (i) => parse(i.decoder.decode(i.bytes)) },
    `24 个生成的整页网页（两版格式；UTF-8 与 GBK；有无合并单元格；0 留空），平均 ${meanKb(pages)} KB`,
  );
};

export default suite;
