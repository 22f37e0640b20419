import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figureReports, regionStats, ruleReports, statsText, type RegionStats } from "../../src/stats/index.js";
import { processInput } from "../../src/pipeline/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { cli } from "../support/cli.js";
import { hasPostgres, useEngines } from "../support/store.js";
import { AGENCY, reportBytes, seedCorpus, SPECS, specReport } from "./corpus.js";
import { count, expectHandFigures, rate, sum } from "./expected.js";

// Every figure of the hand-built corpus (test/stats/corpus.ts: 3 agencies × 4 years, every
// number written out there), computed by hand in expected.ts, must come out of the library and
// of `nianbao stats --format json` exactly, on SQLite and on PostgreSQL (the web API's test,
// test/server/views-api.test.ts, checks the same figures).
//
// Reports: A = 临江市人民政府, B = 临江市交通运输局, C = 临江市教育局; A2019 … C2022.

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
      expectHandFigures(stats);
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
      expectHandFigures(JSON.parse(r.stdout));
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
