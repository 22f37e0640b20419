import { describe, expect, it } from "vitest";
import { text } from "../support/messages.js";
import { extractReport } from "../../src/extract/index.js";
import { type DocCell, type Document, expandSpans } from "../../src/model/document.js";
import { numberish } from "../../src/readers/ocr/cells.js";
import { findTables } from "../../src/readers/ocr/grid.js";
import { blank, type Gray, inkMask, otsu, parsePnm, ruleThreshold, toPgm } from "../../src/readers/ocr/image.js";
import { findRulings, lineParams } from "../../src/readers/ocr/lines.js";
import { rotate, skewAngle } from "../../src/readers/ocr/deskew.js";
import { inkBox } from "../../src/readers/ocr/ink.js";
import { decodePng } from "../../src/readers/ocr/png.js";
import { joinWords, textBlocks } from "../../src/readers/ocr/text.js";
import { grayPng } from "../support/image-pdf.js";

// The parts of the OCR reader that need no recogniser: fast, exact.

function rect(img: Gray, x0: number, y0: number, x1: number, y1: number, v = 0) {
  for (let y = y0; y < y1; y++) img.data.fill(v, y * img.width + x0, y * img.width + x1);
}

/** A ruled table drawn at 300 dpi: 3 px lines, rows 80 px, columns 200 px. */
function drawTable(img: Gray, x0: number, y0: number, cols: number, rows: number, skip: (kind: "h" | "v", r: number, c: number) => boolean) {
  const W = 200;
  const H = 80;
  for (let r = 0; r <= rows; r++) for (let c = 0; c < cols; c++) if (!skip("h", r, c)) rect(img, x0 + c * W, y0 + r * H - 1, x0 + (c + 1) * W + 2, y0 + r * H + 2);
  for (let c = 0; c <= cols; c++) for (let r = 0; r < rows; r++) if (!skip("v", r, c)) rect(img, x0 + c * W - 1, y0 + r * H, x0 + c * W + 2, y0 + (r + 1) * H + 2);
}

function tablesOf(img: Gray) {
  return findTables(findRulings(inkMask(img), img, lineParams(300)), 6);
}

describe("table grid from ruling lines", () => {
  it("finds the fine grid and merged cells where a line is missing", () => {
    const img = blank(1200, 800);
    // 4 columns × 3 rows; row 0 is one cell across all columns (a caption); column 0 spans rows 1–2.
    drawTable(img, 100, 100, 4, 3, (k, r, c) => (k === "v" && r === 0 && c > 0 && c < 4) || (k === "h" && r === 2 && c === 0));
    const [t, ...more] = tablesOf(img);
    expect(more).toHaveLength(0);
    expect(t!.xs).toHaveLength(5);
    expect(t!.ys).toHaveLength(4);
    const spans = t!.cells.map((c) => `${c.row},${c.col} ${c.rowspan}x${c.colspan}`);
    expect(spans).toEqual(["0,0 1x4", "1,0 2x1", "1,1 1x1", "1,2 1x1", "1,3 1x1", "2,1 1x1", "2,2 1x1", "2,3 1x1"]);
    // Cell interiors exclude the lines.
    const caption = t!.cells[0]!;
    expect(caption.rect[0]).toBeGreaterThan(100);
    expect(caption.rect[2]).toBeLessThan(900);
  });

  it("two tables on a page stay two; strokes of text are not lines", () => {
    const img = blank(1200, 1600);
    drawTable(img, 100, 100, 2, 2, () => false);
    drawTable(img, 100, 900, 3, 2, () => false);
    // Glyph-sized strokes and an underline with no crossing lines.
    rect(img, 200, 600, 240, 604);
    rect(img, 300, 560, 304, 600);
    rect(img, 100, 700, 700, 703);
    const ts = tablesOf(img);
    expect(ts.map((t) => [t.ys.length - 1, t.xs.length - 1])).toEqual([
      [2, 2],
      [2, 3],
    ]);
  });

  it("a blank page has no tables", () => {
    expect(tablesOf(blank(800, 1000))).toEqual([]);
  });
});

