import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ReadError } from "../../model/errors.js";
import { childTempDir, guard, trackChild } from "../children.js";
import type { Deadline } from "./deadline.js";
import { type Gray, parsePnm } from "./image.js";

/**
 * Page images of a PDF, rendered by poppler's `pdftoppm` (Debian `poppler-utils`) in a
 * temporary folder that is always removed. Each run has a time limit and is killed when it
 * passes, when the read is cancelled or when nianbao is stopped (children.ts).
 */

/** Resolution pages are rendered at: Tesseract reads 9–12 pt print best at 300 dpi. */
export const RENDER_DPI = 300;
/** Largest rendered page (pixels): A3 at 300 dpi. Larger pages are rendered at a lower resolution. */
const MAX_RENDER_PIXELS = 17_500_000;
/** One page may take this long to render. */
const PAGE_RENDER_MS = 60_000;

export interface PdfRenderer {
  /** Number of pages of the PDF. */
  pageCount: number;
  render(page: number): Promise<{ image: Gray; dpi: number }>;
  close(): Promise<void>;
}

function missingTool(tool: string, cause: unknown): ReadError {
  return new ReadError("missing-tool", `读取扫描版 PDF 需要 ${tool}，但系统中没有找到它；请安装 poppler-utils（例如 apt-get install poppler-utils）`, { cause });
}

function run(cmd: string, args: string[], deadline: Deadline, timeoutMs: number): Promise<string> {
  deadline.check();
  return new Promise((resolve, reject) => {
    const child = execFile(
      cmd,
      args,
      { timeout: Math.min(timeoutMs, deadline.left()), killSignal: "SIGKILL", signal: deadline.signal, maxBuffer: 4 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => {
        untrack();
        if (!err) return resolve(stdout);
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.code === "ENOENT") return reject(missingTool(cmd, err));
        if (deadline.signal.aborted) return reject(deadline.reason());
        if (e.killed || e.signal === "SIGKILL") return reject(new ReadError("timeout", `${cmd} 处理 PDF 超时，已停止`, { cause: err }));
        const msg = String(stderr || e.message).trim().split("\n").slice(-1)[0] ?? "";
        if (/incorrect password|encrypted/i.test(msg)) return reject(new ReadError("encrypted", "PDF 文件已加密，无法读取", { cause: err }));
        reject(new ReadError("damaged", `PDF 页面无法渲染为图像（${msg.slice(0, 200)}）`, { cause: err }));
      },
    );
    const untrack = trackChild(child.pid, false);
  });
}

/** Writes the PDF to a temporary folder and gets its page sizes; `close` removes the folder. */
export async function openPdfRenderer(bytes: Uint8Array, deadline: Deadline): Promise<PdfRenderer> {
  const stopGuard = guard();
  let dir: string;
  try {
    dir = await childTempDir("ocr-");
  } catch (e) {
    stopGuard();
    throw new ReadError("io", `无法创建临时文件夹，扫描件无法渲染（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, { cause: e });
  }
  const close = () => rm(dir, { recursive: true, force: true }).finally(stopGuard);
  try {
    const input = join(dir, "in.pdf");
    await writeFile(input, bytes);
    const info = await run("pdfinfo", ["-f", "1", "-l", "100000", input], deadline, 30_000);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    const sizes = new Map<number, [number, number]>();
    for (const m of info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)) sizes.set(Number(m[1]), [Number(m[2]), Number(m[3])]);
    return {
      pageCount: pages,
      close,
      async render(page) {
        const [w, h] = sizes.get(page) ?? [595, 842];
        const area = (w / 72) * (h / 72);
        const dpi = Math.max(72, Math.min(RENDER_DPI, Math.floor(Math.sqrt(MAX_RENDER_PIXELS / Math.max(area, 1)))));
        const out = join(dir, `p${page}`);
        await run("pdftoppm", ["-r", String(dpi), "-gray", "-f", String(page), "-l", String(page), "-singlefile", input, out], deadline, PAGE_RENDER_MS);
        const file = `${out}.pgm`;
        const data = await readFile(file);
        await rm(file, { force: true });
        const image = parsePnm(data);
        if (!image) throw new ReadError("damaged", `第 ${page} 页无法渲染为图像`);
        return { image, dpi };
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
