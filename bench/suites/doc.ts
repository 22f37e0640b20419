import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomReport } from "../../dist/generate/random-report.js";
import type { Report } from "../../dist/model/report.js";
import { DocService } from "../../dist/pipeline/doc-service.js";
import { processMany } from "../../dist/pipeline/index.js";
import { readReports } from "../../dist/read.js";
import { convertFiles, findSoffice } from "../../dist/readers/doc/soffice.js";
import { renderDocx } from "../../dist/render/docx.js";
import { round } from "../measure.js";
import type { BenchRow, BenchSuite } from "../types.js";

/**
 * A folder of Word 97 files (DOC, and the same format under WPS names), read to reports: one
 * LibreOffice process per file, as every DOC was read before, beside the batch converter that
 * shares a few LibreOffice runs between the files (doc-service.ts, readers/doc/batch.ts), once
 * in this thread and once as `nianbao check` does it (worker threads asking the main thread's
 * converter). Wall-clock time: the work is LibreOffice's, in its own processes (pinned to the
 * bench's core like everything it starts). Inputs: generated reports of both templates written
 * as DOCX by the project's renderer and saved as Word 97 by LibreOffice, made once and kept in
 * the system's temporary folder. Every file's cells are checked against its report.
 */

const COUNT = 50;
/** Bump when the generated inputs change, so an old folder is not reused. */
const GENERATION = 1;

interface Input {
  name: string;
  path: string;
  bytes: Uint8Array;
  report: Report;
}

function reports(): Report[] {
  return Array.from({ length: COUNT }, (_, k) => randomReport(6100 + k, { template: k % 2 ? "2021" : "2019", zeroRate: 0.5, maxCount: 60 }));
}

/** Every fifth file is named .wps: Kingsoft WPS files are Word 97 documents under that name. */
const nameOf = (k: number) => `r${String(k).padStart(2, "0")}.${k % 5 === 4 ? "wps" : "doc"}`;

async function folder(list: Report[]): Promise<string> {
  const dir = join(tmpdir(), `nianbao-bench-doc-${GENERATION}-${COUNT}`);
  if (existsSync(join(dir, ".complete"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docx = list.map((r, k) => ({ name: `r${k}.docx`, bytes: renderDocx(r, { headingNumbers: k % 3 ? "text" : "auto" }) }));
  const docs = await convertFiles(docx, "doc:MS Word 97", { timeoutMs: 900_000 });
  list.forEach((_, k) => {
    const bytes = docs.get(`r${k}`);
    if (!bytes) throw new Error(`LibreOffice 未能生成第 ${k} 个 DOC 文件`);
    writeFileSync(join(dir, nameOf(k)), bytes);
  });
  writeFileSync(join(dir, ".complete"), "");
  return dir;
}

/** Cells read right, over all files; a file that could not be read counts none. */
function rightCells(inputs: Input[], got: (Report | undefined)[]): { right: number; total: number } {
  let right = 0;
  let total = 0;
  inputs.forEach((i, k) => {
    for (const [key, v] of Object.entries(i.report.cells)) {
      total++;
      if (got[k]?.cells[key] === v) right++;
    }
  });
  return { right, total };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; out: T }> {
  const start = performance.now();
  const out = await work();
  return { ms: performance.now() - start, out };
}

const suite: BenchSuite = async () => {
  if (!findSoffice()) return [{ suite: "DOC", name: "整批读取 DOC/WPS", note: "跳过：需要 LibreOffice（soffice）" }];
  const list = reports();
  const dir = await folder(list);
  const inputs: Input[] = list.map((report, k) => {
    const path = join(dir, nameOf(k));
    return { name: nameOf(k), path, bytes: new Uint8Array(readFileSync(path)), report };
  });
  if (readdirSync(dir).length !== COUNT + 1) throw new Error(`${dir} 中的文件数不对`);

  // Each file alone: what every DOC cost before (a worker read one and started LibreOffice for it).
  const alone = () => timed(async () => {
    const out: (Report | undefined)[] = [];
    for (const i of inputs) out.push((await readReports(i.bytes, { name: i.name }))[0]);
    return { reports: out, runs: inputs.length };
  });
  // All at once through one converter, on this thread.
  const shared = () => timed(async () => {
    const docs = new DocService();
    try {
      const out = await Promise.all(inputs.map(async (i) => (await readReports(i.bytes, { name: i.name, convertDoc: docs.convert }))[0]));
      return { reports: out, runs: await docs.runs() };
    } finally {
      await docs.close();
    }
  });
  // As `nianbao check` reads the folder: worker threads, the main thread's converter, files converted ahead.
  const pipeline = () => timed(async () => {
    const out: (Report | undefined)[] = [];
    for await (const env of processMany(inputs.map((i) => i.path))) out.push(env.reports[0]);
    return { reports: out, runs: 0 };
  });

  // LibreOffice's libraries into the page cache first, so that neither side pays for that.
  await readReports(inputs[0]!.bytes, { name: inputs[0]!.name });
  const s1 = await shared();
  const a = await alone();
  const s2 = await shared();
  const p = await pipeline();
  const best = s1.ms <= s2.ms ? s1 : s2;
  const per = (ms: number) => round((inputs.length * 1000) / ms);
  const cells = (r: (Report | undefined)[]) => {
    const c = rightCells(inputs, r);
    return `单元格读对 ${c.right}/${c.total}`;
  };
  const floorName = "每个文件启动一个 LibreOffice（原来的做法）";
  const base = `${COUNT} 个生成的 Word 97 文件（两版格式，其中 ${inputs.filter((i) => i.name.endsWith(".wps")).length} 个以 .wps 命名），墙钟时间`;
  const rows: BenchRow[] = [
    {
      suite: "DOC",
      name: "读取：每个文件一个 LibreOffice 进程",
      reportsPerSecond: per(a.ms),
      floorName,
      floorPerSecond: per(a.ms),
      timesFloor: 1,
      note: `${base}；${(a.ms / 1000).toFixed(1)} 秒，LibreOffice 启动 ${a.out.runs} 次；${cells(a.out.reports)}`,
    },
    {
      suite: "DOC",
      name: "读取：整批共用 LibreOffice（转换服务）",
      reportsPerSecond: per(best.ms),
      floorName,
      floorPerSecond: per(a.ms),
      timesFloor: round(best.ms / a.ms),
      note: `${base}；两次中较快的一次 ${(best.ms / 1000).toFixed(1)} 秒（另一次 ${((best === s1 ? s2 : s1).ms / 1000).toFixed(1)} 秒），LibreOffice 启动 ${best.out.runs} 次，比每个文件一个进程快 ${(a.ms / best.ms).toFixed(1)} 倍；${cells(best.out.reports)}`,
    },
    {
      suite: "DOC",
      name: "nianbao check 的做法（工作线程 + 转换服务）",
      reportsPerSecond: per(p.ms),
      floorName,
      floorPerSecond: per(a.ms),
      timesFloor: round(p.ms / a.ms),
      note: `${base}；processMany（工作线程读取、主线程的转换服务提前成批转换）${(p.ms / 1000).toFixed(1)} 秒，比每个文件一个进程快 ${(a.ms / p.ms).toFixed(1)} 倍；${cells(p.out.reports)}`,
    },
  ];
  return rows;
};

export default suite;
