import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReadError } from "../src/model/errors.js";
import { processMany } from "../src/pipeline/index.js";
import { readReportFile } from "../src/read.js";
import { cli } from "./support/cli.js";
import { missing } from "./support/requires.js";
import { SHARED } from "./support/shared.js";

// PDFs with a bad cross-reference entry made pdfjs reject a promise no one handled: the CLI
// died with a stack trace, a program using the library died whatever it caught. Now each is a
// ReadError for its file, and the process goes on.

const REPRO = join(SHARED, "repro");
const files = existsSync(REPRO) ? readdirSync(REPRO).filter((f) => /^pdf-bad-xref-.*\.pdf$/.test(f)).sort().map((f) => join(REPRO, f)) : [];

describe.skipIf(missing("../shared/repro 中的 pdf-bad-xref-*.pdf", files.length > 0))("PDFs with a broken cross-reference table", () => {
  const strays: unknown[] = [];
  const onStray = (reason: unknown) => void strays.push(reason);
  beforeAll(() => void process.on("unhandledRejection", onStray));
  afterAll(() => void process.off("unhandledRejection", onStray));

  it("through the library: a ReadError each, and nothing left unhandled", async () => {
    for (const f of files) {
      const e = await readReportFile(f).then(
        () => null,
        (x: unknown) => x,
      );
      expect(isReadError(e), f).toBe(true);
      expect(e).toMatchObject({ code: "damaged" });
      expect((e as Error).message).toMatch(/^PDF 文件已损坏/);
    }
    // pdfjs's stray rejections came a moment after the read returned.
    await new Promise((r) => setTimeout(r, 500));
    expect(strays).toEqual([]);
  });

  it("through the pipeline (the envelope says it)", async () => {
    const codes: string[] = [];
    for await (const env of processMany(files)) codes.push(env.error?.code ?? "read");
    await new Promise((r) => setTimeout(r, 500));
    expect(codes).toEqual(files.map(() => "damaged"));
    expect(strays).toEqual([]);
  });

  it("through the CLI: exit 2, a Chinese message naming each file, the JSON written whole", () => {
    const r = cli(["check", "--format", "json", ...files]);
    expect(r.status).toBe(2);
    const items = JSON.parse(r.stdout);
    expect(items.map((x: { meta: { file: string }; error: { code: string } }) => [x.meta.file, x.error.code])).toEqual(files.map((f) => [f, "damaged"]));
    for (const f of files) expect(r.stderr).toContain(`nianbao：${f}：PDF 文件已损坏`);
    expect(r.stderr).not.toMatch(/\n\s+at |UnhandledPromiseRejection|XRefEntryException:/);
  });

  it("one file alone through the CLI: exit 2, nothing on stdout", () => {
    const r = cli(["check", "--format", "json", files[0]!]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/PDF 文件已损坏：交叉引用表中有无效条目/);
  });

  it("the process that read them is still here", () => {
    expect(process.exitCode ?? 0).toBe(0);
  });
});
