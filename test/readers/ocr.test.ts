import { readdirSync } from "node:fs";
import { text } from "../support/messages.js";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { checkReport } from "../../src/check.js";
import { extractReport } from "../../src/extract/index.js";
import { randomReport } from "../../src/generate/random-report.js";
import type { TableBlock } from "../../src/model/document.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { detect, readDocument } from "../../src/readers/index.js";
import { ocrPdfPages } from "../../src/readers/ocr/index.js";
import { blank } from "../../src/readers/ocr/image.js";
import { openEngine, PSM } from "../../src/readers/ocr/engine.js";
import { Deadline } from "../../src/readers/deadline.js";
import { grayPng, imagePdf } from "../support/image-pdf.js";
import { HAS, missing } from "../support/requires.js";
import { degrade, HAS_SCAN_TOOLS, type ScannedReport, scanReport } from "../support/scan.js";
import { readError } from "../support/read-error.js";

// Scanned reports: a generated report printed by LibreOffice, rendered to page images at
// 200 dpi and wrapped in a PDF with no text layer, read back through OCR — once clean, once
// made to look scanned (turned, toned paper, noise, specks, blur). OCR takes seconds per
// page, so these tests are few and their time limits generous.


/**
 * Every number of the original report compared with what was read back and checked (what
 * `nianbao check` shows): right, or null, or flagged by a warning/error finding that names the
 * cell. Never a silently wrong number.
 */
function audit(original: Report, read: Report, prefixes: string[]) {
  const checked = checkReport(read);
  const flagged = new Set(checked.findings.filter((f) => f.severity !== "info").flatMap((f) => f.cells));
  const out = { right: 0, flagged: 0, silent: [] as string[], total: 0 };
  for (const [key, want] of Object.entries(original.cells)) {
    if (!prefixes.some((p) => key.startsWith(p))) continue;
    out.total++;
    const got = read.cells[key];
    if (got === want) out.right++;
    else if (got === null || got === undefined || flagged.has(key)) out.flagged++;
    else out.silent.push(`${key}: ${want} → ${got}`);
  }
  return out;
}

const LEFT_BEHIND = () => readdirSync(tmpdir()).filter((f) => f.startsWith("nianbao-ocr-")).length;

