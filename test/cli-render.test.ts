import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/cli/write-file.js";
import { cli, ROOT } from "./support/cli.js";

/** `nianbao render FILE --to docx|html -o OUT`: the statutory document out of any report nianbao reads. */

const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = (name: string) => join(ROOT, "examples", name);
const out = (name: string) => join(dir, name);

/** The cells `nianbao parse` reads from a file. */
function cells(path: string): Record<string, number | null> {
  const r = cli(["parse", path]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).cells;
}

/** A usage error: exit 2, a Chinese message and none of commander's English, nothing written. */
function expectUsage(r: ReturnType<typeof cli>, words: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/error:|Error|\n\s+at /);
}

const leftovers = (d: string) => readdirSync(d).filter((f) => f.endsWith(".tmp"));

describe("nianbao render", () => {
  it("writes the official Word document of a text report; it reads back to the same cells", () => {
    const src = example("01-tab-row-2021.txt");
    const target = out("01.docx");
    const r = cli(["render", src, "--to", "docx", "-o", target]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`已写出 ${target}（Word 文档，法定版式）`);
    const docx = readFileSync(target);
    expect(docx.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(docx.includes(Buffer.from("word/footer1.xml"))).toBe(true);
    expect(cells(target)).toEqual(cells(src));
  });

  it("takes the format from the output's extension: .html is the fragment for a site's editor", () => {
    const src = example("09-docx-2021.docx");
    const target = out("09.html");
    const r = cli(["render", src, "-o", target]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(target, "utf8");
    expect(html.startsWith('<p style="')).toBe(true);
    expect(html).not.toMatch(/<html|<head|<style/);
    expect(cells(target)).toEqual(cells(src));
  });

  it("reads standard input and nianbao parse's JSON, and writes to standard output with -o -", () => {
    const json = cli(["parse", example("02-tab-cell-2019.txt")]).stdout;
    const r = cli(["render", "-", "--to", "html", "-o", "-"], json);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("临江镇人民政府<br />2020年政府信息公开工作年度报告");
    const plain = cli(["render", example("02-tab-cell-2019.txt"), "--profile", "plain", "-o", out("02-plain.docx")]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stderr).toContain("普通版式");
    expect(readFileSync(out("02-plain.docx")).includes(Buffer.from("word/footer1.xml"))).toBe(false);
  });

  it("says which cells the document leaves blank because the source could not decide them", () => {
    const r = cli(["render", example("08-collapsed-blanks-2019.txt"), "-o", out("08.docx")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/注意：\d+ 个单元格在原文中无法确定（例如数字连写），文档中留空/);
    const bad = cli(["render", example("11-problem-identity-2021.txt"), "-o", out("11.docx")]);
    expect(bad.status).toBe(0);
    expect(bad.stderr).toMatch(/报告有 \d+ 个“错误”级别的问题，文档照原样写出/);
  });

  it("usage errors exit 2 in Chinese", () => {
    const src = example("01-tab-row-2021.txt");
    expectUsage(cli(["render"]), /缺少要转换的报告文件/);
    expectUsage(cli(["render", src]), /缺少输出文件：用 -o 指定/);
    expectUsage(cli(["render", src, "-o", out("x.pdf")]), /无法从输出文件名“.*x\.pdf”判断格式/);
    expectUsage(cli(["render", src, "--to", "pdf", "-o", out("x.pdf")]), /--to 只能是 docx 或 html，收到“pdf”/);
    expectUsage(cli(["render", src, "--profile", "fancy", "-o", out("x.docx")]), /--profile 只能是 official 或 plain/);
    expectUsage(cli(["render", src, src, "-o", out("x.docx")]), /一次只能转换一份报告/);
    expectUsage(cli(["render", src, "--bogus", "-o", out("x.docx")]), /未知选项“--bogus”/);
    expectUsage(cli(["render", src, "--timeout", "soon", "-o", out("x.docx")]), /--timeout 需要一个正数/);
    expect(readdirSync(dir).filter((f) => f.startsWith("x."))).toEqual([]);
  });

  it("an unreadable input exits 2 with the reader's message and writes nothing", () => {
    const missing = cli(["render", out("nope.txt"), "-o", out("nope.docx")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.txt：文件不存在");
    writeFileSync(out("empty.txt"), "");
    expect(cli(["render", out("empty.txt"), "-o", out("empty.docx")]).stderr).toContain("文件是空的");
    writeFileSync(out("news.txt"), "今天天气晴朗，市民出游踊跃。\n");
    const news = cli(["render", out("news.txt"), "-o", out("news.docx")]);
    expect(news.status).toBe(2);
    expect(news.stderr).toMatch(/news\.txt：没有找到政府信息公开工作年度报告的内容/);
    expect(readdirSync(dir).filter((f) => /^(nope|empty|news)\.docx$/.test(f))).toEqual([]);
  });

  it("refuses to write over its input, by any name", () => {
    const src = out("self.txt");
    writeFileSync(src, readFileSync(example("01-tab-row-2021.txt")));
    const before = readFileSync(src);
    linkSync(src, out("self-link.txt"));
    symlinkSync(src, out("self-sym.txt"));
    for (const target of [src, join(dir, ".", "self.txt"), out("self-link.txt"), out("self-sym.txt")]) {
      const r = cli(["render", src, "--to", "html", "-o", target]);
      expect(r.status, target).toBe(2);
      expect(r.stderr).toContain("输出文件就是输入文件本身");
    }
    expect(readFileSync(src).equals(before)).toBe(true);
  });

  it("replaces an existing output whole, and leaves no temporary file when it cannot write", () => {
    const target = out("again.docx");
    writeFileSync(target, "old");
    expect(cli(["render", example("03-markdown-2021.md"), "-o", target]).status).toBe(0);
    expect(readFileSync(target).subarray(0, 2).toString("latin1")).toBe("PK");
    const noDir = cli(["render", example("03-markdown-2021.md"), "-o", join(dir, "missing", "r.docx")]);
    expect(noDir.status).toBe(2);
    expect(noDir.stderr).toContain("所在文件夹不存在");
    mkdirSync(out("folder.docx"));
    const folder = cli(["render", example("03-markdown-2021.md"), "-o", out("folder.docx")]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain("这是一个文件夹");
    expect(leftovers(dir)).toEqual([]);
  });

  it("writeFileAtomic removes its temporary file when the rename fails", async () => {
    const sub = out("atomic");
    mkdirSync(join(sub, "target"), { recursive: true });
    writeFileSync(join(sub, "target", "keep"), "x");
    await expect(writeFileAtomic(join(sub, "target"), new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect(readdirSync(sub)).toEqual(["target"]);
    await writeFileAtomic(join(sub, "ok.bin"), new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(sub, "ok.bin"))]).toEqual([1, 2, 3]);
    expect(leftovers(sub)).toEqual([]);
  });
});
