import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import { ReadError } from "../../src/model/errors.js";
import type { Report } from "../../src/model/report.js";
import { SofficeBatcher } from "../../src/readers/doc/batch.js";
import { convertFiles } from "../../src/readers/doc/soffice.js";
import { render } from "../../src/render/index.js";
import { BIN, ROOT } from "../support/cli.js";
import { HAS, missing } from "../support/requires.js";
import { compoundFile } from "./docx-support.js";

// Word files of a batch share LibreOffice runs (readers/doc/batch.ts), and one bad file costs only
// itself: a file LibreOffice hangs on, crashes on or cannot open fails alone, the others are read.
// First with a stand-in for soffice that behaves as it does (converts in order, says so, hangs,
// crashes), then with the real LibreOffice through the command line.

const dir = mkdtempSync(join(tmpdir(), "nianbao-batch-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A soffice that converts its files in order as `--convert-to html` does: after "loading" a file
 * it prints `convert … -> … using filter`, then writes the page (the HTML after a line `HTML:` in
 * the file, or a page with the file's MARKn). A file with HANGLOAD hangs while loading, HANGSTORE
 * while writing, CRASH kills the run, BADFILE cannot be loaded. Every run is logged with its files.
 */
const FAKE = join(dir, "fake-soffice");
const LOG = join(dir, "runs.log");
writeFileSync(
  FAKE,
  `#!/bin/sh
outdir=""; next=""; files=""
for a in "$@"; do
  if [ "$next" = outdir ]; then outdir="$a"; next=""; continue; fi
  if [ "$next" = skip ]; then next=""; continue; fi
  case "$a" in
    --outdir) next=outdir ;;
    --convert-to) next=skip ;;
    -*) ;;
    *) files="$files $a" ;;
  esac
done
echo "run$files" >> "${LOG}"
for f in $files; do
  stem=$(basename "$f"); stem="\${stem%.*}"
  if grep -q HANGLOAD "$f"; then sleep 300 & sleep 300; fi
  if grep -q BADFILE "$f"; then echo "Error: source file could not be loaded" >&2; continue; fi
  if grep -q CRASH "$f"; then kill -SEGV $$; fi
  echo "convert $f -> $outdir/$stem.html using filter : HTML (StarWriter)"
  if grep -q HANGSTORE "$f"; then printf '<html><body><p>' > "$outdir/$stem.html"; sleep 300 & sleep 300; fi
  if grep -q '^HTML:$' "$f"; then sed -n '/^HTML:$/,$p' "$f" | tail -n +2 > "$outdir/$stem.html"
  else printf '<html><body><p>%s</p></body></html>\\n' "$(grep -o 'MARK[0-9]*' "$f" | head -1)" > "$outdir/$stem.html"; fi
done
`,
);
chmodSync(FAKE, 0o755);

const runs = () => (existsSync(LOG) ? readFileSync(LOG, "utf8").trim().split("\n").filter(Boolean) : []);
const rtf = (body: string) => new TextEncoder().encode(`{\\rtf1\\ansi\n${body}\n}`);
const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");

/** Live processes whose command line names `path`. */
function alive(path: string): string[] {
  try {
    return execFileSync("pgrep", ["-f", path], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

/** Results of converting the files through one batcher: the page's MARK, or the error's code. */
async function convertAll(b: SofficeBatcher, files: Uint8Array[], timeoutMs: number): Promise<string[]> {
  return Promise.all(
    files.map((bytes, i) =>
      b.convert({ name: `f${i}.rtf`, bytes }, { timeoutMs }).then(
        (html) => /MARK\d+/.exec(utf8(html))?.[0] ?? "?",
        (e: ReadError) => {
          expect(e).toBeInstanceOf(ReadError);
          expect(e.message).toMatch(/[\u4e00-\u9fff]/);
          return e.code;
        },
      ),
    ),
  );
}

describe("the batch converter, with a stand-in for LibreOffice", () => {
  const work = join(dir, "work");
  mkdirSync(work);
  const batcher = (o: ConstructorParameters<typeof SofficeBatcher>[0] = {}) => new SofficeBatcher({ soffice: FAKE, tmpDir: work, processes: 1, ...o });

  it("converts many files in one run, each page going to its own file", async () => {
    rmSync(LOG, { force: true });
    const b = batcher();
    const got = await convertAll(b, Array.from({ length: 12 }, (_, i) => rtf(`MARK${i}`)), 10_000);
    await b.close();
    expect(got).toEqual(Array.from({ length: 12 }, (_, i) => `MARK${i}`));
    expect(runs()).toHaveLength(1);
    expect(readdirSync(work)).toEqual([]);
  });

  it("a file that hangs LibreOffice while loading costs only itself: the run is killed and restarted after it", async () => {
    rmSync(LOG, { force: true });
    const b = batcher();
    const files = Array.from({ length: 8 }, (_, i) => rtf(i === 3 ? "MARK3 HANGLOAD" : `MARK${i}`));
    const t0 = performance.now();
    const got = await convertAll(b, files, 1500);
    const ms = performance.now() - t0;
    expect(got).toEqual(["MARK0", "MARK1", "MARK2", "timeout", "MARK4", "MARK5", "MARK6", "MARK7"]);
    // One time limit for the bad file, not one per file after it.
    expect(ms).toBeLessThan(6000);
    expect(runs()).toHaveLength(2);
    expect(runs()[1]!.split(" ").length - 1).toBe(4);
    expect(alive(work)).toEqual([]);
    await b.close();
    expect(readdirSync(work)).toEqual([]);
  });

  it("a file it hangs on while writing the page is the one that fails, not the next", async () => {
    const b = batcher();
    const got = await convertAll(b, [rtf("MARK0"), rtf("MARK1 HANGSTORE"), rtf("MARK2")], 1500);
    await b.close();
    expect(got).toEqual(["MARK0", "timeout", "MARK2"]);
    expect(alive(work)).toEqual([]);
  });

  it("a file that crashes LibreOffice is damaged; one it cannot open is damaged; the others are read", async () => {
    rmSync(LOG, { force: true });
    const b = batcher();
    const got = await convertAll(b, [rtf("MARK0"), rtf("MARK1 BADFILE"), rtf("MARK2"), rtf("MARK3 CRASH"), rtf("MARK4"), rtf("MARK5")], 10_000);
    await b.close();
    expect(got).toEqual(["MARK0", "damaged", "MARK2", "damaged", "MARK4", "MARK5"]);
    expect(runs()).toHaveLength(2);
  });

  it("shares the files between two runs at once when allowed, in order", async () => {
    rmSync(LOG, { force: true });
    const b = batcher({ processes: 2 });
    const got = await convertAll(b, Array.from({ length: 10 }, (_, i) => rtf(`MARK${i}`)), 10_000);
    await b.close();
    expect(got).toEqual(Array.from({ length: 10 }, (_, i) => `MARK${i}`));
    expect(runs().map((r) => r.split(" ").length - 1)).toEqual([5, 5]);
  });

  it("a file given up by its reader is dropped; closing stops the run and removes its folder", async () => {
    const b = batcher();
    const stop = new AbortController();
    const slow = b.convert({ name: "a.rtf", bytes: rtf("MARK0 HANGLOAD") }, { timeoutMs: 60_000, signal: stop.signal });
    const other = b.convert({ name: "b.rtf", bytes: rtf("MARK1") }, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    setTimeout(() => stop.abort(), 300);
    await expect(slow).rejects.toMatchObject({ code: "timeout" });
    const t0 = performance.now();
    await b.close();
    expect(await other).toMatchObject({ code: "timeout" });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(alive(work)).toEqual([]);
    expect(readdirSync(work)).toEqual([]);
  });

  it("says LibreOffice is missing", async () => {
    const b = new SofficeBatcher({ soffice: join(dir, "no-such-soffice"), tmpDir: work });
    await expect(b.convert({ name: "a.rtf", bytes: rtf("MARK0") })).rejects.toMatchObject({ code: "missing-tool" });
    await b.close();
  });
});

/** `nianbao check --format jsonl` on files; the envelopes by file name. */
interface Checked {
  status: number | null;
  lines: Map<string, { error?: { code: string; message: string }; meta?: Record<string, unknown>; cells?: Record<string, number | null> }>;
  /** The run's temporary root (its LibreOffice runs work inside it). */
  root: string;
}

function check(files: string[], env: NodeJS.ProcessEnv, extra: string[] = []): Promise<Checked> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "check", "--format", "jsonl", ...extra, ...files], { cwd: ROOT, env: { ...process.env, ...env, NIANBAO_NO_PROGRESS: "1" } });
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    child.on("close", (status) => {
      const lines = new Map();
      for (const l of out.split("\n").filter(Boolean)) {
        const o = JSON.parse(l);
        if (o.meta?.file) lines.set(o.meta.file, o);
      }
      resolve({ status, lines, root: join(tmpdir(), `nianbao-${child.pid}`) });
    });
  });
}

describe("nianbao check on a folder of Word files, with the stand-in", () => {
  const folder = join(dir, "folder");
  mkdirSync(folder);
  const reports: Report[] = Array.from({ length: 6 }, (_, i) => randomReport(800 + i, { template: i % 2 ? "2021" : "2019" }));
  const files = reports.map((r, i) => {
    const p = join(folder, `r${i}.rtf`);
    writeFileSync(p, Buffer.concat([Buffer.from(`{\\rtf1\\ansi\n${i === 2 ? "HANGLOAD" : i === 4 ? "CRASH" : ""}\nHTML:\n`), Buffer.from(render(r, "html"))]));
    return p;
  });

  it("reads the good files to their reports; the one that hangs and the one that crashes fail alone; few LibreOffice runs", async () => {
    rmSync(LOG, { force: true });
    const r = await check(files, { NIANBAO_SOFFICE: FAKE }, ["--timeout", "3"]);
    expect(r.status).toBe(2);
    for (const [i, rep] of reports.entries()) {
      const env = r.lines.get(files[i]!)!;
      if (i === 2) expect(env.error).toMatchObject({ code: "timeout", message: expect.stringContaining("LibreOffice") });
      else if (i === 4) expect(env.error).toMatchObject({ code: "damaged", message: expect.stringContaining("异常退出") });
      else expect(env.cells).toEqual(rep.cells);
    }
    // Two runs at once share the files (one per core, at most two; how they split depends on
    // when the files arrive), then at most one more after the hang and one after the crash:
    // never one per file.
    expect(runs().length).toBeLessThanOrEqual(4);
    expect(alive(`${r.root}/`)).toEqual([]);
    expect(existsSync(r.root)).toBe(false);
  }, 60_000);
});

describe.skipIf(missing("LibreOffice", HAS.libreoffice))("nianbao check on a folder of Word 97 files, with the real LibreOffice", () => {
  const folder = join(dir, "real");
  const reports: Report[] = Array.from({ length: 6 }, (_, i) => randomReport(900 + i, { template: i % 2 ? "2021" : "2019" }));
  const files: string[] = [];
  beforeAll(async () => {
    mkdirSync(folder);
    const docs = await convertFiles(
      reports.map((r, i) => ({ name: `r${i}.docx`, bytes: render(r, "docx") })),
      "doc:MS Word 97",
      { timeoutMs: 240_000 },
    );
    reports.forEach((_, i) => {
      const p = join(folder, `报告${i}.${i === 5 ? "wps" : "doc"}`);
      writeFileSync(p, docs.get(`r${i}`)!);
      files.push(p);
    });
    // A Word file LibreOffice cannot open, among them.
    const junk = join(folder, "坏文件.doc");
    writeFileSync(junk, compoundFile([["WordDocument", new Uint8Array(8192).map((_, i) => (i * 97) & 255)], ["1Table", new Uint8Array(4096)]]));
    files.push(junk);
  }, 240_000);

  it("reads every good file to its report and says the damaged one is damaged", async () => {
    const r = await check(files, {});
    expect(r.status).toBe(2);
    reports.forEach((rep, i) => {
      const env = r.lines.get(files[i]!)!;
      expect(env.error, files[i]).toBeUndefined();
      expect(env.cells).toEqual(rep.cells);
      expect(env.meta).toMatchObject({ format: i === 5 ? "wps" : "doc", year: rep.meta.year });
    });
    expect(r.lines.get(files[6]!)!.error).toMatchObject({ code: "damaged", message: expect.stringContaining("LibreOffice") });
  }, 240_000);

  for (const sig of ["SIGTERM", "SIGINT"] as const) {
    it(`${sig} in the middle of the batch leaves no LibreOffice and no temporary folder`, async () => {
      const child = spawn(process.execPath, [BIN, "check", "--format", "jsonl", ...files], { cwd: ROOT, env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
      const closed = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
      const root = join(tmpdir(), `nianbao-${child.pid}`);
      // Wait for the batch's LibreOffice to be at work.
      for (let i = 0; i < 600 && alive(`${root}/`).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(`${root}/`).length).toBeGreaterThan(0);
      child.kill(sig);
      expect(await closed).toBe(sig === "SIGTERM" ? 143 : 130);
      await new Promise((r) => setTimeout(r, 500));
      expect(alive(`${root}/`)).toEqual([]);
      expect(existsSync(root)).toBe(false);
    }, 180_000);
  }
});
