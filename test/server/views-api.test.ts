import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { processInput } from "../../src/pipeline/index.js";
import { figureReports, regionStats } from "../../src/stats/index.js";
import { EXAMPLES, login, testServer, type TestServer } from "../support/server.js";
import { hasPostgres, useEngines } from "../support/store.js";
import { AGENCY, reportBytes, seedCorpus, SPECS, specReport } from "../stats/corpus.js";
import { expectHandFigures } from "../stats/expected.js";

// The 统计看板 and 年度对比 routes (issue 15) through fastify.inject, on SQLite and PostgreSQL:
// the statistics are exactly the library's (and the hand-computed figures of test/stats), a
// reviewer sees their region only, and the comparison is the compare library's.

const engines = useEngines();
let servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

const LINJIANG_PASSWORD = "Region-review-2025";

/** A test server with the stats corpus (临江, 3 agencies × 4 years) and a reviewer of 临江市人民政府. */
async function corpusServer(db: string) {
  const s = await testServer(db);
  servers.push(s);
  const ids = await seedCorpus(s.store);
  const gov = await s.agency(AGENCY.gov);
  await s.store.web.createUser({ login: "linjiang", displayName: "临江审核", password: LINJIANG_PASSWORD, role: "reviewer", scopeAgencyId: gov });
  return { s, ids, gov };
}

