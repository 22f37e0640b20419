import { existsSync, readdirSync, readFileSync } from "node:fs";
import { text } from "../support/messages.js";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import type { Document, TableBlock } from "../../src/model/document.js";
import { readReports } from "../../src/read.js";
import { convertFiles, findSoffice } from "../../src/readers/doc/soffice.js";
import { detect, readDocument } from "../../src/readers/index.js";
import { MAX_PDF_PAGES } from "../../src/readers/pdf/index.js";
import { loadOcr } from "../../src/readers/pdf/ocr.js";
import { renderDocx } from "../../src/render/docx.js";
import { tableOnPage, writePdf, type PdfPageSpec, type TableSpec } from "../support/pdf-writer.js";
import { missing } from "../support/requires.js";
import { accepts, HAS_SHARED, SHARED, type Gold } from "../support/shared.js";
import { readError } from "../support/read-error.js";

const CORPUS = join(SHARED, "corpus");
const corpus = HAS_SHARED && existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith(".pdf")).sort() : [];


const tables = (doc: Document) => doc.blocks.filter((b): b is TableBlock => b.kind === "table");
/** A table as text: `^` covered from above, `<` covered from the left. */
const shape = (t: TableBlock) => t.rows.map((r) => r.map((s) => (s.fromAbove ? "^" : s.fromLeft ? "<" : s.cell.text)));

describe.skipIf(missing("../shared/corpus 中的 PDF", corpus.length > 0))("real PDFs of the corpus", () => {
  for (const file of corpus) {
    it(`${file}: ≥ 99.5% of gold cells, meta, page and box on every cell`, async () => {
      const gold = JSON.parse(readFileSync(join(CORPUS, file.replace(/\.pdf$/, ".expected.json")), "utf8")) as Gold;
      const [report] = await readReports(readFileSync(join(CORPUS, file)), { name: file });
      const misses = Object.entries(gold.cells)
        .filter(([k, v]) => !accepts(v, report!.cells[k]))
        .map(([k, v]) => `${k}=${report!.cells[k]} want ${JSON.stringify(v)}`);
      const total = Object.keys(gold.cells).length;
      expect((total - misses.length) / total, misses.join("; ")).toBeGreaterThanOrEqual(0.995);
      expect(report!.meta.year).toBe(gold.meta.year);
      expect(report!.meta.template).toBe(gold.meta.template);
      expect(gold.meta.agency).toContain(report!.meta.agency);
      expect(report!.meta.format).toBe("pdf");
      expect(report!.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const key of Object.keys(gold.cells)) {
        const src = report!.provenance[key]?.source;
        if (report!.cells[key] === undefined) continue;
        expect(src?.page, key).toBeGreaterThan(0);
        expect(src?.box, key).toHaveLength(4);
      }
    });
  }

  it("huaian-city-2024: vertical label, letter-spaced headers and a group label cut by the page break", async () => {
    const doc = await readDocument(readFileSync(join(CORPUS, "huaian-city-2024.pdf")), {});
    const requests = tables(doc).find((t) => t.rows.some((r) => r.some((s) => s.cell.text.includes("申请人情况"))))!;
    const texts = requests.rows.flat().map((s) => s.cell.text.replace(/\s+/g, ""));
    expect(texts).toContain("三、本年度办理结果");
    expect(texts).toContain("（四）无法提供");
    expect(texts).toContain("商业企业");
    // The cut group label is one cell spanning its three rows across pages 4 and 5.
    const group = requests.rows.flat().find((s) => s.cell.text.replace(/\s+/g, "") === "（四）无法提供")!.cell;
    expect(group.rowspan).toBe(3);
    expect(group.source.page).toBe(4);
    // Table 2's single values keep their 3-column span.
    const active = tables(doc)[0]!;
    const licensing = active.rows.find((r) => r[0]!.cell.text === "行政许可")!;
    expect(licensing.map((s) => s.cell.text)).toEqual(["行政许可", "447228", "447228", "447228"]);
    expect(licensing.slice(2).every((s) => s.fromLeft)).toBe(true);
    // Page numbers are gone, the title comes from the PDF info.
    expect(doc.blocks.some((b) => b.kind !== "table" && /^-\s*\d+\s*-$/.test(b.text))).toBe(false);
    expect(doc.title).toBe("政府信息公开工作年度报告");
  });

  it("hongze-district-2023: the vertical-writing label is read whole and stays in its cell", async () => {
    const doc = await readDocument(readFileSync(join(CORPUS, "hongze-district-2023.pdf")), {});
    const requests = tables(doc).find((t) => t.rows.some((r) => r.some((s) => s.cell.text.includes("申请人情况"))))!;
    const label = requests.rows.flat().find((s) => s.cell.text.startsWith("三、"))!.cell;
    expect(label.text).toBe("三、本年度办理结果");
    expect(label.rowspan).toBe(20);
    // No row carries a stray fragment of it.
    expect(requests.rows.flat().filter((s) => !s.fromAbove && /^(本年|度办|结果)$/.test(s.cell.text))).toEqual([]);
  });

  it("a truncated real PDF gives a clear message", async () => {
    const bytes = readFileSync(join(CORPUS, corpus[0]!));
    const e = await readError(readDocument(bytes.subarray(0, Math.floor(bytes.length * 0.6)), {}));
    expect(e.code).toBe("damaged");
    expect(e.message).toContain("截断");
  });
});

