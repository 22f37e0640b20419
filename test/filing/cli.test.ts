import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/register/index.js";
import { render } from "../../src/render/index.js";
import { cli } from "../support/cli.js";
import { lastYear } from "./support.js";

// The register and filing commands on a store, through the built CLI.

const dir = mkdtempSync(join(tmpdir(), "nianbao-filing-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const db = join(dir, "库.db");
const AGENCY = "白沙县人民政府";
const HEADER = "登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期";
const register = file("台账.csv", [HEADER, "2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20", "2025-002,2025-09-26,邮寄,商业企业,某某合同,,", "2024-050,2024-12-30,网络,科研机构,某某数据,（四）1.本机关不掌握相关政府信息,2025-01-10"].join("\n"));
const broken = file("坏台账.csv", [HEADER, "2025-001,2025-02-30,网络,自然人,某某文件,,", "2025-009,2025-03-05,邮寄,商业企业,某某文件,已答复,2025-03-20"].join("\n"));

function ok(r: ReturnType<typeof cli>) {
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("nianbao register … --db", () => {
  it("import stores the register for an agency; a broken file stores nothing", () => {
    expect(ok(cli(["register", "import", register, "--db", db, "--agency", AGENCY]))).toContain(`已导入 台账.csv：3 条登记，存为“${AGENCY}”（编号 1，新建的机关）的台账`);
    const bad = cli(["register", "import", broken, "--db", db, "--agency", AGENCY]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      [
        "nianbao：坏台账.csv：第 2 行：“收到申请日期”2025-02-30 不是真实存在的日期",
        "nianbao：坏台账.csv：第 3 行：“办理结果”已答复 不是 2025 年度所用格式（2021 年版格式）表三的办理结果（可选值见模板的“选项”页）",
        "nianbao：坏台账.csv：共 2 处错误，未导入任何登记（数据库中原有的台账没有改动）",
        "",
      ].join("\n"),
    );
    const t = ok(cli(["register", "table", "--db", db, "--agency", AGENCY, "--year", "2025"]));
    expect(t).toContain(`机关：${AGENCY}（报告库中的台账，计入 3 条登记）`);
    expect(t).toContain("（一）予以公开 · 自然人（1）：2025-001");
    expect(t).toContain("二、上年结转政府信息公开申请数量 · 科研机构（1）：2024-050");
    const json = JSON.parse(ok(cli(["register", "table", "--db", db, "--agency", AGENCY, "--year", "2025", "-f", "json"])));
    expect(json.sources["requests.carried_forward.commercial"]).toEqual(["2025-002"]);
    const due = ok(cli(["register", "due", "--db", db, "--today", "2025-11-03"]));
    expect(due).toContain(`== ${AGENCY} ==`);
    expect(due).toMatch(/2025-002\s+收到 2025-09-26\s+期限 2025-10-30\s+已逾期 2 个工作日/);
    // Without --db, import validates and summarises as before.
    expect(ok(cli(["register", "import", register]))).toContain("台账.csv：共 3 条登记，全部有效");
  });

  it("export writes the stored register as XLSX or CSV; it imports back to the same applications", async () => {
    const xlsx = join(dir, "导出.xlsx");
    expect(ok(cli(["register", "export", "--db", db, "--agency", AGENCY, "-o", xlsx]))).toBe(`已导出“${AGENCY}”的台账：${xlsx}（3 条登记）\n`);
    const csv = join(dir, "导出.csv");
    ok(cli(["register", "export", "--db", db, "--agency", AGENCY, "-o", csv]));
    const from = await importRegister(new Uint8Array(readFileSync(register)), "台账.csv");
    for (const out of [xlsx, csv]) {
      const back = await importRegister(new Uint8Array(readFileSync(out)), out);
      expect(back.ok && back.applications).toEqual(from.ok && from.applications);
    }
    expect(readFileSync(csv, "utf8").split("\r\n")[0]).toMatch(/^\ufeff登记编号,收到申请日期,提交方式,申请人类型,/);
    // An agency without a register, and an existing file: exit 2, nothing written.
    const none = cli(["register", "export", "--db", db, "--agency", "没有台账的机关", "-o", join(dir, "无.csv")]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^nianbao：/);
    expect(existsSync(join(dir, "无.csv"))).toBe(false);
    const again = cli(["register", "export", "--db", db, "--agency", AGENCY, "-o", csv]);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`nianbao：${csv} 已存在；要覆盖请加 --force\n`);
    ok(cli(["register", "export", "--db", db, "--agency", AGENCY, "-o", csv, "--force"]));
  });

  it("usage: --agency without --db, a file and --db together, --db without --agency", () => {
    for (const args of [
      ["register", "import", register, "--agency", AGENCY],
      ["register", "table", register, "--db", db, "--year", "2025"],
      ["register", "table", "--db", db, "--year", "2025"],
      ["register", "import", register, "--db", db],
      ["register", "export", register, "--db", db, "-o", join(dir, "x.csv")],
      ["register", "export", "--db", db, "-o", join(dir, "x.csv")],
    ]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^nianbao：.*(--db|--agency)/);
    }
  });
});

describe("nianbao filing", () => {
  const prev = lastYear("2021", 2024, AGENCY, { "requests.carried_forward.natural_person": 2, "active.regulations.in_force": 12 }, 41);
  const prevFile = file("2024年报.docx", render(prev, "docx", { profile: "official" }));
  const out = join(dir, "年报.docx");
  const by = ["--by", "张三"];
  const where = ["--db", db, "--agency", AGENCY, "--year", "2025"];

  it("new: pre-filled from last year's report and the register, saying what came from where", () => {
    ok(cli(["import", prevFile, "--db", db]));
    const r = ok(cli(["filing", "new", ...where, ...by]));
    expect(r).toContain(`已新建草稿：${AGENCY}2025年政府信息公开工作年度报告（2021 年版格式，第 1 版，草稿编号 1）`);
    expect(r).toMatch(/上一年度报告：报告编号 1，.*2024年报\.docx（2024 年度，2021 年版格式）/);
    expect(r).toContain("由登记台账计算（1）：\n  表三、表四由依申请公开登记台账计算（台账中 3 条登记）");
    expect(r).toContain("规章 · 现行有效件数：随填写自动计算，本年现行有效件数 = 上年现行有效件数（2024 年报告：12） + 本年制发件数 − 本年废止件数");
    // The register counted 0 carried over for 自然人; last year's report said 2.
    expect(r).toContain("二、上年结转政府信息公开申请数量 · 自然人：台账计算为 0，2024 年报告（本年“二” = 上年“四”）为 2，不一致；检查时会提示");
    const again = cli(["filing", "new", ...where]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/已有草稿（第 1 版，张三 于 .* 保存）；要重新生成请加 --replace/);
  });

  it("set and paste; check exits 1 on an error and submit refuses, listing it; after the fix it is accepted", () => {
    const set = ok(cli(["filing", "set", ...where, ...by, "active.regulations.issued=3", "active.regulations.repealed=1", "requests.granted.total=9"]));
    expect(set).toContain("已保存为第 2 版：3 个单元格");
    expect(set).toContain("自动计算：现行有效件数（active.regulations.in_force）= 14");
    const block = file("块.tsv", "行政规范性文件\t2\t0\t20\n");
    expect(ok(cli(["filing", "paste", ...where, ...by, "--at", "active.normative_docs.issued", block]))).toContain("已粘贴 1 行 × 3 列（略去 1 列行标签），保存为第 3 版");
    const tooBig = cli(["filing", "paste", ...where, "--at", "active.normative_docs.in_force", block]);
    expect(tooBig.status).toBe(2);
    expect(tooBig.stderr).toContain("放不下（超出表格右边）（没有粘贴任何内容）");

    const check = cli(["filing", "check", ...where]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("✗ 错误：表三“（一）予以公开”行：总计 = 9，自然人+法人或其他组织 = 1，相差 8");
    expect(check.stdout).toMatch(/\d+ 个错误，\d+ 个警告；改正错误后才能提交/);
    const refused = cli(["filing", "submit", ...where, ...by]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^nianbao：草稿有 \d+ 个错误，未提交：\n  ✗ 错误：/);
    expect(refused.stderr).toContain("表三“（一）予以公开”行：总计 = 9");
    expect(ok(cli(["list", "--db", db]))).toContain("共 1 份报告");

    ok(cli(["filing", "set", ...where, ...by, "requests.granted.total=1"]));
    expect(cli(["filing", "check", ...where]).stdout).toMatch(/0 个错误，\d+ 个警告；可以提交/);
    const sub = ok(cli(["filing", "submit", ...where, "--by", "王五"]));
    expect(sub).toMatch(new RegExp(`^已提交：${AGENCY}2025年政府信息公开工作年度报告\\.docx 存入报告库（报告编号 2，草稿第 4 版）`));
    expect(ok(cli(["list", "--db", db]))).toContain("共 2 份报告");
  });

  it("render: the statutory DOCX of the draft, which nianbao reads back to the same cells", () => {
    expect(ok(cli(["filing", "render", ...where, "-o", out]))).toContain(`已写出 ${out}（法定版式 Word 文档，草稿第 4 版`);
    const back = JSON.parse(ok(cli(["parse", out])));
    const draft = JSON.parse(ok(cli(["filing", "check", ...where, "-f", "json"])));
    expect(back.cells).toEqual(draft.cells);
    expect(back.meta).toMatchObject({ agency: AGENCY, year: 2025, template: "2021" });
    expect(readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
    const exists = cli(["filing", "render", ...where, "-o", out]);
    expect(exists.status).toBe(2);
    expect(exists.stderr).toContain("已存在；要覆盖请加 --force");
    expect(ok(cli(["filing", "render", ...where, "-o", join(dir, "片段.html")]))).toContain("网页片段");
    expect(existsSync(join(dir, "片段.html"))).toBe(true);
  });

  it("usage and refusals are Chinese, exit 2", () => {
    for (const [args, words] of [
      [["filing", "new", "--db", db, "--year", "2025"], /缺少必需的选项 --agency/],
      [["filing", "check", "--db", db, "--agency", AGENCY, "--year", "2031"], /还没有 2031 年度的草稿（用 nianbao filing new 新建）/],
      [["filing", "set", ...where, "active.procurement.amount=1"], /2021 年版格式没有单元格“active.procurement.amount”/],
      [["filing", "check", "--db", db, "--agency", "没有这个机关", "--year", "2025"], /没有找到机关“没有这个机关”/],
      [["filing", "frobnicate"], /未知命令/],
    ] as const) {
      const r = cli([...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(words);
      expect(r.stderr).not.toMatch(/\n\s+at |TypeError/);
    }
  });
});
