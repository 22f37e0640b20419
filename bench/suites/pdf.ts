import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkReports } from "../../dist/check.js";
import { readReports } from "../../dist/read.js";
import { readDocument } from "../../dist/readers/index.js";
import { openPdf } from "../../dist/readers/pdf/pdfjs.js";
import { tableOnPage, writePdf } from "../../test/support/pdf-writer.js";
import { measure } from "../measure.js";
import { row } from "../rows.js";
import type { BenchSuite } from "../types.js";

/**
 * PDF pages per second: the reader (text, ruling lines, tables), and reading plus checking,
 * beside the floor — pdfjs extracting the text of every page and nothing else. The reader also
 * needs pdfjs's operator list (the drawing) on pages that may hold a table, so it cannot reach
 * the floor there; prose pages cost about what the floor does.
 */

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");

interface Input {
  name: string;
  bytes: Uint8Array;
  pages: number;
}

function corpusInputs(): Input[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".pdf"))
    .sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(CORPUS, f))), pages: 0 }));
}

/** Without the corpus: a 6-page report-like PDF (prose and a ruled 25-row table). */
function generatedInputs(): Input[] {
  const prose = (page: number) =>
    Array.from({ length: 28 }, (_, k) => ({ x: 72, y: 80 + k * 26, size: 14, text: `第${page}页第${k + 1}行：本年度认真贯彻落实政府信息公开条例，主动公开各类政府信息。` }));
  const rows = Array.from({ length: 25 }, (_, r) => [{ text: `${r + 1}.申请处理结果` }, ...Array.from({ length: 7 }, (_, c) => ({ text: String((r * 7 + c) % 13) }))]);
  const table = tableOnPage({ x: 0, y: 80, colEdges: [60, 220, 260, 300, 340, 380, 420, 460, 520], rowHeight: 26, rows });
  const pages = [prose(1), prose(2), table.texts!, prose(4), prose(5), prose(6)].map((texts, i) => ({ texts, lines: i === 2 ? table.lines : [] }));
  return [{ name: "generated.pdf", bytes: writePdf(pages, { title: "测试县人民政府2021年政府信息公开工作年度报告" }), pages: 0 }];
}

/** The floor: open the PDF and pull the text content of every page. */
async function textOnly(i: Input): Promise<number> {
  const pdf = await openPdf(i.bytes, (p) => p);
  try {
    for (let n = 1; n <= pdf.doc.numPages; n++) {
      const page = await pdf.doc.getPage(n);
      await page.getTextContent();
      page.cleanup();
    }
    return pdf.doc.numPages;
  } finally {
    await pdf.close();
  }
}

const suite: BenchSuite = async () => {
  const fromCorpus = corpusInputs();
  const inputs = fromCorpus.length ? fromCorpus : generatedInputs();
  for (const i of inputs) i.pages = await textOnly(i);
  const what = fromCorpus.length ? `语料库 ${inputs.length} 个真实 PDF，共 ${inputs.reduce((n, i) => n + i.pages, 0)} 页` : "生成的 6 页 PDF（未找到 ../shared/corpus）";
  const note = `${what}；按本进程 CPU 时间计（pdfjs 在本线程运行）`;

  const [f, reader, full] = await measure(
    inputs,
    [textOnly, (i) => readDocument(i.bytes, { name: i.name }), async (i) => checkReports(await readReports(i.bytes, { name: i.name }))],
    { unit: (i) => i.pages },
  );
  const floor = { name: "pdfjs 逐页提取文字（getTextContent）", rate: f! };
  return [row("PDF", "读成文档（文字、划线、表格）", reader!, floor, "pages", note), row("PDF", "读取、提取并检查", full!, floor, "pages", note)];
};

export default suite;
