import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { randomReport } from "../src/generate/random-report.js";
import type { Report } from "../src/model/report.js";
import { readReports } from "../src/read.js";
import { fontconfigXml, render } from "../src/render/index.js";
import { subheadLength } from "../src/render/official.js";
import { titleLines } from "../src/render/title.js";

/** The official profile as a clerk's Word and a site editor see it: GB/T 9704 page, fonts, sizes, page numbers. */

const r2021 = randomReport(41, { template: "2021", year: 2023, agency: "望江县人力资源和社会保障局", zeroRate: 0.5 });
const r2019 = randomReport(42, { template: "2019", year: 2020, agency: "临江镇人民政府", zeroRate: 0.5 });

function parts(r: Report): Record<string, string> {
  const files = unzipSync(render(r, "docx", { profile: "official" }));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** The `w:style` element with this id. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`).exec(styles);
  expect(m, id).not.toBeNull();
  return m![0];
}

/** The tables of document.xml, each as its rows' XML. */
function tables(doc: string): string[][] {
  return [...doc.matchAll(/<w:tbl>.*?<\/w:tbl>/g)].map((t) => [...t[0].matchAll(/<w:tr>.*?<\/w:tr>/g)].map((m) => m[0]));
}

describe("official DOCX", () => {
  const p = parts(r2021);
  const doc = p["word/document.xml"]!;
  const styles = p["word/styles.xml"]!;

  it("is A4 with the GB/T 9704 margins: top 37, bottom 35, left 28, right 26 mm", () => {
    expect(doc).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" /);
  });

  it("sets the title in 2号 小标宋, the body in 3号 仿宋 on fixed 28.95 pt lines, heads in 黑体 and 楷体, tables in 五号 宋体", () => {
    const title = style(styles, "Title");
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    expect(styles).toContain('<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>');
    expect(style(styles, "Normal")).toContain('<w:ind w:firstLineChars="200" w:firstLine="640"/>');
    expect(style(styles, "Heading1")).toMatch(/w:eastAsia="黑体".*<w:sz w:val="32"\/>/);
    expect(style(styles, "Subhead")).toMatch(/w:eastAsia="楷体_GB2312".*<w:sz w:val="32"\/>/);
    expect(style(styles, "TableText")).toMatch(/w:eastAsia="宋体".*<w:sz w:val="21"\/>/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
  });

  it("names a substitute for every font Word may lack", () => {
    const fonts = p["word/fontTable.xml"]!;
    for (const [name, alt] of [
      ["方正小标宋简体", "方正小标宋_GBK"],
      ["仿宋_GB2312", "仿宋"],
      ["黑体", "SimHei"],
      ["楷体_GB2312", "楷体"],
      ["宋体", "SimSun"],
    ]) {
      expect(fonts).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/>`);
    }
  });

  it("numbers pages — N — in 4号 宋体, odd pages right and even pages left", () => {
    expect(p["word/settings.xml"]).toContain("<w:evenAndOddHeaders/>");
    expect(doc).toMatch(/<w:footerReference w:type="default" r:id="(rId\d)"\/><w:footerReference w:type="even" r:id="(rId\d)"\/>/);
    const rels = p["word/_rels/document.xml.rels"]!;
    const [, odd, even] = /w:type="default" r:id="(rId\d)"\/><w:footerReference w:type="even" r:id="(rId\d)"/.exec(doc)!;
    const target = (id: string) => new RegExp(`Id="${id}" [^>]*Target="([^"]+)"`).exec(rels)![1]!;
    const oddXml = p[`word/${target(odd!)}`]!;
    const evenXml = p[`word/${target(even!)}`]!;
    for (const f of [oddXml, evenXml]) {
      expect(f).toMatch(/<w:t xml:space="preserve">— <\/w:t>.*<w:instrText xml:space="preserve"> PAGE <\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/);
    }
    expect(oddXml).toContain('<w:jc w:val="right"/>');
    expect(evenXml).toContain('<w:jc w:val="left"/>');
    expect(style(styles, "Footer")).toMatch(/w:eastAsia="宋体".*<w:sz w:val="28"\/>/);
  });

  it("writes the three tables with their merges, all borders, the header rows of tables 3 and 4 repeated on every page", () => {
    const [t2, t3, t4] = tables(doc);
    expect([t2!.length, t3!.length, t4!.length]).toEqual([14, 3 + 25, 4]);
    for (const t of [t3!, t4!]) {
      expect(t.slice(0, 3).every((row) => row.includes("<w:tblHeader/>"))).toBe(true);
      expect(t.slice(3).some((row) => row.includes("<w:tblHeader/>"))).toBe(false);
    }
    expect(t2!.some((row) => row.includes("<w:tblHeader/>"))).toBe(false);
    expect(doc).toMatch(/<w:tcPr><w:tcW w:w="\d+" w:type="dxa"\/><w:vMerge w:val="restart"\/><w:vAlign w:val="center"\/><\/w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"\/><w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">三、本年度办理结果</);
    expect(doc).toMatch(/<w:gridSpan w:val="7"\/><w:vAlign w:val="center"\/><\/w:tcPr><w:p>.*?申请人情况/);
    const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map((s) => `<w:${s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join("");
    expect((doc.match(new RegExp(`<w:tblBorders>${borders}</w:tblBorders>`, "g")) ?? []).length).toBe(3);
    // Each table is as wide as the text block (156 mm), no wider.
    for (const m of doc.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)) {
      const sum = [...m[1]!.matchAll(/w:w="(\d+)"/g)].reduce((s, x) => s + Number(x[1]), 0);
      expect(Math.abs(sum - 8844)).toBeLessThanOrEqual(8);
    }
  });

  it("sets a long title on two lines, agency first, and reads it back whole", async () => {
    expect(titleLines("望江县人力资源和社会保障局2023年政府信息公开工作年度报告")).toEqual(["望江县人力资源和社会保障局", "2023年政府信息公开工作年度报告"]);
    expect(titleLines("临江镇2020年政府信息公开工作年度报告")).toEqual(["临江镇2020年政府信息公开工作年度报告"]);
    expect(doc).toContain('<w:t xml:space="preserve">望江县人力资源和社会保障局</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">2023年政府信息公开工作年度报告</w:t>');
    const [back] = await readReports(render(r2021, "docx", { profile: "official" }), { name: "r.docx" });
    expect(back!.meta.title).toBe(r2021.meta.title);
  });

  it("sets a （一） head at the start of a paragraph in 楷体, the rest in the body font", () => {
    expect(subheadLength("（一）主动公开情况。本机关坚持以公开为常态。")).toBe(10);
    expect(subheadLength("（二）依申请公开情况")).toBe(10);
    expect(subheadLength("（三）本年度，本机关共收到申请12件，全部按时答复，其中予以公开8件，部分公开2件，不予公开2件")).toBe(0);
    expect(subheadLength("一是主动公开的深度还需拓展。")).toBe(0);
    const r = { ...r2021, sections: r2021.sections.map((s) => (s.no === 1 ? { ...s, text: "（一）主动公开情况。本机关坚持以公开为常态。" } : s)) };
    expect(parts(r)["word/document.xml"]).toContain(
      '<w:r><w:rPr><w:rStyle w:val="Subhead"/></w:rPr><w:t xml:space="preserve">（一）主动公开情况。</w:t></w:r><w:r><w:t xml:space="preserve">本机关坚持以公开为常态。</w:t></w:r>',
    );
  });

  it("writes 万元 into the 2019 procurement amount, whose header names no unit", () => {
    const doc19 = parts(r2019)["word/document.xml"]!;
    expect(doc19).toContain(`${r2019.cells["active.procurement.amount"]}万元</w:t>`);
    expect(doc).toContain(`>${r2021.cells["active.fees.amount"]}</w:t>`);
  });

  it("keeps hostile text as text: the XML stays well formed and reads back", async () => {
    const evil = '<w:p>&amp; </w:t><script>alert("x")</script> \u0001\u0008 “引号” 😀';
    const r = { ...r2021, sections: r2021.sections.map((s) => (s.no === 5 ? { ...s, text: evil } : s)) };
    const d = parts(r)["word/document.xml"]!;
    expect(d).not.toContain("<script>");
    expect(d).toContain("&lt;w:p&gt;&amp;amp; &lt;/w:t&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const [back] = await readReports(render(r, "docx", { profile: "official" }), { name: "r.docx" });
    // Control characters XML cannot hold are dropped; the reader folds the spaces they leave.
    expect(back!.sections.find((s) => s.no === 5)!.text).toBe('<w:p>&amp; </w:t><script>alert("x")</script> “引号” 😀');
  });
});

describe("official HTML fragment", () => {
  const html = new TextDecoder().decode(render(r2021, "html", { profile: "official" }));

  it("is a fragment: no html, head, body, style or script element, every element styled inline", () => {
    expect(html).not.toMatch(/<(?:!doctype|html|head|body|style|script|link|meta)\b/i);
    expect(html).not.toMatch(/\bclass=/);
    for (const tag of html.match(/<(?:p|table|td)\b[^>]*>/g)!) expect(tag).toMatch(/ style="[^"]+"/);
    expect(html.startsWith('<p style="')).toBe(true);
  });

  it("uses the official fonts with fallbacks, and bordered tables with the real merges", () => {
    expect(html).toMatch(/<p style="[^"]*font-family:'方正小标宋简体',[^"]*'SimSun','Noto Serif CJK SC',serif;font-size:22pt;">望江县人力资源和社会保障局<br \/>2023年/);
    expect(html).toMatch(/<p style="[^"]*text-indent:2em;font-family:'黑体','SimHei',[^"]*sans-serif;font-size:16pt;">一、总体情况<\/p>/);
    expect(html).toMatch(/font-family:'仿宋_GB2312','仿宋','FangSong'/);
    expect((html.match(/<table border="1" cellspacing="0" cellpadding="3" width="100%" style="[^"]*border-collapse:collapse/g) ?? []).length).toBe(3);
    expect(html).toMatch(/<td rowspan="22" style="border:1px solid #000;[^"]*">三、本年度办理结果<\/td>/);
    expect(html).toMatch(/<td colspan="7" style="[^"]*">申请人情况<\/td>/);
  });

  it("escapes every text of the report", async () => {
    const evil = `<img src=x onerror="alert(1)"> & 'q' </p><script>x</script>`;
    const r: Report = { ...r2021, meta: { ...r2021.meta, title: `${r2021.meta.title}<b>` }, sections: r2021.sections.map((s) => (s.no === 6 ? { ...s, text: evil } : s)) };
    const out = new TextDecoder().decode(render(r, "html", { profile: "official" }));
    expect(out).not.toMatch(/<img|<script|<b>|onerror="/);
    expect(out).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39; &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;");
    const [back] = await readReports(render(r, "html", { profile: "official" }), { name: "r.html" });
    expect(back!.sections.find((s) => s.no === 6)!.text).toBe(evil);
  });

  it("writes an empty cell as a non-breaking space and 0 as 0", () => {
    const r: Report = { ...r2021, cells: { ...r2021.cells, "requests.granted.commercial": null, "requests.granted.research": 0 } };
    const out = new TextDecoder().decode(render(r, "html", { profile: "official" }));
    const row = out.split("\n").find((l) => l.includes(">（一）予以公开<"))!;
    // The row: 三、本年度办理结果 (rowspan), the label, 自然人, 商业企业, 科研机构, …
    const values = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(values.slice(0, 2)).toEqual(["三、本年度办理结果", "（一）予以公开"]);
    expect(values.slice(3, 5)).toEqual(["&nbsp;", "0"]);
  });
});

describe("fontconfig map for LibreOffice", () => {
  it("puts the Noto CJK face right after every official name, so an installed font still wins", () => {
    const conf = fontconfigXml();
    expect(conf).toContain('<include ignore_missing="yes">/etc/fonts/fonts.conf</include>');
    expect(conf).toContain("<alias binding=\"same\"><family>仿宋_GB2312</family><accept><family>Noto Serif CJK SC</family></accept></alias>");
    expect(conf).toContain("<alias binding=\"same\"><family>黑体</family><accept><family>Noto Sans CJK SC</family></accept></alias>");
    expect(conf).toContain("<alias binding=\"same\"><family>楷体_GB2312</family><accept><family>Noto Serif CJK SC</family></accept></alias>");
    expect(fontconfigXml(null)).not.toContain("<include");
  });
});
