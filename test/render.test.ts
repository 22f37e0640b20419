import { describe, expect, it } from "vitest";
import { randomReport } from "../src/generate/random-report.js";
import type { Report } from "../src/model/report.js";
import { toFullWidth, splitLabel, valueText } from "../src/render/cells.js";
import { encodeGbk } from "../src/render/gbk.js";
import { htmlPage, renderHtml } from "../src/render/html.js";
import { layoutReport } from "../src/render/layout.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderCollapsed } from "../src/render/collapsed.js";
import { renderText } from "../src/render/text.js";

const r2019 = randomReport(11, { template: "2019", zeroRate: 0.5 });
const r2021 = randomReport(11, { template: "2021", zeroRate: 0.5 });

/** Lines of a rendered text between a section head and the next blank-blank gap. */
function sectionLines(text: string, head: string, next: string): string[] {
  const lines = text.split("\n");
  return lines.slice(lines.indexOf(head) + 1, lines.indexOf(next));
}

describe("cell values", () => {
  it("writes blanks, units, full-width digits and separators as real reports do", () => {
    expect(valueText(null, "count", "active")).toBe("");
    expect(valueText(0, "count", "requests", { blankZeros: true })).toBe("");
    expect(valueText(0, "count", "review", { blankZeros: true })).toBe("");
    expect(valueText(0, "count", "active", { blankZeros: true })).toBe("0");
    expect(valueText(75.77, "amount", "active", { amountUnit: "万元" })).toBe("75.77万元");
    expect(valueText(25.1, "amount", "active", { amountUnit: "元" })).toBe("251000元");
    expect(valueText(4176.9529, "amount", "active", { amountUnit: "元" })).toBe("41769529元");
    expect(valueText(12, "count", "active", { amountUnit: "万元" })).toBe("12");
    expect(valueText(1234567, "count", "active", { thousands: true })).toBe("1,234,567");
    expect(valueText(-3, "signed", "active", { fullWidthDigits: true })).toBe("－３");
    expect(valueText(1234.5, "amount", "active", { thousands: true, fullWidthDigits: true, amountUnit: "万元" })).toBe("１，２３４．５万元");
    expect(toFullWidth("80")).toBe("８０");
  });

  it("breaks narrow labels before a bracketed note, else in the middle", () => {
    expect(splitLabel("本年新制作数量")).toBe("本年新\n制作数量");
    expect(splitLabel("商业企业")).toBe("商业\n企业");
    expect(splitLabel("本年收费金额（单位：万元）")).toBe("本年收费金额\n（单位：万元）");
    expect(splitLabel("总计")).toBe("总计");
  });
});

describe("layout from the template data", () => {
  it("gives table 3 of 2021 the real merges: 三 spans 22 rows, （六） spans 3, 25 data rows", () => {
    const t = layoutReport(r2021).sections[2]!.table!;
    expect(t.width).toBe(10);
    expect(t.rows.length).toBe(3 + 25);
    const cells = t.rows.flat();
    expect(cells.find((c) => c.text === "三、本年度办理结果")!.rowspan).toBe(22);
    expect(cells.find((c) => c.text === "（六）其他处理")!.rowspan).toBe(3);
    expect(cells.find((c) => c.text === "（三）不予公开")!.rowspan).toBe(8);
    expect(cells.find((c) => c.text === "（七）总计")!.colspan).toBe(2);
    expect(cells.find((c) => c.text === "四、结转下年度继续办理")!.colspan).toBe(3);
    const corner = t.rows[0]![0]!;
    expect([corner.rowspan, corner.colspan]).toEqual([3, 3]);
    expect(t.rows[0]!.map((c) => [c.text, c.colspan])).toContainEqual(["申请人情况", 7]);
    expect(t.rows[1]!.map((c) => [c.text, c.rowspan, c.colspan])).toEqual([
      ["自然人", 2, 1],
      ["法人或其他组织", 1, 5],
      ["总计", 2, 1],
    ]);
  });

  it("gives table 3 of 2019 a single （六）其他处理 row and 三 spanning 20 rows", () => {
    const cells = layoutReport(r2019).sections[2]!.table!.rows.flat();
    expect(cells.find((c) => c.text === "三、本年度办理结果")!.rowspan).toBe(20);
    const other = cells.find((c) => c.text === "（六）其他处理")!;
    expect([other.rowspan, other.colspan]).toEqual([1, 2]);
  });

  it("gives table 4 three header rows over 15 columns and one data row", () => {
    const t = layoutReport(r2021).sections[3]!.table!;
    expect(t.width).toBe(15);
    expect(t.rows.length).toBe(4);
    expect(t.rows[1]!.slice(0, 5).every((c) => c.rowspan === 2)).toBe(true);
    expect(t.rows[3]!.map((c) => c.key)).toEqual([
      ...["upheld", "corrected", "other", "pending", "total"].map((c) => `review.reconsideration.${c}`),
      ...["upheld", "corrected", "other", "pending", "total"].map((c) => `review.suit_direct.${c}`),
      ...["upheld", "corrected", "other", "pending", "total"].map((c) => `review.suit_after.${c}`),
    ]);
  });

  it("widens the single value of 2021 table 2 blocks (五)(六)(八) over three columns", () => {
    const t = layoutReport(r2021).sections[1]!.table!;
    const row = t.rows.find((x) => x[0]!.text === "行政许可")!;
    expect(row.map((c) => c.colspan)).toEqual([1, 3]);
    expect(t.rows.filter((x) => x[0]!.role === "caption").map((x) => x[0]!.text)).toEqual([
      "第二十条第（一）项",
      "第二十条第（五）项",
      "第二十条第（六）项",
      "第二十条第（八）项",
    ]);
  });
});

