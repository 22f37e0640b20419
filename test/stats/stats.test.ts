import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureReports, regionStats, ruleReports, statsText, type FigureValue, type RegionStats } from "../../src/stats/index.js";
import { processInput } from "../../src/pipeline/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { cli } from "../support/cli.js";
import { hasPostgres, useEngines } from "../support/store.js";
import { AGENCY, reportBytes, seedCorpus, SPECS, specReport } from "./corpus.js";

// Every figure of the hand-built corpus (test/stats/corpus.ts: 3 agencies × 4 years, every
// number written out there), computed by hand below, must come out of the library and of
// `nianbao stats --format json` exactly, on SQLite and on PostgreSQL.
//
// Reports: A = 临江市人民政府, B = 临江市交通运输局, C = 临江市教育局; A2019 … C2022.

/** A count over `reports` reports. */
const count = (value: number, reports: number): FigureValue => ({ value, reports, missing: 0, notInTemplate: 0 });
/** A sum over `reports` reports, `missing` left out for a blank cell, `notInTemplate` for a template without the cells. */
const sum = (value: number | null, reports: number, missing = 0, notInTemplate = 0): FigureValue => ({ value, reports, missing, notInTemplate });
/** A rate shown: numerator / denominator. */
const rate = (numerator: number, denominator: number, reports: number, missing = 0): FigureValue => ({ value: numerator / denominator, numerator, denominator, reports, missing, notInTemplate: 0 });
/** A rate on fewer cases than its minimum: 样本不足. */
const few = (numerator: number, denominator: number, reports: number, missing = 0): FigureValue => ({ value: null, numerator, denominator, reports, missing, notInTemplate: 0, insufficient: true });