describe.skipIf(missing("LibreOffice、poppler 和中文识别模型", HAS_SCAN_TOOLS && HAS.ocrModel))("scanned reports (OCR)", () => {
  const originals = {
    "2019": randomReport(4101, { template: "2019", zeroRate: 0.3, maxCount: 400 }),
    "2021": randomReport(4102, { template: "2021", zeroRate: 0.3, maxCount: 400 }),
  };
  const scans: Partial<Record<"2019" | "2021", ScannedReport>> = {};

  let scanned2021: Uint8Array;

  beforeAll(async () => {
    scans["2019"] = await scanReport(originals["2019"]);
    scans["2021"] = await scanReport(originals["2021"]);
    const s = scans["2021"];
    scanned2021 = imagePdf(
      s.pages.map((png, i) => ({ png: degrade(png, { skew: i % 2 ? -0.8 : 0.6, noise: 12, specks: 30, paper: 232, seed: i + 1 }), dpi: s.dpi })),
    );
  }, 300_000);

  it("2019 template: ocrPdfPages reads tables 3 and 4 back, every number right or flagged", async () => {
    const before = LEFT_BEHIND();
    const scan = scans["2019"]!;
    const pages = scan.pages.map((_, i) => i + 1);
    const results = await ocrPdfPages(scan.pdf, pages, { timeoutMs: 600_000 });
    expect(results.map((r) => r.page)).toEqual(pages);
    // Every table cell carries its page, box and confidence.
    const cells = results.flatMap((r) => r.blocks.filter((b): b is TableBlock => b.kind === "table").flatMap((t) => t.rows.flat().map((s) => s.cell)));
    expect(cells.length).toBeGreaterThan(300);
    for (const c of cells) {
      expect(c.source.page).toBeGreaterThanOrEqual(1);
      expect(c.source.box).toHaveLength(4);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    const read = extractReport({ format: "pdf", blocks: results.flatMap((r) => r.blocks), notes: results.flatMap((r) => r.notes) });
    expect(read.meta).toMatchObject({ year: originals["2019"].meta.year, agency: originals["2019"].meta.agency, template: "2019" });
    const a = audit(originals["2019"], read, ["requests.", "review.", "active."]);
    expect(a.silent).toEqual([]);
    // Flagging everything would pass the line above; the reader must also be right.
    expect(a.right / a.total).toBeGreaterThanOrEqual(0.97);
    expect(read.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(LEFT_BEHIND()).toBe(before);
  }, 600_000);

  it("2021 template, a crooked noisy scan: readReports goes through OCR, deskews, every number right or flagged", async () => {
    const [read] = await readReports(scanned2021, { name: "scan.pdf", timeoutMs: 600_000 });
    expect(read!.meta).toMatchObject({ year: originals["2021"].meta.year, template: "2021", format: "pdf" });
    const a = audit(originals["2021"], read!, ["requests.", "review.", "active."]);
    expect(a.silent).toEqual([]);
    expect(a.right / a.total).toBeGreaterThanOrEqual(0.97);
    const notes = read!.findings.filter((f) => f.origin === "reader").map(text);
    expect(notes.some((m) => /文字识别/.test(m))).toBe(true);
    expect(notes.some((m) => /第 1 页扫描时歪斜约 0\.\d+ 度/.test(m))).toBe(true);
  }, 600_000);

  it("a PNG of one page through imageReader: table 4 read from the image", async () => {
    const scan = scans["2021"]!;
    // The page with table 4 (the last page with tables).
    const png = scan.pages[scan.pages.length - 1]!;
    expect(detect(png, "page.png")?.id).toBe("image");
    const doc = await readDocument(png, { name: "page.png", timeoutMs: 600_000 });
    expect(doc.format).toBe("image");
    const t4 = doc.blocks.filter((b): b is TableBlock => b.kind === "table").find((t) => t.rows.length === 4 && t.rows[0]!.length === 15);
    expect(t4, "table 4 as a 4×15 grid").toBeDefined();
    const review = originals["2021"].cells;
    const keys = ["reconsideration", "suit_direct", "suit_after"].flatMap((r) => ["upheld", "corrected", "other", "pending", "total"].map((c) => `review.${r}.${c}`));
    const row = t4!.rows[3]!.map((s) => s.cell);
    row.forEach((cell, i) => {
      if ((cell.confidence ?? 0) >= 0.8) expect(Number(cell.text), keys[i]).toBe(review[keys[i]!]);
    });
    expect(row.filter((c) => (c.confidence ?? 0) >= 0.8).length).toBeGreaterThanOrEqual(13);
  }, 600_000);

  it("a blank page gives no blocks and says so; a blank image is not a report", async () => {
    const white = grayPng(1654, 2339, blank(1654, 2339).data, 200);
    const [page] = await ocrPdfPages(imagePdf([{ png: white, dpi: 200 }]), [1], { timeoutMs: 120_000 });
    expect(page!.blocks).toEqual([]);
    expect(page!.notes.map(text).join("\n")).toContain("第 1 页是空白页");
    const e = await readError(readReports(white, { name: "blank.png", timeoutMs: 120_000 }));
    expect(e.code).toBe("not-a-report");
  }, 300_000);

  it("corrupt images and a time limit end in ReadError, with nothing left behind", async () => {
    const png = grayPng(64, 64, blank(64, 64).data);
    const cut = png.slice(0, 60);
    expect((await readError(readReports(cut, { name: "x.png" }))).code).toBe("damaged");
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await readError(readReports(jpeg, { name: "x.jpg", timeoutMs: 120_000 }))).code).toBe("damaged");
    const before = LEFT_BEHIND();
    const started = Date.now();
    const e = await readError(ocrPdfPages(scans["2019"]!.pdf, [1, 2], { timeoutMs: 1_500 }));
    expect(e.code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 500);
    expect((await readError(ocrPdfPages(scans["2019"]!.pdf, [1], { signal: ctrl.signal }))).code).toBe("timeout");
    expect(LEFT_BEHIND()).toBe(before);
  }, 300_000);

  it("without poppler the error names poppler-utils", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      const e = await readError(ocrPdfPages(scans["2019"]!.pdf, [1], {}));
      expect(e.code).toBe("missing-tool");
      expect(e.message).toContain("poppler-utils");
    } finally {
      process.env.PATH = path;
    }
  });
});

describe.skipIf(missing("中文识别模型", HAS.ocrModel))("the OCR engine", () => {
  it("stopped while a recognition is being handed to it: a timeout, and no stray rejection", async () => {
    // The CI once failed on this: the deadline expired between tesseract.js taking a job and
    // posting it, the worker was ended in that gap, and tesseract.js's own send rejected unheard.
    const stray: unknown[] = [];
    const hear = (e: unknown) => stray.push(e);
    process.on("unhandledRejection", hear);
    try {
      const ctrl = new AbortController();
      const engine = await openEngine(new Deadline({ signal: ctrl.signal }, "文字识别", 60_000));
      const job = engine.recognize(blank(32, 32), { psm: PSM.block, dpi: 300 });
      ctrl.abort();
      expect((await readError(job)).code).toBe("timeout");
      await new Promise((r) => setTimeout(r, 300));
      expect(stray).toEqual([]);
    } finally {
      process.off("unhandledRejection", hear);
    }
  }, 60_000);
});
