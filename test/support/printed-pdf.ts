import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Report } from "../../src/model/report.js";
import { convertFiles, findSoffice } from "../../src/readers/doc/soffice.js";
import { htmlPage, type HtmlOptions } from "../../src/render/html.js";

/**
 * PDFs of a report's web page as a reviewer makes them: the portal page (site header,
 * navigation, breadcrumbs, sidebar, footer around the article) printed by Chromium
 * (打印 → 另存为 PDF, with the browser's own header and footer: date, title, URL, page x/y) or
 * opened and exported by LibreOffice. Both at A4 with the printers' default margins.
 */

/** The Chromium binary: `NIANBAO_CHROMIUM`, else where Debian puts it; null when missing. */
export const CHROMIUM = process.env.NIANBAO_CHROMIUM
  ? executable(process.env.NIANBAO_CHROMIUM)
    ? process.env.NIANBAO_CHROMIUM
    : null
  : (["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(executable) ?? null);
export const SOFFICE = findSoffice();

/**
 * Whether a test that needs `tool` runs: skipped where the tool is missing, except on CI,
 * where a missing tool must fail the test (CI installs it) rather than pass by skipping.
 */
export function skipWithout(tool: string | null): boolean {
  return tool === null && process.env.CI !== "true";
}

export interface PrintedPageOptions extends HtmlOptions {
  /**
   * `sidebar`: the article beside the portal's link column, as on screen (narrow columns:
   * labels wrap over two or three lines). `stacked`: the page's small-screen layout, the
   * sidebar above the article, the table over the full width.
   */
  layout: "sidebar" | "stacked";
  /** Type size of the table text in points (the page's own is 10.5); set inline, so both printers take it. */
  tableFontPt?: number;
  /** Width of the tables, in per cent of the article (the page's own is 100). */
  tableWidth?: number;
  /**
   * How the site's style sheet rules the tables: `collapse` (the page's own 1 px collapsed
   * borders), `hairline` (0.5 pt grey lines), `spacing` (no borders: white cells on a black
   * table one pixel apart, the old portal trick), `dotted` (dotted lines, drawn dot by dot),
 * `missing` (every fifth row has no line above it, as pages pasted from Word can have),
 * `none` (no lines at all).
   */
  borders?: "collapse" | "hairline" | "dotted" | "missing" | "spacing" | "none";
}

const BORDERS = {
  collapse: "",
  hairline: ".TRS_Editor td{border:0.5pt solid #555!important}",
  dotted: ".TRS_Editor td{border:1px dotted #333!important}",
  missing: ".TRS_Editor tr:nth-child(5n) td{border-top-style:none!important}.TRS_Editor tr:nth-child(5n+4) td{border-bottom-style:none!important}",
  spacing: ".TRS_Editor table{border-collapse:separate!important;border-spacing:1px;background:#000}.TRS_Editor td{border:none!important;background:#fff}",
  none: ".TRS_Editor table,.TRS_Editor td{border:none!important}",
};

/**
 * The portal page with the print style sheet such sites carry: a fluid width instead of the
 * 1200 px screen frame (so nothing is cut at the paper edge) and A4 paper — a reader in China
 * prints on A4, which headless Chromium, defaulting to Letter, only takes from `@page`.
 */
export function printablePage(r: Report, o: PrintedPageOptions): string {
  const body = o.layout === "sidebar" ? ".sidebar{float:left;width:24%}.content{float:right;width:74%}" : ".sidebar,.content{float:none;width:auto}";
  const style = `<style type="text/css" media="print">@page{size:A4}.main{width:auto!important;margin:0}${body}${BORDERS[o.borders ?? "collapse"]}</style>\n</head>`;
  let html = htmlPage(r, o).replace("</head>", style);
  if (o.tableFontPt) html = restyle(html, "font-family:宋体;font-size:10.5pt;", `font-family:宋体;font-size:${o.tableFontPt}pt;`);
  if (o.tableWidth) html = restyle(html, 'cellpadding="0" width="100%"', `cellpadding="0" width="${o.tableWidth}%"`);
  return html;
}

/** Replaces the renderer's own markup, which must be there (else the option would do nothing unseen). */
function restyle(html: string, from: string, to: string): string {
  if (!html.includes(from)) throw new Error(`the HTML renderer no longer writes ${from}`);
  return html.replaceAll(from, to);
}

/** Chromium's print of an HTML page to PDF (its own temporary profile, killed if it hangs). */
export async function printWithChromium(html: string): Promise<Uint8Array> {
  if (!CHROMIUM) throw new Error("chromium is not installed");
  const dir = await mkdtemp(join(tmpdir(), "nianbao-chromium-"));
  try {
    const page = join(dir, "page.html");
    const out = join(dir, "page.pdf");
    await writeFile(page, html);
    await run(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--user-data-dir=${join(dir, "profile")}`,
        `--print-to-pdf=${out}`,
        pathToFileURL(page).href,
      ],
      { home: dir, timeoutMs: 90_000 },
    );
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * LibreOffice's PDF export of HTML pages, all in one run. LibreOffice 7.4 refuses to load a
 * page that carries `<meta http-equiv="X-UA-Compatible">` ("source file could not be loaded"),
 * so a reviewer could only export such a page once it is gone: it is dropped here.
 */
export async function printWithLibreOffice(pages: { name: string; html: string }[]): Promise<Map<string, Uint8Array>> {
  const inputs = pages.map((p) => ({ name: `${p.name}.html`, bytes: Buffer.from(p.html.replace(/<meta http-equiv="X-UA-Compatible"[^>]*>\n?/i, "")) }));
  return convertFiles(inputs, "pdf", { inputFilter: "HTML (StarWriter)", timeoutMs: 240_000 });
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs a program in its own process group; the whole group is killed when it overruns. */
function run(cmd: string, args: string[], o: { home: string; timeoutMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    let tail = "";
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HOME: o.home, TMPDIR: o.home } });
    const keep = (b: Buffer) => {
      tail = (tail + b.toString("utf8")).slice(-2000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, o.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`${cmd} did not finish within ${o.timeoutMs / 1000} s`));
      else if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${tail.trim().split("\n").pop() ?? ""}`));
      else resolve();
    });
  });
}
