import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";
import { reportText, requests2021 } from "./support/text-report.js";

const dir = mkdtempSync(join(tmpdir(), "nianbao-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** What a user must see for input that cannot be read: exit 2, a Chinese message naming the file, no stack, nothing on stdout. */
function expectUnreadable(r: ReturnType<typeof cli>, name: string, words: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(name);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|TypeError/);
}

describe("bad input gets a clear message and exit 2", () => {
  it("empty file", () => {
    const p = file("empty.txt", "");
    expectUnreadable(cli(["check", "--format", "json", p]), "empty.txt", /文件是空的/);
  });

  it("binary garbage", () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const p = file("garbage.bin", bytes);
    expectUnreadable(cli(["check", p]), "garbage.bin", /不是文本文件|无法识别/);
  });

  it("a web page that is not a report", () => {
    const p = file("news.html", "<!doctype html><html><head><meta charset=utf-8><title>新闻</title></head><body><nav>首页 | 新闻</nav><p>今天天气晴朗，市民出游踊跃。</p></body></html>");
    expectUnreadable(cli(["check", p]), "news.html", /没有找到政府信息公开工作年度报告/);
  });

  it("a 50 MB file, refused before it is read", () => {
    const p = file("huge.txt", "");
    truncateSync(p, 50 * 1024 * 1024);
    const r = cli(["check", p]);
    expectUnreadable(r, "huge.txt", /文件太大（50\.0 MB）/);
  });

  it("invalid encoding", () => {
    const bytes = new Uint8Array(2000).map((_, i) => (i % 2 ? 0xff : 0x80));
    const p = file("bad-encoding.txt", bytes);
    expectUnreadable(cli(["check", p]), "bad-encoding.txt", /编码|不是文本文件/);
  });

  it("a file that does not exist", () => {
    expectUnreadable(cli(["parse", join(dir, "nope.txt")]), "nope.txt", /文件不存在/);
  });

  it("one bad file among good ones: the others are still reported, aligned with the inputs", () => {
    const good = file("good.txt", reportText({ 3: requests2021(() => [0, 0, 0, 0, 0, 0, 0]) }));
    const bad = file("empty2.txt", "");
    const r = cli(["check", "--format", "json", good, bad]);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0].meta.file).toBe(good);
    expect(out[1]).toMatchObject({ meta: { file: bad }, error: { code: "empty" } });
    expect(r.stderr).toContain("empty2.txt");
  });
});

describe("parse and check", () => {
  it("reads standard input with -", () => {
    const r = cli(["parse", "-"], reportText({ 3: requests2021(() => [1, 0, 0, 0, 0, 0, 1]) }));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.meta.file).toBe("标准输入");
    expect(out.cells["requests.granted.total"]).toBe(1);
  });

  it("exit 1 and a Chinese explanation when an identity fails", () => {
    const p = file("broken.txt", reportText({ 3: requests2021((i) => (i === 2 ? [3, 0, 0, 0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0])) }));
    const r = cli(["check", p]);
    expect(r.status).toBe(1);
    const line = r.stdout.split("\n").find((l) => l.includes("（一）予以公开") && l.includes("错误"));
    expect(line).toMatch(/总计 = 0/);
    expect(line).toMatch(/= 3/);
    expect(line).toMatch(/相差 3/);
  });

  it("help is in Chinese", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("检查报告");
  });
});
