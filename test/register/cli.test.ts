import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/register/index.js";
import { cli, ROOT } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "nianbao-register-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const HEADER = "登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期";
const good = file(
  "台账.csv",
  [
    HEADER,
    "2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20",
    "2025-002,2025-09-26,邮寄,商业企业,某某合同,,",
    "2025-003,2025-10-09,当面,自然人,某某批复,,",
    "2024-050,2024-12-30,网络,科研机构,某某数据,（四）1.本机关不掌握相关政府信息,2025-01-10",
  ].join("\n"),
);

/** Usage errors: exit 2, a Chinese message, nothing on stdout, no stack. */
function expectUsage(r: ReturnType<typeof cli>, words: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|error:/);
}

describe("nianbao register", () => {
  it("table: tables 3 and 4 in Chinese, and the ids behind each non-zero cell", () => {
    const r = cli(["register", "table", good, "--year", "2025"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("2025 年度表三、表四（由登记台账计算，2021 年版格式）");
    expect(r.stdout).toMatch(/一、本年新收政府信息公开申请数量\s+2\s+1\s+0\s+0\s+0\s+0\s+3\n/);
    expect(r.stdout).toMatch(/二、上年结转政府信息公开申请数量\s+0\s+0\s+1\s+0\s+0\s+0\s+1\n/);
    expect(r.stdout).toContain("（一）予以公开 · 自然人（1）：2025-001");
    expect(r.stdout).toContain("四、结转下年度继续办理 · 自然人（1）：2025-003");
    expect(r.stdout).toContain("（四）1.本机关不掌握相关政府信息 · 科研机构（1）：2024-050");
    expect(r.stdout).toContain("规则检查 0 个错误");
  });

  it("table --format json: canonical keys and sources", () => {
    const r = cli(["register", "table", good, "--year", "2025", "-f", "json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cells["requests.carried_forward.total"]).toBe(2);
    expect(out.sources["requests.carried_forward.total"]).toEqual(["2025-002", "2025-003"]);
    expect(out.meta).toMatchObject({ year: 2025, template: "2021" });
    expect(out.findings.filter((f: { severity: string }) => f.severity === "error")).toEqual([]);
  });

  it("due: overdue and due soon as of a given day", () => {
    const r = cli(["register", "due", good, "--today", "2025-11-03", "--within", "3"]);
    expect(r.status).toBe(0);
    // 2025-002: received 9-26, due 10-30 (see deadline.test.ts); 10-31 and 11-3 are past it.
    expect(r.stdout).toMatch(/已逾期（1 件）：\n\s+2025-002\s+收到 2025-09-26\s+期限 2025-10-30\s+已逾期 2 个工作日/);
    // 2025-003: received 10-9, due 11-5.
    expect(r.stdout).toMatch(/即将到期（1 件）：\n\s+2025-003\s+收到 2025-10-09\s+期限 2025-11-05\s+还剩 2 个工作日/);
  });

  it("import: a summary, or every row error and nothing imported (exit 2)", () => {
    const ok = cli(["register", "import", good]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("台账.csv：共 4 条登记，全部有效");
    const bad = file("坏台账.csv", [HEADER, "1,2025-02-30,网络,自然人,x,,", "2,2025-03-05,网络,自然人,x,予以公开,2025-03-01"].join("\n"));
    const r = cli(["register", "import", bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "nianbao：坏台账.csv：第 2 行：“收到申请日期”2025-02-30 不是真实存在的日期",
      "nianbao：坏台账.csv：第 3 行：答复日期 2025-03-01 早于收到申请日期 2025-03-05",
      "nianbao：坏台账.csv：共 2 处错误，未导入任何登记",
    ]);
  });

  it("usage errors exit 2 with a Chinese message", () => {
    expectUsage(cli(["register", "table", good]), /缺少必需的选项 --year/);
    expectUsage(cli(["register", "table", good, "--year", "明年"]), /选项 --year <年度> 的取值“明年”无效：不是有效的年度/);
    expectUsage(cli(["register", "due", good, "--today", "2025-02-30"]), /不是有效的日期/);
    expectUsage(cli(["register", "due", good, "--within", "-1"]), /应是 0 或正整数/);
    expectUsage(cli(["register", "import"]), /缺少参数：台账文件/);
    expectUsage(cli(["register", "bogus"]), /未知命令 register bogus（可用的命令：import、export、table、due、template）/);
    expectUsage(cli(["register"]), /校验导入、计算表三表四/);
    expectUsage(cli(["register", "due", good, "--bogus"]), /未知选项“--bogus”/);
    expectUsage(cli(["register", "due", join(dir, "没有这个文件.xlsx")]), /没有这个文件\.xlsx：文件不存在/);
    expectUsage(cli(["register", "due", good, "--calendar", file("坏日历.json", "{\"year\": 2027, \"holidays\": [\"2027-13-01\"]}")]), /日历文件 .*坏日历\.json：holidays 第 1 项/);
  });

  it("due: a calendar file given on the command line is used", () => {
    const apps = file("年末.csv", [HEADER, "2026-900,2026-12-10,网络,自然人,某某文件,,"].join("\n"));
    const unknown = cli(["register", "due", apps, "--today", "2026-12-20"]);
    expect(unknown.stdout).toMatch(/无法计算期限（1 件）：\n\s+2026-900 .*期限落在 2027 年/);
    const cal = file("2027.json", JSON.stringify({ year: 2027, source: "测试用", holidays: ["2027-01-01"] }));
    const known = cli(["register", "due", apps, "--today", "2027-01-05", "--calendar", cal]);
    expect(known.stdout).toMatch(/即将到期（1 件）：\n\s+2026-900 .*期限 2027-01-08\s+还剩 3 个工作日/);
  });

  it("due: a calendar file put in the package's data/calendar folder is read", () => {
    const apps = file("年末2.csv", [HEADER, "2026-901,2026-12-10,网络,自然人,某某文件,,"].join("\n"));
    // Removed at once: the other tests of this file count on 2027 being unknown.
    const added = join(ROOT, "data/calendar", `zz-test-${process.pid}.json`);
    writeFileSync(added, JSON.stringify({ year: 2027, source: "测试用", holidays: ["2027-01-01"] }));
    try {
      const r = cli(["register", "due", apps, "--today", "2027-01-05"]);
      expect(r.stdout).toMatch(/即将到期（1 件）：\n\s+2026-901 .*期限 2027-01-08\s+还剩 3 个工作日/);
    } finally {
      rmSync(added, { force: true });
    }
  });

  it("template: writes the file, refuses to overwrite without --force", async () => {
    const out = join(dir, "模板.xlsx");
    const r = cli(["register", "template", "-o", out]);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    const imported = await importRegister(new Uint8Array(readFileSync(out)), "模板.xlsx");
    expect(imported.ok && imported.applications.length).toBe(1);
    expectUsage(cli(["register", "template", "-o", out]), /已存在；要覆盖请加 --force/);
    expect(cli(["register", "template", "-o", out, "--force"]).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("export: a register file saved as the other format, refused for a broken file or an unknown extension", async () => {
    const out = join(dir, "另存.xlsx");
    const r = cli(["register", "export", good, "-o", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`已导出台账：${out}（4 条登记）\n`);
    const [a, b] = await Promise.all([importRegister(new Uint8Array(readFileSync(good)), "台账.csv"), importRegister(new Uint8Array(readFileSync(out)), "另存.xlsx")]);
    expect(b.ok && b.applications).toEqual(a.ok && a.applications);
    const bad = file("坏.csv", [HEADER, "1,2025-02-30,网络,自然人,x,,"].join("\n"));
    const refused = cli(["register", "export", bad, "-o", join(dir, "坏.xlsx")]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("第 2 行：“收到申请日期”2025-02-30 不是真实存在的日期");
    expect(existsSync(join(dir, "坏.xlsx"))).toBe(false);
    expectUsage(cli(["register", "export", good, "-o", join(dir, "台账.txt")]), /扩展名应是 \.xlsx 或 \.csv/);
    expectUsage(cli(["register", "export", good]), /缺少必需的选项/);
    expectUsage(cli(["register", "export", "-o", join(dir, "x.csv")]), /--agency/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("reading XLSX leaves no temporary file, even for a damaged one", () => {
    const tmp = mkdtempSync(join(tmpdir(), "nianbao-tmpdir-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      // Saved by LibreOffice Calc: the worksheets come before the shared strings in the archive.
      const resaved = resolve(ROOT, "test/fixtures/register/libreoffice-resaved.xlsx");
      const ok = cli(["register", "import", resaved]);
      expect(ok.stdout).toContain("共 2 条登记，全部有效");
      const bytes = readFileSync(resaved);
      const broken = file("截断.xlsx", bytes.subarray(0, bytes.length - 300));
      expectUsage(cli(["register", "import", broken]), /截断\.xlsx：文件已损坏或不完整/);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      process.env.TMPDIR = saved;
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
