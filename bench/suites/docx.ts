import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { checkReports } from "../../dist/check.js";
import { randomReport } from "../../dist/generate/random-report.js";
import { readReports } from "../../dist/read.js";
import { convertFiles, findSoffice } from "../../dist/readers/doc/soffice.js";
import { docxReader } from "../../dist/readers/docx/index.js";
import { renderDocx } from "../../dist/render/docx.js";
import { measure } from "../measure.js";
import { meanKb, row } from "../rows.js";
import type { BenchSuite } from "../types.js";

/**
 * DOCX pages per second: our reader (zip checks, streaming XML, tables), and reading plus
 * checking, beside the floor — fflate unzipping the same XML parts and saxes parsing them with
 * no work attached. Inputs are generated reports of both templates; their page count is what
 * LibreOffice lays them out to.
 */

interface Input {
  name: string;
  bytes: Uint8Array;
  pages: number;
}

function inputs(): Input[] {
  return [1, 2, 3, 4, 5, 6].map((seed) => {
    const template = seed % 2 ? "2019" : "2021";
    const report = randomReport(seed, { template, zeroRate: seed <= 3 ? 0.7 : 0.3 });
    return { name: `r${seed}.docx`, bytes: renderDocx(report, { headingNumbers: seed % 3 ? "text" : "auto" }), pages: 0 };
  });
}

/** Pages as LibreOffice lays the documents out (PDF page objects); null without LibreOffice. */
async function countPages(list: Input[]): Promise<boolean> {
  if (!findSoffice()) return false;
  const pdfs = await convertFiles(list, "pdf");
  for (const i of list) {
    const pdf = pdfs.get(i.name.replace(/\.docx$/, ""));
    if (!pdf) return false;
    i.pages = (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  }
  return true;
}

/** The floor: unzip the document, styles and numbering parts, and parse them with saxes. */
function unzipAndParse(i: Input): void {
  const parts = unzipSync(i.bytes, { filter: (f) => /^word\/(document|styles|numbering)\.xml$/.test(f.name) });
  for (const data of Object.values(parts)) {
    const parser = new SaxesParser({ position: false });
    parser.write(strFromU8(data));
    parser.close();
  }
}

const suite: BenchSuite = async () => {
  const list = inputs();
  const paged = await countPages(list);
  const unit = paged ? (i: Input) => i.pages : () => 1;
  const total = list.reduce((n, i) => n + i.pages, 0);
  const kb = meanKb(list);
  const note = paged
    ? `生成的 ${list.length} 份报告（两版格式），共 ${total} 页（按 LibreOffice 排版），平均 ${kb} KB；按 CPU 时间计`
    : `生成的 ${list.length} 份报告（两版格式），平均 ${kb} KB；未找到 LibreOffice，无法计页，按份计`;

  const [f, reader, full] = await measure(
    list,
    [unzipAndParse, (i) => docxReader.read(i.bytes, { name: i.name }), async (i) => checkReports(await readReports(i.bytes, { name: i.name }))],
    { unit },
  );
  const floor = { name: "fflate 解压 + saxes 解析同样的 XML", rate: f! };
  const per = paged ? "pages" : "reports";
  return [row("DOCX", "读成文档（段落、标题、表格）", reader!, floor, per, note), row("DOCX", "读取、提取并检查", full!, floor, per, note)];
};

export default suite;
