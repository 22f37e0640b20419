import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { text } from "../support/messages.js";
import { HAS_SHARED, SHARED } from "../support/shared.js";
import { deflateSync, inflateSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../src/check.js";
import { randomReport } from "../../src/generate/random-report.js";
import type { Block, Document, TableBlock } from "../../src/model/document.js";
import { ReadError } from "../../src/model/errors.js";
import { readReports } from "../../src/read.js";
import { docxReader } from "../../src/readers/docx/index.js";
import { detect } from "../../src/readers/index.js";
import { crc32 } from "../../src/readers/docx/zip.js";
import { reportHtml } from "../support/report-html.js";
import { renderDocx } from "../../src/render/docx.js";
import { CHINESE, compoundFile, CONTENT_TYPES, deflatedZeros, docx, documentXml, p, rawZip, ROOT_RELS, tbl, tc, tr } from "./docx-support.js";

const read = (bytes: Uint8Array): Document => docxReader.read(bytes, {}) as Document;
const texts = (blocks: Block[]) => blocks.filter((b) => b.kind !== "table").map((b) => (b as { text: string }).text);
const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === "table");
const grid = (t: TableBlock) => t.rows.map((r) => r.map((s) => (s.fromAbove ? "^" : s.fromLeft ? "<" : s.cell.text)));

const cpuSince = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

/** Reads and expects a ReadError; returns it with the time it took (wall clock and this process's CPU). */
async function failure(bytes: Uint8Array, name = "报告.docx"): Promise<{ error: ReadError; ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    await readReports(bytes, { name });
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).message).toMatch(CHINESE);
    return { error: e as ReadError, ms: performance.now() - t0, cpuMs: cpuSince(c0) };
  }
  throw new Error("expected a ReadError");
}

