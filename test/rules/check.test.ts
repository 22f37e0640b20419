import { describe, expect, it } from "vitest";
import { agencyGroups, checkReport, checkReports } from "../../src/check.js";
import type { Report } from "../../src/model/report.js";
import type { ReportRule } from "../../src/rules/types.js";
import { reportToText } from "../../src/report/text.js";
import { add, edit, gen, withMeta } from "./fixtures.js";

const names = (groups: ReturnType<typeof agencyGroups>) => groups.map((g) => g.map((r) => `${r.meta.agency} ${r.meta.year}`)).sort();

describe("grouping reports by agency for the cross-year rules", () => {
  it("joins a name with and without its higher level", () => {
    const a = gen("2021", 1, { agency: "洪泽区人民政府", year: 2023 });
    const b = gen("2021", 2, { agency: "淮安市洪泽区人民政府", year: 2024 });
    expect(names(agencyGroups([a, b]))).toEqual([["淮安市洪泽区人民政府 2024", "洪泽区人民政府 2023"]]);
  });

  it("keeps names apart that do not say which body they are, or fit several", () => {
    const vague = gen("2019", 1, { agency: "县机关事务局", year: 2019 });
    const full = gen("2019", 2, { agency: "上高县机关事务局", year: 2020 });
    expect(agencyGroups([vague, full])).toHaveLength(2);
    const short = gen("2021", 3, { agency: "青山区人民政府", year: 2022 });
    const one = gen("2021", 4, { agency: "临江市青山区人民政府", year: 2023 });
    const other = gen("2021", 5, { agency: "云溪市青山区人民政府", year: 2023 });
    expect(agencyGroups([short, one, other])).toHaveLength(3);
  });

  it("ignores spaces and skips reports without agency or year", () => {
    const a = gen("2021", 6, { agency: "白沙 县 人民政府", year: 2022 });
    const b = gen("2021", 7, { agency: "白沙县人民政府", year: 2023 });
    const c = withMeta(gen("2021", 8), { agency: null });
    expect(names(agencyGroups([a, b, c]))).toEqual([["白沙 县 人民政府 2022", "白沙县人民政府 2023"]]);
  });
});

describe("checkReports", () => {
  it("compares consecutive years only", () => {
    const y2021 = gen("2021", 11, { agency: "石桥镇人民政府", year: 2021 });
    const y2023 = add(gen("2021", 12, { agency: "石桥镇人民政府", year: 2023 }), { "requests.carried_over.total": 1 });
    const years = (rs: Report[]) => checkReports(rs).flatMap((r) => r.findings.filter((f) => f.rule.startsWith("years-")));
    expect(years([y2021, y2023])).toEqual([]);
    // The same pair a year apart does raise: the gap is what kept it quiet.
    const y2022 = withMeta(y2021, { year: 2022 });
    expect(years([y2022, y2023]).map((f) => f.rule)).toContain("years-carried-over");
  });

  it("a rule may lower a finding's severity, never raise it", () => {
    const rule: ReportRule = {
      meta: { id: "test-rule", severity: "warning", templates: ["2021"], scope: "report", category: "report", basis: ["—"], title: "测试", description: "测试", messages: {} },
      check: () => [
        { messageId: "text", data: { text: "升级" }, cells: [], severity: "error" },
        { messageId: "text", data: { text: "降级" }, cells: [], severity: "info" },
      ],
    };
    const r = checkReport(gen("2021", 13), { rules: [rule] });
    expect(r.findings.filter((f) => f.origin === "rule").map((f) => `${f.data.text} ${f.severity}`)).toEqual(["升级 warning", "降级 info"]);
  });
});

describe("findings in the text output", () => {
  const r = checkReport(edit(add(gen("2021", 14), { "review.suit_after.total": 2 }), { "active.penalty.decisions": -1 }));

  it("groups them by table, errors first, with formula and rule", () => {
    const text = reportToText(r, { tables: false });
    const at = (s: string) => text.indexOf(s);
    expect(at("── 二、主动公开政府信息情况")).toBeGreaterThan(0);
    expect(at("── 四、政府信息公开行政复议、行政诉讼情况")).toBeGreaterThan(at("── 二、主动公开政府信息情况"));
    expect(text).toMatch(/✗ 错误 {2}表四“行政诉讼·复议后起诉”：总计 = \d+，结果维持\+结果纠正\+其他结果\+尚未审结 = \d+，相差 2\n {11}公式 总计 = 结果维持\+结果纠正\+其他结果\+尚未审结 · \[review-total\]/);
    expect(text).toContain("! 警告  表二“行政处罚 · 本年处理决定数量”为 -1：数量不能是负数");
    expect(text).toMatch(/问题：1 个错误，2 个警告，0 个提示/);
    expect(text).toContain("第四部分写“行政诉讼");
  });

  it("hides notes when asked", () => {
    const withInfo = checkReport(withMeta(gen("2021", 15, { year: 2020 }), {}));
    const shown = reportToText(withInfo, { tables: false });
    expect(shown).toContain("请核对报告年度");
    const zeros = { ...withInfo, findings: [{ rule: "x", origin: "reader" as const, severity: "info" as const, messageId: "text", data: { text: "一条提示" }, cells: [] }] };
    expect(reportToText(zeros, { tables: false, info: false })).not.toContain("一条提示");
    expect(reportToText(zeros, { tables: false })).toContain("· 提示  一条提示");
  });
});
