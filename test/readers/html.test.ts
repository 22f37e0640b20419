import { describe, expect, it } from "vitest";
import { text } from "../support/messages.js";
import type { TableBlock } from "../../src/model/document.js";
import { ReadError } from "../../src/model/errors.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { detect } from "../../src/readers/index.js";
import { declaredCharset } from "../../src/readers/html/decode.js";
import { htmlReader } from "../../src/readers/html/index.js";
import { pageTitle } from "../../src/readers/html/title.js";
import { encodeGbk } from "../fixtures/html/gbk.js";
import { articleHtml, defaultCell, page, sampleReport, type CellHtml } from "../fixtures/html/report-page.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function read(bytes: Uint8Array, name = "report.html"): Promise<Report> {
  const [r] = await readReports(bytes, { name });
  return r!;
}

/** Cells that differ from the expected values (null = blank). */
function wrongCells(got: Report, want: Record<string, number | null>): string[] {
  return Object.entries(want)
    .filter(([k, v]) => got.cells[k] !== v)
    .map(([k, v]) => `${k}: ${got.cells[k]} ≠ ${v}`);
}

function expectWholeReport(got: Report, want: Report): void {
  expect(wrongCells(got, want.cells)).toEqual([]);
  expect(got.meta).toMatchObject({ title: want.meta.title, agency: "测试县人民政府", year: want.meta.year, template: want.meta.template, format: "html" });
  expect(got.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
}

describe("encodings", () => {
  it("reads a GBK page that declares charset=gbk in http-equiv, amid navigation, sidebar, footer and scripts", async () => {
    const want = sampleReport("2019");
    const html = page({ title: want.meta.title!, article: articleHtml({ report: want }), chrome: true, meta: { charset: "gbk", form: "http-equiv" } });
    const got = await read(encodeGbk(html));
    expectWholeReport(got, want);
    // The sidebar, footer, scripts, comments and the hidden decoy stay out of the report.
    expect(got.sections[5]!.text).toBe(want.sections[5]!.text);
    expect(got.sections[0]!.text).toBe(want.sections[0]!.text);
    expect(got.extraRows).toBeUndefined();
    expect(got.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(got.provenance["requests.granted.total"]).toMatchObject({
      raw: String(want.cells["requests.granted.total"]),
      source: { path: "body>div[3]>div[2]>div[1]>div[3]>table[2]>tr[6]>td[9]" },
    });
  });

  it("reads a GB2312 page with <meta charset=gb2312>", async () => {
    const want = sampleReport("2021", 11);
    const got = await read(encodeGbk(page({ title: want.meta.title!, article: articleHtml({ report: want }), meta: { charset: "gb2312", form: "charset" } })));
    expectWholeReport(got, want);
  });

  it("sniffs a GB2312 page that declares no charset at all", async () => {
    const want = sampleReport("2021", 12);
    const bytes = encodeGbk(page({ title: want.meta.title!, article: articleHtml({ report: want }), meta: null }));
    expect(declaredCharset(bytes)).toBeNull();
    expectWholeReport(await read(bytes, "no-name"), want);
  });

  it("reads UTF-8 with a BOM, even when the meta still says gbk", async () => {
    const want = sampleReport("2019", 13);
    const html = page({ title: want.meta.title!, article: articleHtml({ report: want }), chrome: true, meta: { charset: "gbk", form: "charset" } });
    expectWholeReport(await read(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(html)])), want);
  });

  it("reads UTF-16 pages by their BOM", async () => {
    const want = sampleReport("2021", 14);
    const html = page({ title: want.meta.title!, article: articleHtml({ report: want }), meta: { charset: "utf-16", form: "charset" } });
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(html, "utf16le")]);
    expect(detect(bytes, "x")?.id).toBe("html");
    expectWholeReport(await read(bytes), want);
  });

  it("finds the declaration in the first KB only, in either meta form or an XML declaration", () => {
    expect(declaredCharset(utf8('<html><head><META HTTP-EQUIV="content-type" CONTENT="text/html;charset=GB2312">'))).toBe("GB2312");
    expect(declaredCharset(utf8("<meta charset='gb18030' />"))).toBe("gb18030");
    expect(declaredCharset(utf8('<?xml version="1.0" encoding="GBK"?><html>'))).toBe("GBK");
    expect(declaredCharset(utf8(`<html><head>${" ".repeat(5000)}<meta charset="gbk">`))).toBeNull();
  });
});