describe("DOCX round trip of generated reports", () => {
  const cases = [1, 2, 3, 17, 42].flatMap((seed) =>
    (["2019", "2021"] as const).flatMap((template) => (["text", "auto"] as const).map((headingNumbers) => ({ seed, template, headingNumbers }))),
  );

  it.each(cases)("seed $seed, template $template, heading numbers $headingNumbers", async ({ seed, template, headingNumbers }) => {
    const report = randomReport(seed, { template, zeroRate: seed % 2 ? 0.7 : 0.2 });
    const bytes = renderDocx(report, { headingNumbers });
    expect(detect(bytes, "x.bin")?.id).toBe("docx");
    const [out] = await readReports(bytes, { name: "report.docx" });
    expect(out!.meta).toMatchObject({ title: report.meta.title, agency: report.meta.agency, year: report.meta.year, template, format: "docx" });
    expect(out!.cells).toEqual(report.cells);
    expect(checkReport(out!).findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(out!.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out!.sections[0]!.text).toBe(report.sections[0]!.text);
    // Every cell keeps its raw text and the element path it came from.
    const prov = out!.provenance["requests.granted.natural_person"]!;
    expect(prov.raw).toBe(String(report.cells["requests.granted.natural_person"]));
    expect(prov.source?.path).toMatch(/^body>tbl\[2\]>tr\[\d+\]>tc\[\d+\]$/);
  });

  it("writes the cell styles every output shares: zeros of tables 3 and 4 left blank, amounts in 元", async () => {
    const report = randomReport(8, { template: "2021", zeroRate: 0.5 });
    const [out] = await readReports(renderDocx(report, { blankZeros: true, amountUnit: "元" }), { name: "report.docx" });
    const zeros = Object.keys(report.cells).filter((k) => /^(requests|review)\./.test(k) && report.cells[k] === 0);
    expect(zeros.length).toBeGreaterThan(20);
    for (const k of zeros) expect([out!.cells[k], out!.provenance[k]?.raw], k).toEqual([null, ""]);
    const fee = "active.fees.amount";
    expect(out!.provenance[fee]?.raw).toBe(`${Math.round((report.cells[fee] as number) * 10000)}元`);
    expect(out!.cells[fee]).toBeCloseTo(report.cells[fee] as number, 4);
  });

  it("writes the official merges: table 3 label column spans its rows, table 4 headers span", () => {
    const report = randomReport(5, { template: "2021" });
    const doc = read(renderDocx(report));
    const [, requests, review] = tables(doc.blocks);
    const g = grid(requests!);
    // Corner note: 3 columns × 3 header rows.
    expect(g[0]!.slice(0, 3)).toEqual([expect.stringContaining("勾稽关系"), "<", "<"]);
    expect(g[1]!.slice(0, 3)).toEqual(["^", "^", "^"]);
    // 三、本年度办理结果 spans 22 rows in the 2021 template; （六）其他处理 spans 3.
    const results = g.findIndex((r) => r[0] === "三、本年度办理结果");
    expect(g.slice(results + 1, results + 22).every((r) => r[0] === "^")).toBe(true);
    expect(g[results + 22]![0]).toBe("四、结转下年度继续办理");
    const other = g.findIndex((r) => r[1] === "（六）其他处理");
    expect(g.slice(other + 1, other + 3).map((r) => r[1])).toEqual(["^", "^"]);
    expect(grid(review!)[0]).toEqual(["行政复议", "<", "<", "<", "<", "行政诉讼", ...Array(9).fill("<")]);
    expect(grid(review!)[2]!.slice(0, 5)).toEqual(["^", "^", "^", "^", "^"]);
  });
});

describe("DOCX features", () => {
  it("reads tracked changes as accepted: insertions kept, deletions and moves away dropped", () => {
    const body =
      '<w:p><w:r><w:t>本年新收</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>政府</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>申请</w:t></w:r></w:ins><w:moveFrom w:id="3"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>' +
      '<w:moveTo w:id="4"><w:r><w:t>12件</w:t></w:r></w:moveTo></w:p>';
    const doc = read(docx(body));
    expect(texts(doc.blocks)).toEqual(["本年新收申请12件"]);
    expect(doc.notes?.map((n) => [n.severity, text(n)])).toEqual([["warning", expect.stringMatching(/插入 2 处，删除 2 处.*接受全部修订/)]]);
    expect(read(docx(p("无修订"))).notes).toBeUndefined();
  });

  it("drops table rows deleted as a tracked change", () => {
    const body = tbl(2, tr(tc("a") + tc("1")) + tr(tc("b") + tc("2"), '<w:del w:id="9" w:author="x"/>') + tr(tc("c") + tc("3")));
    expect(grid(tables(read(docx(body)).blocks)[0]!)).toEqual([["a", "1"], ["c", "3"]]);
  });

  it("reads content controls, but not a control still showing its prompt", () => {
    const body =
      '<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>' + p("一、总体情况") + "</w:sdtContent></w:sdt>" +
      tbl(2, tr(tc("自然人") + '<w:tc><w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>7</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc>') +
        tr(tc("其他") + '<w:tc><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc>'));
    const doc = read(docx(body));
    expect(texts(doc.blocks)).toEqual(["一、总体情况"]);
    expect(grid(tables(doc.blocks)[0]!)).toEqual([["自然人", "7"], ["其他", ""]]);
  });

  it("turns vMerge restart/continue into row spans and gridSpan into column spans", () => {
    const body = tbl(
      4,
      tr(tc("（三）不予公开", '<w:vMerge w:val="restart"/>') + tc("1.属于国家秘密") + tc("0", '<w:gridSpan w:val="2"/>')) +
        tr(tc("", "<w:vMerge/>") + tc("2.其他法律行政法规禁止公开") + tc("3") + tc("4")) +
        tr(tc("", '<w:vMerge w:val="continue"/>') + tc("3.危及“三安全一稳定”") + tc("5") + tc("6")) +
        tr(tc("（四）无法提供") + tc("1.本机关不掌握相关政府信息") + tc("7") + tc("8")),
    );
    const t = tables(read(docx(body)).blocks)[0]!;
    expect(t.grid).toBe(true);
    expect(grid(t)).toEqual([
      ["（三）不予公开", "1.属于国家秘密", "0", "<"],
      ["^", "2.其他法律行政法规禁止公开", "3", "4"],
      ["^", "3.危及“三安全一稳定”", "5", "6"],
      ["（四）无法提供", "1.本机关不掌握相关政府信息", "7", "8"],
    ]);
    expect(t.rows[0]![0]!.cell.rowspan).toBe(3);
    expect(t.rows[0]![2]!.cell.colspan).toBe(2);
    expect(t.rows[1]![2]!.cell.source.path).toBe("body>tbl[1]>tr[2]>tc[3]");
  });

  it("leaves gridBefore / gridAfter columns as empty slots", () => {
    const body = tbl(4, tr(tc("a") + tc("b") + tc("c") + tc("d")) + tr(tc("x") + tc("y"), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'));
    const t = tables(read(docx(body)).blocks)[0]!;
    expect(grid(t)).toEqual([["a", "b", "c", "d"], ["", "x", "y", ""]]);
    expect(t.rows[1]![1]!.cell.source.path).toBe("body>tbl[1]>tr[2]>tc[1]");
  });

  it("reads legacy hMerge as a column span", () => {
    const body = tbl(3, tr(tc("合并", '<w:hMerge w:val="restart"/>') + tc("", '<w:hMerge w:val="continue"/>') + tc("z")));
    expect(grid(tables(read(docx(body)).blocks)[0]!)).toEqual([["合并", "<", "z"]]);
  });

  it("gives a nested table its own block after the table it sits in, and unwraps one-cell frames", () => {
    const inner = tbl(2, tr(tc("结果维持") + tc("结果纠正")) + tr(tc("1") + tc("2")));
    const body = tbl(2, tr(tc("行政复议") + `<w:tc>${p("见下表")}${inner}<w:p/></w:tc>`)) + tbl(1, tr(`<w:tc>${p("一、总体情况", '<w:outlineLvl w:val="0"/>')}${p("正文")}</w:tc>`));
    const doc = read(docx(body));
    const [outer, nested] = tables(doc.blocks);
    expect(grid(outer!)).toEqual([["行政复议", "见下表"]]);
    expect(grid(nested!)).toEqual([["结果维持", "结果纠正"], ["1", "2"]]);
    expect(nested!.source.path).toBe("body>tbl[1]>tr[1]>tc[2]>tbl[1]");
    expect(doc.blocks.slice(2)).toMatchObject([
      { kind: "heading", level: 1, text: "一、总体情况", source: { path: "body>tbl[2]>tr[1]>tc[1]>p[1]" } },
      { kind: "paragraph", text: "正文" },
    ]);
  });

  it("joins paragraphs and line breaks in a cell with \\n, keeps tabs, and skips field codes and hidden text", () => {
    const cell =
      "<w:tc><w:p><w:r><w:t>本年新</w:t></w:r><w:r><w:br/><w:t>制作数量</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>（件）</w:t><w:tab/><w:t>注</w:t></w:r></w:p></w:tc>";
    const field =
      '<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>' +
      "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>";
    const doc = read(docx(tbl(2, tr(tc("x") + cell)) + field));
    expect(grid(tables(doc.blocks)[0]!)).toEqual([["x", "本年新\n制作数量\n（件）\t注"]]);
    expect(texts(doc.blocks)).toEqual(["第3页"]);
  });

  it("takes heading levels from styles (outline level, basedOn, built-in names) and numbers from numbering.xml", () => {
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="小标题"/><w:basedOn w:val="Lvl2"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Lvl2"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="Num1"><w:name w:val="编号一"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>';
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>' +
      '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>' +
      '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>';
    const body =
      p("总体情况", '<w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>') +
      p("工作要点", '<w:pStyle w:val="Sub"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>') +
      p("主动公开政府信息情况", '<w:pStyle w:val="Num1"/>') +
      p("普通段落") +
      p("直接大纲级别", '<w:outlineLvl w:val="2"/>') +
      tbl(2, tr(tc(p("属于国家秘密", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr>')) + tc("0")) + tr(tc(p("其他法律行政法规禁止公开", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr>')) + tc("0")));
    const doc = read(docx(body, { styles, numbering }));
    expect(doc.blocks.slice(0, 5).map((b) => [b.kind, (b as { level?: number }).level, (b as { text: string }).text])).toEqual([
      ["heading", 1, "一、总体情况"],
      ["heading", 2, "（一）工作要点"],
      ["paragraph", undefined, "二、主动公开政府信息情况"],
      ["paragraph", undefined, "普通段落"],
      ["heading", 3, "直接大纲级别"],
    ]);
    expect(grid(tables(doc.blocks)[0]!).map((r) => r[0])).toEqual(["1.属于国家秘密", "2.其他法律行政法规禁止公开"]);
  });

  it("reads text boxes once (not their VML fallback copy)", () => {
    const box = (t: string) => `<w:txbxContent>${p(t)}</w:txbxContent>`;
    const body =
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">' +
      `<w:drawing><wp:anchor xmlns:wp="x"><a:graphic xmlns:a="y"><a:graphicData><wps:wsp xmlns:wps="z"><wps:txbx>${box("框内标题")}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>` +
      `</mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="v"><v:textbox>${box("框内标题")}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    expect(texts(read(docx(body)).blocks)).toEqual(["框内标题", "正文"]);
  });

  it("reads WordprocessingML written with another namespace prefix", () => {
    const xml =
      '<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:body>' +
      '<ns0:p><ns0:pPr><ns0:outlineLvl ns0:val="0"/></ns0:pPr><ns0:r><ns0:t>一、总体情况</ns0:t></ns0:r></ns0:p>' +
      '<ns0:tbl><ns0:tr><ns0:tc><ns0:tcPr><ns0:gridSpan ns0:val="2"/></ns0:tcPr><ns0:p><ns0:r><ns0:t>合并</ns0:t></ns0:r></ns0:p></ns0:tc></ns0:tr>' +
      "<ns0:tr><ns0:tc><ns0:p/></ns0:tc><ns0:tc><ns0:p><ns0:r><ns0:t>3</ns0:t></ns0:r></ns0:p></ns0:tc></ns0:tr></ns0:tbl></ns0:body></ns0:document>";
    const doc = read(docx("", { documentXml: xml }));
    expect(doc.blocks[0]).toMatchObject({ kind: "heading", level: 1, text: "一、总体情况" });
    expect(grid(tables(doc.blocks)[0]!)).toEqual([["合并", "<"], ["", "3"]]);
  });

  it("finds the main document through the package relationships, whatever its name", () => {
    const rels = ROOT_RELS.replace("word/document.xml", "word/main.xml");
    const bytes = rawZipOf({ "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": rels, "word/main.xml": documentXml(p("二〇二一年度报告")) });
    expect(texts(read(bytes).blocks)).toEqual(["二〇二一年度报告"]);
  });
});

describe("DOCX with alternative-format chunks (w:altChunk)", () => {
  const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const chunkDocx = (part: string, content: string, before = "") =>
    rawZipOf({
      "[Content_Types].xml": CONTENT_TYPES,
      "_rels/.rels": ROOT_RELS,
      "word/document.xml": documentXml(before + '<w:altChunk r:id="htmlChunk"/>').replace("<w:document ", `<w:document ${R} `),
      "word/_rels/document.xml.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${part}"/></Relationships>`,
      [`word/${part}`]: content,
    });

  /** MIME web archive as "export to Word" libraries write it: quoted-printable UTF-8. */
  function mht(html: string): string {
    let qp = "";
    let line = 0;
    for (const b of new TextEncoder().encode(html)) {
      const piece = b >= 0x80 || b === 0x3d || b < 0x20 ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b);
      if (line + piece.length > 75) (qp += "=\r\n"), (line = 0);
      qp += piece;
      line += piece.length;
    }
    return (
      'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n    type="text/html";\r\n    boundary="----=mhtDocumentPart"\r\n\r\n\r\n' +
      '------=mhtDocumentPart\r\nContent-Type: text/html;\r\n    charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n' +
      `Content-Location: file:///C:/fake/document.html\r\n\r\n${qp}\r\n\r\n------=mhtDocumentPart--\r\n`
    );
  }

  it.each(["2019", "2021"] as const)("reads a %s report exported to Word as an MHT chunk back to the same cells", async (template) => {
    const report = randomReport(31, { template });
    const [out] = await readReports(chunkDocx("afchunk.mht", mht(reportHtml(report))), { name: "导出.docx" });
    expect(out!.meta).toMatchObject({ title: report.meta.title, year: report.meta.year, template, format: "docx" });
    expect(out!.cells).toEqual(report.cells);
  });

  it("puts an HTML chunk at its place among the body's own blocks", async () => {
    const html = "<html><body><p>网页第一段</p><p>网页第二段</p></body></html>";
    const doc = await docxReader.read(chunkDocx("part.html", html, p("前言")), {});
    expect(texts(doc.blocks)).toEqual(["前言", "网页第一段", "网页第二段"]);
  });

  it("says so when a chunk cannot be read", async () => {
    const doc = await docxReader.read(chunkDocx("part.rtf", "{\\rtf1 x}", p("正文")), {});
    expect(doc.notes?.map((n) => [n.severity, text(n)])).toEqual([["warning", expect.stringContaining("未能读取")]]);
  });
});

function rawZipOf(files: Record<string, string>): Uint8Array {
  return rawZip(
    Object.entries(files).map(([name, text]) => {
      const data = strToU8(text);
      return { name, data: deflateSync(data), method: 8 as const, size: data.length, crc: crc32(data) };
    }),
  );
}

describe("hostile and broken DOCX input", () => {
  const GB = 1024 * 1024 * 1024;

  it("refuses a zip bomb (1 GB of zeros in ~1 MB) that declares its size, without inflating it", async () => {
    const zeros = await deflatedZeros(GB);
    expect(zeros.length).toBeLessThan(2 * 1024 * 1024);
    const bytes = rawZip([
      { name: "[Content_Types].xml", data: strToU8(CONTENT_TYPES), method: 0, size: CONTENT_TYPES.length },
      { name: "word/document.xml", data: zeros, method: 8, size: GB },
    ]);
    const { error, ms } = await failure(bytes);
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("压缩炸弹");
    expect(ms).toBeLessThan(2000);

    // The same stream under a modest declared size: inflation stops once it passes the declared size.
    const liar = rawZip([
      { name: "[Content_Types].xml", data: strToU8(CONTENT_TYPES), method: 0, size: CONTENT_TYPES.length },
      { name: "word/document.xml", data: zeros, method: 8, size: 5 * 1024 * 1024 },
    ]);
    const rss = process.resourceUsage().maxRSS;
    const lie = await failure(liar);
    expect(lie.error.code).toBe("too-large");
    expect(lie.error.message).toContain("实际大小超过声明");
    expect(lie.ms).toBeLessThan(3000);
    // maxRSS is in kB: the read may not grow the process by anything like the 1 GB inside.
    expect(process.resourceUsage().maxRSS - rss).toBeLessThan(200 * 1024);
  }, 60_000);

  it("catches a small entry whose real size passes its declared size, and streams large honest entries", async () => {
    const zeros = await deflatedZeros(50 * 1024 * 1024);
    const small = rawZip([{ name: "word/document.xml", data: zeros, method: 8, size: 1000 }]);
    const { error, cpuMs } = await failure(small);
    expect(error.message).toContain("实际大小超过声明");
    // A small entry is inflated into a buffer one byte past its declared size: the work is bounded
    // by the compressed size and less than inflating the 50 MB (CPU, not wall clock, so a busy
    // machine cannot fail it).
    const c0 = process.cpuUsage();
    expect(inflateSync(zeros).length).toBe(50 * 1024 * 1024);
    expect(cpuMs).toBeLessThan(cpuSince(c0));
    // Random-looking digits do not compress: this part goes through the streaming path.
    let seed = 7;
    const digits = () => Array.from({ length: 60 }, () => ((seed = (seed * 48271) % 2147483647) % 10).toString()).join("");
    const paras = Array.from({ length: 3000 }, (_, i) => p(`第${i + 1}段 ${digits()}`));
    const big = docx(paras.join(""));
    expect(big.length).toBeGreaterThan(100 * 1024);
    const doc = read(big);
    expect(doc.blocks).toHaveLength(3000);
    expect(texts(doc.blocks)[2999]).toMatch(/^第3000段 \d{60}$/);
  });

  it("reads a real-sized repetitive table (compression ratio past 200:1) and keeps only its first rows", () => {
    const row = tr(tc("行政许可") + tc("0") + tc("0") + tc("0"));
    const bytes = docx(p("一、总体情况") + tbl(4, row.repeat(5000)));
    const doc = read(bytes);
    expect(tables(doc.blocks)[0]!.rows).toHaveLength(1000);
    expect(doc.notes?.map(text)).toEqual(["文件中有表格超过 1000 行，只读取了每张表的前 1000 行（共略去 4000 行）：这份文件可能不是一份年度报告"]);
  });

  it.skipIf(!HAS_SHARED)("reads ../shared/repro/docx-repetitive-large-table.docx (47 MB of XML, 229:1): not a zip bomb", async () => {
    const [r] = await readReports(readFileSync(join(SHARED, "repro/docx-repetitive-large-table.docx")), { name: "large.docx" });
    expect(r!.findings.map((f) => f.rule)).toContain("reader-docx");
    expect(r!.findings.map(text).join()).toContain("只读取了每张表的前 1000 行");
  }, 60_000);

  it("refuses archives with too many entries or too much declared content", async () => {
    const many = rawZip(Array.from({ length: 6000 }, (_, i) => ({ name: `word/media/x${i}.bin`, data: new Uint8Array(1), method: 0 as const, size: 1 })));
    const a = await failure(many);
    expect(a.error.code).toBe("too-large");
    expect(a.error.message).toContain("6000 个条目");
    // Entries that each look modest but together declare more than 1 GB (overlapping-file bombs).
    const overlap = rawZip(Array.from({ length: 20 }, (_, i) => ({ name: `word/media/x${i}.bin`, data: new Uint8Array(8), method: 0 as const, size: 60 * 1024 * 1024, compressedSize: 60 * 1024 * 1024 })));
    const b = await failure(overlap);
    expect(b.error.code).toBe("too-large");
    expect(a.ms + b.ms).toBeLessThan(2000);
  });

  it("refuses XML entity bombs and DTDs in any part", async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bombXml = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">${lol}]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;
    const { error, ms } = await failure(docx("", { documentXml: bombXml }));
    expect(error.code).toBe("damaged");
    expect(error.message).toContain("实体");
    expect(ms).toBeLessThan(1000);
    // In the styles part too, and an external entity.
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:styles xmlns:w="w">&e;</w:styles>`;
    const files = { "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": documentXml(p("一、总体情况")), "word/styles.xml": xxe };
    expect((await failure(rawZipOf(files))).error.message).toContain("DTD");
    // Undefined entities without a DTD are a plain XML error.
    const undef = documentXml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>");
    expect((await failure(docx("", { documentXml: undef }))).error.code).toBe("damaged");
  });

  it("says an encrypted DOCX (OLE file with EncryptionInfo/EncryptedPackage) is encrypted, whatever its name", async () => {
    const info = new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, ...strToU8('<?xml version="1.0"?><encryption/>')]);
    const bytes = compoundFile([
      ["EncryptionInfo", info],
      ["EncryptedPackage", new Uint8Array(8192).map((_, i) => (i * 31) & 255)],
    ]);
    expect(detect(bytes, "a.bin")?.id).toBe("docx");
    for (const name of ["报告.docx", "报告.doc", "报告"]) {
      const { error } = await failure(bytes, name);
      expect(error.code).toBe("encrypted");
      expect(error.message).toContain("密码");
    }
  });

  it("says a truncated DOCX is damaged, wherever it was cut", async () => {
    const whole = renderDocx(randomReport(9, { template: "2021" }));
    for (const keep of [0.1, 0.5, 0.9, 0.999]) {
      const { error, ms } = await failure(whole.subarray(0, Math.floor(whole.length * keep)));
      expect(error.code).toBe("damaged");
      expect(error.message).toContain("不完整");
      expect(ms).toBeLessThan(1000);
    }
  });

  it("says random bytes named .docx are not a Word document, and a zip without word/ is not one either", async () => {
    const garbage = new Uint8Array(5000).map((_, i) => (i * 7919 + 13) % 251);
    const a = await failure(garbage, "年报.docx");
    expect(a.error.code).toBe("damaged");
    expect(a.error.message).toContain("不是有效的 Word 文档");
    const b = await failure(rawZipOf({ "readme.txt": "hello" }), "年报.docx");
    expect(b.error.code).toBe("unsupported");
    expect(b.error.message).toContain("不是 Word 文档");
  });

  it("refuses content that does not match its checksum (a digit changed in transit)", async () => {
    const good = strToU8(documentXml(tbl(2, tr(tc("（一）予以公开") + tc("5")))));
    const bad = strToU8(documentXml(tbl(2, tr(tc("（一）予以公开") + tc("7")))));
    const files = (doc: Uint8Array, crc: number, method: 0 | 8) => [
      { name: "[Content_Types].xml", data: strToU8(CONTENT_TYPES), method: 0 as const, size: CONTENT_TYPES.length },
      { name: "word/document.xml", data: method === 8 ? deflateSync(doc) : doc, method, size: doc.length, crc },
    ];
    expect(tables(read(rawZip(files(good, crc32(good), 8))).blocks)).toHaveLength(1);
    for (const method of [0, 8] as const) {
      const { error } = await failure(rawZip(files(bad, crc32(good), method)));
      expect(error.code).toBe("damaged");
      expect(error.message).toContain("校验和不符");
    }
  });

  it("says an entry with ZIP encryption is encrypted, and refuses absurd table nesting", async () => {
    const data = strToU8(documentXml(p("x")));
    const enc = rawZip([{ name: "word/document.xml", data, method: 0, size: data.length, flags: 1 }]);
    expect((await failure(enc)).error.code).toBe("encrypted");
    let nested = p("x");
    for (let i = 0; i < 60; i++) nested = tbl(2, tr(`<w:tc>${nested}</w:tc>` + tc("y")));
    expect((await failure(docx(nested))).error.message).toContain("嵌套");
  });

  it("fails with a ReadError, never a crash, on damaged bytes anywhere in the file", async () => {
    const whole = renderDocx(randomReport(11, { template: "2019" }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = whole.slice();
        for (const [at, v] of flips) bytes[at] = v;
        try {
          await readReports(bytes, { name: "x.docx" });
        } catch (e) {
          expect(e).toBeInstanceOf(ReadError);
          expect((e as ReadError).message).toMatch(CHINESE);
        }
      }),
      { numRuns: 300, seed: 20240101 },
    );
  });
});