describe("scan clean-up", () => {
  it("measures the skew of a turned page and turning it back restores the table grid", () => {
    const img = blank(1600, 1400);
    drawTable(img, 150, 200, 6, 12, () => false);
    for (const deg of [1.2, -0.6, 2.5]) {
      const turned = rotate(img, deg);
      expect(tablesOf(turned).length, `${deg}° turned`).toBe(0);
      const skew = skewAngle(turned, 128);
      expect(Math.abs(skew - deg), `${deg}° measured as ${skew}`).toBeLessThan(0.15);
      const [t] = tablesOf(rotate(turned, -skew));
      expect([t!.ys.length - 1, t!.xs.length - 1]).toEqual([12, 6]);
    }
    expect(skewAngle(img, 128)).toBe(0);
  });

  it("a faint one-pixel grey grid on grainy grey paper keeps its lines (a web page printed and scanned)", () => {
    const img = blank(1600, 1400, 232);
    let seed = 7;
    const grain = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 13) - 6;
    for (let p = 0; p < img.data.length; p++) img.data[p] = 232 + grain();
    for (let r = 0; r <= 12; r++) rect(img, 150, 200 + r * 80, 150 + 6 * 200 + 1, 201 + r * 80, 200 + grain());
    for (let c = 0; c <= 6; c++) rect(img, 150 + c * 200, 200, 151 + c * 200, 200 + 12 * 80 + 1, 200 + grain());
    // Black text in the cells, so that the text threshold is a text threshold.
    for (let r = 0; r < 12; r++) for (let c = 0; c < 6; c++) rect(img, 230 + c * 200, 230 + r * 80, 290 + c * 200, 260 + r * 80, 20);
    const t = ruleThreshold(img, otsu(img));
    const tables = findTables(findRulings(inkMask(img, t), img, lineParams(300)), 6);
    expect(tables.map((x) => [x.ys.length - 1, x.xs.length - 1])).toEqual([[12, 6]]);
  });

  it("ink of a cell: specks alone are no text and do not widen it; a decimal point stays inside", () => {
    const img = blank(400, 200);
    // Two "digits" 12×30 with a 3×3 point between them; a speck far right, one just left (a false minus).
    rect(img, 100, 80, 112, 110);
    rect(img, 115, 106, 118, 109);
    rect(img, 121, 80, 133, 110);
    rect(img, 300, 40, 302, 42);
    rect(img, 92, 94, 96, 97);
    expect(inkBox(img, [0, 0, 400, 200], 128, 27)).toEqual([100, 80, 133, 110]);
    const specks = blank(400, 200);
    rect(specks, 50, 50, 52, 52);
    rect(specks, 300, 150, 303, 153);
    expect(inkBox(specks, [0, 0, 400, 200], 128, 27)).toBeNull();
    // A real minus sign is small too, but a flat dash at mid-height just before the digits.
    const minus = blank(400, 200);
    rect(minus, 100, 80, 112, 110);
    rect(minus, 88, 94, 97, 96);
    expect(inkBox(minus, [0, 0, 400, 200], 128, 27)).toEqual([88, 80, 112, 110]);
  });
});

describe("image decoding", () => {
  it("PNG round trip keeps pixels and resolution", () => {
    const img = blank(37, 11);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7) % 256;
    const d = decodePng(grayPng(37, 11, img.data, 200))!;
    expect(d.dpi).toBe(200);
    expect([...d.image.data]).toEqual([...img.data]);
  });

  it("PNG with a broken body throws instead of returning garbage", () => {
    const png = grayPng(20, 20, blank(20, 20).data);
    const broken = png.slice(0, 50);
    expect(() => decodePng(broken)).toThrow();
  });

  it("PGM written and read back", () => {
    const img = blank(5, 3, 17);
    expect(parsePnm(toPgm(img))).toEqual(img);
    expect(parsePnm(new TextEncoder().encode("P5\n5 3\n255\nab"))).toBeNull();
  });
});

