import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import { ReadError } from "../../src/model/errors.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { docReader } from "../../src/readers/doc/index.js";
import { officePipes } from "../../src/readers/doc/pipe.js";
import { convertFiles, findSoffice, officeEnv } from "../../src/readers/doc/soffice.js";
import { missing } from "../support/requires.js";
import { detect, readerById } from "../../src/readers/index.js";
import { renderDocx } from "../../src/render/docx.js";
import { encryptedDocWithLibreOffice } from "./doc-support.js";
import { CHINESE, compoundFile } from "./docx-support.js";

const SOFFICE = findSoffice();

async function failure(bytes: Uint8Array, name: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const t0 = performance.now();
  try {
    await readReports(bytes, { name, ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).message).toMatch(CHINESE);
    return { error: e as ReadError, ms: performance.now() - t0 };
  }
  throw new Error("expected a ReadError");
}

/** LibreOffice processes still running with a profile under `dir`. */
function survivors(dir: string): string[] {
  try {
    return execFileSync("pgrep", ["-f", dir], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

describe("binary Word files: detection and clear refusals (no LibreOffice needed)", () => {
  it("tells Word, Works, Excel and encrypted OOXML compound files apart by their streams", async () => {
    const word = compoundFile([["WordDocument", new Uint8Array(4096)], ["1Table", new Uint8Array(4096)]]);
    expect(detect(word, "a.bin")?.id).toBe("doc");
    expect(detect(compoundFile([["CONTENTS", new Uint8Array(10)]]), "a.bin")?.id).toBe("doc");
    const xls = await failure(compoundFile([["Workbook", new Uint8Array(10)]]), "报告.doc");
    expect(xls.error.code).toBe("unsupported");
    expect(xls.error.message).toContain("Excel");
  });

  it("refuses a DOC whose header says it is password-protected, before starting LibreOffice", async () => {
    const fib = new Uint8Array(4096);
    fib.set([0xec, 0xa5, 0xc1, 0x00], 0);
    fib[11] = 0x01; // fEncrypted
    const { error, ms } = await failure(compoundFile([["WordDocument", fib], ["1Table", new Uint8Array(4096)]]), "报告.doc");
    expect(error.code).toBe("encrypted");
    expect(error.message).toContain("密码");
    expect(ms).toBeLessThan(500);
  });

  it("says garbage named .doc or .wps is not a valid document, and a broken compound file is damaged", async () => {
    const garbage = new Uint8Array(3000).map((_, i) => (i * 131 + 7) % 253);
    for (const name of ["报告.doc", "报告.wps"]) {
      const { error } = await failure(garbage, name);
      expect(error.code).toBe("damaged");
      expect(error.message).toContain("DOC/WPS");
    }
    const broken = compoundFile([["WordDocument", new Uint8Array(4096)]]).slice(0, 1100);
    const { error } = await failure(broken, "报告.doc");
    expect(error.code).toBe("damaged");
  });

  it("refuses Word 2003 XML with a DTD before LibreOffice could resolve its entities", async () => {
    const xxe =
      '<?xml version="1.0"?><?mso-application progid="Word.Document"?><!DOCTYPE w:wordDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
      '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:wordDocument>';
    const { error } = await failure(new TextEncoder().encode(xxe), "报告.doc");
    expect(error.code).toBe("damaged");
    expect(error.message).toContain("DTD");
  });

  it("says LibreOffice is missing, and how to install it", async () => {
    const saved = process.env.NIANBAO_SOFFICE;
    process.env.NIANBAO_SOFFICE = "/nonexistent/soffice";
    try {
      const word = compoundFile([["WordDocument", new Uint8Array(4096)]]);
      const { error } = await failure(word, "报告.doc");
      expect(error.code).toBe("missing-tool");
      expect(error.message).toContain("libreoffice-writer-nogui");
    } finally {
      if (saved === undefined) delete process.env.NIANBAO_SOFFICE;
      else process.env.NIANBAO_SOFFICE = saved;
    }
  });
});

describe.skipIf(missing("LibreOffice", SOFFICE !== null))("DOC, WPS and RTF through LibreOffice", () => {
  const reports: Report[] = [randomReport(21, { template: "2019" }), randomReport(22, { template: "2021" }), randomReport(23, { template: "2021", zeroRate: 0.2 })];
  const docs = new Map<string, Uint8Array>();
  const pdfs = new Map<string, Uint8Array>();
  const rtfs = new Map<string, Uint8Array>();
  const loDocx = new Map<string, Uint8Array>();
  const wordXml = new Map<string, Uint8Array>();

  beforeAll(async () => {
    const inputs = reports.map((r, i) => ({ name: `r${i}.docx`, bytes: renderDocx(r, { headingNumbers: i === 1 ? "auto" : "text" }) }));
    // One LibreOffice run per target, all files at once.
    const [doc, pdf, rtf, docx, xml] = await Promise.all([
      convertFiles(inputs, "doc:MS Word 97"),
      convertFiles(inputs, "pdf"),
      convertFiles(inputs.slice(0, 1), "rtf"),
      convertFiles(inputs, "docx:MS Word 2007 XML"),
      convertFiles(inputs.slice(2), "xml:MS Word 2003 XML"),
    ]);
    for (const [k, v] of xml) wordXml.set(k, v);
    for (const [k, v] of docx) loDocx.set(k, v);
    for (const [k, v] of doc) docs.set(k, v);
    for (const [k, v] of pdf) pdfs.set(k, v);
    for (const [k, v] of rtf) rtfs.set(k, v);
  }, 240_000);

  // This file's conversions work in a folder of their own, so that what they leave can be seen.
  const work = mkdtempSync(join(tmpdir(), "nianbao-doc-test-"));
  beforeAll(() => {
    docReader.convertOptions = { tmpDir: work };
  });
  afterAll(() => {
    docReader.convertOptions = undefined;
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(() => {
    // Every conversion removes its folder and leaves no LibreOffice running.
    expect(readdirSync(work)).toEqual([]);
    expect(survivors(work)).toEqual([]);
  });

  it("reads DOC files LibreOffice wrote back to the same cells and meta", async () => {
    expect(docs.size).toBe(reports.length);
    for (const [i, r] of reports.entries()) {
      const bytes = docs.get(`r${i}`)!;
      expect(detect(bytes, "x")?.id).toBe("doc");
      const [out] = await readReports(bytes, { name: `报告${i}.doc` });
      expect(out!.meta).toMatchObject({ title: r.meta.title, agency: r.meta.agency, year: r.meta.year, template: r.meta.template, format: "doc" });
      expect(out!.cells).toEqual(r.cells);
      expect(out!.findings.filter((f) => f.severity === "error")).toEqual([]);
    }
  }, 180_000);

  it("reads DOCX files written by LibreOffice (another producer's XML) to the same cells", async () => {
    for (const [i, r] of reports.entries()) {
      const [out] = await readReports(loDocx.get(`r${i}`)!, { name: `报告${i}.docx` });
      expect(out!.meta).toMatchObject({ title: r.meta.title, year: r.meta.year, template: r.meta.template, format: "docx" });
      expect(out!.cells).toEqual(r.cells);
    }
  });

  it("reads a WPS-named Word binary file (what Kingsoft WPS writes), an RTF file and Word 2003 XML", async () => {
    // LibreOffice has no WPS export: `--convert-to wps` writes the Word 97 binary format, which is
    // also the container of Kingsoft WPS documents. So the DOC bytes under a .wps name stand in.
    const [wps] = await readReports(docs.get("r1")!, { name: "报告.wps" });
    expect(wps!.meta.format).toBe("wps");
    expect(wps!.cells).toEqual(reports[1]!.cells);
    const [rtf] = await readReports(rtfs.get("r0")!, { name: "报告.rtf" });
    expect(rtf!.meta.format).toBe("rtf");
    expect(rtf!.cells).toEqual(reports[0]!.cells);
    // Word 2003 XML, which some systems publish under a .doc name.
    const [xml] = await readReports(wordXml.get("r2")!, { name: "报告.doc" });
    expect(xml!.meta.format).toBe("wordml");
    expect(xml!.cells).toEqual(reports[2]!.cells);
  }, 120_000);

  it.skipIf(!readerById("pdf"))("reads the PDF LibreOffice printed from the DOCX back to the same cells", async () => {
    for (const [i, r] of reports.entries()) {
      const [out] = await readReports(pdfs.get(`r${i}`)!, { name: `报告${i}.pdf` });
      expect(out!.meta.template).toBe(r.meta.template);
      expect(out!.cells).toEqual(r.cells);
    }
  }, 180_000);

  it("says a password-protected DOC made by LibreOffice is encrypted", async () => {
    const enc = encryptedDocWithLibreOffice(SOFFICE!, renderDocx(reports[0]!));
    expect(enc).not.toBeNull();
    const { error, ms } = await failure(enc!, "加密.doc");
    expect(error.code).toBe("encrypted");
    expect(ms).toBeLessThan(500);
  }, 240_000);

  it("kills LibreOffice and cleans up when the time limit passes or the caller aborts", async () => {
    const bytes = docs.get("r0")!;
    const late = await failure(bytes, "报告.doc", { timeoutMs: 150 });
    expect(late.error.code).toBe("timeout");
    expect(late.ms).toBeLessThan(5000);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 150);
    const aborted = await failure(bytes, "报告.doc", { signal: ctl.signal });
    expect(aborted.error.code).toBe("timeout");
    expect(aborted.ms).toBeLessThan(5000);
  }, 60_000);

  it("a conversion stopped midway leaves neither its socket in /tmp nor its temporary files", async () => {
    const ctl = new AbortController();
    const pending = failure(docs.get("r0")!, "报告.doc", { signal: ctl.signal });
    // Wait until LibreOffice has made its single-instance socket, then stop it.
    let pipe: string | undefined;
    for (let i = 0; i < 400 && !pipe; i++) {
      await new Promise((r) => setTimeout(r, 25));
      for (const folder of readdirSync(work)) pipe = officePipes(join(work, folder, "profile")).find((p) => existsSync(p)) ?? pipe;
    }
    expect(pipe).toMatch(/OSL_PIPE_\d+_SingleOfficeIPC_[0-9a-f]+$/);
    ctl.abort();
    expect((await pending).error.code).toBe("timeout");
    expect(existsSync(pipe!)).toBe(false);
    expect(officeEnv(work)).toMatchObject({ TMPDIR: work, HOME: work });
  }, 60_000);

  it("says so when LibreOffice cannot open a Word file", async () => {
    const junk = compoundFile([["WordDocument", new Uint8Array(8192).map((_, i) => (i * 97) & 255)], ["1Table", new Uint8Array(4096)]]);
    const { error } = await failure(junk, "坏文件.doc");
    expect(error.code).toBe("damaged");
    expect(error.message).toContain("LibreOffice");
  }, 120_000);
});