/** Imports an example file as `nianbao import` does; returns its report id. */
async function importExample(s: TestServer, name: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(join(EXAMPLES, name)));
  const env = await processInput({ bytes, name });
  return (await s.store.importEnvelope(env, bytes)).reports[0]!;
}

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`统计看板与年度对比 API on ${engine.name}`, () => {
    it("gives exactly regionStats: 收到申请 86, 实质公开率 49/78, by year and ranked", async () => {
      const { s, gov } = await corpusServer(await engine.db());
      const admin = await login(s, "admin");
      const res = await admin.get(`/api/stats?agencyId=${gov}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toEqual(JSON.parse(JSON.stringify(await regionStats(s.store, { agencyId: gov }))));
      // Every hand-computed figure of test/stats/expected.ts.
      expectHandFigures(body);
      expect(body.reports.counted).toBe(12);
      expect(body.total["requests.received"]).toEqual({ value: 86, reports: 12, missing: 0, notInTemplate: 0 });
      expect(body.total["requests.disclosed"]).toMatchObject({ numerator: 49, denominator: 78, reports: 11, missing: 1 });
      expect(body.total["requests.disclosed"].value).toBeCloseTo(49 / 78, 12);
      expect(body.byYear.map((y: { year: number; figures: Record<string, { value: number }> }) => [y.year, y.figures["requests.received"]!.value])).toEqual([[2019, 16], [2020, 11], [2021, 33], [2022, 26]]);
      // 2019: 复议纠错率 on 3 cases is 样本不足.
      expect(body.byYear[0].figures["review.reconsideration.rate"]).toMatchObject({ value: null, insufficient: true, numerator: 1, denominator: 3 });
      // A year range.
      const range = (await admin.get(`/api/stats?agencyId=${gov}&from=2021&to=2022`)).json();
      expect(range.total["requests.received"].value).toBe(33 + 26);
      // By region code, as `nianbao stats --region 3201`.
      expect((await admin.get("/api/stats?region=3201")).json().total["requests.received"].value).toBe(86);
      // An unknown region is a Chinese 404.
      const unknown = await admin.get("/api/stats?region=9999");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toContain("没有找到区划或机关");
    });

    it("keeps a reviewer to their region: the scope root by default, elsewhere 404; filers 403", async () => {
      const { s, gov } = await corpusServer(await engine.db());
      const reviewer = await login(s, "linjiang", LINJIANG_PASSWORD);
      const mine = await reviewer.get("/api/stats");
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json().region.roots).toEqual([{ id: gov, name: AGENCY.gov }]);
      expect(mine.json().total["requests.received"].value).toBe(86);
      const transport = await s.agency(AGENCY.transport);
      const sub = (await reviewer.get(`/api/stats?agencyId=${transport}`)).json();
      // 交通运输局: 3 + 3 + 6 + 4.
      expect(sub.total["requests.received"].value).toBe(16);
      expect((await reviewer.get("/api/stats?region=320100")).statusCode).toBe(200);
      // Outside the region: 淮安 by id and by code, and the whole corpus is not theirs either.
      const huaian = await s.agency("淮安市人民政府");
      for (const url of [`/api/stats?agencyId=${huaian}`, "/api/stats?region=3208", `/api/stats/reports?figure=reports&agencyId=${huaian}`, `/api/stats/export.xlsx?agencyId=${huaian}`]) {
        const res = await reviewer.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe("not-found");
      }
      // The 淮安 reviewer sees none of 临江.
      const other = await login(s, "reviewer");
      expect((await other.get(`/api/stats?agencyId=${gov}`)).statusCode).toBe(404);
      expect((await other.get("/api/stats")).json().reports.counted).toBe(0);
      const filer = await login(s, "filer");
      expect((await filer.get("/api/stats")).statusCode).toBe(403);
    });

    it("drills down to the reports behind a figure, and exports the figures table as XLSX", async () => {
      const { s, ids, gov } = await corpusServer(await engine.db());
      const reviewer = await login(s, "linjiang", LINJIANG_PASSWORD);
      const res = await reviewer.get("/api/stats/reports?figure=requests.disclosed&year=2021");
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      // 2021: 人民政府 and 教育局 counted; 交通运输局's 予以公开 is blank.
      expect(body.included.map((r: { id: number }) => r.id)).toEqual([ids.get("gov 2021"), ids.get("education 2021")]);
      expect(body.missing.map((r: { id: number; agency: string; year: number }) => [r.id, r.agency, r.year])).toEqual([[ids.get("transport 2021"), AGENCY.transport, 2021]]);
      const lib = await figureReports(s.store, { agencyId: gov }, "requests.disclosed", { year: 2021 });
      expect(body.included.map((r: { id: number }) => r.id)).toEqual(lib.included);
      // One agency of a ranking.
      const transport = await s.agency(AGENCY.transport);
      const byAgency = (await reviewer.get(`/api/stats/reports?figure=requests.received&agency=${transport}`)).json();
      expect(byAgency.included.map((r: { year: number }) => r.year)).toEqual([2019, 2020, 2021, 2022]);
      // 2019 templates have no 本年收费金额.
      const fees = (await reviewer.get("/api/stats/reports?figure=active.fees")).json();
      expect(fees.notInTemplate).toHaveLength(6);
      expect((await reviewer.get("/api/stats/reports?figure=no-such")).statusCode).toBe(400);

      // A row of the problems list: the reports with findings of that rule at that severity.
      const blank = await reviewer.get("/api/stats/rule-reports?rule=cells-blank&severity=warning");
      expect(blank.statusCode, blank.body).toBe(200);
      expect(blank.json().included.map((r: { id: number; agency: string; year: number }) => [r.id, r.agency, r.year])).toEqual([
        [ids.get("transport 2021"), AGENCY.transport, 2021],
        [ids.get("education 2020"), AGENCY.education, 2020],
      ]);
      expect((await reviewer.get(`/api/stats/rule-reports?rule=cells-blank&agencyId=${transport}`)).json()).toMatchObject({ rule: "cells-blank", severity: null, included: [{ id: ids.get("transport 2021") }] });
      expect((await reviewer.get("/api/stats/rule-reports?rule=cells-blank&severity=fatal")).statusCode).toBe(400);
      const huaian = await s.agency("淮安市人民政府");
      expect((await reviewer.get(`/api/stats/rule-reports?rule=cells-blank&agencyId=${huaian}`)).statusCode).toBe(404);

      const xlsx = await reviewer.get("/api/stats/export.xlsx?from=2019&to=2022");
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-disposition"]).toContain(encodeURIComponent("统计表.xlsx"));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("统计")!;
      const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
      const row = (name: string) => rows.find((r) => r[1] === name)!.slice(1);
      expect(row("收到申请（本年新收 + 上年结转）")).toEqual(["收到申请（本年新收 + 上年结转）", "件", 16, 11, 33, 26, 86]);
      expect(row("复议纠错率").slice(2, 7)).toEqual(["样本不足", "样本不足", 3 / 9, "样本不足", 6 / 16]);
      expect(row("实质公开率")[7]).toBe("1 份报告缺少所需单元格");
      expect(row("行政事业性收费 · 本年收费金额")[2]).toBe("无此栏");
      const log = (await (await login(s, "admin")).get("/api/audit?pageSize=5")).json();
      expect(log.items.find((x: { action: string }) => x.action === "export")).toMatchObject({ target: "统计表.xlsx" });
    });

    it("compares a report with the year before: changed cells, cross-year identities, section diffs; scope and none-to-compare refused", async () => {
      const { s, ids } = await corpusServer(await engine.db());
      const y21 = await importExample(s, "14-problem-years-2021.txt");
      const y22 = await importExample(s, "15-problem-years-2022.txt");
      const admin = await login(s, "admin");
      const res = await admin.get(`/api/reports/${y22}/compare`);
      expect(res.statusCode, res.body).toBe(200);
      const { beforeId, afterId, comparison } = res.json();
      expect([beforeId, afterId]).toEqual([y21, y22]);
      expect(comparison.before.year).toBe(2021);
      expect(comparison.after.year).toBe(2022);
      const cell = comparison.cells.find((c: { key: string }) => c.key === "active.regulations.issued");
      expect(cell).toMatchObject({ kind: "changed", before: { value: 5 }, after: { value: 3 }, change: { absolute: -2, relative: -0.4 } });
      expect(comparison.identities.length).toBeGreaterThan(0);
      expect(comparison.identities.some((i: { holds: boolean | null }) => i.holds === false)).toBe(true);
      expect(comparison.sections.find((x: { no: number }) => x.no === 1).diff.length).toBeGreaterThan(1);
      // The same, asked the other way round with `with`.
      expect((await admin.get(`/api/reports/${y21}/compare?with=${y22}`)).json()).toEqual(res.json());

      // Across the 2019 → 2021 template change: rows without counterpart, （六） through the crosswalk.
      const t = (await admin.get(`/api/reports/${ids.get("gov 2021")}/compare`)).json();
      expect(t.beforeId).toBe(ids.get("gov 2020"));
      expect(t.comparison.unmatched.length).toBeGreaterThan(0);
      expect(t.comparison.cells.some((c: { via?: unknown }) => c.via)).toBe(true);

      // No year before: a Chinese 404. Itself: 400.
      const none = await admin.get(`/api/reports/${y21}/compare`);
      expect(none.statusCode).toBe(404);
      expect(none.json().error.message).toContain("没有可以比较的报告");
      expect((await admin.get(`/api/reports/${y21}/compare?with=${y21}`)).statusCode).toBe(400);
      // Out of scope: either report.
      const reviewer = await login(s, "linjiang", LINJIANG_PASSWORD);
      expect((await reviewer.get(`/api/reports/${y22}/compare`)).statusCode).toBe(404);
      expect((await reviewer.get(`/api/reports/${ids.get("gov 2021")}/compare?with=${y21}`)).statusCode).toBe(404);
      expect((await reviewer.get(`/api/reports/${ids.get("gov 2021")}/compare`)).statusCode).toBe(200);
    });

    it("compares any two years of an agency, and two versions of one year (the one imported first is before), either way round", async () => {
      const { s, ids } = await corpusServer(await engine.db());
      const admin = await login(s, "admin");
      // 2019 → 2022: three years apart, across the template change; no cross-year identities.
      const far = (await admin.get(`/api/reports/${ids.get("gov 2022")}/compare?with=${ids.get("gov 2019")}`)).json();
      expect([far.beforeId, far.afterId]).toEqual([ids.get("gov 2019"), ids.get("gov 2022")]);
      expect([far.comparison.years, far.comparison.identities]).toEqual([3, []]);
      expect(far.comparison.unmatched.length).toBeGreaterThan(0);
      expect(far.comparison.cells.find((c: { key: string }) => c.key === "requests.new_received.total")).toMatchObject({ before: { value: 12 }, after: { value: 15 }, kind: "changed" });
      // A second version of 临江市人民政府 2022, imported later, with one more 一 and one more 予以公开.
      const spec = SPECS.find((x) => x.agency === "gov" && x.year === 2022)!;
      const bytes = reportBytes(specReport({ ...spec, received: { np: 16 }, results: { ...spec.results, granted: { np: 10 } } }));
      const v2 = (await s.store.importEnvelope(await processInput({ bytes, name: "临江市人民政府2022（修订）.json" }), bytes)).reports[0]!;
      const v1 = ids.get("gov 2022")!;
      const one = (await admin.get(`/api/reports/${v1}/compare?with=${v2}`)).json();
      const two = (await admin.get(`/api/reports/${v2}/compare?with=${v1}`)).json();
      expect([one.beforeId, one.afterId]).toEqual([v1, v2]);
      expect(two).toEqual(one);
      expect(one.comparison.years).toBe(0);
      // Relative changes as the library rounds them (6 places): 自然人 办结 15 → 16, 总计 16 → 17.
      const rel = (x: number) => Math.round(x * 1e6) / 1e6;
      expect(one.comparison.cells.filter((c: { kind: string }) => c.kind !== "same").map((c: { key: string; change: unknown }) => [c.key, c.change])).toEqual([
        ["requests.new_received.natural_person", { absolute: 1, relative: rel(1 / 15) }],
        ["requests.new_received.total", { absolute: 1, relative: rel(1 / 15) }],
        ["requests.granted.natural_person", { absolute: 1, relative: rel(1 / 9) }],
        ["requests.granted.total", { absolute: 1, relative: rel(1 / 9) }],
        ["requests.total.natural_person", { absolute: 1, relative: rel(1 / 15) }],
        ["requests.total.total", { absolute: 1, relative: rel(1 / 16) }],
      ]);
    });
  });
}
