// Renders the official DOCX of an example report through LibreOffice and poppler, as a reader of
// the README sees it: docs/images/report-docx-2021.png, the pages side by side.
// Run: npm run docs:images   (needs soffice and pdftoppm; fonts-noto-cjk for the Chinese faces)
// test/render-office.test.ts uses the same helpers, in a temporary folder.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";
import { processInput } from "../src/pipeline/index.js";
import { decodePng } from "../src/readers/ocr/png.js";
import { findSoffice } from "../src/readers/doc/soffice.js";
import { fontconfigXml, render } from "../src/render/index.js";

const ROOT = resolve(import.meta.dirname, "..");
export const DOCS_IMAGE = join(ROOT, "docs/images/report-docx-2021.png");
const EXAMPLE = join(ROOT, "examples/09-docx-2021.docx");

/** Runs a tool in its own process group, killed with it after `timeoutMs`; resolves with stdout. */
export function runTool(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...opts.env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (err = (err + b.toString("utf8")).slice(-2000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, opts.timeoutMs ?? 120_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      fail(new Error(`${cmd}: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done(out);
      else fail(new Error(`${cmd} ${args.join(" ")}: ${signal ?? `exit ${code}`} ${err.trim()}`));
    });
  });
}

/**
 * DOCX → PDF with LibreOffice in `dir`: its own profile and HOME, and the fontconfig file that
 * maps the official fonts (仿宋_GB2312, 黑体, …) to the installed Noto CJK faces.
 */
export async function docxToPdf(docx: Uint8Array, dir: string): Promise<string> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("soffice (LibreOffice) not found");
  mkdirSync(join(dir, "out"), { recursive: true });
  const input = join(dir, "report.docx");
  writeFileSync(input, docx);
  writeFileSync(join(dir, "fonts.conf"), fontconfigXml());
  const profile = pathToFileURL(join(dir, "profile")).href;
  await runTool(soffice, ["--headless", "--norestore", "--nologo", `-env:UserInstallation=${profile}`, "--convert-to", "pdf", "--outdir", join(dir, "out"), input], {
    env: { HOME: dir, FONTCONFIG_FILE: join(dir, "fonts.conf"), SAL_USE_VCLPLUGIN: "svp" },
  });
  return join(dir, "out", "report.pdf");
}

/** The PDF's pages as PNG files at `dpi` (pdftoppm -png), in page order. */
export async function pdfToPngs(pdf: string, dir: string, dpi = 80): Promise<string[]> {
  await runTool("pdftoppm", ["-png", "-r", String(dpi), pdf, join(dir, "page")]);
  return readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
    .map((f) => join(dir, f));
}

/** Pages side by side on a light grey sheet, as one greyscale PNG. */
export function contactSheet(pngs: Uint8Array[], gap = 16): Uint8Array {
  const pages = pngs.map((b) => decodePng(b)!.image);
  const width = gap + pages.reduce((s, p) => s + p.width + gap, 0);
  const height = gap * 2 + Math.max(...pages.map((p) => p.height));
  const pixels = new Uint8Array(width * height).fill(0xd8);
  let x0 = gap;
  for (const p of pages) {
    for (let y = 0; y < p.height; y++) pixels.set(p.data.subarray(y * p.width, (y + 1) * p.width), (gap + y) * width + x0);
    x0 += p.width + gap;
  }
  return encodeGrayPng(width, height, pixels);
}

function encodeGrayPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", new Uint8Array(0))]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The example's report (read back from its plain DOCX) in the official layout. */
export async function exampleOfficialDocx(): Promise<Uint8Array> {
  const env = await processInput(EXAMPLE);
  if (env.error) throw new Error(env.error.message);
  return render(env.reports[0]!, "docx", { profile: "official" });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-docs-images-"));
  try {
    const pdf = await docxToPdf(await exampleOfficialDocx(), dir);
    const pngs = await pdfToPngs(pdf, dir);
    mkdirSync(resolve(DOCS_IMAGE, ".."), { recursive: true });
    writeFileSync(DOCS_IMAGE, contactSheet(pngs.map((p) => readFileSync(p))));
    console.log(`${DOCS_IMAGE} (${pngs.length} pages)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
