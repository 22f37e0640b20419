import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../src/model/report.js";
import { processInput } from "../src/pipeline/index.js";
import { findSoffice } from "../src/readers/doc/soffice.js";
import { render } from "../src/render/index.js";
import { EXAMPLES_DIR } from "../scripts/make-examples.js";
import { contactSheet, docxToPdf, pdfToPngs, runTool } from "../scripts/docs-images.js";

/**
 * The official DOCX as a reader sees it: opened in LibreOffice, printed to PDF, rendered to PNG
 * at 80 dpi (soffice --convert-to pdf, pdftoppm -png -r 80), in a temporary folder. The text
 * layer shows the title, the six parts and the tables in order, every page is numbered, the
 * Chinese comes out in CJK faces (not boxes), nothing crosses the margins, and table 3's header
 * is repeated on the page it runs on to. `npm run docs:images` writes the same pages, side by
 * side, to docs/images/report-docx-2021.png for the README.
 *
 * Without LibreOffice or poppler the test is skipped — except under CI=true, where it must run.
 */

const hasTool = (cmd: string) => spawnSync(cmd, ["-v"], { stdio: "ignore" }).error === undefined;
const HAS_TOOLS = findSoffice() !== null && ["pdftoppm", "pdftotext", "pdfinfo", "pdffonts"].every(hasTool);
const SKIP = !HAS_TOOLS && process.env.CI !== "true";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function example(name: string): Promise<Report> {
  const env = await processInput(join(EXAMPLES_DIR, name), { check: false });
  expect(env.error).toBeUndefined();
  return env.reports[0]!;
}

interface Printed {
  dir: string;
  pages: number;
  /** Text of each page (pdftotext, reading order). */
  pageText: string[];
  fonts: string;
  pngs: string[];
  /** Word boxes in points, with the page size. */
  words: { page: number; xMin: number; xMax: number; yMin: number; yMax: number; text: string }[];
  pageWidth: number;
  pageHeight: number;
}

async function print(r: Report): Promise<Printed> {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-test-office-"));
  dirs.push(dir);
  const pdf = await docxToPdf(render(r, "docx", { profile: "official" }), dir);
  const info = await runTool("pdfinfo", [pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
  const pageText: string[] = [];
  for (let i = 1; i <= pages; i++) pageText.push(await runTool("pdftotext", ["-f", String(i), "-l", String(i), pdf, "-"]));
  const bbox = await runTool("pdftotext", ["-bbox", pdf, "-"]);
  const words: Printed["words"] = [];
  let page = 0;
  for (const line of bbox.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</.exec(line);
    if (m) words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  const fonts = await runTool("pdffonts", [pdf]);
  const pngs = await pdfToPngs(pdf, dir);
  return { dir, pages, pageText, fonts, pngs, words, pageWidth: Number(w), pageHeight: Number(h) };
}

/** Positions of the needles in the text, in order; fails naming the first one missing or out of order. */
function expectInOrder(text: string, needles: string[]) {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    expect(i, `“${n}” after position ${at}`).toBeGreaterThanOrEqual(0);
    at = i + n.length;
  }
}

const MM = 72 / 25.4;
const HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"];

describe.skipIf(SKIP)("the official DOCX printed by LibreOffice", () => {
  for (const [name, template] of [
    ["09-docx-2021.docx", "2021"],
    ["02-tab-cell-2019.txt", "2019"],
  ] as const) {
    it(`${name}: title, parts and tables in order, numbered pages, CJK faces, inside the margins`, { timeout: 180_000 }, async () => {
      const r = await example(name);
      expect(r.meta.template).toBe(template);
      const p = await print(r);
      expect(p.pageWidth).toBeCloseTo(595.3, 0);
      expect(p.pageHeight).toBeCloseTo(841.9, 0);

      // Three pages: table 2 with part 一, table 3 (running over), then parts 四–六.
      expect(p.pages).toBeGreaterThanOrEqual(3);
      expect(p.pages).toBeLessThanOrEqual(4);
      expect(p.pngs.length).toBe(p.pages);
      // `— 1 —` (pdftotext drops the spaces beside the dashes).
      p.pageText.forEach((t, i) => expect(t.replace(/\s+/g, ""), `page ${i + 1}`).toContain(`—${i + 1}—`));

      const all = p.pageText.join("\n").replace(/[ \t]+/g, "");
      const [agency, rest] = [r.meta.agency!, r.meta.title!.slice(r.meta.agency!.length)];
      expectInOrder(all, [
        agency,
        rest,
        HEADINGS[0]!,
        HEADINGS[1]!,
        "第二十条第（一）项",
        "信息内容",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        ...(template === "2019" ? ["第二十条第（九）项", "政府集中采购"] : []),
        HEADINGS[2]!,
        "申请人情况",
        "法人或其他组织",
        "一、本年新收政府信息公开申请数量",
        "（七）总计",
        "四、结转下年度继续办理",
        HEADINGS[3]!,
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
        HEADINGS[4]!,
        HEADINGS[5]!,
      ]);

      // Chinese in the Noto CJK faces fontconfig was pointed at: serif for 仿宋/宋体/小标宋, sans for 黑体.
      const faces = p.fonts.split("\n").slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!);
      expect(faces.length).toBeGreaterThan(0);
      for (const f of faces) expect(f).toMatch(/\+NotoS(?:erif|ans)CJK/);
      expect(faces.some((f) => /NotoSerifCJK.*Bold/.test(f))).toBe(true);
      expect(faces.some((f) => /NotoSansCJK/.test(f))).toBe(true);

      // Nothing crosses the text block's edges (28 mm left, 26 mm right), nor the page's bottom.
      for (const w of p.words) {
        expect(w.xMin, `${w.text} on page ${w.page}`).toBeGreaterThanOrEqual(28 * MM - 2);
        expect(w.xMax, `${w.text} on page ${w.page}`).toBeLessThanOrEqual(p.pageWidth - 26 * MM + 2);
        expect(w.yMax, `${w.text} on page ${w.page}`).toBeLessThanOrEqual(p.pageHeight - 20 * MM);
        expect(w.yMin, `${w.text} on page ${w.page}`).toBeGreaterThanOrEqual(37 * MM - 4);
      }

      // Table 3 runs over a page break; its header comes again on the next page.
      const first = p.pageText.findIndex((t) => t.includes("一、本年新收政府信息公开申请数量"));
      const last = p.pageText.findIndex((t) => t.includes("四、结转下年度继续办理"));
      if (last > first) for (let i = first; i <= last; i++) expect(p.pageText[i], `page ${i + 1}`).toContain("申请人情况");
      if (template === "2021") expect(last).toBeGreaterThan(first);

      // The pages as images: A4 at 80 dpi, ink on them, and the contact sheet the docs use.
      const sheet = contactSheet(p.pngs.map((f) => readFileSync(f)));
      writeFileSync(join(p.dir, "sheet.png"), sheet);
      const png = readFileSync(p.pngs[0]!);
      // A4 at 80 dpi: 661.4 × 935.4 pixels, rounded up by pdftoppm.
      expect(Math.abs(png.readUInt32BE(16) - 661.4)).toBeLessThan(1);
      expect(Math.abs(png.readUInt32BE(20) - 935.4)).toBeLessThan(1);
      expect(Buffer.from(sheet).readUInt32BE(16)).toBeGreaterThan(661 * p.pages);
    });
  }
});
