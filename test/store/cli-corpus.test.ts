import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSoffice } from "../../src/readers/doc/soffice.js";
import { cli } from "../support/cli.js";
import { reportFile, writeFiles } from "../support/store.js";

// The corpus commands as a user runs them, on the default engine (SQLite): import, list,
// agency, export — and the exported workbook opened by LibreOffice.

let dir = "";
let db = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-corpus-cli-"));
  db = join(dir, "corpus.db");
  writeFiles(dir, [
    { ...reportFile(1, { template: "2021", year: 2023, agency: "洪泽区人民政府" }), name: "洪泽2023.txt" },
    { ...reportFile(2, { template: "2021", year: 2024, agency: "淮安市洪泽区人民政府", format: "html" }), name: "洪泽2024.html" },
    { ...reportFile(3, { template: "2021", year: 2024, agency: "淮安市人民政府" }), name: "淮安2024.txt" },
  ]);
  writeFileSync(join(dir, "说明.pdf.bak"), "not a report");
  writeFileSync(join(dir, "坏文件.txt"), "只有一句话，不是报告。");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("nianbao import / list / agency / export", () => {
  it("imports a folder, notes what it skipped and what it could not read, and resumes", () => {
    const r = cli(["import", dir, "--db", db]);
    expect(r.stderr).toContain("跳过 1 个不是报告格式的文件");
    expect(r.stderr).toMatch(/坏文件\.txt：.*[\u4e00-\u9fff]/);
    expect(r.stdout).toContain("导入 3 个文件（3 份报告），1 个无法识别为报告（原因已存入数据库，重新运行时不再重试；要重试请加 --retry-failed）");
    expect(r.stdout).toMatch(/中共有 2 个机关的 3 份报告/);
    expect(r.status).toBe(2);
    const again = cli(["import", dir, "--db", db]);
    expect(again.stdout).toContain("导入 0 个文件（0 份报告），跳过已导入的 4 个");
    expect(again.status).toBe(0);
  });

  it("lists reports as a Chinese table, with filters", () => {
    const r = cli(["list", "--db", db, "--agency", "洪泽"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/编号\s+机关\s+年度\s+格式\s+错误\s+警告\s+文件/);
    expect(r.stdout).toMatch(/淮安市洪泽区人民政府\s+2023/);
    expect(r.stdout).toMatch(/淮安市洪泽区人民政府\s+2024/);
    expect(r.stdout).toContain("共 2 份报告");
    expect(cli(["list", "--db", db, "--year", "2030"]).stdout).toContain("没有符合条件的报告");
  });

  it("splits, merges and lists agencies, and loads regions", () => {
    const split = cli(["agency", "split", "淮安市洪泽区人民政府", "洪泽区人民政府", "--db", db]);
    expect(split.status).toBe(0);
    expect(split.stdout).toMatch(/已拆分：淮安市洪泽区人民政府（编号 \d+，年度 2024）和 洪泽区人民政府（编号 \d+，年度 2023）/);
    const merged = cli(["agency", "merge", "淮安市洪泽区人民政府", "洪泽区人民政府", "--db", db]);
    expect(merged.stdout).toMatch(/已合并：淮安市洪泽区人民政府（编号 \d+），名称：.*洪泽区人民政府.*；年度：2023、2024/);
    const csv = join(dir, "regions.csv");
    writeFileSync(csv, "\ufeff机关,行政区划代码,上级机关,层级\r\n淮安市人民政府,320800000000,,市级\r\n淮安市洪泽区人民政府,320813000000,淮安市人民政府,县级\r\n");
    expect(cli(["agency", "import", csv, "--db", db]).stdout).toContain("已导入 2 个机关的行政区划");
    const list = cli(["agency", "list", "--db", db]);
    expect(list.stdout).toMatch(/淮安市洪泽区人民政府\s+洪泽区人民政府\s+320813000000\s+县级\s+淮安市人民政府\s+2023、2024/);
    const bad = cli(["agency", "merge", "没有这个机关", "淮安市人民政府", "--db", db]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("没有找到机关“没有这个机关”");
    expect(cli(["list", "--db", db, "--region", "320813"]).stdout).toContain("共 2 份报告");
  });

  it("exports 问题清单.xlsx that LibreOffice opens, and CSV with a BOM", () => {
    const xlsx = join(dir, "问题清单.xlsx");
    const csv = join(dir, "数据.csv");
    const r = cli(["export", "--db", db, "--problems", xlsx, "--data", csv]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/问题清单：.*问题清单\.xlsx（\d+ 份报告的 \d+ 条问题）/);
    expect(readFileSync(csv, "utf8").startsWith("\ufeff报告编号,机关,报告中的机关名称,年度")).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".part"))).toEqual([]);
    const soffice = findSoffice();
    if (!soffice) {
      if (process.env.CI === "true") throw new Error("LibreOffice is needed under CI");
      return;
    }
    const out = join(dir, "lo");
    execFileSync(soffice, ["--headless", "--norestore", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, xlsx], { stdio: "ignore", timeout: 120_000, env: { ...process.env, HOME: dir, TMPDIR: dir } });
    const text = readFileSync(join(out, "问题清单.csv"), "utf8");
    const lines = text.trim().split("\n");
    expect(lines[0]).toMatch(/^机关,年度,文件,级别,问题类型,表格,行,列,问题说明,公式,/);
    expect(lines.some((l) => /^淮安市洪泽区人民政府,2024,.*,警告,.*三、收到和处理政府信息公开申请情况/.test(l))).toBe(true);
  }, 180_000);

  it("says what to export when nothing is named", () => {
    const r = cli(["export", "--db", db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("请指定要导出的内容");
  });

  it("an export into a folder that does not exist leaves nothing behind", async () => {
    const r = cli(["export", "--db", db, "--data", join(dir, "no-such", "数据.csv")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/无法写入文件/);
    expect(existsSync(join(dir, "no-such"))).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "问题清单.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["问题清单", "汇总"]);
  });
});