describe("statutory tables as real pages lay them out", () => {
  it("F2019: table 2 with five physical columns ((八)(九) cells over two), table 3 and 4 with their real merges", async () => {
    const want = sampleReport("2019", 21);
    const got = await read(utf8(page({ title: want.meta.title!, article: articleHtml({ report: want }), meta: { charset: "utf-8", form: "charset" } })));
    expectWholeReport(got, want);
    expect(got.cells["active.procurement.amount"]).toBe(want.cells["active.procurement.amount"]);
    expect(got.provenance["active.procurement.amount"]!.raw).toBe(`${want.cells["active.procurement.amount"]}万元`);
    expect(got.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("F2021: table 2 (五)(六)(八) with one value over three columns, table 3 with (六) in three sub-rows", async () => {
    const want = sampleReport("2021", 22);
    const got = await read(utf8(page({ title: want.meta.title!, article: articleHtml({ report: want, heads: "h2" }) })));
    expectWholeReport(got, want);
    expect(got.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("F2021: table 2 drawn as one table per block with the captions outside, table 3 with its section head as first row", async () => {
    const want = sampleReport("2021", 41);
    const art = articleHtml({ report: want })
      .replace(/<tr><td colspan="4">(第二十条第（[一五六八]）项)<\/td><\/tr>/g, '</table><p align="center">$1</p><table border="1">')
      .replace('<table border="1" cellspacing="0">\n</table>', "")
      .replace(
        '<p style="text-indent:2em"><strong>三、收到和处理政府信息公开申请情况</strong></p>\n<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>',
        '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody><tr><td colspan="10"><b>三、收到和处理政府信息公开申请情况</b></td></tr>',
      );
    expect(art.match(/<table/g)).toHaveLength(6);
    const got = await read(utf8(page({ title: want.meta.title!, article: art })));
    expectWholeReport(got, want);
    expect(got.sections[2]!.source).toEqual({ path: "body>table[5]>tr[1]>td[1]" });
  });

  it("F2021: a value written in the first of three separate cells under a three-column header", async () => {
    const want = sampleReport("2021", 23);
    const cell = defaultCell(want);
    let html = articleHtml({ report: want, cell });
    for (const key of ["licensing", "penalty", "coercion"]) {
      const v = cell(`active.${key}.decisions`);
      html = html.replace(`<td colspan="3">${v}</td>`, `<td>${v}</td><td></td><td></td>`);
    }
    html = html.replace(`<td colspan="3">${cell("active.fees.amount")}</td>`, `<td>${cell("active.fees.amount")}</td><td>&nbsp;</td><td>&nbsp;</td>`);
    const got = await read(utf8(page({ title: want.meta.title!, article: html })));
    expect(wrongCells(got, want.cells)).toEqual([]);
  });

  it("Shanghai style: zeros left blank stay blank (null, raw kept), never 0", async () => {
    const want = sampleReport("2019", 24);
    const base = defaultCell(want);
    const blanks: string[] = [];
    const cell: CellHtml = (key) => {
      if (want.cells[key] !== 0) return base(key);
      blanks.push(key);
      return blanks.length % 2 ? "" : "&nbsp;";
    };
    const got = await read(utf8(page({ title: want.meta.title!, article: articleHtml({ report: want, cell }) })));
    const expected = Object.fromEntries(Object.entries(want.cells).map(([k, v]) => [k, v === 0 ? null : v]));
    expect(blanks.length).toBeGreaterThan(20);
    expect(wrongCells(got, expected)).toEqual([]);
    const [empty, nbsp] = blanks;
    expect(got.provenance[empty!]!.raw).toBe("");
    expect(got.provenance[nbsp!]!.raw).toBe("\u00a0");
    expect(got.provenance[empty!]!.kind).toBe("blank");
  });

  it("numbers padded with &nbsp;, full-width spaces and Word markup keep their raw text and read right", async () => {
    const want = sampleReport("2021", 25);
    const base = defaultCell(want);
    const cell: CellHtml = (key) =>
      key.endsWith(".total")
        ? `&nbsp;${base(key)}&nbsp;`
        : key.startsWith("review.")
          ? `<p class="MsoNormal" align="center" style="text-align:center"><span lang="EN-US" style="font-size:10.5pt;font-family:宋体">${base(key)}<o:p></o:p></span></p>`
          : `\u3000${base(key)}`;
    const got = await read(utf8(page({ title: want.meta.title!, article: articleHtml({ report: want, cell }) })));
    expect(wrongCells(got, want.cells)).toEqual([]);
    expect(got.provenance["requests.total.total"]!.raw).toBe(`\u00a0${want.cells["requests.total.total"]}\u00a0`);
    expect(got.provenance["review.suit_after.total"]!.raw).toBe(`\u00a0${want.cells["review.suit_after.total"]}\u00a0`);
    expect(got.provenance["review.suit_after.upheld"]!.raw).toBe(String(want.cells["review.suit_after.upheld"]));
    expect(got.provenance["active.regulations.issued"]!.raw).toBe(`\u3000${want.cells["active.regulations.issued"]}`);
  });

  it("joins `本年新<br />制作数量` header cells and split row labels", async () => {
    const want = sampleReport("2019", 26);
    const html = page({ title: want.meta.title!, article: articleHtml({ report: want }) });
    const doc = await htmlReader.read(utf8(html), {});
    const t2 = doc.blocks.find((b): b is TableBlock => b.kind === "table")!;
    expect(t2.rows[1]!.map((s) => s.cell.text)).toEqual(["信息内容", "本年新\n制作数量", "本年新\n公开数量", "对外公开总数量", "对外公开总数量"]);
    expect(t2.rows[1]![4]!.fromLeft).toBe(true);
    expect((await read(utf8(html))).cells["active.normative_docs.made"]).toBe(want.cells["active.normative_docs.made"]);
  });

  it("reads tables whose </td>, </tr>, </p> were never written (the parser repairs them as a browser does)", async () => {
    const want = sampleReport("2021", 27);
    const html = articleHtml({ report: want }).replace(/<\/td>|<\/tr>|<\/p>|<\/?tbody>/g, "");
    const got = await read(utf8(page({ title: want.meta.title!, article: html })));
    expectWholeReport(got, want);
  });

  it("reads Word's 'save as web page' markup: th cells, thead/tbody, caption, mso styles, conditional comments", async () => {
    const want = sampleReport("2019", 28);
    const cell = defaultCell(want);
    let html = articleHtml({ report: want, cell })
      .replace(/<td([^>]*)>/g, `<td$1 valign="top" style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal" align="center"><span style="font-family:仿宋_GB2312;mso-bidi-font-family:宋体">`)
      .replace(/<\/td>/g, `<o:p></o:p></span></p></td>`)
      .replace(/<p style="text-indent:2em"><strong>([^<]*)<\/strong><\/p>/g, `<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0"><b><span style="font-family:黑体">$1<span lang="EN-US"><o:p></o:p></span></span></b></p>`);
    // Table 4's header cells as <th>, with a caption.
    html = html.replace(/<thead>([\s\S]*?)<\/thead>/, (m) => m.replace(/<td/g, "<th").replace(/<\/td>/g, "</th>")).replace('<table border="1" cellspacing="0">\n<thead>', '<table border="1" cellspacing="0">\n<caption>表4 行政复议、行政诉讼情况</caption>\n<thead>');
    const word = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {mso-style-parent:""; font-size:10.5pt;} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1 style='layout-grid:15.6pt'>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>${want.meta.title}<span lang=EN-US><o:p></o:p></span></span></b></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
${html}
</div></body></html>`;
    const got = await read(encodeGbk(word), "report.htm");
    expectWholeReport(got, want);
    const doc = await htmlReader.read(encodeGbk(word), {});
    expect(doc.blocks.some((b) => b.kind === "paragraph" && b.text === "表4 行政复议、行政诉讼情况")).toBe(true);
  });
});

describe("page structure", () => {
  it("keeps every paragraph of a bare page whose only marker is one section title", async () => {
    const doc = await htmlReader.read(new TextEncoder().encode("<p>二、主动公开政府信息情况</p><p>全年主动公开政府信息 120 条。</p>"), {});
    expect(doc.blocks.map((b) => (b.kind === "table" ? "table" : b.text))).toEqual(["二、主动公开政府信息情况", "全年主动公开政府信息 120 条。"]);
    const withTable = await htmlReader.read(new TextEncoder().encode("<body><h2>一、总体情况</h2><p>正文。</p><table><tr><td>规章</td><td>0</td></tr></table></body>"), {});
    expect(withTable.blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "table"]);
  });

  it("takes a table inside a cell as a table of its own and keeps its text out of the outer cell", async () => {
    const html = `<!DOCTYPE html><html><body><div>
      <table><tr><td>外表</td><td>说明<table><tr><td>内表甲</td><td>1</td></tr><tr><td>内表乙</td><td>2</td></tr></table>结束</td></tr>
      <tr><td>第二行</td><td>3</td></tr></table></div></body></html>`;
    const doc = await htmlReader.read(utf8(html), {});
    const tables = doc.blocks.filter((b): b is TableBlock => b.kind === "table");
    expect(tables).toHaveLength(2);
    expect(tables[0]!.rows.map((r) => r.map((s) => s.cell.text))).toEqual([
      ["外表", "说明\n结束"],
      ["第二行", "3"],
    ]);
    expect(tables[1]!.rows.map((r) => r.map((s) => s.cell.text))).toEqual([
      ["内表甲", "1"],
      ["内表乙", "2"],
    ]);
    expect(tables[1]!.source.path).toBe("body>div[1]>table[1]>tr[1]>td[2]>table[1]");
    expect(tables[1]!.rows[1]![1]!.cell.source.path).toBe("body>div[1]>table[1]>tr[1]>td[2]>table[1]>tr[2]>td[2]");
  });

  it("reads an old-style page laid out in tables, with the statutory tables nested in the layout cells", async () => {
    const want = sampleReport("2019", 31);
    const html = `<html><head><meta charset="gbk"><title>${want.meta.title}</title></head><body>
<table width="980" align="center"><tr><td><a href="/">首页</a> | <a href="/x">政务公开</a></td></tr>
<tr><td><table width="100%"><tr><td width="200"><a href="/a">公开指南</a><br><a href="/b">公开目录</a></td>
<td class="bt">${want.meta.title}</td></tr>
<tr><td></td><td id="content">${articleHtml({ report: want })}</td></tr></table></td></tr>
<tr><td>版权所有：测试县人民政府</td></tr></table></body></html>`;
    const got = await read(encodeGbk(html));
    expectWholeReport(got, want);
    expect(got.sections[5]!.text).toBe(want.sections[5]!.text);
  });

  it("reads section heads and prose separated only by <br> in one container", async () => {
    const html = `<html><body><div class="pages_content">测试县人民政府2021年政府信息公开工作年度报告<br>一、总体情况<br>　　2021年，我县认真贯彻条例。<br/>二、主动公开政府信息情况<br>三、收到和处理政府信息公开申请情况<br>四、政府信息公开行政复议、行政诉讼情况<br>五、存在的主要问题及改进情况<br>一是公开不够。<br>六、其他需要报告的事项<br>无。</div></body></html>`;
    const got = await read(utf8(html));
    expect(got.sections.map((s) => s.title)).toEqual([
      "总体情况",
      "主动公开政府信息情况",
      "收到和处理政府信息公开申请情况",
      "政府信息公开行政复议、行政诉讼情况",
      "存在的主要问题及改进情况",
      "其他需要报告的事项",
    ]);
    expect(got.sections[0]!.text).toBe("2021年，我县认真贯彻条例。");
    expect(got.meta).toMatchObject({ agency: "测试县人民政府", year: 2021 });
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.blocks[3]).toEqual({ kind: "paragraph", text: "二、主动公开政府信息情况", source: { path: "body>div[1]" } });
  });

  it("makes headings of h1–h6 and a paragraph of every line: list items, a div's own text, <br> lines", async () => {
    const html = `<html><body><div class="content"><h1>标题<br>第二行</h1>开头的文字<p>段落一<br>段落二</p>
      <ul><li>条目一</li><li><span>条目</span><b>二</b></li></ul><h3>小标题</h3><div>末尾&nbsp;文字　</div><pre>甲  乙\n丙</pre></div></body></html>`;
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.blocks.map((b) => [b.kind, b.kind === "table" ? "" : b.text, b.source.path])).toEqual([
      ["heading", "标题第二行", "body>div[1]>h1[1]"],
      ["paragraph", "开头的文字", "body>div[1]"],
      ["paragraph", "段落一", "body>div[1]>p[1]"],
      ["paragraph", "段落二", "body>div[1]>p[1]"],
      ["paragraph", "条目一", "body>div[1]>ul[1]>li[1]"],
      ["paragraph", "条目二", "body>div[1]>ul[1]>li[2]"],
      ["heading", "小标题", "body>div[1]>h3[1]"],
      ["paragraph", "末尾\u00a0文字　", "body>div[1]>div[1]"],
      ["paragraph", "甲  乙", "body>div[1]>pre[1]"],
      ["paragraph", "丙", "body>div[1]>pre[1]"],
    ]);
    expect(doc.blocks[6]).toMatchObject({ level: 3 });
  });

  it("takes the report title from <title> without the site name when the page shows none", async () => {
    const want = sampleReport("2021", 32);
    const html = page({ title: `${want.meta.title}`, article: articleHtml({ report: want }), titleInBody: false }).replace(
      `<title>${want.meta.title}</title>`,
      `<title>${want.meta.title}_测试县人民政府网</title>`,
    );
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.title).toBe(want.meta.title);
    expect(pageTitle("测试县人民政府2021年政府信息公开工作年度报告-测试县人民政府网")).toBe("测试县人民政府2021年政府信息公开工作年度报告");
    expect(pageTitle(" 首页 | 测试区2020年政府信息公开年报 ")).toBe("测试区2020年政府信息公开年报");
    expect(pageTitle("通知公告——测试县人民政府")).toBe("通知公告");
    expect((await read(utf8(html))).meta).toMatchObject({ agency: "测试县人民政府", year: want.meta.year });
  });

  it("on a page without report markers, prefers a known article container over a wordy sidebar", async () => {
    const side = "<p>办事指南：请携带身份证件到政务服务中心一楼窗口办理相关业务，咨询时间为工作日。</p>".repeat(6);
    const body = "<p>本单位年度工作情况如下，全年共处理来文来函若干件，均已按期办结。</p>".repeat(4);
    const html = `<html><body><div class="wrap"><div class="side">${side}</div><div class="main"><div id="zoom">${body}</div><div class="share">分享到：微信 微博</div></div></div></body></html>`;
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.blocks).toHaveLength(4);
    expect(doc.blocks.every((b) => b.source.path!.startsWith("body>div[1]>div[2]>div[1]>p["))).toBe(true);
  });

  it("says a page without a report is not a report", async () => {
    const html = `<!DOCTYPE html><html><head><title>测试县召开全县经济工作会议_测试县人民政府</title></head><body>
      <ul class="nav"><li><a href="/">首页</a></li><li><a href="/x">新闻</a></li></ul>
      <div class="article"><h1>测试县召开全县经济工作会议</h1><p>1月5日，测试县召开全县经济工作会议，总结2021年经济工作。</p>
      <table><tr><td>指标</td><td>数值</td></tr><tr><td>地区生产总值</td><td>120亿元</td></tr></table></div></body></html>`;
    const err = await readReports(utf8(html), { name: "news.html" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe("not-a-report");
  });
});

describe("hostile pages", () => {
  it("clamps absurd spans and caps rows so the grid stays small", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td rowspan="10000">标签${i}</td><td colspan="100000">1</td><td rowspan="0">2</td></tr>`).join("");
    const doc = await htmlReader.read(utf8(`<html><body><table>${rows}</table></body></html>`), {});
    const t = doc.blocks.find((b): b is TableBlock => b.kind === "table")!;
    expect(t.rows.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...t.rows.map((r) => r.length))).toBeLessThanOrEqual(100);
    expect(doc.notes?.some((n) => text(n).includes("表格过大"))).toBe(true);
  });

  it("reads 100 000 nested divs without overflowing the stack", async () => {
    const n = 100_000;
    const html = `<html><body>${"<div>".repeat(n)}一、总体情况<p>正文</p>${"</div>".repeat(n)}</body></html>`;
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.blocks.map((b) => b.kind === "table" ? "" : b.text)).toEqual(["一、总体情况", "正文"]);
    expect(doc.blocks[1]!.source.path!.length).toBeLessThan(200);
  });

  it("reads tables nested 10 000 deep in each other's cells: the innermost is a table, the others are read around it", async () => {
    const n = 10_000;
    const html = `<html><body><p>一、总体情况</p>${"<table><tr><td>规章</td><td>".repeat(n)}7${"</td></tr></table>".repeat(n)}</body></html>`;
    const doc = await htmlReader.read(utf8(html), {});
    expect(doc.blocks).toHaveLength(n + 1);
    const last = doc.blocks[n]!;
    expect(last.kind).toBe("table");
    const cells = (last as TableBlock).rows.map((r) => r.map((s) => s.cell.text));
    expect(cells).toEqual([["规章", "7"]]);
    expect((last as TableBlock).rows[0]![1]!.cell.source.path).toMatch(/^body>table\[1\]>tr\[1\]>td\[2\]>table\[1\]>tr\[1\]>…>(td\[2\]>table\[1\]>tr\[1\]>){3}td\[2\]$/);
  });

  it("fails only with a ReadError in Chinese", async () => {
    const bad = [new Uint8Array([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0, 0, 0, 1, 2, 3]), utf8("<html><body></body></html>"), utf8("<html><body><table><tr><td></table>")];
    for (const bytes of bad) {
      const err = await readReports(bytes, { format: "html" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadError);
      expect((err as ReadError).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("sniff", () => {
  it("knows a page by its markup in any encoding, and plain text or Markdown is not one", () => {
    expect(htmlReader.sniff(utf8("\ufeff  <!DOCTYPE html><html>"), "x")).toBeGreaterThanOrEqual(0.8);
    expect(htmlReader.sniff(encodeGbk("<html><head><meta charset=gbk><title>报告</title>"), "x")).toBeGreaterThanOrEqual(0.8);
    expect(htmlReader.sniff(utf8("\n<table border=1><tr><td>规章</td></tr></table>"), "x")).toBeGreaterThanOrEqual(0.8);
    expect(htmlReader.sniff(utf8("<!-- saved from url=(0042)http://www.example.gov.cn/ -->\n<html>"), "x")).toBeGreaterThanOrEqual(0.8);
    expect(htmlReader.sniff(utf8("测试县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n"), "a.txt")).toBe(0);
    expect(htmlReader.sniff(utf8("一、总体情况\n网页里的<p>标签</p>被粘进了文本。"), "a.txt")).toBeLessThan(0.1);
    expect(htmlReader.sniff(utf8("<<条例>>第一条\n<table>"), "a.txt")).toBeLessThan(0.1);
    expect(htmlReader.sniff(utf8("一、总体情况\n<p>正文</p>"), "a.html")).toBeGreaterThan(0.5);
    expect(htmlReader.sniff(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), "a.pdf")).toBe(0);
    expect(detect(utf8("<html><body><p>一、总体情况</p></body></html>"))?.id).toBe("html");
    expect(detect(utf8("## 一、总体情况\n\n| 规章 | 0 |\n|---|---|\n| a | 1 |\n\n<br>\n"), "a.md")?.id).toBe("markdown");
  });
});