describe("recognised text", () => {
  it("drops the spaces between Chinese glyphs and keeps them between numbers", () => {
    expect(joinWords([{ text: "本" }, { text: "年" }, { text: "新" }, { text: "收" }])).toBe("本年新收");
    expect(joinWords([{ text: "80" }, { text: "1" }, { text: "0" }])).toBe("80 1 0");
    expect(joinWords([{ text: "第二十条第〈一)项" }])).toBe("第二十条第（一）项");
  });

  it("tells numbers (and half-seen numbers) from labels", () => {
    for (const t of ["0", "75.77万元", "+408", "-3", "]4", "-", "1 831"]) expect(numberish(t), t).toBe(true);
    for (const t of ["规章", "（一）予以公开", "", "1.属于国家秘密", "无"]) expect(numberish(t), t).toBe(false);
  });

  it("joins wrapped lines into paragraphs and keeps part heads apart", () => {
    const line = (text: string, x0: number, y0: number, x1: number) => ({ text, conf: 90, box: [x0, y0, x1, y0 + 40] as [number, number, number, number], para: 0 });
    const blocks = textBlocks(
      [
        line("一、总体情况", 100, 100, 400),
        line("2021年，本机关认真贯彻落实条例，坚持以公开为常态、不公开为例外，", 180, 160, 2300),
        line("及时更新政府信息公开指南。", 100, 210, 900),
        line("二、主动公开政府信息情况", 100, 300, 700),
      ],
      2480,
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ["heading", "一、总体情况"],
      ["paragraph", "2021年，本机关认真贯彻落实条例，坚持以公开为常态、不公开为例外，及时更新政府信息公开指南。"],
      ["heading", "二、主动公开政府信息情况"],
    ]);
  });
});

describe("low-confidence cells in the extracted report", () => {
  /** Table 4 as OCR gives it: a grid with the official merges, values with confidences. */
  function reviewDoc(values: number[], conf: (i: number) => number | undefined): Document {
    const src = { page: 1, box: [0, 0, 10, 10] as [number, number, number, number] };
    const c = (text: string, rowspan = 1, colspan = 1, confidence?: number): DocCell => ({ text, rowspan, colspan, source: src, ...(confidence === undefined ? {} : { confidence }) });
    const five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    const rows: DocCell[][] = [
      [c("行政复议", 1, 5), c("行政诉讼", 1, 10)],
      [...five.map((l) => c(l, 2)), c("未经复议直接起诉", 1, 5), c("复议后起诉", 1, 5)],
      [...five, ...five].map((l) => c(l)),
      values.map((v, i) => c(String(v), 1, 1, conf(i))),
    ];
    const p = (text: string) => ({ kind: "paragraph" as const, text, source: src });
    return {
      format: "image",
      blocks: [
        p("测试县人民政府2021年政府信息公开工作年度报告"),
        p("一、总体情况"),
        p("二、主动公开政府信息情况"),
        p("三、收到和处理政府信息公开申请情况"),
        p("四、政府信息公开行政复议、行政诉讼情况"),
        expandSpans(rows, src),
        p("五、存在的主要问题及改进情况"),
        p("六、其他需要报告的事项"),
      ],
    };
  }
  const values = [1, 2, 0, 0, 3, 0, 0, 0, 1, 1, 4, 0, 0, 0, 4];

  it("a doubtful value that fits every identity is confirmed (info), naming the cell", () => {
    const r = extractReport(reviewDoc(values, (i) => (i === 1 ? 0.3 : 0.95)));
    expect(r.cells["review.reconsideration.corrected"]).toBe(2);
    expect(r.provenance["review.reconsideration.corrected"]!.confidence).toBe(0.3);
    const f = r.findings.filter((x) => x.rule === "low-confidence");
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("info");
    expect(f[0]!.cells).toEqual(["review.reconsideration.corrected"]);
    expect(text(f[0]!)).toContain("读作 2");
  });

  it("a doubtful value that breaks an identity is a warning; confident cells are not listed", () => {
    const wrong = [...values];
    wrong[10] = 9; // 复议后起诉 · 结果维持: 9 + 0 + 0 + 0 ≠ 4
    const r = extractReport(reviewDoc(wrong, (i) => (i === 10 ? 0.6 : i === 3 ? 0.99 : undefined)));
    const f = r.findings.filter((x) => x.rule === "low-confidence");
    expect(f.map((x) => [x.severity, x.cells])).toEqual([["warning", ["review.suit_after.upheld"]]]);
    expect(text(f[0]!)).toMatch(/表四.*复议后起诉.*读作 9（把握 60%）/);
  });

  it("no confidence, no finding (text formats)", () => {
    const r = extractReport(reviewDoc(values, () => undefined));
    expect(r.findings.filter((x) => x.rule === "low-confidence")).toEqual([]);
  });
});
