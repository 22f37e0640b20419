import { extractReport } from "../../dist/extract/index.js";
import { randomReport } from "../../dist/generate/random-report.js";
import type { Report } from "../../dist/model/report.js";
import { ocrDeadline } from "../../dist/readers/ocr/deadline.js";
import { openEngine, PSM } from "../../dist/readers/ocr/engine.js";
import { ocrPdfPages } from "../../dist/readers/ocr/index.js";
import { openPdfRenderer } from "../../dist/readers/ocr/render.js";
import { HAS_SCAN_TOOLS, scanReport } from "../../test/support/scan.js";
import { round } from "../measure.js";
import type { BenchSuite } from "../types.js";

/**
 * Scanned-PDF pages per second: the OCR reader (page render, ruling lines, every table cell
 * recognised, numbers read twice) beside the floor measured in the same run — the same pages
 * rendered by pdftoppm and recognised once each as a whole page by the same engine, with no
 * table work. Inputs: generated reports of both templates, printed by LibreOffice and
 * rendered to 200-dpi page images in an image-only PDF. Wall-clock time (the recogniser runs
 * in a worker thread, the renderer in its own process), one document at a time.
 */

interface Input {
  original: Report;
  pdf: Uint8Array;
  pages: number[];
}

async function floor(i: Input): Promise<void> {
  const deadline = ocrDeadline({ timeoutMs: 600_000 });
  const renderer = await openPdfRenderer(i.pdf, deadline);
  try {
    const engine = await openEngine(deadline);
    try {
      for (const p of i.pages) {
        const { image, dpi } = await renderer.render(p);
        await engine.recognize(image, { psm: PSM.auto, dpi });
      }
    } finally {
      await engine.close();
    }
  } finally {
    await renderer.close();
    deadline.dispose();
  }
}

async function timed(inputs: Input[], work: (i: Input) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (const i of inputs) await work(i);
  return performance.now() - start;
}

const suite: BenchSuite = async () => {
  if (!HAS_SCAN_TOOLS) return [{ suite: "OCR", name: "扫描 PDF 读取", note: "跳过：需要 LibreOffice（soffice）和 poppler-utils（pdftoppm）生成扫描件" }];
  const inputs: Input[] = [];
  for (const [seed, template] of [
    [5101, "2019"],
    [5102, "2021"],
  ] as const) {
    const original = randomReport(seed, { template, zeroRate: 0.3, maxCount: 400 });
    const scan = await scanReport(original, 200);
    inputs.push({ original, pdf: scan.pdf, pages: scan.pages.map((_, k) => k + 1) });
  }
  const pages = inputs.reduce((n, i) => n + i.pages.length, 0);
  let right = 0;
  let flagged = 0;
  let wrong = 0;
  const floorMs = await timed(inputs, floor);
  const readerMs = await timed(inputs, async (i) => {
    const res = await ocrPdfPages(i.pdf, i.pages, { timeoutMs: 600_000 });
    const read = extractReport({ format: "pdf", blocks: res.flatMap((r) => r.blocks), notes: res.flatMap((r) => r.notes) });
    const warned = new Set(read.findings.filter((f) => f.severity !== "info").flatMap((f) => f.cells));
    for (const [k, v] of Object.entries(i.original.cells)) {
      if (read.cells[k] === v) right++;
      else if (read.cells[k] === null || read.cells[k] === undefined || warned.has(k)) flagged++;
      else wrong++;
    }
  });
  const pps = (pages * 1000) / readerMs;
  const floorPps = (pages * 1000) / floorMs;
  return [
    {
      suite: "OCR",
      name: "扫描 PDF 读取（渲染、划线、逐格识别、数字两次核对）",
      pagesPerSecond: round(pps),
      floorName: "pdftoppm 渲染 + tesseract 整页识别一次（不做表格）",
      floorPerSecond: round(floorPps),
      timesFloor: round(readerMs / floorMs),
      note: `生成的扫描件 ${inputs.length} 份（2019、2021 两版格式）共 ${pages} 页，200 dpi；墙钟时间，含每份文件启动识别引擎；全部单元格：正确 ${right}，标出/留空 ${flagged}，错而未标 ${wrong}`,
    },
  ];
};

export default suite;
