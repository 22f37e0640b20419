import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomReport } from "../src/generate/random-report.js";
import { render } from "../src/render/index.js";
import { BIN, cli } from "./support/cli.js";
import { reportText, requests2021 } from "./support/text-report.js";

// What the command line promises: usage mistakes exit 2 with a Chinese message for every
// command; file names are shown with their control characters escaped; JSON is written as it
// goes and stays what it was; JSON Lines is one report a line.

const dir = mkdtempSync(join(tmpdir(), "nianbao-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
/** A report with nothing wrong in it, of agency n. */
const report = (n: number) => reportText({ 3: requests2021(() => [0, 0, 0, 0, 0, 0, 0]) }, `测试${n}县人民政府2021年政府信息公开工作年度报告`);

describe("usage mistakes: exit 2, a Chinese message, nothing on stdout", () => {
  const a = file("a.txt", report(1));
  const cases: [string, string[], RegExp][] = [
    ["an unknown option", ["check", "--bogus", a], /未知选项“--bogus”/],
    ["an unknown output format", ["check", "--format", "xml", a], /选项 -f, --format <格式> 的取值“xml”无效，可选：text、json、jsonl/],
    ["no file", ["check"], /缺少参数：文件或文件夹/],
    ["a file name starting with -", ["check", "-x.txt"], /未知选项“-x\.txt”；如果这是文件名，请写在 -- 之后：nianbao check -- -x\.txt/],
    ["a time limit that is not a number", ["check", "--timeout", "abc", a], /选项 --timeout <秒> 的取值“abc”无效：需要一个正数/],
    ["a size limit below zero", ["parse", "--max-size", "-1", a], /选项 --max-size <MB> 的取值“-1”无效：需要一个正数/],
    ["no workers", ["check", "--jobs", "0", a], /选项 -j, --jobs <数量> 的取值“0”无效：需要一个正整数/],
    ["an option without its value", ["check", a, "--timeout"], /选项 --timeout <秒> 缺少取值/],
    ["an unknown option of parse", ["parse", "--nope", a], /未知选项“--nope”/],
    ["an unknown command", ["chekc", a], /未知命令“chekc”/],
    ["no command", [], /用法：/],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/error:|内部错误|\n\s+at /);
    });
  }

  it("a file named -x.txt is read when given after --", () => {
    writeFileSync(join(dir, "-x.txt"), report(2));
    const r = spawnSync(process.execPath, [BIN, "check", "--format", "json", "--", "-x.txt"], { cwd: dir, encoding: "utf8", env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).meta.file).toBe("-x.txt");
  });

  it("help and version exit 0", () => {
    expect(cli(["--help"]).status).toBe(0);
    expect(cli(["check", "--help"]).stdout).toMatch(/用法：\s*nianbao check/);
    expect(cli(["--version"]).status).toBe(0);
  });
});

describe("file names are shown, not obeyed", () => {
  const forged = "坏\n✗ 错误  伪造的一行\u001b[31m红.txt";

  it("in the message for a file that cannot be read, on one line", () => {
    const p = file(forged, "");
    const r = cli(["check", p]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("坏\\n✗ 错误  伪造的一行\\x1b[31m红.txt");
    expect(r.stderr).not.toContain("\u001b");
  });

  it("in the text output of a report", () => {
    const p = file(`${forged}2`, report(3));
    const r = cli(["check", "--no-tables", p]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("文件 ");
    expect(r.stdout).toContain("\\n✗ 错误  伪造的一行\\x1b[31m红.txt2");
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("✗ 错误  伪造"))).toEqual([]);
  });

  it("escaped by JSON in JSON output", () => {
    const p = file(`${forged}3`, report(4));
    const r = cli(["check", "--format", "json", p]);
    expect(JSON.parse(r.stdout).meta.file).toBe(p);
  });
});

describe("output formats", () => {
  const files = [file("j1.txt", report(5)), file("j2.txt", ""), file("j3.txt", report(6))];

  it("JSON for several files is an array written as it goes, laid out as JSON.stringify(…, null, 2) would", () => {
    const r = cli(["check", "--format", "json", ...files]);
    expect(r.status).toBe(2);
    const items = JSON.parse(r.stdout);
    expect(r.stdout).toBe(JSON.stringify(items, null, 2) + "\n");
    expect(items.map((x: { meta: { file: string } }) => x.meta.file)).toEqual(files);
    expect(items[1]).toMatchObject({ error: { code: "empty" } });
  });

  it("JSON Lines: one item a line, the same items", () => {
    const json = JSON.parse(cli(["check", "--format", "json", ...files]).stdout);
    const r = cli(["check", "--format", "jsonl", ...files]);
    expect(r.status).toBe(2);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l))).toEqual(json);
  });

  it("parse --format jsonl reads several files", () => {
    const r = cli(["parse", "--format", "jsonl", files[0]!, files[2]!]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).meta.agency)).toEqual(["测试5县人民政府", "测试6县人民政府"]);
  });

  it("text ends with the batch summary", () => {
    const r = cli(["check", "--no-tables", ...files]);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("共 3 份，0 份有错误，2 份只有警告，0 份未发现问题，1 份无法读取");
  });
});

describe("cross-year findings when the previous year comes much later", () => {
  it("are written after the reports, naming the report, in text and JSON", () => {
    const sub = join(dir, "years");
    mkdirSync(sub);
    const put = (name: string, agency: string, year: number, seed: number) =>
      writeFileSync(join(sub, name), render(randomReport(seed, { template: "2021", year, agency }), "tab-row"));
    // The later year first, then more files than the stream waits for, then the earlier year.
    put("a-2022.txt", "甲县人民政府", 2022, 1);
    for (let i = 0; i < 36; i++) put(`m-${String(i).padStart(2, "0")}.txt`, `其他${i}县人民政府`, 2022, 100 + i);
    put("z-2021.txt", "甲县人民政府", 2021, 2);

    const json = cli(["check", "--format", "json", sub]);
    const items = JSON.parse(json.stdout);
    expect(items).toHaveLength(39);
    const last = items[38];
    expect(last).toMatchObject({ meta: { file: join(sub, "a-2022.txt"), agency: "甲县人民政府", year: 2022 }, supplement: { kind: "years" } });
    expect(last.supplement.findings.length).toBeGreaterThan(0);
    expect(last.supplement.findings.every((f: { rule: string; message: string }) => f.rule.startsWith("years-") && /2021 年报告/.test(f.message))).toBe(true);
    // Nothing is lost: with everything read first, the same findings sit on the report itself.
    const inPlace = items[0].findings.filter((f: { rule: string }) => f.rule.startsWith("years-"));
    expect(inPlace).toEqual([]);

    const text = cli(["check", "--no-tables", sub]);
    expect(text.stdout).toContain("━━ 跨年度检查补充（上一年度的报告在这份报告之后才读到）");
    expect(text.stdout).toContain(`文件 ${join(sub, "a-2022.txt")} · 机关 甲县人民政府 · 2022 年度`);
  }, 120_000);
});
