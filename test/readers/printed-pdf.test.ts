import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { roundTripProblems } from "../support/round-trip.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import type { Document, TableBlock } from "../../src/model/document.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { readDocument } from "../../src/readers/index.js";
import { writePdf, type PdfLine, type PdfPageSpec } from "../support/pdf-writer.js";
import { CHROMIUM, printablePage, printWithChromium, printWithLibreOffice, SOFFICE, skipWithout, type PrintedPageOptions } from "../support/printed-pdf.js";

/**
 * Round trip through a reviewer's printer: a random consistent report, published as a portal
 * page (site header, navigation, breadcrumbs, sidebar, footer), printed to PDF by Chromium
 * (with its running date/title header and URL/page footer) or exported by LibreOffice, and
 * read back. Every cell comes back, or a finding names it; no number is ever wrong.
 */

interface Printed {
  id: string;
  seed: number;
  template: "2019" | "2021";
  zeroRate: number;
  maxCount: number;
  page: PrintedPageOptions;
}

// Both templates, zeros shown as 0 and as blank, labels wrapped in narrow columns, table 3
// broken over pages (with and without a repeated header, rows cut by the break), a last
// column cut off at the paper edge, the sidebar beside the article or above it, and the ways
// a site's style sheet rules its tables: 1 px lines, hairlines, dots, cells on a black
// background, some lines left out, none at all.
const CHROMIUM_DOCS: Printed[] = [
  { id: "c1", seed: 101, template: "2021", zeroRate: 0.4, maxCount: 3000, page: { layout: "sidebar" } },
  { id: "c2", seed: 102, template: "2019", zeroRate: 0.5, maxCount: 3000, page: { layout: "sidebar", blankZeros: true, repeatHeader: true, splitHeaders: true } },
  { id: "c3", seed: 103, template: "2021", zeroRate: 0.6, maxCount: 40, page: { layout: "stacked", blankZeros: true, tableFontPt: 12 } },
  { id: "c4", seed: 105, template: "2021", zeroRate: 0.3, maxCount: 3000, page: { layout: "sidebar", tableFontPt: 14 } },
  { id: "c5", seed: 106, template: "2019", zeroRate: 0.3, maxCount: 300, page: { layout: "sidebar", borders: "spacing" } },
  { id: "c6", seed: 107, template: "2021", zeroRate: 0.3, maxCount: 3000, page: { layout: "sidebar", borders: "hairline", tableFontPt: 12, repeatHeader: true } },
  { id: "c7", seed: 110, template: "2021", zeroRate: 0.3, maxCount: 30, page: { layout: "sidebar", borders: "dotted" } },
  { id: "c8", seed: 113, template: "2019", zeroRate: 0.2, maxCount: 3000, page: { layout: "stacked", borders: "missing", tableFontPt: 12 } },
  { id: "c9", seed: 108, template: "2021", zeroRate: 0.3, maxCount: 3000, page: { layout: "stacked", borders: "none" } },
];

const LIBREOFFICE_DOCS: Printed[] = [
  { id: "l1", seed: 201, template: "2021", zeroRate: 0.4, maxCount: 3000, page: { layout: "sidebar", tableWidth: 70 } },
  { id: "l2", seed: 202, template: "2019", zeroRate: 0.5, maxCount: 3000, page: { layout: "stacked", blankZeros: true, tableFontPt: 14 } },
  { id: "l3", seed: 203, template: "2021", zeroRate: 0.6, maxCount: 40, page: { layout: "stacked", blankZeros: true, tableFontPt: 12, tableWidth: 60 } },
  { id: "l4", seed: 204, template: "2019", zeroRate: 0.3, maxCount: 300, page: { layout: "sidebar", repeatHeader: true, splitHeaders: true, tableFontPt: 13 } },
];

function reportOf(d: Printed): Report {
  return randomReport(d.seed, { template: d.template, zeroRate: d.zeroRate, maxCount: d.maxCount });
}

