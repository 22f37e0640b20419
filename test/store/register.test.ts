import { describe, expect, it } from "vitest";
import { defaultCalendar, exportRegisterCsv, exportRegisterXlsx, importRegister, type Application } from "../../src/register/index.js";
import { app } from "../register/support.js";
import { freshStores, hasPostgres, reportFile, useEngines } from "../support/store.js";
import { processInput } from "../../src/pipeline/index.js";

// The register in the store, on SQLite and on PostgreSQL: the same calls give the same register.

const engines = useEngines();
const fresh = freshStores();

const HEADER = "登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期";
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\r\n"));

// A hand-worked register for 2025 (2021 template):
//   2024-050 received 2024-12-30 by a 科研机构, answered 2025-01-10 不掌握 → 二、上年结转 and （四）1 in 2025
//   2025-001 自然人 予以公开 in March                                        → 一、本年新收 and （一）
//   2025-002 自然人 部分公开                                                  → 一 and （二）
//   2025-003 商业企业 received 2025-12-29, not answered                        → 一 and 四、结转下年度
//   2023-007 answered in 2023                                                 → not in 2025 at all
const REGISTER = csv(
  "2024-050,2024-12-30,网络,科研机构,某某数据,（四）1.本机关不掌握相关政府信息,2025-01-10",
  "2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20",
  "2025-002,2025-04-01,当面,自然人,某某合同,（二）部分公开,2025-04-20",
  "2025-003,2025-12-29,邮寄,商业企业,某某规划,,",
  "2023-007,2023-02-01,网络,自然人,旧申请,予以公开,2023-02-10",
);

const BROKEN = csv(
  "2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20",
  "2025-002,2025-02-30,当面,自然人,某某文件,,",
  "2025-003,2025-03-05,邮寄,商业企业,某某文件,已答复,2025-03-20",
);