const cell = (text: string, rowspan = 1, colspan = 1) => ({ text, rowspan, colspan });

describe("tables rebuilt from ruling lines", () => {
  const spec: TableSpec = {
    x: 0,
    y: 120,
    colEdges: [60, 160, 240, 380, 430, 480],
    rowHeight: 22,
    rows: [
      [cell("项目", 2, 3), null, null, cell("申请人情况", 1, 2), null],
      [null, null, null, cell("自然人"), cell("总计")],
      [cell("三、本年度办理结果", 3), cell("（三）不予公开", 2), cell("1.属于国家秘密"), cell("2"), cell("2")],
      [null, null, cell("2.其他法律行政法规禁止公开"), cell("0"), cell("0")],
      [null, cell("（六）其他处理", 1, 2), null, cell(""), cell("/")],
    ],
  };

  it("merged cells keep their spans, text in Chinese (non-embedded font via CMaps), and a box", async () => {
    const page = tableOnPage(spec);
    const doc = await readDocument(writePdf([page], { title: "测试" }), {});
    const [t] = tables(doc);
    expect(t!.grid).toBe(true);
    expect(shape(t!)).toEqual([
      ["项目", "<", "<", "申请人情况", "<"],
      ["^", "^", "^", "自然人", "总计"],
      ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "2"],
      ["^", "^", "2.其他法律行政法规禁止公开", "0", "0"],
      ["^", "（六）其他处理", "<", "", "/"],
    ]);
    const c = t!.rows[2]![3]!.cell;
    expect(c.source.page).toBe(1);
    const [x0, y0, x1, y1] = c.source.box!;
    expect([x0, x1]).toEqual([380, 430]);
    expect(y0).toBeCloseTo(120 + 2 * 22, 0);
    expect(y1).toBeCloseTo(120 + 3 * 22, 0);
    expect(doc.title).toBe("测试");
  });

  it("a table drawn without borders is rebuilt from the rectangles its cells are clipped to", async () => {
    const doc = await readDocument(writePdf([tableOnPage(spec, { borders: false })]), {});
    expect(shape(tables(doc)[0]!)).toEqual([
      ["项目", "<", "<", "申请人情况", "<"],
      ["^", "^", "^", "自然人", "总计"],
      ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "2"],
      ["^", "^", "2.其他法律行政法规禁止公开", "0", "0"],
      ["^", "（六）其他处理", "<", "", "/"],
    ]);
  });

  it("a landscape page (turned by /Rotate) reads upright, boxes in the page as shown", async () => {
    const page = { ...tableOnPage(spec), rotated: true };
    const doc = await readDocument(writePdf([page]), {});
    expect(shape(tables(doc)[0]!)[2]).toEqual(["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "2"]);
    const [x0, y0] = tables(doc)[0]!.rows[2]![3]!.cell.source.box!;
    expect([x0, Math.round(y0)]).toEqual([380, 120 + 2 * 22]);
  });

  it("a table that goes on at the top of the next page is one table; a cut label cell is joined", async () => {
    const edges = [60, 140, 300, 350, 400];
    const top: TableSpec = {
      x: 0,
      y: 700,
      colEdges: edges,
      rowHeight: 22,
      rows: [
        [cell("（三）不予公开"), cell("8.属于行政查询事项"), cell("1"), cell("1")],
        [cell("（四）无"), cell("1.本机关不掌握"), cell("3"), cell("3")],
      ],
    };
    const bottom: TableSpec = {
      x: 0,
      y: 72,
      colEdges: edges,
      rowHeight: 22,
      rows: [
        [cell("法提供", 2), cell("2.没有现成信息"), cell("0"), cell("")],
        [null, cell("3.补正后申请内容仍不明确"), cell("4"), cell("4")],
      ],
    };
    const footer = (n: number): PdfPageSpec => ({ texts: [{ x: 290, y: 810, size: 10, text: `- ${n} -` }] });
    const p1 = tableOnPage(top);
    const p2 = tableOnPage(bottom);
    const doc = await readDocument(
      writePdf([
        { texts: [...p1.texts!, ...footer(1).texts!], lines: p1.lines },
        { texts: [...p2.texts!, ...footer(2).texts!], lines: p2.lines },
      ]),
      {},
    );
    expect(tables(doc)).toHaveLength(1);
    expect(shape(tables(doc)[0]!)).toEqual([
      ["（三）不予公开", "8.属于行政查询事项", "1", "1"],
      ["（四）无\n法提供", "1.本机关不掌握", "3", "3"],
      ["^", "2.没有现成信息", "0", ""],
      ["^", "3.补正后申请内容仍不明确", "4", "4"],
    ]);
    const rows = tables(doc)[0]!.rows;
    expect(rows[3]![1]!.cell.source.page).toBe(2);
    expect(rows[1]![0]!.cell.rowspan).toBe(3);
    // The page numbers between the parts are not text of the document.
    expect(doc.blocks.filter((b) => b.kind !== "table")).toEqual([]);
  });

  it("a blank cell at the top of the next page stays a blank value, not part of the cell above", async () => {
    const edges = [60, 200, 260];
    const a = tableOnPage({ x: 0, y: 700, colEdges: edges, rowHeight: 22, rows: [[cell("行政许可"), cell("5")]] });
    const b = tableOnPage({ x: 0, y: 72, colEdges: edges, rowHeight: 22, rows: [[cell("行政处罚"), cell("")], [cell("行政强制"), cell("7")]] });
    const doc = await readDocument(writePdf([a, b]), {});
    expect(shape(tables(doc)[0]!)).toEqual([
      ["行政许可", "5"],
      ["行政处罚", ""],
      ["行政强制", "7"],
    ]);
  });

  it("running heads and page numbers are not text of the report; a paragraph cut by a page break is one", async () => {
    const head = (n: number) => [
      { x: 200, y: 40, size: 10, text: `测试县人民政府办公室文件（第${n}页）` },
      { x: 280, y: 810, size: 10, text: `第 ${n} 页 共 4 页` },
    ];
    const full = "本年度我县认真贯彻落实政府信息公开条例各项要求主动公开政府信息";
    const pages = [1, 2, 3, 4].map((n) => ({
      texts: [
        ...head(n),
        ...(n === 1 ? [{ x: 92, y: 100, size: 16, text: "一、总体情况" }] : []),
        { x: 72, y: n === 1 ? 760 : 100, size: 16, text: n === 1 ? full : "。" },
      ],
    }));
    const doc = await readDocument(writePdf(pages), {});
    expect(doc.blocks.map((b) => b.kind !== "table" && b.text)).toEqual(["一、总体情况", `${full}。`, "。", "。"]);
  });

  it("prose around tables becomes paragraphs in reading order; a big centred title is a heading", async () => {
    const t = tableOnPage({ x: 0, y: 300, colEdges: [60, 200, 300], rowHeight: 22, rows: [[cell("规章"), cell("1")], [cell("行政规范性文件"), cell("2")]] });
    const doc = await readDocument(
      writePdf([
        {
          texts: [
            { x: 150, y: 100, size: 22, text: "测试县人民政府" },
            { x: 120, y: 130, size: 22, text: "2021年政府信息公开工作年度报告" },
            { x: 92, y: 200, size: 16, text: "一、总体情况" },
            { x: 92, y: 240, size: 16, text: "本年度，我县认真贯彻落实条例。" },
            ...t.texts!,
            { x: 92, y: 400, size: 16, text: "六、其他需要报告的事项" },
          ],
          lines: t.lines,
        },
      ]),
      {},
    );
    expect(doc.blocks.map((b) => [b.kind, b.kind === "table" ? "" : b.text])).toEqual([
      ["heading", "测试县人民政府2021年政府信息公开工作年度报告"],
      ["heading", "一、总体情况"],
      ["paragraph", "本年度，我县认真贯彻落实条例。"],
      ["table", ""],
      ["heading", "六、其他需要报告的事项"],
    ]);
  });
});