/** The printed PDFs of this run, made once and kept in a temporary folder until the end. */
let dir = "";
const pdfOf = (id: string) => readFile(join(dir, `${id}.pdf`));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "nianbao-printed-pdf-"));
  // LibreOffice converts its batch while Chromium prints one page after another.
  const lo = async () => {
    if (skipWithout(SOFFICE)) return;
    const pdfs = await printWithLibreOffice(LIBREOFFICE_DOCS.map((d) => ({ name: d.id, html: printablePage(reportOf(d), d.page) })));
    for (const [id, pdf] of pdfs) await writeFile(join(dir, `${id}.pdf`), pdf);
  };
  const chromium = async () => {
    if (skipWithout(CHROMIUM)) return;
    for (const d of CHROMIUM_DOCS) await writeFile(join(dir, `${d.id}.pdf`), await printWithChromium(printablePage(reportOf(d), d.page)));
  };
  const failed = (await Promise.allSettled([lo(), chromium()])).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const tables = (doc: Document) => doc.blocks.filter((b): b is TableBlock => b.kind === "table");
const requestsTable = (doc: Document) => tables(doc).find((t) => t.rows.some((r) => r.some((s) => s.cell.text.includes("申请人情况"))))!;
const blockTexts = (doc: Document) => doc.blocks.flatMap((b) => (b.kind === "table" ? b.rows.flatMap((r) => r.map((s) => s.cell.text)) : [b.text]));

function roundTrips(docs: () => Printed[]) {
  for (const d of docs()) {
    it(`${d.id}: template ${d.template}, ${JSON.stringify(d.page)}`, async () => {
      const original = reportOf(d);
      const [got] = await readReports(await pdfOf(d.id), { name: `${d.id}.pdf` });
      expect(roundTripProblems(original, got!, { template: d.template, blankZeros: d.page.blankZeros })).toEqual([]);
    });
  }
}

describe.skipIf(skipWithout(CHROMIUM))("web pages printed to PDF by Chromium", () => {
  roundTrips(() => CHROMIUM_DOCS);

  // Tables drawn without any lines are read by alignment, in parts: these look at ruled ones.
  const ruled = () => CHROMIUM_DOCS.filter((d) => d.page.borders !== "none");

  it("the fixtures are what they claim: table 3 runs over pages and its labels wrap", async () => {
    for (const d of ruled()) {
      const doc = await readDocument(await pdfOf(d.id), {});
      const req = requestsTable(doc);
      const pages = new Set(req.rows.flatMap((r) => r.map((s) => s.cell.source.page)));
      expect(pages.size, d.id).toBeGreaterThan(1);
      expect(req.rows.some((r) => r.some((s) => /[\p{L}]\n[\p{L}]/u.test(s.cell.text))), d.id).toBe(true);
    }
  });

  it("the browser's running header and footer are gone: no date/title line, no URL, no page x/y", async () => {
    for (const d of CHROMIUM_DOCS) {
      const doc = await readDocument(await pdfOf(d.id), {});
      const texts = blockTexts(doc);
      expect(texts.filter((t) => t.includes("file://") || t.includes("page.html")), d.id).toEqual([]);
      expect(texts.filter((t) => /\d{1,2}:\d{2}\s*(?:AM|PM)/.test(t)), d.id).toEqual([]);
      expect(texts.filter((t) => /^\s*\d+\s*\/\s*\d+\s*$/.test(t)), d.id).toEqual([]);
      // The site's own title line still shows the report's title once, as the heading.
      const title = reportOf(d).meta.title!;
      expect(texts.filter((t) => t.replace(/\s+/g, "").includes(`${title}_`)), d.id).toEqual([]);
    }
  });

  it("the sidebar beside the article stays out of it: the title whole, no sidebar line inside a paragraph or a table", async () => {
    for (const d of CHROMIUM_DOCS.filter((x) => x.page.layout === "sidebar")) {
      const doc = await readDocument(await pdfOf(d.id), {});
      const title = reportOf(d).meta.title!;
      expect(doc.blocks.some((b) => b.kind === "heading" && b.text === title), d.id).toBe(true);
      const sidebar = ["政府信息公开指南", "优化营商环境", "ICP备", "网站标识码"];
      const mixed = blockTexts(doc).filter((t) => sidebar.some((x) => t.includes(x)) && t.replace(/\s+/g, "").length > 24);
      expect(mixed, d.id).toEqual([]);
    }
  });

  it("table 3 keeps every row across page breaks: the total row once, with its seven numbers", async () => {
    for (const d of ruled()) {
      const doc = await readDocument(await pdfOf(d.id), {});
      const req = requestsTable(doc);
      const totals = req.rows.filter((r) => r.some((s) => !s.fromAbove && !s.fromLeft && s.cell.text.replace(/\s+/g, "") === "（七）总计"));
      expect(totals, d.id).toHaveLength(1);
      // Seven value cells of its own (numbers, or blanks where the page leaves zeros blank).
      const values = totals[0]!.filter((s) => !s.fromAbove && !s.fromLeft && !/\p{L}/u.test(s.cell.text)).map((s) => s.cell.text.trim());
      expect(values, d.id).toHaveLength(7);
      if (!d.page.blankZeros) expect(values.every((v) => /^\d+$/.test(v)), d.id).toBe(true);
    }
  });
});

