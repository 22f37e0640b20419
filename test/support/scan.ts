import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Report } from "../../src/model/report.js";
import { convertFiles, findSoffice } from "../../src/readers/doc/soffice.js";
import { rotate } from "../../src/readers/ocr/deskew.js";
import { decodePng } from "../../src/readers/ocr/png.js";
import { grayPng, imagePdf } from "./image-pdf.js";
import { reportHtml } from "./report-html.js";

const run = promisify(execFile);

const SOFFICE = findSoffice();

/** The tools scanned fixtures are made with (LibreOffice, poppler); tests skip without them. */
export const HAS_SCAN_TOOLS = SOFFICE !== null && existsSync("/usr/bin/pdftoppm");

export interface ScannedReport {
  /** Image-only PDF: one page image per page, no text layer. */
  pdf: Uint8Array;
  /** The page images (PNG). */
  pages: Uint8Array[];
  dpi: number;
}

/**
 * A "scanned" report: the report printed by LibreOffice (from HTML), each page rendered to
 * a PNG by pdftoppm at `dpi`, and the PNGs wrapped into a PDF that has nothing but images.
 */
export async function scanReport(report: Report, dpi = 200): Promise<ScannedReport> {
  const dir = await mkdtemp(join(tmpdir(), "nianbao-scan-"));
  try {
    const printed = await convertFiles([{ name: "report.html", bytes: Buffer.from(reportHtml(report)) }], "pdf", { inputFilter: "HTML (StarWriter)", timeoutMs: 180_000 });
    await writeFile(join(dir, "report.pdf"), printed.get("report")!);
    await run("pdftoppm", ["-r", String(dpi), "-png", join(dir, "report.pdf"), join(dir, "page")], { timeout: 120_000, killSignal: "SIGKILL" });
    const files = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    const pages = await Promise.all(files.map((f) => readFile(join(dir, f))));
    return { pdf: imagePdf(pages.map((png) => ({ png, dpi }))), pages, dpi };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Degradation {
  /** Degrees the page is turned (a sheet fed crooked). */
  skew: number;
  /** Grey noise amplitude (0–255) and dark specks per million pixels. */
  noise: number;
  specks: number;
  /** Paper tone: white becomes this grey. */
  paper: number;
  seed: number;
}

/** Makes a clean page image look scanned: turned, toned, noisy, specked, slightly blurred. */
export function degrade(png: Uint8Array, d: Degradation): Uint8Array {
  const { image, dpi } = decodePng(png)!;
  let img = rotate(image, d.skew);
  let s = d.seed >>> 0;
  const rand = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
  const { width: w, height: h } = img;
  // 3×3 box blur: scanner optics.
  const blurred = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy;
        const xx = x + dx;
        if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
          sum += img.data[yy * w + xx]!;
          n++;
        }
      }
      const v = (sum / n) * (d.paper / 255) + (rand() - 0.5) * 2 * d.noise;
      blurred[y * w + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  img = { width: w, height: h, data: blurred };
  const specks = Math.round((w * h * d.specks) / 1e6);
  for (let k = 0; k < specks; k++) {
    const x = Math.floor(rand() * (w - 2));
    const y = Math.floor(rand() * (h - 2));
    img.data[y * w + x] = img.data[y * w + x + 1] = img.data[(y + 1) * w + x] = 40;
  }
  return grayPng(w, h, img.data, dpi);
}