function sampleApps(n: number): Application[] {
  const out: Application[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2025, 0, 2) + (i % 360) * 86_400_000).toISOString().slice(0, 10);
    const a = app({ id: `2025-${String(i).padStart(6, "0")}`, received: d, applicantType: ["natural_person", "commercial", "research"][i % 3]!, request: `申请公开第 ${i} 号文件` });
    if (i % 4 !== 0) {
      a.replied = new Date(Date.parse(d) + 10 * 86_400_000).toISOString().slice(0, 10);
      a.outcome = ["granted", "partial", "unable_not_held"][i % 3]!;
    }
    out.push(a);
  }
  return out;
}

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`register in the store on ${engine.name}`, () => {
    it("stores a register for an agency and counts tables 3 and 4 from it, with the 登记编号 behind each cell", async () => {
      const store = await fresh(engine.db);
      const r = await store.register.importFile("淮安市洪泽区人民政府", REGISTER, "台账.csv");
      expect(r).toMatchObject({ ok: true, rows: 5, added: 5, updated: 0, removed: 0, format: "csv", agency: { name: "淮安市洪泽区人民政府", created: true } });
      const parsed = await importRegister(REGISTER, "台账.csv");
      const stored = await store.register.applications("淮安市洪泽区人民政府");
      expect(stored.applications).toEqual(parsed.ok && parsed.applications);

      const t = await store.register.tables("洪泽区人民政府", 2025);
      expect(t.agency).toBe("淮安市洪泽区人民政府");
      expect(t.cells["requests.new_received.natural_person"]).toBe(2);
      expect(t.cells["requests.new_received.commercial"]).toBe(1);
      expect(t.cells["requests.new_received.total"]).toBe(3);
      expect(t.cells["requests.carried_over.research"]).toBe(1);
      expect(t.cells["requests.granted.natural_person"]).toBe(1);
      expect(t.cells["requests.partial.natural_person"]).toBe(1);
      expect(t.cells["requests.unable_not_held.research"]).toBe(1);
      expect(t.cells["requests.total.total"]).toBe(3);
      expect(t.cells["requests.carried_forward.commercial"]).toBe(1);
      expect(t.cells["requests.carried_forward.total"]).toBe(1);
      expect(t.sources["requests.new_received.natural_person"]).toEqual(["2025-001", "2025-002"]);
      expect(t.sources["requests.carried_over.research"]).toEqual(["2024-050"]);
      expect(t.sources["requests.carried_forward.commercial"]).toEqual(["2025-003"]);
      expect(Object.values(t.sources).flat()).not.toContain("2023-007");
    });

    it("lists and filters applications", async () => {
      const store = await fresh(engine.db);
      await store.register.importFile("甲县人民政府", REGISTER, "a.csv");
      await store.register.importFile("乙县人民政府", csv("Y-1,2025-05-01,网络,自然人,乙的申请,,"), "b.csv");
      expect((await store.register.list()).total).toBe(6);
      const a = await store.register.list({ agency: "甲县" });
      expect(a.items.map((x) => x.application.id)).toEqual(["2024-050", "2025-001", "2025-002", "2025-003", "2023-007"]);
      expect((await store.register.list({ year: 2025, open: true })).items.map((x) => `${x.agency}:${x.application.id}`)).toEqual(["乙县人民政府:Y-1", "甲县人民政府:2025-003"]);
      expect((await store.register.list({ q: "合同" })).items.map((x) => x.application.id)).toEqual(["2025-002"]);
      expect((await store.register.list({}, { limit: 2, offset: 1 })).items.map((x) => x.application.id)).toEqual(["2024-050", "2025-001"]);
      const sums = await store.register.summaries();
      expect(sums.map((s) => [s.agency, s.applications, s.open])).toEqual([
        ["乙县人民政府", 1, 1],
        ["甲县人民政府", 5, 1],
      ]);
    });

    it("replaces the register, or merges by 登记编号, as asked", async () => {
      const store = await fresh(engine.db);
      await store.register.importFile("甲县人民政府", REGISTER, "a.csv");
      // 2025-003 answered now, and a new one.
      const update = csv("2025-003,2025-12-29,邮寄,商业企业,某某规划,予以公开,2026-01-08", "2026-001,2026-01-05,网络,自然人,新的申请,,");
      const merged = await store.register.importFile("甲县人民政府", update, "补充.csv", { mode: "merge" });
      expect(merged).toMatchObject({ ok: true, rows: 2, added: 1, updated: 1, removed: 0 });
      const after = (await store.register.applications("甲县人民政府")).applications;
      expect(after.map((a) => a.id)).toEqual(["2024-050", "2025-001", "2025-002", "2025-003", "2023-007", "2026-001"]);
      expect(after.find((a) => a.id === "2025-003")).toMatchObject({ outcome: "granted", replied: "2026-01-08" });

      const replaced = await store.register.importFile("甲县人民政府", update, "全部.csv", { mode: "replace" });
      expect(replaced).toMatchObject({ ok: true, rows: 2, added: 0, updated: 2, removed: 4 });
      expect((await store.register.applications("甲县人民政府")).applications.map((a) => a.id)).toEqual(["2025-003", "2026-001"]);
    });

    it("a broken file imports nothing and leaves the stored register as it was, with the library's row messages", async () => {
      const store = await fresh(engine.db);
      await store.register.importFile("甲县人民政府", REGISTER, "a.csv");
      for (const mode of ["replace", "merge"] as const) {
        const r = await store.register.importFile("甲县人民政府", BROKEN, "坏.csv", { mode });
        expect(r.ok).toBe(false);
        expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
          "第 3 行：“收到申请日期”2025-02-30 不是真实存在的日期",
          "第 4 行：“办理结果”已答复 不是 2025 年度所用格式（2021 年版格式）表三的办理结果（可选值见模板的“选项”页）",
        ]);
        expect((await store.register.applications("甲县人民政府")).applications.map((a) => a.id)).toEqual(["2024-050", "2025-001", "2025-002", "2025-003", "2023-007"]);
      }
      // A broken file for an agency nobody knows does not create it either.
      await store.register.importFile("丙县人民政府", BROKEN, "坏.csv");
      expect((await store.agencies()).map((a) => a.name)).toEqual(["甲县人民政府"]);
    });

    it("due lists per agency from the stored register", async () => {
      const store = await fresh(engine.db);
      await store.register.importFile("甲县人民政府", csv("A-1,2025-09-26,网络,自然人,某某文件,,", "A-2,2025-10-20,网络,自然人,某某文件,,"), "a.csv");
      await store.register.importFile("乙县人民政府", csv("B-1,2025-01-20,网络,自然人,某某文件,予以公开,2025-03-01"), "b.csv");
      const due = await store.register.due({ today: "2025-10-31", within: 5, calendar: defaultCalendar() });
      expect(due.map((d) => d.agency)).toEqual(["乙县人民政府", "甲县人民政府"]);
      // 9-26 received: deadline 10-30 (docs/register.md) — overdue by one working day on 10-31.
      expect(due[1]!.report.overdue.map((x) => [x.application.id, x.deadline, x.workingDays])).toEqual([["A-1", "2025-10-30", 1]]);
      // 1-20 received: deadline 2-21; answered 3-1 — late.
      expect(due[0]!.report.lateReplies.map((x) => [x.application.id, x.deadline])).toEqual([["B-1", "2025-02-21"]]);
      const one = await store.register.due({ agency: "甲县人民政府", today: "2025-10-31", calendar: defaultCalendar() });
      expect(one.map((d) => d.agency)).toEqual(["甲县人民政府"]);
    });

    it("an agency merge moves the register; the same 登记编号 in both refuses the merge", async () => {
      const store = await fresh(engine.db);
      const env = await processInput(reportFile(1, { template: "2021", year: 2024, agency: "洪泽区人民政府" }));
      await store.importEnvelope(env, reportFile(1, { template: "2021", year: 2024, agency: "洪泽区人民政府" }).bytes);
      await store.register.importFile("某某街道办事处", csv("X-1,2025-05-01,网络,自然人,x,,"), "x.csv");
      await store.register.importFile("洪泽区人民政府", csv("H-1,2025-05-01,网络,自然人,h,,"), "h.csv");
      await store.mergeAgencies("洪泽区人民政府", "某某街道办事处");
      expect((await store.register.applications("洪泽区人民政府")).applications.map((a) => a.id)).toEqual(["H-1", "X-1"]);
      await store.register.importFile("另一个街道办事处", csv("H-1,2025-05-02,网络,自然人,重复,,"), "y.csv");
      await expect(store.mergeAgencies("洪泽区人民政府", "另一个街道办事处")).rejects.toThrow("相同的登记编号（H-1）");
      expect((await store.register.applications("另一个街道办事处")).applications).toHaveLength(1);
    });

    it("50,000-row register: imported in one transaction; one broken row and none are", async () => {
      const store = await fresh(engine.db);
      const apps = sampleApps(50_000);
      const xlsx = await exportRegisterXlsx(apps);
      let t = performance.now();
      const r = await store.register.importFile("甲县人民政府", xlsx, "大台账.xlsx");
      const took = performance.now() - t;
      expect(r).toMatchObject({ ok: true, rows: 50_000, added: 50_000 });
      console.log(`${engine.name}：5 万行台账（XLSX ${(xlsx.length / 1024 / 1024).toFixed(1)} MB）读取并入库 ${(took / 1000).toFixed(1)} 秒，堆 ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
      t = performance.now();
      const tables = await store.register.tables("甲县人民政府", 2025);
      console.log(`${engine.name}：由 5 万行台账计算 2025 年表三表四 ${((performance.now() - t) / 1000).toFixed(2)} 秒`);
      expect(tables.counted).toBe(50_000);
      expect(tables.cells["requests.new_received.total"]).toBe(50_000);
      expect((await store.register.list({ agency: "甲县人民政府" }, { limit: 1, offset: 49_999 })).items[0]!.application).toEqual(apps[49_999]);

      // The same register with its last row broken: nothing of it is written.
      const broken = [...apps.slice(0, 49_999).map((a) => ({ ...a, request: `改过的${a.request}` })), { ...apps[49_999]!, received: "2025-13-01" }];
      const bytes = new TextEncoder().encode(new TextDecoder().decode(exportRegisterCsv(broken)));
      const bad = await store.register.importFile("甲县人民政府", bytes, "坏的大台账.csv");
      expect(bad.ok).toBe(false);
      expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual(["第 50001 行：“收到申请日期”2025-13-01 不是真实存在的日期"]);
      const first = (await store.register.list({ agency: "甲县人民政府" }, { limit: 1 })).items[0]!.application;
      expect(first.request).toBe(apps[0]!.request);
    }, 240_000);
  });
}