describe.skipIf(skipWithout(SOFFICE))("web pages exported to PDF by LibreOffice", () => {
  roundTrips(() => LIBREOFFICE_DOCS);

  it("the fixtures are what they claim: table 3 runs over pages and its labels wrap", async () => {
    for (const d of LIBREOFFICE_DOCS) {
      const doc = await readDocument(await pdfOf(d.id), {});
      const req = requestsTable(doc);
      const pages = new Set(req.rows.flatMap((r) => r.map((s) => s.cell.source.page)));
      expect(pages.size, d.id).toBeGreaterThan(1);
      expect(req.rows.some((r) => r.some((s) => /[\p{L}]\n[\p{L}]/u.test(s.cell.text))), d.id).toBe(true);
    }
  });
});

describe("printed-page geometry, on hand-made PDFs", () => {
  const grid = (x0: number, x1: number, ys: number[], xs: number[]): PdfLine[] => [
    ...ys.map((y) => ({ x0, y0: y, x1, y1: y })),
    ...xs.map((x) => ({ x0: x, y0: ys[0]!, x1: x, y1: ys[ys.length - 1]! })),
  ];

  it("two numbers stacked in one ruled cell (the ruling between their rows unseen) are two rows, never one number", async () => {
    // Rows of 20 pt from y = 100; the line between the rows of （一） and （二） is missing.
    const page: PdfPageSpec = {
      lines: grid(72, 372, [100, 120, 160], [72, 222, 272, 322, 372]),
      texts: [
        { x: 76, y: 114, text: "项目" },
        { x: 226, y: 114, text: "自然人" },
        { x: 276, y: 114, text: "其他" },
        { x: 326, y: 114, text: "总计" },
        { x: 76, y: 134, text: "（一）予以公开" },
        { x: 76, y: 154, text: "（二）部分公开" },
        ...[["2", "20", "22"], ["1", "19", "20"]].flatMap((row, r) => row.map((v, c) => ({ x: 226 + c * 50, y: 134 + r * 20, text: v }))),
      ],
    };
    const doc = await readDocument(writePdf([page]), {});
    const t = tables(doc)[0]!;
    const rows = t.rows.map((r) => r.map((s) => s.cell.text));
    expect(rows).toEqual([
      ["项目", "自然人", "其他", "总计"],
      ["（一）予以公开", "2", "20", "22"],
      ["（二）部分公开", "1", "19", "20"],
    ]);
  });

  it("a two-page print loses its running header and footer; lines that differ between the pages stay", async () => {
    const page = (no: number, body: string[]): PdfPageSpec => ({
      texts: [
        { x: 20, y: 20, size: 8, text: "2024/1/15 10:30" },
        { x: 200, y: 20, size: 8, text: "测试县2023年政府信息公开工作年度报告_测试县人民政府" },
        { x: 20, y: 830, size: 8, text: "https://www.example.gov.cn/art/2024/1/15/art_1234_5678.html" },
        { x: 560, y: 830, size: 8, text: `${no}/2` },
        ...body.map((t, i) => ({ x: 72, y: 100 + i * 20, size: 12, text: t })),
      ],
    });
    const first = page(1, ["一、总体情况", "本年度共收到申请十件。"]);
    // In the top margin of the first page only: the page's own text, not the printer's.
    first.texts!.push({ x: 72, y: 60, size: 12, text: "测试县人民政府办公室" });
    const doc = await readDocument(writePdf([first, page(2, ["六、其他需要报告的事项", "无。"])]), {});
    const texts = blockTexts(doc).join("|");
    expect(texts.replace(/\|/g, "")).toBe("测试县人民政府办公室一、总体情况本年度共收到申请十件。六、其他需要报告的事项无。");
  });
});