describe("plain text shapes", () => {
  it("tab-cell: a lone tab for each cell merged from above, a blank line between rows (seeds 000/002–004)", () => {
    const text = renderText(r2019, { shape: "tab-cell", splitHeaders: true });
    const t3 = sectionLines(text, "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况");
    // Header row 3: covered corner, covered 自然人, five organisations, covered 总计.
    expect(t3.slice(8, 18)).toEqual(["\t", "\t", "\t商业", "企业", "\t科研", "机构", "\t社会公", "益组织", "\t法律服", "务机构"]);
    const partial = t3.indexOf("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    expect(t3[partial - 1]).toBe("\t");
    expect(t3[partial + 8]).toBe("");
    const secret2 = t3.indexOf("\t2.其他法律行政法规禁止公开");
    expect(t3.slice(secret2 - 2, secret2)).toEqual(["\t", "\t"]);
  });

  it("tab-row: a row per line, an empty field for every merged slot (seed 001)", () => {
    const text = renderText(r2021, { shape: "tab-row" });
    const lines = text.split("\n");
    expect(lines).toContain("第二十条第（一）项\t\t\t");
    const lic = lines.find((l) => l.startsWith("行政许可\t"))!;
    expect(lic.split("\t")).toEqual(["行政许可", String(r2021.cells["active.licensing.decisions"]), "", ""]);
    const t3rows = lines.filter((l) => l.split("\t").length === 10);
    expect(t3rows.length).toBe(3 + 25);
    expect(lines.find((l) => l.includes("2.重复申请"))!.split("\t").slice(0, 3)).toEqual(["", "", "2.重复申请"]);
    expect(lines.filter((l) => l.split("\t").length === 15).length).toBe(4);
  });

  it("collapsed: labels, then the numbers run together", () => {
    const r: Report = { ...r2021, cells: { ...r2021.cells } };
    const vals = [80, 1, 0, 0, 0, 0, 81];
    ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"].forEach((c, i) => {
      r.cells[`requests.new_received.${c}`] = vals[i]!;
    });
    const lines = renderCollapsed(r).split("\n");
    expect(lines).toContain("一、本年新收政府信息公开申请数量 801000081");
    expect(lines.some((l) => /^三、本年度办理结果 （一）予以公开 \d{7,}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^（三）不予公开 1\.属于国家秘密 \d{7,}$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\d{15,}$/.test(l))).toBe(true);
  });
});

describe("Markdown", () => {
  it("has # headings and pipe tables with merged slots as empty cells", () => {
    const md = renderMarkdown(r2021, { splitHeaders: true });
    expect(md.startsWith(`# ${r2021.meta.title}\n`)).toBe(true);
    expect(md).toContain("\n## 三、收到和处理政府信息公开申请情况\n");
    expect(md).toContain("| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |");
    expect(md).toContain("| 商业<br>企业 |");
    expect(md).toMatch(/\n\| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \|\n/);
  });
});

describe("HTML", () => {
  it("is a full portal page with the tables' real rowspan/colspan", () => {
    const html = htmlPage(r2021, { splitHeaders: true });
    expect(html).toContain('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />');
    expect(html).toContain(`<title>${r2021.meta.title}_`);
    for (const part of ['class="nav"', 'class="sidebar"', 'class="footer"', "<script", `<h1 class="article-title">${r2021.meta.title}</h1>`]) {
      expect(html).toContain(part);
    }
    expect(html).toMatch(/<td rowspan="22"[^>]*><p[^>]*><span[^>]*>三、本年度办理结果</);
    expect(html).toMatch(/<td rowspan="3"[^>]*><p[^>]*><span[^>]*>（六）<br \/>其他处理</);
    expect(html).toMatch(/<td rowspan="3" colspan="3"[^>]*><p[^>]*><span[^>]*>（本列数据的勾稽关系为/);
    expect(html).toContain("本年收费金额<br />（单位：万元）");
  });

  it("without merges writes every slot as its own cell", () => {
    const html = htmlPage(r2019, { merged: false });
    expect(html).not.toMatch(/rowspan|colspan/);
    const t3 = html.slice(html.indexOf("三、收到和处理"), html.indexOf("四、政府信息公开行政复议"));
    const rows = t3.split("<tr>").slice(1);
    expect(rows.every((r) => (r.match(/<td/g) ?? []).length === 10)).toBe(true);
  });

  it("writes GBK bytes under a gb2312 meta tag, with characters GBK lacks as references", () => {
    const bytes = renderHtml(r2019, { encoding: "gbk", blankZeros: true });
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder("gbk").decode(bytes);
    expect(text).toContain("charset=gb2312");
    expect(text).toContain(r2019.meta.title!);
    expect(text).toContain("3.危及“三安全一稳定”");
    expect(text).toBe(htmlPage(r2019, { encoding: "gbk", blankZeros: true }));
  });
});

describe("GBK encoder", () => {
  it("round-trips Chinese, full-width forms and ASCII through the GBK decoder", () => {
    const s = "政府信息公开（三）“三安全一稳定”１２３abc、。—…·";
    expect(new TextDecoder("gbk").decode(encodeGbk(s))).toBe(s);
    expect([...encodeGbk("中")]).toEqual([0xd6, 0xd0]);
  });

  it("passes characters GBK lacks to the fallback", () => {
    expect(new TextDecoder("gbk").decode(encodeGbk("a😀b", (cp) => `&#${cp};`))).toBe("a&#128512;b");
    expect(new TextDecoder("gbk").decode(encodeGbk("a😀b"))).toBe("a?b");
  });
});
