import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportLong, exportProblems, exportWide } from "../../src/export/index.js";
import { randomReport } from "../../src/generate/random-report.js";
import { processInput } from "../../src/pipeline/index.js";
import { reportToJson } from "../../src/report/json.js";
import { importFiles, rereadOne } from "../../src/store/batch.js";
import type { Store } from "../../src/store/index.js";
import { freshStores, hasPostgres, reportFile, useEngines } from "../support/store.js";

// One suite, run on SQLite and on PostgreSQL: the same calls must give the same corpus.

const engines = useEngines();
const fresh = freshStores();

async function importBytes(store: Store, file: { bytes: Uint8Array; name: string }) {
  const env = await processInput(file);
  return { env, outcome: await store.importEnvelope(env, file.bytes) };
}

const hongze2023 = reportFile(1, { template: "2021", year: 2023, agency: "洪泽区人民政府" });
const hongze2024 = reportFile(2, { template: "2021", year: 2024, agency: "淮安市洪泽区人民政府", format: "html" });

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`store on ${engine.name}`, () => {
    it("stores each report exactly as the codec encodes it, and decodes it back", async () => {
      const store = await fresh(engine.db);
      const files = [reportFile(3, { template: "2019", year: 2020, agency: "上高县机关事务局", format: "docx" }), reportFile(4, { template: "2021", year: 2022, agency: "息陬镇人民政府", format: "html" }), hongze2023];
      for (const f of files) {
        const { env, outcome } = await importBytes(store, f);
        expect(outcome.status).toBe("imported");
        const id = outcome.reports[0]!;
        expect(await store.reportJson(id)).toBe(JSON.stringify(reportToJson(env.reports[0]!)));
        expect((await store.getReport(id))!.report).toEqual(env.reports[0]);
        expect(await store.blob(env.sha256!)).toEqual(new Uint8Array(f.bytes));
      }
      expect((await store.counts()).reports).toBe(3);
    });

    it("adds nothing when the same bytes come again", async () => {
      const store = await fresh(engine.db);
      await importBytes(store, hongze2023);
      const before = await store.counts();
      const again = await importBytes(store, { ...hongze2023, name: "另一个名字.txt" });
      expect(again.outcome.status).toBe("duplicate");
      expect(await store.counts()).toEqual(before);
    });

    it("keeps every cell as a row: blank, 0 and / stay different facts", async () => {
      const store = await fresh(engine.db);
      const r = randomReport(5, { template: "2021", year: 2022, agency: "尚店镇人民政府" });
      r.cells["review.suit_direct.upheld"] = null;
      r.provenance["review.suit_direct.upheld"] = { raw: "/", kind: "dash" };
      r.cells["review.suit_direct.corrected"] = null;
      r.provenance["review.suit_direct.corrected"] = { raw: "", kind: "blank" };
      r.cells["review.suit_direct.other"] = 0;
      r.provenance["review.suit_direct.other"] = { raw: "0", kind: "number", inferred: true };
      const json = JSON.stringify(reportToJson(r));
      expect((await importBytes(store, { bytes: new TextEncoder().encode(json), name: "r.json" })).outcome.status).toBe("imported");
      const [{ cells }] = await all(store.reportCells());
      expect(cells.get("review.suit_direct.upheld")).toEqual({ value: null, raw: "/", inferred: false, kind: "dash" });
      expect(cells.get("review.suit_direct.corrected")).toEqual({ value: null, raw: "", inferred: false, kind: "blank" });
      expect(cells.get("review.suit_direct.other")).toEqual({ value: 0, raw: "0", inferred: true, kind: "number" });
      expect(cells.size).toBe(Object.keys(r.cells).length);
    });

    it("stores an unreadable file with its Chinese reason, and skips it on the next run", async () => {
      const store = await fresh(engine.db);
      const { outcome } = await importBytes(store, { bytes: new TextEncoder().encode("这不是年度报告，只是一句话。"), name: "note.txt" });
      expect(outcome.status).toBe("failed");
      const [o] = await store.originals({ status: "failed" });
      expect(o!.errorMessage).toMatch(/[\u4e00-\u9fff]/);
      expect(o!.name).toBe("note.txt");
      expect(await store.status(o!.sha256)).toBe("failed");
    });

    it("runs the cross-year rules over the corpus, whatever the order, across name forms", async () => {
      const store = await fresh(engine.db);
      const later = await importBytes(store, hongze2024);
      expect((await store.getReport(later.outcome.reports[0]!))!.acrossYears).toEqual([]);
      const earlier = await importBytes(store, hongze2023);
      const agencies = await store.agencies();
      expect(agencies).toHaveLength(1);
      expect(agencies[0]!.name).toBe("淮安市洪泽区人民政府");
      expect(agencies[0]!.aliases.sort()).toEqual(["洪泽区人民政府", "淮安市洪泽区人民政府"].sort());
      const got = (await store.getReport(later.outcome.reports[0]!))!;
      expect(got.acrossYears.map((f) => f.rule)).toContain("years-carried-over");
      expect(got.acrossYears.every((f) => f.previousReportId === earlier.outcome.reports[0])).toBe(true);
      // The report itself is as imported; the comparison is beside it.
      expect(got.report).toEqual(later.env.reports[0]);
      expect(got.summary.warnings + got.summary.errors).toBeGreaterThanOrEqual(got.acrossYears.length);
      const inExport = (await all(store.findings({ agency: "洪泽区" }))).filter((f) => f.previousReportId !== null);
      expect(inExport.length).toBe(got.acrossYears.length);
    });

    it("splitting an agency drops its cross-year findings; merging brings them back", async () => {
      const store = await fresh(engine.db);
      const later = await importBytes(store, hongze2024);
      await importBytes(store, hongze2023);
      const [a, b] = await store.splitAgency("淮安市洪泽区人民政府", ["洪泽区人民政府"]);
      expect(a.years).toEqual([2024]);
      expect(b.years).toEqual([2023]);
      expect((await store.getReport(later.outcome.reports[0]!))!.acrossYears).toEqual([]);
      // A split is a user's decision: the same name imported again stays apart.
      await importBytes(store, reportFile(6, { template: "2021", year: 2022, agency: "洪泽区人民政府" }));
      expect((await store.agencies()).map((x) => x.years)).toEqual(expect.arrayContaining([[2024], [2022, 2023]]));
      const merged = await store.mergeAgencies(String(a.id), "洪泽区人民政府");
      expect(merged.years).toEqual([2022, 2023, 2024]);
      expect((await store.agencies()).length).toBe(1);
      expect((await store.getReport(later.outcome.reports[0]!))!.acrossYears.map((f) => f.rule)).toContain("years-carried-over");
      await expect(store.mergeAgencies("不存在的机关", "洪泽区人民政府")).rejects.toThrow(/没有找到机关“不存在的机关”/);
    });

    it("joins a zone's committee office with the zone, and keeps names apart that fit several", async () => {
      const store = await fresh(engine.db);
      await importBytes(store, reportFile(7, { template: "2021", year: 2021, agency: "平潭综合实验区管委会办公室" }));
      await importBytes(store, reportFile(8, { template: "2021", year: 2022, agency: "平潭综合实验区" }));
      await importBytes(store, reportFile(9, { template: "2021", year: 2022, agency: "临江市青山区人民政府" }));
      await importBytes(store, reportFile(10, { template: "2021", year: 2022, agency: "云溪市青山区人民政府" }));
      await importBytes(store, reportFile(11, { template: "2021", year: 2021, agency: "青山区人民政府" }));
      const names = (await store.agencies()).map((a) => a.aliases.sort().join("+")).sort();
      expect(names).toEqual(["临江市青山区人民政府", "云溪市青山区人民政府", "平潭综合实验区+平潭综合实验区管委会办公室", "青山区人民政府"].sort());
    });

    it("loads a regions CSV and filters by region code or by an agency above", async () => {
      const store = await fresh(engine.db);
      await importBytes(store, hongze2024);
      await importBytes(store, reportFile(12, { template: "2021", year: 2024, agency: "淮安市人民政府" }));
      await importBytes(store, reportFile(13, { template: "2021", year: 2024, agency: "平潭综合实验区公安局" }));
      const csv = "\ufeff机关,行政区划代码,上级机关,层级\n淮安市人民政府,320800000000,,市级\n洪泽区人民政府,320813000000,淮安市人民政府,县级\n";
      expect(await store.importRegions(csv, "regions.csv")).toBe(2);
      const hz = (await store.agencies()).find((a) => a.name === "淮安市洪泽区人民政府")!;
      expect(hz).toMatchObject({ regionCode: "320813000000", level: "县级", parent: { name: "淮安市人民政府" } });
      const inCity = (await store.listReports({ region: "3208" })).items.map((r) => r.agency).sort();
      expect(inCity).toEqual(["淮安市人民政府", "淮安市洪泽区人民政府"].sort());
      expect((await store.listReports({ region: "淮安市人民政府" })).total).toBe(2);
      expect((await store.listReports({ region: "320813" })).items.map((r) => r.agency)).toEqual(["淮安市洪泽区人民政府"]);
      await expect(store.importRegions("机关,行政区划代码\n某机关,32AB\n", "bad.csv")).rejects.toThrow("bad.csv 第 2 行：行政区划代码“32AB”应为 2 到 12 位数字");
    });

    it("re-reads a file an older reader produced, in place", async () => {
      const store = await fresh(engine.db);
      const later = await importBytes(store, hongze2024);
      await importBytes(store, hongze2023);
      expect(await store.rereadCandidates()).toEqual([]);
      await store.kysely.updateTable("originals").set({ reader_version: "html@0.0.1" }).where("sha256", "=", later.env.sha256!).execute();
      const todo = await store.rereadCandidates();
      expect(todo.map((t) => t.sha256)).toEqual([later.env.sha256]);
      const done = await rereadOne(store, todo[0]!.sha256, todo[0]!.name);
      expect(done!.outcome).toMatchObject({ status: "replaced", reports: later.outcome.reports });
      expect(await store.rereadCandidates()).toEqual([]);
      expect((await store.getReport(later.outcome.reports[0]!))!.acrossYears.map((f) => f.rule)).toContain("years-carried-over");
      expect((await store.counts()).reports).toBe(2);
      expect((await store.rereadCandidates({ all: true })).length).toBe(2);
    });

    it("imports files and folders resumably: stored bytes are skipped after hashing", async () => {
      const store = await fresh(engine.db);
      const dir = mkdtempSync(join(tmpdir(), "nianbao-files-"));
      try {
        const paths = [hongze2023, hongze2024].map((f) => {
          const p = join(dir, f.name);
          writeFileSync(p, f.bytes);
          return p;
        });
        const first = await all(importFiles(store, [paths[0]!, join(dir, "没有这个文件.txt")]));
        expect(first.map((e) => e.kind).sort()).toEqual(["stored", "unreadable"]);
        const missing = first.find((e) => e.kind === "unreadable")!;
        expect(missing.kind === "unreadable" && missing.error.message).toBe("文件不存在");
        const second = await all(importFiles(store, paths));
        expect(second.map((e) => e.kind).sort()).toEqual(["skipped", "stored"]);
        expect((await store.counts()).reports).toBe(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("lists with filters and paging", async () => {
      const store = await fresh(engine.db);
      await importBytes(store, hongze2023);
      await importBytes(store, hongze2024);
      await importBytes(store, reportFile(14, { template: "2019", year: 2020, agency: "上高县机关事务局" }));
      expect((await store.listReports()).total).toBe(3);
      expect((await store.listReports({ year: 2024 })).items.map((r) => r.agency)).toEqual(["淮安市洪泽区人民政府"]);
      expect((await store.listReports({ agency: "洪泽" })).total).toBe(2);
      expect((await store.listReports({ agency: "洪泽区人民政府", year: [2023, 2020] })).items.map((r) => r.year)).toEqual([2023]);
      const page = await store.listReports({}, { limit: 2, offset: 2 });
      expect(page.total).toBe(3);
      expect(page.items).toHaveLength(1);
      const errors = await store.listReports({ severity: "error" });
      expect(errors.items.every((r) => r.errors > 0)).toBe(true);
    });

    it("exports 问题清单.xlsx, the data wide and long", async () => {
      const store = await fresh(engine.db);
      await importBytes(store, hongze2023);
      await importBytes(store, hongze2024);
      const dir = mkdtempSync(join(tmpdir(), "nianbao-export-"));
      try {
        const xlsx = join(dir, "问题清单.xlsx");
        const s = await exportProblems(store, xlsx, {});
        expect(s.findings).toBeGreaterThan(0);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(xlsx);
        const sheet = wb.getWorksheet("问题清单")!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        expect(header.slice(0, 9)).toEqual(["机关", "年度", "文件", "级别", "问题类型", "表格", "行", "列", "问题说明"]);
        expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
        expect(sheet.autoFilter).toBeTruthy();
        expect(sheet.rowCount).toBe(s.findings + 1);
        const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).values as unknown[]);
        const years = rows.find((r) => r[18] === "years-carried-over")!;
        expect(years[1]).toBe("淮安市洪泽区人民政府");
        expect(years[2]).toBe(2024);
        expect(years[4]).toBe("警告");
        expect(years[6]).toBe("三、收到和处理政府信息公开申请情况");
        expect(String(years[9])).toMatch(/上年|结转/);
        expect(sheet.getColumn(9).width).toBeGreaterThan(20);
        const summary = wb.getWorksheet("汇总")!;
        expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(["机关", "错误", "警告", "提示", "报告数"]);
        expect(summary.getRow(2).getCell(1).value).toMatch(/洪泽区人民政府/);

        const csv = join(dir, "数据.csv");
        expect(await exportWide(store, csv, { year: 2024 })).toBe(1);
        const text = readFileSync(csv, "utf8");
        expect(text.startsWith("\ufeff报告编号,机关,")).toBe(true);
        expect(text).toContain("表三 （一）予以公开 · 自然人");
        expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);

        const wideX = join(dir, "数据.xlsx");
        await exportWide(store, wideX);
        const wb2 = new ExcelJS.Workbook();
        await wb2.xlsx.readFile(wideX);
        expect(wb2.getWorksheet("数据")!.rowCount).toBe(3);

        const jsonl = join(dir, "长表.jsonl");
        const n = await exportLong(store, jsonl, { agency: "洪泽区人民政府" });
        const lines = readFileSync(jsonl, "utf8").trim().split("\n").map((l) => JSON.parse(l));
        expect(lines).toHaveLength(n);
        expect(lines[0]).toEqual({ report: expect.any(Number), agency: "淮安市洪泽区人民政府", year: expect.any(Number), key: expect.any(String), label: expect.any(String), value: expect.anything(), raw: expect.any(String), inferred: false });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
