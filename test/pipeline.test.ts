import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { processInput, processMany } from "../src/pipeline/index.js";
import { VERSION } from "../src/version.js";

const EXAMPLE = resolve(__dirname, "../examples/11-problem-identity-2021.txt");

describe("processInput", () => {
  it("gives the envelope of a file: hash, size, reader, versions, timings, the checked report", async () => {
    const bytes = readFileSync(EXAMPLE);
    const env = await processInput(EXAMPLE);
    expect(env.file).toBe(EXAMPLE);
    expect(env.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(env.size).toBe(bytes.length);
    expect(env.format).toBe("text");
    expect(env.versions.nianbao).toBe(VERSION);
    expect(env.versions.reader).toBe(`text@${VERSION}`);
    expect(env.versions.rules).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    expect(env.versions.templates).toMatch(/^[0-9a-f]{12}$/);
    expect(env.timings.totalMs).toBeGreaterThanOrEqual(env.timings.readMs + env.timings.extractMs + env.timings.checkMs);
    expect(env.error).toBeUndefined();
    expect(env.reports).toHaveLength(1);
    expect(env.reports[0]!.findings.some((f) => f.origin === "rule" && f.severity === "error")).toBe(true);
  });

  it("reads bytes given with a name, and leaves checking out when told", async () => {
    const env = await processInput({ bytes: readFileSync(EXAMPLE), name: "上传.txt" }, { check: false });
    expect(env.file).toBe("上传.txt");
    expect(env.reports[0]!.meta.file).toBe("上传.txt");
    expect(env.reports[0]!.findings.filter((f) => f.origin === "rule")).toEqual([]);
    expect(env.timings.checkMs).toBe(0);
  });

  it("puts what went wrong in the envelope, in Chinese, instead of throwing", async () => {
    const missing = await processInput("/nonexistent/报告.pdf");
    expect(missing).toMatchObject({ sha256: null, size: null, format: null, reports: [], error: { code: "io", message: "文件不存在" } });
    const junk = await processInput({ bytes: new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0]), name: "x.bin" });
    expect(junk.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(junk.error?.code).not.toBe("internal");
    expect(junk.error?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("processMany", () => {
  it("yields one envelope per input, in the order given", async () => {
    const files = [EXAMPLE, "/nonexistent/a.txt", resolve(__dirname, "../examples/03-markdown-2021.md")];
    const got: string[] = [];
    for await (const env of processMany(files, { jobs: 2 })) got.push(`${env.file}:${env.error?.code ?? env.format}`);
    expect(got).toEqual([`${EXAMPLE}:text`, "/nonexistent/a.txt:io", `${files[2]}:markdown`]);
  });
});

describe("version", () => {
  it("is package.json's", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(resolve(__dirname, "../package.json"), "utf8")).version);
  });
});