describe("tables without ruling lines, read by alignment", () => {
  it("columns from alignment; a wrapped label joins the row of the numbers centred beside it; a blank stays blank", async () => {
    const at = (x: number, y: number, text: string) => ({ x, y, size: 9, text });
    const texts = [
      at(63, 120, "信息内容"), at(253, 120, "本年制发件数"), at(323, 120, "本年废止件数"), at(393, 120, "现行有效件数"),
      at(63, 142, "规章"), at(253, 142, "1"), at(323, 142, "0"), at(393, 142, "11"),
      at(63, 164, "行政规范性文件"), at(253, 164, "8"), at(393, 164, "66"),
      at(63, 186, "（二）部分公开（区分处理的，只计这"), at(253, 193, "4"), at(323, 193, "0"), at(393, 193, "4"), at(63, 200, "一情形，不计其他情形）"),
      at(63, 222, "（三）不予公开"), at(253, 222, "2"), at(323, 222, "/"), at(393, 222, "2"),
      { x: 72, y: 300, size: 12, text: "这是表格下面的一段正文，说明情况。" },
    ];
    const doc = await readDocument(writePdf([{ texts }]), {});
    expect(doc.blocks.map((b) => (b.kind === "table" ? shape(b) : b.text))).toEqual([
      [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "0", "11"],
        ["行政规范性文件", "8", "", "66"],
        ["（二）部分公开（区分处理的，只计这\n一情形，不计其他情形）", "4", "0", "4"],
        ["（三）不予公开", "2", "/", "2"],
      ],
      "这是表格下面的一段正文，说明情况。",
    ]);
  });

  it("prose with numbers set in their own runs (as word processors write them) is not mistaken for a table", async () => {
    const lines = [
      ["全年新收政府信息公开申请", "21", "件，办结", "21", "件，结转下年度", "0", "件。"],
      ["主动公开政府信息", "5500", "余条，其中规章", "1", "件、规范性文件", "11", "件。"],
      ["收取信息处理费", "0", "元，行政复议", "2", "件，行政诉讼", "1", "件。"],
    ];
    const size = 14;
    const texts = lines.flatMap((parts, k) => {
      let x = 72;
      return parts.map((text) => {
        const t = { x, y: 100 + k * 28, size, text };
        x += [...text].reduce((w, ch) => w + (/[\x00-\x7f]/.test(ch) ? 0.556 : 1) * size, 0) + size * 0.25;
        return t;
      });
    });
    const doc = await readDocument(writePdf([{ texts }]), {});
    expect(tables(doc)).toEqual([]);
    // Full lines without indent run on as one paragraph; every word is there, in order.
    expect(doc.blocks.map((b) => b.kind !== "table" && b.text.replace(/\s/g, "")).join("")).toBe(lines.map((l) => l.join("")).join(""));
  });
});

