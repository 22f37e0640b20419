import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomReport } from "../../src/generate/random-report.js";
import { reportToJson } from "../../src/report/json.js";
import { cli } from "../support/cli.js";

const A = "examples/14-problem-years-2021.txt";
const B = "examples/15-problem-years-2022.txt";
const dir = mkdtempSync(join(tmpdir(), "nianbao-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("nianbao diff", () => {
  it("prints both reports, the changed cells by table, the cross-year identities and the sections", () => {
    const r = cli(["diff", A, B]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain("梅岭县人民政府 2021 年度 → 2022 年度（相邻两年）");
    expect(out).toContain(`A ${A}`);
    expect(out).toContain(`B ${B}`);
    expect(out).toMatch(/── 三、收到和处理政府信息公开申请情况（\d+ 处变化）/);
    // A changed cell under its row, with both values and the change.
    expect(out).toMatch(/一、本年新收政府信息公开申请数量\n\s+≠ 自然人\s+222 → 319\s+\+97（\+43\.7%）/);
    // The planted break: 上年结转 (自然人) is 3 more than last year's 结转下年度; both sides shown.
    expect(out).toMatch(/✗ 表三“自然人”列\s+本年“二、上年结转政府信息公开申请数量” 3 ≠ 上年“四、结转下年度继续办理” 0，相差 3/);
    expect(out).toMatch(/✓ 表三“商业企业”列/);
    expect(out).toMatch(/✓ 表二“规章”\s+本年现行有效件数 48 ＝ 上年现行有效件数 50 \+ 本年制发件数 3 − 本年废止件数 5 = 48/);
    expect(out).toMatch(/五、存在的主要问题及改进情况\s+相似度\s+\d+%/);
    expect(out).toContain("结论：");
  });

  it("--all lists unchanged cells too", () => {
    const changed = cli(["diff", A, B]).stdout.split("\n").length;
    const all = cli(["diff", "--all", A, B]);
    expect(all.status).toBe(0);
    expect(all.stdout.split("\n").length).toBeGreaterThan(changed);
    expect(all.stdout).toMatch(/其他结果\s+0 → 0\s+不变/);
  });

  it("--format json gives the comparison object with raw texts and word diffs", () => {
    const r = cli(["diff", "--format", "json", A, B]);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.before).toMatchObject({ year: 2021, file: A });
    expect(c.cells.find((x: { key: string }) => x.key === "requests.new_received.natural_person")).toMatchObject({ before: { value: 222 }, after: { value: 319 }, kind: "changed" });
    expect(c.identities.filter((x: { holds: boolean }) => x.holds === false)).toHaveLength(2);
    const s5 = c.sections.find((s: { no: number }) => s.no === 5);
    expect(typeof s5.after).toBe("string");
    expect(s5.diff.map((o: { op: string; text: string }) => (o.op === "delete" ? "" : o.text)).join("")).toBe(s5.after);
  });

  it("reads canonical JSON, and compares across templates", () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    writeFileSync(a, JSON.stringify(reportToJson(randomReport(1, { template: "2019", year: 2020, agency: "临江县人民政府" }))));
    writeFileSync(b, JSON.stringify(reportToJson(randomReport(2, { template: "2021", year: 2021, agency: "临江县人民政府" }))));
    const r = cli(["diff", a, b]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("两份报告的格式不同（2019 年版 → 2021 年版）");
    expect(r.stdout).toContain("表二 第二十条第（九）项：A（2019 年版格式）的“政府集中采购”行，B 没有对应");
    expect(r.stdout).toMatch(/（六）其他处理（B 为 3 行之和）/);
  });

  it("bad usage exits 2 with a Chinese message", () => {
    for (const args of [["diff"], ["diff", A], ["diff", A, B, B], ["diff", "--format", "xml", A, B], ["diff", "--bogus", A, B], ["diff", "-", "-"]]) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout, args.join(" ")).toBe("");
      expect(r.stderr, args.join(" ")).toMatch(/缺少参数|参数过多|无效|未知选项|标准输入/);
      expect(r.stderr, args.join(" ")).not.toMatch(/error:|Error|\n\s+at /);
    }
  });

  it("an unreadable input exits 2 with the reader's message, naming the file, nothing on stdout", () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const r = cli(["diff", A, empty]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("empty.txt：文件是空的");
    const missing = cli(["diff", join(dir, "nope.txt"), B]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("nope.txt：文件不存在");
  });

  it("a file with several reports is refused: diff compares one with one", () => {
    const many = join(dir, "many.json");
    writeFileSync(many, JSON.stringify([1, 2].map((s) => reportToJson(randomReport(s, { template: "2021" })))));
    const r = cli(["diff", many, B]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("文件中有 2 份报告");
  });
});
