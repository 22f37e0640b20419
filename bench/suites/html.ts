import { parse } from "parse5";
import { encodeGbk } from "../../dist/render/index.js";
import { generated, meanKb, readAndCheckRows, type Input } from "../rows.js";
import type { BenchSuite } from "../types.js";

/**
 * Web pages (whole portal pages: navigation, sidebar, footer, scripts, the article) per second:
 * reading and reading plus checking, beside the floor measured in the same run — decoding the
 * same bytes and building parse5's document tree, with nothing done with it. Two sets: the
 * generated pages as they are (41 KB on average, mostly the article), and the same pages grown
 * to 40–100 KB with what real portals carry around the article: long link lists in the
 * sidebar and footer, and inline script.
 */

export type Page = Input & { decoder: TextDecoder };

const FORMATS: [opts: Parameters<typeof generated>[0][number][1], encoding: "utf-8" | "gbk"][] = [
  [{ splitHeaders: true }, "utf-8"],
  [{ encoding: "gbk", amountUnit: "万元" }, "gbk"],
  [{ merged: false }, "utf-8"],
  [{ blankZeros: true, amountUnit: "元", splitHeaders: true }, "utf-8"],
];

const floor = { name: "解码同一网页并用 parse5 建成文档树（parse）", work: (i: Page) => parse(i.decoder.decode(i.bytes)) };

/** Links as a portal lists them: columns of its site, related articles, other agencies. */
function linkList(k: number, n: number, what: string): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push(`<li><span class="date">2021-0${(i % 9) + 1}-1${i % 10}</span><a href="/${what}/${k}/${i}.html" target="_blank" title="${what}栏目第${i}条信息">${what}栏目第${i}条信息</a></li>`);
  return `<div class="list-${what}"><ul>\n${items.join("\n")}\n</ul></div>\n`;
}

/** The page grown to `target` bytes: a sidebar of links before the article, link lists and script after it. */
export function portalPage(page: Page, k: number, target: number): Page {
  const gbk = page.decoder.encoding === "gbk";
  const text = Buffer.from(page.bytes).toString("latin1");
  const missing = target - page.bytes.length;
  const links = Math.max(20, Math.round(missing / 2 / 110));
  const before = linkList(k, Math.round(links / 3), "zwgk");
  const after = `${linkList(k, Math.round(links / 3), "xxgk")}${linkList(k, links - 2 * Math.round(links / 3), "bmdt")}`;
  const encode = (html: string) => (gbk ? encodeGbk(html, (cp) => `&#${cp};`) : Buffer.from(html, "utf8"));
  const sized = (pad: number) => `<script type="text/javascript">var siteConfig = "${"x".repeat(Math.max(0, pad))}";</script>\n`;
  const at = text.indexOf('<div class="content">');
  const end = text.lastIndexOf("</body>");
  const without = page.bytes.length + encode(before).length + encode(after).length + encode(sized(0)).length;
  const parts = [
    Buffer.from(text.slice(0, at), "latin1"),
    encode(before),
    Buffer.from(text.slice(at, end), "latin1"),
    encode(after + sized(target - without)),
    Buffer.from(text.slice(end), "latin1"),
  ];
  return { ...page, name: `portal-${page.name}`, bytes: new Uint8Array(Buffer.concat(parts)) };
}

const suite: BenchSuite = async () => {
  const pages: Page[] = generated(
    FORMATS.map(([opts]) => ["html", opts]),
    24,
  ).map((p, k) => ({ ...p, decoder: new TextDecoder(FORMATS[k % FORMATS.length]![1]) }));
  const out = await readAndCheckRows("网页", "生成的网页", pages, floor, `24 个生成的整页网页（两版格式；UTF-8 与 GBK；有无合并单元格；0 留空），平均 ${meanKb(pages)} KB`);
  const portals = pages.map((p, k) => portalPage(p, k, 40_000 + ((k * 7919) % 60_000)));
  out.push(
    ...(await readAndCheckRows(
      "网页",
      "门户整页",
      portals,
      floor,
      `同样 24 个网页加上门户网站正文之外的内容（侧栏和页脚的长链接列表、内联脚本），40–100 KB，平均 ${meanKb(portals)} KB`,
    )),
  );
  return out;
};

export default suite;