describe("bad PDFs get a clear message within bounded time", () => {
  const small = () => writePdf([{ texts: [{ x: 72, y: 100, text: "测试县人民政府2021年政府信息公开工作年度报告" }] }]);

  it("detects PDF by content, not by name", () => {
    expect(detect(small(), "report.txt")?.id).toBe("pdf");
    expect(detect(new TextEncoder().encode("一、总体情况\n本年度无。"), "report.pdf")?.id).not.toBe("pdf");
  });

  it("an encrypted PDF (user password) → ReadError encrypted", async () => {
    const e = await readError(readDocument(writePdf([{ texts: [{ x: 72, y: 100, text: "保密" }] }], { userPassword: "secret" }), {}));
    expect(e.code).toBe("encrypted");
    expect(e.message).toMatch(/密码|加密/);
  });

  it("a truncated PDF → ReadError damaged that says it was cut off", async () => {
    const bytes = small();
    const e = await readError(readDocument(bytes.subarray(0, Math.floor(bytes.length * 0.6)), {}));
    expect(e.code).toBe("damaged");
    expect(e.message).toContain("截断");
  });

  it("garbage behind a %PDF- header → ReadError damaged", async () => {
    let seed = 7;
    const junk = Uint8Array.from({ length: 40000 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 255);
    const bytes = new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...junk]);
    const e = await readError(readDocument(bytes, {}));
    expect(e.code).toBe("damaged");
    const viaReports = await readError(readReports(bytes, { name: "x.pdf" }));
    expect(viaReports.code).toBe("damaged");
  });

  it(`a PDF of 500 pages is read only up to page ${MAX_PDF_PAGES}, with a note`, async () => {
    const pages = Array.from({ length: 500 }, (_, i) => ({ texts: Array.from({ length: 30 }, (_, k) => ({ x: 72, y: 60 + k * 24, text: `Page ${i + 1}, line ${k + 1}: nothing to see here.` })) }));
    const doc = await readDocument(writePdf(pages), {});
    expect(doc.notes?.map(text).join("\n")).toContain(`只读取了前 ${MAX_PDF_PAGES} 页`);
    const lastPage = Math.max(...doc.blocks.map((b) => b.source.page ?? 0));
    expect(lastPage).toBe(MAX_PDF_PAGES);
  });

  it("honours timeoutMs and an abort signal", async () => {
    const pages = Array.from({ length: 200 }, (_, i) => ({ texts: [{ x: 72, y: 100, text: `Page ${i + 1} of a long document` }] }));
    const bytes = writePdf(pages);
    const e = await readError(readDocument(bytes, { timeoutMs: 5 }));
    expect(e.code).toBe("timeout");
    expect(e.message).toContain("超时");
    const ctrl = new AbortController();
    ctrl.abort();
    expect((await readError(readDocument(bytes, { signal: ctrl.signal }))).code).toBe("timeout");
  });

  it("a page without a text layer is reported (or handed to OCR when it is there)", async () => {
    const bytes = writePdf([{ lines: [{ x0: 50, y0: 50, x1: 500, y1: 50 }] }, { texts: [{ x: 72, y: 100, text: "第二页有文字：测试县人民政府" }] }]);
    const doc = await readDocument(bytes, {});
    expect(doc.blocks.map((b) => b.kind !== "table" && b.text)).toEqual(["第二页有文字：测试县人民政府"]);
    if (await loadOcr()) {
      // Recognition itself is the OCR reader's to test: here, that page 1 (only) went to it.
      expect(doc.notes?.some((n) => n.source?.page === 1 || text(n).includes("第 1 页"))).toBe(true);
      expect(doc.notes?.some((n) => text(n).includes("第 2 页"))).toBe(false);
    } else {
      expect(doc.notes?.some((n) => n.severity === "warning" && text(n).includes("第 1 页没有文字层"))).toBe(true);
    }
  }, 120_000);
});