/** Each figure: [all years, 2019, 2020, 2021, 2022]. */
const EXPECTED: Record<string, FigureValue[]> = {
  reports: [count(12, 12), count(3, 3), count(3, 3), count(3, 3), count(3, 3)],
  // The error: C2021 (行政复议 总计 3 ≠ 1 + 1 + 0 + 0).
  "reports.errors": [count(1, 12), count(0, 3), count(0, 3), count(1, 3), count(0, 3)],
  // Warnings: C2020 and B2021 (a blank cell), C2022 (table 3 in the 2019 layout); C2022's “/” in table 2 is only 提示.
  "reports.warnings": [count(3, 12), count(0, 3), count(1, 3), count(1, 3), count(1, 3)],
  "findings.errors": [count(1, 12), count(0, 3), count(0, 3), count(1, 3), count(0, 3)],
  "findings.warnings": [count(3, 12), count(0, 3), count(1, 3), count(1, 3), count(1, 3)],
  // No reviewer has decided yet (a later test records decisions).
  "review.reviewed": [count(0, 12), count(0, 3), count(0, 3), count(0, 3), count(0, 3)],
  "review.returned": [count(0, 12), count(0, 3), count(0, 3), count(0, 3), count(0, 3)],

  // 一 + 二, total column only. 2019: A 12 + B 3 + C 1 = 16; 2020: A 8 + B (2 + 1 carried) + C 0 = 11;
  // 2021: A 25 + B 6 + C 2 = 33; 2022: A (15 + 1 carried) + B 4 + C 6 = 26; all: 16 + 11 + 33 + 26 = 86.
  "requests.received": [sum(86, 12), sum(16, 3), sum(11, 3), sum(33, 3), sum(26, 3)],
  // 一: 16, 8 + 2 + 0 = 10, 33, 15 + 4 + 6 = 25; all 84.
  "requests.new": [sum(84, 12), sum(16, 3), sum(10, 3), sum(33, 3), sum(25, 3)],
  // 二: B2020 1, A2022 1.
  "requests.carried_over": [sum(2, 12), sum(0, 3), sum(1, 3), sum(0, 3), sum(1, 3)],
  // 自然人 (一 + 二): 2019 10 + 3 + 1 = 14; 2020 8 + 3 + 0 = 11; 2021 20 + 6 + 2 = 28; 2022 15 + 4 + 5 = 24; all 77.
  "requests.applicant.natural_person": [sum(77, 12), sum(14, 3), sum(11, 3), sum(28, 3), sum(24, 3)],
  // 商业企业: 2019 A 2; 2021 A 5; 2022 A 1 (carried) + C 1 = 2; all 9. 77 + 9 = 86 = 收到申请: the total column is never added in.
  "requests.applicant.commercial": [sum(9, 12), sum(2, 3), sum(0, 3), sum(5, 3), sum(2, 3)],
  "requests.applicant.research": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.social_org": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.legal_service": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.other_org": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  // （七）总计: 2019 12 + 2 + 1 = 15; 2020 8 + 3 + 0 = 11; 2021 24 + 6 + 2 = 32; 2022 16 + 4 + 6 = 26; all 84.
  "requests.concluded": [sum(84, 12), sum(15, 3), sum(11, 3), sum(32, 3), sum(26, 3)],
  // (予以公开 + 部分公开) / 办结; B2021's 予以公开 is blank: left out of 2021 and of the total.
  // 2019 (7 + 1 + 0) / 15; 2020 (6 + 2 + 0) / 11; 2021 A (12 + 3) + C (1 + 1) = 17 / (24 + 2) = 26;
  // 2022 (9 + 2) + (2 + 0) + (2 + 1) = 16 / 26; all 8 + 8 + 17 + 16 = 49 / (15 + 11 + 26 + 26) = 78.
  "requests.disclosed": [rate(49, 78, 11, 1), rate(8, 15, 3), rate(8, 11, 3), rate(17, 26, 2, 1), rate(16, 26, 3)],
  // （一）: 2019 6 + 1 + 0 = 7; 2020 4 + 2 + 0 = 6; 2021 12 + 1 = 13 (B blank); 2022 9 + 2 + 2 = 13; all 39 / 78.
  "requests.outcome.1": [rate(39, 78, 11, 1), rate(7, 15, 3), rate(6, 11, 3), rate(13, 26, 2, 1), rate(13, 26, 3)],
  // （二）: 2019 A 1; 2020 A 2; 2021 A 3 + B 1 + C 1 = 5; 2022 A 2 + C 1 = 3; all 11 / 84.
  "requests.outcome.2": [rate(11, 84, 12), rate(1, 15, 3), rate(2, 11, 3), rate(5, 32, 3), rate(3, 26, 3)],
  // （三） every row: 2019 A 1; 2020 A 1; 2021 A 2; 2022 A 1 + B 1 + C 1 = 3; all 7 / 84.
  "requests.outcome.3": [rate(7, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(2, 32, 3), rate(3, 26, 3)],
  // （四）: 2019 A 2 + B 1 + C 1 = 4; 2020 0; 2021 A 3 + B 2 = 5; 2022 A 2; all 11 / 84.
  "requests.outcome.4": [rate(11, 84, 12), rate(4, 15, 3), rate(0, 11, 3), rate(5, 32, 3), rate(2, 26, 3)],
  // （五）: one a year (A, B, A, A); all 4 / 84.
  "requests.outcome.5": [rate(4, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(1, 32, 3), rate(1, 26, 3)],
  // （六）: 2019 and 2020 the single row (A 1 each); 2021 A 2 + 1 = 3 (three rows); 2022 A 1 + B 1 + C 2
  // (C is mixed: its old single row counts, through the crosswalk) = 4; all 9 / 84.
  "requests.outcome.6": [rate(9, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(3, 32, 3), rate(4, 26, 3)],

  // 行政复议 总计 as written (C2021's 3 included: figures count what the report says; the rule flags it).
  // 2019 4; 2020 A 1 + C 1 = 2; 2021 A 6 + C 3 = 9; 2022 A 3 + B 1 = 4; all 19.
  "review.reconsideration": [sum(19, 12), sum(4, 3), sum(2, 3), sum(9, 3), sum(4, 3)],
  // 结果纠正: 2019 1; 2020 0; 2021 A 2 + C 1 = 3; 2022 A 1 + B 1 = 2; all 6.
  "review.reconsideration.corrected": [sum(6, 12), sum(1, 3), sum(0, 3), sum(3, 3), sum(2, 3)],
  // 纠正 / (总计 − 尚未审结); C2020's 尚未审结 is blank. 2019 1 / (4 − 1) = 1/3 (< 5: 样本不足);
  // 2020 0 / (A 1 − 0) (C left out); 2021 3 / (6 + 3) = 3/9; 2022 2 / ((3 − 1) + 1) = 2/3;
  // all 6 / (3 + 1 + 9 + 3) = 6/16.
  "review.reconsideration.rate": [rate(6, 16, 11, 1), few(1, 3, 3), few(0, 1, 2, 1), rate(3, 9, 3), few(2, 3, 3)],
  // 诉讼 = 未经复议直接起诉 + 复议后起诉: 2019 A 1; 2020 A 1 + 1 = 2; 2021 A 4 + 1 + B 1 = 6; 2022 A 2 + C 3 = 5; all 14.
  "review.suits": [sum(14, 12), sum(1, 3), sum(2, 3), sum(6, 3), sum(5, 3)],
  // 纠正: 2020 A 1; 2021 A 1 + 1 = 2; 2022 A 1 + C 2 = 3; all 6.
  "review.suits.corrected": [sum(6, 12), sum(0, 3), sum(1, 3), sum(2, 3), sum(3, 3)],
  // 2019 0 / 1; 2020 1 / 2; 2021 2 / ((4 − 1) + 1 + 1) = 2/5 (exactly the minimum: shown);
  // 2022 3 / (2 + (3 − 1)) = 3/4; all 6 / (1 + 2 + 5 + 4) = 6/12.
  "review.suits.rate": [rate(6, 12, 12), few(0, 1, 3), few(1, 2, 3), rate(2, 5, 3), few(3, 4, 3)],

  // 本年制发: the 2019 template has no such column (6 reports); 2021 A 4 + B 1 + C 0 = 5; 2022 A 3 + B 0 + C 1 = 4.
  "active.normative_docs.issued": [sum(9, 6, 0, 6), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(5, 3), sum(4, 3)],
  // 现行有效 is a stock: 2021 30 + 8 + 2 = 40; 2022 33 + 7 + 3 = 43; over the range each agency's last year, 2022: 43.
  "active.normative_docs.in_force": [sum(43, 3), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(40, 3), sum(43, 3)],
  // 行政许可: 2019 100 + 10 + 0; 2020 120 + 12 + 2; 2021 90 + 15 + 3; 2022 80 + 11 + 4; all 110 + 134 + 108 + 95 = 447.
  "active.licensing": [sum(447, 12), sum(110, 3), sum(134, 3), sum(108, 3), sum(95, 3)],
  // 行政处罚: 20 + 5 + 0; 15 + 6 + 1; 40 + 7 + 2; 35 + 9 + 3; all 25 + 22 + 49 + 47 = 143.
  "active.penalty": [sum(143, 12), sum(25, 3), sum(22, 3), sum(49, 3), sum(47, 3)],
  // 行政强制: 3 + 0 + 0; 2 + 1 + 0; 5 + 0 + 0; 4 + 1 + 1; all 3 + 3 + 5 + 6 = 17.
  "active.coercion": [sum(17, 12), sum(3, 3), sum(3, 3), sum(5, 3), sum(6, 3)],
  // 收费金额 (万元): none in 2019's template; 2021 12.5 + 0 + 0; 2022 10.25 + 0.5 (C wrote “/”: left out); all 23.25.
  "active.fees": [sum(23.25, 5, 1, 6), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(12.5, 3), sum(10.75, 2, 1)],
};

const engines = useEngines();

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`statistics on ${engine.name}`, () => {
    let url = "";
    let store: Store;
    let ids: Map<string, number>;
    let agency: Record<keyof typeof AGENCY, number>;
    let stats: RegionStats;
    beforeAll(async () => {
      url = await engine.db();
      store = await openStore(url);
      ids = await seedCorpus(store);
      agency = { gov: await store.findAgency(AGENCY.gov), transport: await store.findAgency(AGENCY.transport), education: await store.findAgency(AGENCY.education) };
      stats = await regionStats(store, { region: "临江市人民政府" });
    });
    afterAll(async () => {
      await store?.close();
    });
    const id = (key: string) => ids.get(key)!;

    it("gives every figure as computed by hand, over all years and year by year", () => {
      expect(stats.byYear.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022]);
      expect(Object.keys(stats.total).sort()).toEqual(Object.keys(EXPECTED).sort());
      for (const [figure, [all, ...years]] of Object.entries(EXPECTED)) {
        expect({ figure, value: stats.total[figure] }).toEqual({ figure, value: all });
        years.forEach((v, i) => expect({ figure, year: 2019 + i, value: stats.byYear[i]!.figures[figure] }).toEqual({ figure, year: 2019 + i, value: v }));
      }
    });

    it("says what it covered: the region, its years, one report per agency and year", () => {
      expect(stats.region).toEqual({ query: "临江市人民政府", roots: [{ id: agency.gov, name: AGENCY.gov }], agencies: 3 });
      expect(stats.years).toEqual({ from: null, to: null, present: [2019, 2020, 2021, 2022] });
      expect(stats.reports).toEqual({ counted: 12, agencies: 3, duplicates: [], undated: [] });
    });

    it("ranks agencies over all years, leaving rates on too few cases out (样本不足)", () => {
      const [A, B, C] = [
        { agencyId: agency.gov, agency: AGENCY.gov },
        { agencyId: agency.transport, agency: AGENCY.transport },
        { agencyId: agency.education, agency: AGENCY.education },
      ];
      const byFigure = Object.fromEntries(stats.rankings.map((r) => [r.figure, r]));
      expect(Object.keys(byFigure)).toEqual(["findings.errors", "requests.received", "requests.disclosed", "requests.outcome.3", "requests.outcome.4", "review.reconsideration.rate", "review.suits.rate"]);
      // Errors: C 1; A and B 0 share rank 2 (B first: 交 < 人).
      expect(byFigure["findings.errors"]).toEqual({
        figure: "findings.errors", ranked: 3, insufficient: 0, noData: 0,
        top: [{ rank: 1, ...C, value: 1, reports: 4, missing: 0 }, { rank: 2, ...B, value: 0, reports: 4, missing: 0 }, { rank: 2, ...A, value: 0, reports: 4, missing: 0 }],
        bottom: [{ rank: 2, ...A, value: 0, reports: 4, missing: 0 }, { rank: 2, ...B, value: 0, reports: 4, missing: 0 }, { rank: 1, ...C, value: 1, reports: 4, missing: 0 }],
      });
      // Received: A 12 + 8 + 25 + 16 = 61; B 3 + 3 + 6 + 4 = 16; C 1 + 0 + 2 + 6 = 9.
      expect(byFigure["requests.received"]!.top).toEqual([
        { rank: 1, ...A, value: 61, reports: 4, missing: 0 },
        { rank: 2, ...B, value: 16, reports: 4, missing: 0 },
        { rank: 3, ...C, value: 9, reports: 4, missing: 0 },
      ]);
      // 实质公开率: A (7 + 6 + 15 + 11) / (12 + 8 + 24 + 16) = 39/60; B (1 + 2 + 2) / (2 + 3 + 4) = 5/9 and
      // C (0 + 0 + 2 + 3) / (1 + 0 + 2 + 6) = 5/9: fewer than 10 concluded, not ranked.
      expect(byFigure["requests.disclosed"]).toEqual({ figure: "requests.disclosed", ranked: 1, insufficient: 2, noData: 0, top: [{ rank: 1, ...A, value: 39 / 60, numerator: 39, denominator: 60, reports: 4, missing: 0 }], bottom: [{ rank: 1, ...A, value: 39 / 60, numerator: 39, denominator: 60, reports: 4, missing: 0 }] });
      // 不予公开: A (1 + 1 + 2 + 1) / 60 = 5/60; B 1 / (2 + 3 + 6 + 4) = 1/15; C 1/9 too few.
      expect(byFigure["requests.outcome.3"]!.top).toEqual([
        { rank: 1, ...A, value: 5 / 60, numerator: 5, denominator: 60, reports: 4, missing: 0 },
        { rank: 2, ...B, value: 1 / 15, numerator: 1, denominator: 15, reports: 4, missing: 0 },
      ]);
      // 无法提供: B (1 + 2) / 15 = 0.2 above A (2 + 3 + 2) / 60.
      expect(byFigure["requests.outcome.4"]!.top.map((e) => [e.agency, e.rank, e.numerator, e.denominator])).toEqual([[AGENCY.transport, 1, 3, 15], [AGENCY.gov, 2, 7, 60]]);
      // 复议纠错率: A (1 + 0 + 2 + 1) / (3 + 1 + 6 + 2) = 4/12; B 1/1 and C 1/3 (C2020 left out) too few.
      expect(byFigure["review.reconsideration.rate"]).toMatchObject({ ranked: 1, insufficient: 2, noData: 0, top: [{ ...A, value: 4 / 12, numerator: 4, denominator: 12 }] });
      // 诉讼纠错率: A (0 + 1 + 2 + 1) / (1 + 2 + 4 + 2) = 4/9; B 0/1 and C 2/2 too few.
      expect(byFigure["review.suits.rate"]).toMatchObject({ ranked: 1, insufficient: 2, top: [{ ...A, value: 4 / 9, numerator: 4, denominator: 9 }] });
    });

    it("lists the problems by rule, with the rule's Chinese title", () => {
      expect(stats.problems).toEqual([
        { rule: "cells-blank", title: "表格里有空白或“/”的单元格", severity: "warning", findings: 2, reports: 2 },
        { rule: "review-total", title: "表四：总计 = 维持+纠正+其他+尚未审结", severity: "error", findings: 1, reports: 1 },
        { rule: "report-template-year", title: "所用格式与报告年度相符", severity: "warning", findings: 1, reports: 1 },
        { rule: "cells-blank", title: "表格里有空白或“/”的单元格", severity: "info", findings: 1, reports: 1 },
      ]);
    });

    it("drills down to the reports behind a figure", async () => {
      const q = { region: "临江市人民政府" };
      const all = [...ids.values()];
      expect(await figureReports(store, q, "requests.disclosed")).toEqual({ figure: "requests.disclosed", included: all.filter((x) => x !== id("transport 2021")), missing: [id("transport 2021")], notInTemplate: [] });
      const old = ["gov 2019", "gov 2020", "transport 2019", "transport 2020", "education 2019", "education 2020"].map(id).sort((a, b) => a - b);
      expect(await figureReports(store, q, "active.normative_docs.issued")).toMatchObject({ notInTemplate: old, missing: [] });
      expect((await figureReports(store, q, "active.normative_docs.in_force")).included).toEqual(["gov 2022", "transport 2022", "education 2022"].map(id));
      expect((await figureReports(store, q, "active.normative_docs.in_force", { year: 2021 })).included).toEqual(["gov 2021", "transport 2021", "education 2021"].map(id));
      expect(await figureReports(store, q, "reports.errors")).toMatchObject({ included: [id("education 2021")] });
      expect(await figureReports(store, q, "active.fees", { agencyId: agency.education })).toEqual({ figure: "active.fees", included: [id("education 2021")], missing: [id("education 2022")], notInTemplate: [id("education 2019"), id("education 2020")] });
      await expect(figureReports(store, q, "no.such.figure")).rejects.toThrow("没有这项统计");
    });

    it("drills down a row of the problems list to its reports", async () => {
      const q = { region: "临江市人民政府" };
      expect(await ruleReports(store, q, "cells-blank", "warning")).toEqual({ rule: "cells-blank", severity: "warning", reports: [id("transport 2021"), id("education 2020")] });
      expect((await ruleReports(store, q, "cells-blank", "info")).reports).toEqual([id("education 2022")]);
      expect((await ruleReports(store, q, "cells-blank")).reports).toEqual([id("transport 2021"), id("education 2020"), id("education 2022")]);
      expect((await ruleReports(store, q, "review-total", "error")).reports).toEqual([id("education 2021")]);
      expect((await ruleReports(store, { region: "临江市交通运输局" }, "cells-blank")).reports).toEqual([id("transport 2021")]);
      expect((await ruleReports(store, { ...q, from: 2021 }, "cells-blank", "warning")).reports).toEqual([id("transport 2021")]);
      expect((await ruleReports(store, q, "requests-row-total")).reports).toEqual([]);
      // Each row of the list names as many reports as it counts.
      for (const p of stats.problems) expect((await ruleReports(store, q, p.rule, p.severity)).reports).toHaveLength(p.reports);
    });

    it("nianbao stats --format json prints exactly the library's object", () => {
      const r = cli(["stats", "--db", url, "--region", "临江市人民政府", "--format", "json"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(stats)));
    });

    it("nianbao stats prints the same figures as a Chinese report", () => {
      const r = cli(["stats", "--db", url, "--region", "3201"]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(statsText({ ...stats, region: { ...stats.region!, query: "3201" } }));
      const lines = r.stdout.split("\n");
      const row = (name: string) => lines.find((l) => l.startsWith(name))!.trim().split(/\s{2,}/);
      expect(lines[0]).toBe("统计范围：临江市人民政府及其下属机关（共 3 个机关），2019—2022 年度");
      expect(row("已审核的报告（份）")).toEqual(["已审核的报告（份）", "0", "0", "0", "0", "0"]);
      expect(row("收到申请（本年新收 + 上年结转）（件）")).toEqual(["收到申请（本年新收 + 上年结转）（件）", "16", "11", "33", "26", "86"]);
      // 49/78 = 62.8%, with * since B2021 was left out; 17/26 = 65.4%.
      expect(row("实质公开率（%）")).toEqual(["实质公开率（%）", "53.3%", "72.7%", "65.4%*", "61.5%", "62.8%*"]);
      expect(row("复议纠错率（%）")).toEqual(["复议纠错率（%）", "样本不足", "样本不足", "33.3%", "样本不足", "37.5%*"]);
      expect(row("行政规范性文件 · 本年制发（件）")).toEqual(["行政规范性文件 · 本年制发（件）", "无此栏", "无此栏", "5", "4", "9"]);
      expect(row("行政事业性收费 · 本年收费金额（万元）")).toEqual(["行政事业性收费 · 本年收费金额（万元）", "无此栏", "无此栏", "12.5", "10.75*", "23.25*"]);
      expect(lines).toContain("  实质公开率：1 份报告缺少所需单元格（空白、“/”、“无”、读不出或原文没有），未计入");
      expect(lines).toContain("  行政规范性文件 · 本年制发：6 份报告所用的 2019 年版格式没有这一栏，未计入");
      expect(lines).toContain("  实质公开率（办结不少于 10 件的机关；样本不足 2 个机关）");
      expect(lines).toContain("       1. 临江市人民政府  65.0%（39/60）");
      expect(lines).toContain("   1. 表格里有空白或“/”的单元格（cells-blank）  警告  2 条，涉及 2 份报告");
    });

    it("covers a range of years, and a region by its code; an unknown region is a Chinese error", async () => {
      const later = await regionStats(store, { region: "3201", from: 2021, to: 2022 });
      expect(later.byYear.map((y) => y.year)).toEqual([2021, 2022]);
      // 33 + 26; 现行有效 is still each agency's last year (2022): 43.
      expect(later.total["requests.received"]).toEqual(sum(59, 6));
      expect(later.total["requests.disclosed"]).toEqual(rate(17 + 16, 26 + 26, 5, 1));
      expect(later.total["active.normative_docs.in_force"]).toEqual(sum(43, 3));
      expect(later.total["active.normative_docs.issued"]).toEqual(sum(9, 6));
      // 2019–2020 only: no report has 现行有效; B's (2 + 1) received is the carried-over one.
      const earlier = await regionStats(store, { region: "临江市交通运输局", to: 2020 });
      expect(earlier.region).toEqual({ query: "临江市交通运输局", roots: [{ id: agency.transport, name: AGENCY.transport }], agencies: 1 });
      expect(earlier.total["active.normative_docs.in_force"]).toEqual(sum(null, 0, 0, 1));
      expect(earlier.total["requests.received"]).toEqual(sum(6, 2));
      expect(earlier.total["requests.carried_over"]).toEqual(sum(1, 2));
      // By id, as the web gives a reviewer's scope: the same as by name.
      expect(await regionStats(store, { agencyId: agency.gov })).toEqual({ ...stats, region: { ...stats.region!, query: String(agency.gov) } });
      await expect(regionStats(store, { agencyId: 99_999 })).rejects.toThrow("没有找到区划或机关“99999”");
      await expect(regionStats(store, { region: "云溪市人民政府" })).rejects.toThrow("没有找到区划或机关“云溪市人民政府”");
      await expect(regionStats(store, { from: 2022, to: 2021 })).rejects.toThrow("起始年度 2022 晚于截止年度 2021");
      const bad = cli(["stats", "--db", url, "--region", "云溪市人民政府"]);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain("没有找到区划或机关“云溪市人民政府”");
      expect(bad.stdout).toBe("");
      const backwards = cli(["stats", "--db", url, "--from", "2022", "--to", "2021"]);
      expect([backwards.status, backwards.stderr]).toEqual([2, "nianbao：起始年度 2022 晚于截止年度 2021\n"]);
      const notYear = cli(["stats", "--db", url, "--from", "二〇二二"]);
      expect(notYear.status).toBe(2);
      expect(notYear.stderr).toContain("不是年度");
    });
  });

  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`statistics on ${engine.name}: a changing corpus`, () => {
    it("says so when there is nothing to count, and shows no figure as 0", async () => {
      const url = await engine.db();
      const store = await openStore(url);
      try {
        const empty = await regionStats(store);
        expect(empty.reports).toEqual({ counted: 0, agencies: 0, duplicates: [], undated: [] });
        expect(empty.total["requests.received"]).toEqual(sum(null, 0));
        expect(empty.total["requests.disclosed"]).toEqual({ value: null, numerator: 0, denominator: 0, reports: 0, missing: 0, notInTemplate: 0 });
        expect(empty.rankings.every((r) => r.ranked === 0 && r.top.length === 0)).toBe(true);
      } finally {
        await store.close();
      }
      const r = cli(["stats", "--db", url]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("统计范围：报告库中的全部机关，全部年度\n报告：0 份，0 个机关\n\n没有符合条件的报告。\n");
    });

    it("counts the reports a reviewer approved or returned in the web review", async () => {
      const store = await openStore(await engine.db());
      try {
        const ids = await seedCorpus(store);
        const reviewer = await store.web.createUser({ login: "shenhe", password: "tongji2026review", role: "admin" });
        await store.web.setReview(ids.get("gov 2021")!, "approved", "", reviewer.id);
        await store.web.setReview(ids.get("education 2021")!, "returned", "表四总计不符", reviewer.id);
        await store.web.setReview(ids.get("transport 2022")!, "approved", "", reviewer.id);
        // A decision on one finding is not a review of the report.
        await store.web.setDecision(ids.get("gov 2019")!, "some-finding", "confirmed", "", reviewer.id);
        const s = await regionStats(store);
        expect(s.total["review.reviewed"]).toEqual(count(3, 12));
        expect(s.total["review.returned"]).toEqual(count(1, 12));
        expect(s.byYear.map((y) => [y.year, y.figures["review.reviewed"]!.value, y.figures["review.returned"]!.value])).toEqual([[2019, 0, 0], [2020, 0, 0], [2021, 2, 1], [2022, 1, 0]]);
        expect((await figureReports(store, {}, "review.returned")).included).toEqual([ids.get("education 2021")]);
      } finally {
        await store.close();
      }
    });

    it("counts one report per agency and year, leaves undated ones out, and follows re-reads", async () => {
      const store = await openStore(await engine.db());
      try {
        const ids = await seedCorpus(store);
        const before = await regionStats(store);
        // The same report of A2022 imported again from other bytes (its Word file beside its PDF), reading 1 more 一.
        const spec = SPECS.find((s) => s.agency === "gov" && s.year === 2022)!;
        const again = specReport({ ...spec, received: { np: 16 }, results: { ...spec.results, granted: { np: 10 } } });
        const bytes = new TextEncoder().encode(new TextDecoder().decode(reportBytes(again)) + "\n");
        const added = await store.importEnvelope(await processInput({ bytes, name: "again.json" }), bytes);
        // A report whose year could not be read (as a reader finds a page without one), with a blank cell: its finding must not count either.
        const undatedBytes = reportBytes(specReport({ ...spec, blank: { "requests.partial.total": "" } }));
        const read = await processInput({ bytes: undatedBytes, name: "undated.json" });
        read.reports[0]!.meta = { ...read.reports[0]!.meta, year: null, title: "临江市人民政府政府信息公开工作年度报告" };
        const undated = await store.importEnvelope(read, undatedBytes);
        expect(undated.reports).toHaveLength(1);
        const after = await regionStats(store);
        expect(after.reports).toEqual({ counted: 12, agencies: 3, duplicates: [ids.get("gov 2022")], undated: undated.reports });
        // 86 − 16 + 17: the later import stands.
        expect(after.total["requests.received"]).toEqual(sum(87, 12));
        expect(after.total["requests.disclosed"]).toEqual(rate(50, 79, 11, 1));
        expect(before.total["requests.received"]).toEqual(sum(86, 12));
        const undatedFindings: string[] = [];
        for await (const f of store.findings()) if (f.report.id === undated.reports[0]) undatedFindings.push(f.finding.rule);
        expect(undatedFindings).toContain("cells-blank");
        expect(after.problems).toEqual(before.problems);
        expect(after.total["findings.warnings"]).toEqual(count(3, 12));

        // Re-reading the later file gives other cells (a newer reader): statistics follow, not the kept inputs.
        const reread = specReport({ ...spec, received: { np: 20 }, results: { ...spec.results, granted: { np: 14 } } });
        const env = await processInput({ bytes: reportBytes(reread), name: "again.json" });
        await store.importEnvelope({ ...env, sha256: added.sha256 }, bytes, { replace: true });
        const third = await regionStats(store);
        expect(third.total["requests.received"]).toEqual(sum(91, 12));
        expect(third.reports.duplicates).toEqual([ids.get("gov 2022")]);
      } finally {
        await store.close();
      }
    });
  });
}
