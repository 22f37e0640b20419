import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomReport } from "../src/generate/random-report.js";
import type { Report } from "../src/model/report.js";
import { reportToJson } from "../src/report/json.js";
import { cli } from "./support/cli.js";
import { missing } from "./support/requires.js";
import { HAS_SHARED, SHARED } from "./support/shared.js";
import { REVIEW_HEADER, reportText, requests2021, row } from "./support/text-report.js";

// `nianbao check` as a user runs it: the built CLI on canonical JSON, several files of one
// agency, a folder, a text report; findings in Chinese; exit 0 / 1 / 2.

const dir = mkdtempSync(join(tmpdir(), "nianbao-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function save(name: string, content: string | object): string {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

interface Out {
  meta: { file?: string; year: number };
  cells: Record<string, number | null>;
  findings: { rule: string; severity: string; message: string; cells: string[]; formula?: string; left?: number; right?: number; difference?: number }[];
}

const json = (stdout: string) => JSON.parse(stdout) as Out | Out[];
const errors = (o: Out) => o.findings.filter((f) => f.severity === "error");

/** A consistent report as `nianbao parse` would print it. */
function consistent(seed: number, over: { year?: number; agency?: string } = {}): Report {
  return randomReport(seed, { template: "2021", year: 2022, zeroRate: 0.3, ...over });
}

describe("nianbao check on canonical report JSON", () => {
  it("a consistent report: no error, exit 0, cells echoed", () => {
    const r = consistent(1);
    const p = save("ok.json", reportToJson(r));
    const res = cli(["check", "--format", "json", p]);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const out = json(res.stdout) as Out;
    expect(out.cells).toEqual(r.cells);
    expect(errors(out)).toEqual([]);
  });

  it("a broken identity: exit 1, the finding cites the cells with both sides and the difference", () => {
    const r = consistent(2);
    r.cells["requests.new_received.natural_person"] = (r.cells["requests.new_received.natural_person"] as number) + 3;
    r.cells["requests.new_received.total"] = (r.cells["requests.new_received.total"] as number) + 3;
    const p = save("broken.json", reportToJson(r));

    const res = cli(["check", "--format", "json", p]);
    expect(res.status).toBe(1);
    const f = errors(json(res.stdout) as Out).find((x) => x.rule === "requests-column-balance" && x.cells.includes("requests.new_received.natural_person"))!;
    expect(f.message).toMatch(/^表三“自然人”列：一\+二 = \d+，（七）总计\+四 = \d+，相差 3$/);
    expect(f).toMatchObject({ formula: "一+二 = （七）总计+四", difference: 3 });

    const text = cli(["check", "--no-tables", p]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("── 三、收到和处理政府信息公开申请情况");
    expect(text.stdout).toMatch(/✗ 错误 {2}表三“总计”列：一\+二 = \d+，（七）总计\+四 = \d+，相差 3/);
    expect(text.stdout).toContain("公式 一+二 = （七）总计+四");
    expect(text.stdout).toContain("[requests-column-balance]");
  });

  it("minimal form data (meta and a few cells) is checked too", () => {
    const p = save("form.json", {
      meta: { template: "2021", year: 2023, agency: "测试局" },
      cells: { "review.reconsideration.upheld": 10, "review.reconsideration.corrected": 1, "review.reconsideration.other": 0, "review.reconsideration.pending": 0, "review.reconsideration.total": 0 },
    });
    const res = cli(["check", "--format", "json", p]);
    expect(res.status).toBe(1);
    const out = json(res.stdout) as Out;
    expect(errors(out).map((f) => f.message)).toEqual(["表四“行政复议”：总计 = 0，结果维持+结果纠正+其他结果+尚未审结 = 11，相差 11"]);
    // What the form lacks is said, not guessed.
    expect(out.findings.some((f) => f.rule === "cells-missing" && f.severity === "warning")).toBe(true);
  });
});

describe("nianbao check on several reports of one agency", () => {
  // The same body, named with and without its city, two consecutive years.
  const y2021 = consistent(3, { year: 2021, agency: "临江市青山区人民政府" });
  const y2022 = consistent(4, { year: 2022, agency: "青山区人民政府" });
  for (const c of ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]) {
    y2022.cells[`requests.carried_over.${c}`] = y2021.cells[`requests.carried_forward.${c}`]!;
    y2022.cells[`requests.new_received.${c}`] = (y2022.cells[`requests.total.${c}`] as number) + (y2022.cells[`requests.carried_forward.${c}`] as number) - (y2022.cells[`requests.carried_over.${c}`] as number);
  }
  for (const row of ["regulations", "normative_docs"]) {
    const k = (c: string) => `active.${row}.${c}`;
    y2022.cells[k("in_force")] = (y2021.cells[k("in_force")] as number) + (y2022.cells[k("issued")] as number) - (y2022.cells[k("repealed")] as number);
  }
  y2022.sections = y2022.sections.map((s) => ({ ...s, text: s.no === 1 ? "本年度认真贯彻落实《条例》。" : s.text }));

  it("consecutive years that continue: no cross-year finding, exit 0", () => {
    const a = save("agency/2021.json", reportToJson(y2021));
    const b = save("agency/2022.json", reportToJson(y2022));
    const res = cli(["check", "--format", "json", a, b]);
    expect(res.status).toBe(0);
    const out = json(res.stdout) as Out[];
    expect(out.map((o) => o.meta.year)).toEqual([2021, 2022]);
    expect(out.flatMap((o) => o.findings.filter((f) => f.rule.startsWith("years-")))).toEqual([]);
  });

  it("上年结转 that does not continue last year: a warning on this year's cell, whichever order and from a folder", () => {
    const broken = structuredClone(y2022);
    broken.cells["requests.carried_over.total"] = (broken.cells["requests.carried_over.total"] as number) + 2;
    broken.cells["requests.carried_over.natural_person"] = (broken.cells["requests.carried_over.natural_person"] as number) + 2;
    broken.cells["requests.new_received.total"] = (broken.cells["requests.new_received.total"] as number) - 2;
    broken.cells["requests.new_received.natural_person"] = (broken.cells["requests.new_received.natural_person"] as number) - 2;
    const b = save("years/b-2022.json", reportToJson(broken));
    const a = save("years/a-2021.json", reportToJson(y2021));
    for (const args of [[b, a], [join(dir, "years")]]) {
      const res = cli(["check", "--format", "json", ...args]);
      expect(res.status).toBe(0);
      const out = json(res.stdout) as Out[];
      const later = out.find((o) => o.meta.year === 2022)!;
      const f = later.findings.filter((x) => x.rule === "years-carried-over");
      expect(f.map((x) => x.cells)).toEqual([["requests.carried_over.natural_person"], ["requests.carried_over.total"]]);
      expect(f[1]!.severity).toBe("warning");
      expect(f[1]!.message).toMatch(/^表三“总计”列：本年“二、上年结转政府信息公开申请数量”为 \d+，2021 年报告的“四、结转下年度继续办理”为 \d+，相差 2$/);
      expect(out.find((o) => o.meta.year === 2021)!.findings.filter((x) => x.rule.startsWith("years-"))).toEqual([]);
    }
  });

  it("one unreadable input among them: exit 2, the others still checked", () => {
    const a = save("mixed/2021.json", reportToJson(y2021));
    const res = cli(["check", "--format", "json", a, join(dir, "mixed/missing.json")]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("missing.json");
    const out = json(res.stdout) as (Out & { error?: { code: string } })[];
    expect(out).toHaveLength(2);
    expect(out[0]!.cells).toEqual(y2021.cells);
    expect(out[1]!.error?.code).toBe("io");
  });
});

describe("nianbao check on a text report", () => {
  // Table 3: 95 new, all granted to natural persons; table 4: 复议 1 upheld.
  const table3 = requests2021((i) => {
    const nat = [0, 1, 2, 23, 24].includes(i) ? (i === 1 || i === 24 ? 0 : 95) : 0;
    return [nat, 0, 0, 0, 0, 0, nat];
  });
  const table4 = (total: number) => [...REVIEW_HEADER, row(1, 0, 0, 0, total, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)].join("\n");
  const body = (total: number) =>
    reportText({
      1: "2021年，本局受理政府信息公开申请 17 件，均按时答复。",
      3: table3,
      4: table4(total),
      6: "本年度未收取信息处理费。",
    });

  it("prose that disagrees with table 3 is a warning citing table 3 cells; exit 0", () => {
    const res = cli(["check", "--format", "json", save("prose.txt", body(1))]);
    expect(res.status).toBe(0);
    const out = json(res.stdout) as Out;
    const f = out.findings.find((x) => x.rule === "report-prose-numbers")!;
    expect(f.severity).toBe("warning");
    expect(f.cells).toContain("requests.new_received.total");
    expect(f.message).toContain("第一部分写“受理政府信息公开申请17件”，与表三不一致");
  });

  it("a table 4 total printed as 0: exit 1, text names the group, both sides and the difference", () => {
    const p = save("review.txt", body(0));
    const res = cli(["check", "--no-tables", p]);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain("── 四、政府信息公开行政复议、行政诉讼情况");
    expect(res.stdout).toContain("✗ 错误  表四“行政复议”：总计 = 0，结果维持+结果纠正+其他结果+尚未审结 = 1，相差 1");
    expect(res.stdout).toMatch(/原文第 \d+(–\d+)? 行 · \[review-total\]/);
  });
});

describe("nianbao check on a report whose tables could not be read", () => {
  // Six parts, but the tables were pictures: nothing of them reached the text.
  const noTables = reportText({ 2: "主动公开情况见下表（图片）。", 3: "依申请公开情况见下表（图片）。", 4: "见下表（图片）。" });

  it("is an error (exit 1) that names the problem, not a clean report", () => {
    const res = cli(["check", "--format", "json", save("pictures.txt", noTables)]);
    expect(res.status).toBe(1);
    const f = errors(json(res.stdout) as Out);
    expect(f.map((x) => [x.rule, x.message])).toEqual([
      ["tables-unread", "三张法定表格一个单元格也没有读出（表格可能是图片或附件，或排版无法识别）：勾稽关系无法检查，请对照原件核对"],
    ]);
  });

  it("counts as 未能读出表格 in the batch summary, apart from the reports with errors", () => {
    const good = save("batch/a-good.json", reportToJson(consistent(5)));
    const bad = save("batch/b-pictures.txt", noTables);
    const res = cli(["check", "--no-tables", good, bad]);
    expect(res.status).toBe(1);
    expect(res.stdout.trim().split("\n").pop()).toBe("共 2 份，0 份有错误，0 份只有警告，1 份未发现问题，1 份未能读出表格");
  });
});

describe.skipIf(missing("../shared（真实种子报告）", HAS_SHARED))("nianbao check on the real seeds", () => {
  it("seed 002's source error exits 1; parse output checked again gives the same rule findings", () => {
    const seed = join(SHARED, "seeds/002_9002a04dfcdfa5cd.txt");
    const direct = cli(["check", "--format", "json", seed]);
    expect(direct.status).toBe(1);
    const parsed = cli(["parse", seed]);
    expect(parsed.status).toBe(0);
    const again = cli(["check", "--format", "json", save("seed002.json", parsed.stdout)]);
    expect(again.status).toBe(1);
    const ruleFindings = (o: Out) => o.findings.filter((f) => f.cells.length && errors(o).includes(f)).map((f) => `${f.rule} ${f.message}`);
    expect(ruleFindings(json(again.stdout) as Out)).toEqual(ruleFindings(json(direct.stdout) as Out));
  });
});