describe("text layers that cannot be used", () => {
  it("a page whose text cannot be decoded (private-use and control characters) is treated as one without text", async () => {
    const junk = String.fromCharCode(0xe001, 0xe002, 0xe003, 0xe004, 0xe005, 0xe006, 0xe007, 0xe008) + "中";
    const bytes = writePdf([{ texts: [{ x: 72, y: 100, text: junk }, { x: 72, y: 130, text: "\x01\x02\x03\x04\x05\x06 abc" }] }, { texts: [{ x: 72, y: 100, text: "第二页正常的文字" }] }]);
    const doc = await readDocument(bytes, {});
    expect(doc.notes?.some((n) => n.severity === "warning" && text(n).includes("第 1 页的文字层无法解码"))).toBe(true);
    expect(doc.blocks.map((b) => b.kind !== "table" && b.text)).toEqual(["第二页正常的文字"]);
  }, 120_000);
});

describe.skipIf(missing("LibreOffice", findSoffice() !== null))("round trip: a generated report → DOCX → PDF (LibreOffice) → the same cells", () => {
  for (const template of ["2021", "2019"] as const) {
    for (const ruled of [true, false]) {
      it(`template ${template}, tables ${ruled ? "with ruling lines" : "without any lines (read by alignment)"}`, async () => {
        const report = randomReport(template === "2021" ? 11 : 12, { template });
        const name = `r${template}-${ruled ? "ruled" : "bare"}`;
        let docx = renderDocx(report);
        if (!ruled) {
          const files = unzipSync(docx);
          files["word/document.xml"] = strToU8(strFromU8(files["word/document.xml"]!).replace(/w:val="single"/g, 'w:val="nil"'));
          docx = zipSync(files);
        }
        const pdf = (await convertFiles([{ name: `${name}.docx`, bytes: docx }], "pdf")).get(name)!;
        const [got] = await readReports(pdf, { name: "r.pdf" });
        const wrong = Object.entries(report.cells).filter(([k, v]) => got!.cells[k] !== v).map(([k, v]) => `${k}=${got!.cells[k]} want ${v}`);
        expect(wrong).toEqual([]);
        expect(got!.meta.template).toBe(template);
        expect(got!.meta.year).toBe(report.meta.year);
        expect(got!.meta.agency).toBe(report.meta.agency);
        expect(got!.findings.filter((f) => f.severity !== "info")).toEqual([]);
      }, 120_000);
    }
  }
});
