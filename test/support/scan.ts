import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Report } from "../../src/model/report.js";
import { imagePdf } from "./image-pdf.js";
import { reportHtml } from "./report-html.js";

const run = promisify(execFile);

/** The tools scanned fixtures are made with (LibreOffice, poppler); tests skip without them. */
export const HAS_SCAN_TOOLS = existsSync("/usr/bin/soffice") && existsSync("/usr/bin/pdftoppm");

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
    await writeFile(join(dir, "report.html"), reportHtml(report));
    // A private LibreOffice profile: parallel test workers must not share one.
    await run(
      "soffice",
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf", "--outdir", dir, join(dir, "report.html")],
      { timeout: 180_000, killSignal: "SIGKILL" },
    );
    await run("pdftoppm", ["-r", String(dpi), "-png", join(dir, "report.pdf"), join(dir, "page")], { timeout: 120_000, killSignal: "SIGKILL" });
    const files = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    const pages = await Promise.all(files.map((f) => readFile(join(dir, f))));
    return { pdf: imagePdf(pages.map((png) => ({ png, dpi }))), pages, dpi };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
