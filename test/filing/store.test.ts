import { describe, expect, it } from "vitest";
import { checkDraft, draftReport, getDraft, newDraft, saveDraft, setCells, setSection, submitDraft } from "../../src/filing/index.js";
import { processInput } from "../../src/pipeline/index.js";
import { findingMessage } from "../../src/report/messages.js";
import type { Store } from "../../src/store/index.js";
import type { StoredDraft } from "../../src/filing/index.js";
import { freshStores, hasPostgres, reportFile, useEngines } from "../support/store.js";
import { typedCells, lastYear } from "./support.js";

// Drafts in the store, on SQLite and PostgreSQL: pre-filled from the corpus, saved as versions,
// submitted into the corpus as a report whose original is the draft's statutory DOCX.

const engines = useEngines();
const fresh = freshStores();

async function importReport(store: Store, file: { bytes: Uint8Array; name: string }) {
  const env = await processInput(file);
  const outcome = await store.importEnvelope(env, file.bytes);
  return (await store.getReport(outcome.reports[0]!))!;
}

const AGENCY = "淮安市洪泽区人民政府";
const csv = (...lines: string[]) => new TextEncoder().encode(["登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期", ...lines].join("\n"));

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`filing on ${engine.name}`, () => {
    it("a new draft is pre-filled from the agency's stored report of last year (2021 template)", async () => {
      const store = await fresh(engine.db);
      const last = await importReport(store, reportFile(21, { template: "2021", year: 2024, agency: AGENCY, format: "docx" }));
      const sd = await newDraft(store, { agency: "洪泽区人民政府", year: 2025, by: "张三" });
      expect(sd).toMatchObject({ agency: AGENCY, year: 2025, version: 1, status: "draft", savedBy: "张三", reportId: null, agencyCreated: false });
      expect(sd.draft.previous).toMatchObject({ reportId: last.summary.id, year: 2024 });
      for (const c of ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"]) {
        expect(sd.draft.cells[`requests.carried_over.${c}`]).toEqual({ raw: String(last.report.cells[`requests.carried_forward.${c}`]), origin: "last-year" });
      }
      expect(sd.draft.derived.map((x) => [x.key, x.base])).toEqual([
        ["active.regulations.in_force", last.report.cells["active.regulations.in_force"]],
        ["active.normative_docs.in_force", last.report.cells["active.normative_docs.in_force"]],
      ]);
      // Read back whole from the store.
      expect((await getDraft(store, AGENCY, 2025)).draft).toEqual(sd.draft);
      // A second `new` for the same agency and year is refused unless asked to replace.
      await expect(newDraft(store, { agency: AGENCY, year: 2025, by: "李四" })).rejects.toThrow(/淮安市洪泽区人民政府 2025 年度已有草稿（第 1 版，张三 于 .* 保存）；要重新生成请加 --replace/);
      expect((await newDraft(store, { agency: AGENCY, year: 2025, by: "李四", replace: true })).savedBy).toBe("李四");
    });

    it("2019 template, and a 2020 → 2021 change of template, from stored reports", async () => {
      const store = await fresh(engine.db);
      const y2019 = await importReport(store, reportFile(31, { template: "2019", year: 2019, agency: AGENCY }));
      const d2020 = (await newDraft(store, { agency: AGENCY, year: 2020, by: "张三" })).draft;
      expect(d2020.template).toBe("2019");
      expect(Number(d2020.cells["active.licensing.prev_items"]!.raw)).toBe((y2019.report.cells["active.licensing.prev_items"] as number) + (y2019.report.cells["active.licensing.change"] as number));
      const y2020 = await importReport(store, reportFile(32, { template: "2019", year: 2020, agency: AGENCY }));
      const d2021 = (await newDraft(store, { agency: AGENCY, year: 2021, by: "张三" })).draft;
      expect(d2021.template).toBe("2021");
      expect(d2021.cells["requests.carried_over.total"]!.raw).toBe(String(y2020.report.cells["requests.carried_forward.total"]));
      expect(d2021.prefill.filter((n) => n.kind === "not-carried").map((n) => n.key)).toEqual(["active.regulations.in_force", "active.normative_docs.in_force"]);
    });

    it("tables 3 and 4 from the agency's stored register, or typed when asked", async () => {
      const store = await fresh(engine.db);
      await store.register.importFile(AGENCY, csv("2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20", "2025-002,2025-12-29,邮寄,商业企业,某某规划,,"), "台账.csv");
      const d = (await newDraft(store, { agency: AGENCY, year: 2025, by: "张三" })).draft;
      expect(d.register).toEqual({ applications: 2 });
      expect(d.cells["requests.granted.natural_person"]).toEqual({ raw: "1", origin: "register" });
      expect(d.cells["requests.carried_forward.commercial"]).toEqual({ raw: "1", origin: "register" });
      expect(d.cells["review.reconsideration.total"]).toEqual({ raw: "0", origin: "register" });
      const typed = (await newDraft(store, { agency: AGENCY, year: 2025, by: "张三", tables: "typed", replace: true })).draft;
      expect(typed.register).toBeNull();
      expect(typed.cells["requests.granted.natural_person"]).toBeUndefined();
    });

    it("saves versions; a save made on an old version is refused", async () => {
      const store = await fresh(engine.db);
      const v1 = await newDraft(store, { agency: AGENCY, year: 2025, by: "张三" });
      const v2 = await saveDraft(store, v1.id, setSection(setCells(v1.draft, [{ key: "active.regulations.issued", raw: "3" }]), 1, "总体情况……"), "张三", 1);
      expect(v2).toMatchObject({ version: 2, savedBy: "张三" });
      expect(v2.draft.cells["active.regulations.issued"]).toEqual({ raw: "3", origin: "typed" });
      expect(v2.draft.sections[0]).toEqual({ no: 1, text: "总体情况……" });
      await expect(saveDraft(store, v1.id, v1.draft, "李四", 1)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^草稿已被 张三 于 .* 保存为第 2 版（您编辑的是第 1 版）/) });
      expect((await store.filing.versions(v1.id)).map((v) => [v.version, v.savedBy])).toEqual([
        [1, "张三"],
        [2, "张三"],
      ]);
      expect((await store.filing.version(v1.id, 1)).cells["active.regulations.issued"]).toBeUndefined();
      expect((await store.filing.list({ agency: "洪泽区" })).map((d) => [d.agency, d.year, d.version])).toEqual([[AGENCY, 2025, 2]]);
    });

    it("submit is refused while an error remains, accepted after the fix; the corpus then has the report with the draft's cells and its DOCX as the original", async () => {
      const store = await fresh(engine.db);
      const filed = lastYear("2021", 2025, AGENCY, {}, 5);
      let sd: StoredDraft = await newDraft(store, { agency: AGENCY, year: 2025, by: "张三" });
      let d = setCells(sd.draft, typedCells(filed));
      for (const s of filed.sections) d = setSection(d, s.no, s.text);
      const right = d.cells["requests.granted.total"]!.raw;
      d = setCells(d, [{ key: "requests.granted.total", raw: String(Number(right) + 2) }]);
      sd = await saveDraft(store, sd.id, d, "张三", sd.version);

      const refused = await submitDraft(store, sd.id, "张三");
      expect(refused.ok).toBe(false);
      const errors = refused.check.findings.filter((f) => f.severity === "error").map(findingMessage);
      expect(errors.some((m) => m.startsWith("表三“（一）予以公开”行：总计 ="))).toBe(true);
      expect((await store.counts()).reports).toBe(0);
      expect((await store.filing.byId(sd.id))!.status).toBe("draft");

      sd = await saveDraft(store, sd.id, setCells(sd.draft, [{ key: "requests.granted.total", raw: right }]), "张三", sd.version);
      const ok = await submitDraft(store, sd.id, "王五");
      expect(ok.ok).toBe(true);
      if (!ok.ok) return;
      expect(ok.draft).toMatchObject({ status: "submitted", reportId: ok.reportId, submittedBy: "王五", version: sd.version });
      const stored = (await store.getReport(ok.reportId))!;
      const mine = draftReport(sd.draft);
      expect(stored.report.cells).toEqual(mine.cells);
      expect(stored.report.sections).toEqual(mine.sections);
      expect(stored.summary).toMatchObject({ agency: AGENCY, year: 2025, template: "2021", errors: 0, file: "淮安市洪泽区人民政府2025年政府信息公开工作年度报告.docx" });
      // The original is the statutory DOCX; nianbao reads it back to the same cells.
      const [original] = await store.originals();
      expect(original).toMatchObject({ name: "淮安市洪泽区人民政府2025年政府信息公开工作年度报告.docx", format: "docx", status: "ok" });
      const bytes = (await store.blob(stored.summary.sha256))!;
      expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
      const back = await processInput({ bytes, name: "back.docx" });
      expect(back.reports[0]!.cells).toEqual(mine.cells);
      expect(back.reports[0]!.meta).toMatchObject({ agency: AGENCY, year: 2025, template: "2021" });
      // Submitting the same version again adds nothing.
      const again = await submitDraft(store, sd.id, "王五");
      expect(again.ok && again.reportId).toBe(ok.reportId);
      expect((await store.counts()).reports).toBe(1);
      // Reopened by a save and submitted again: the new version replaces the draft's earlier submission.
      const reopened = await saveDraft(store, sd.id, setSection(sd.draft, 6, "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费共计 0 元。"), "张三", sd.version);
      expect(reopened.status).toBe("draft");
      const resubmitted = await submitDraft(store, sd.id, "王五");
      expect(resubmitted.ok).toBe(true);
      if (!resubmitted.ok) return;
      expect(resubmitted.reportId).not.toBe(ok.reportId);
      expect(await store.getReport(ok.reportId)).toBeNull();
      expect((await store.counts()).reports).toBe(1);
      expect((await store.originals()).map((o) => o.sha256)).toEqual([resubmitted.sha256]);
      expect(await store.blob(ok.sha256)).toBeNull();
      expect((await store.getReport(resubmitted.reportId))!.report.sections[5]!.text).toBe("本年度依据《政府信息公开信息处理费管理办法》收取信息处理费共计 0 元。");
      expect((await store.filing.versions(sd.id)).filter((v) => v.status === "submitted").map((v) => v.version)).toEqual([sd.version, reopened.version]);
      sd = reopened;
      // The next year's draft is pre-filled from this submission.
      const next = (await newDraft(store, { agency: AGENCY, year: 2026, by: "张三" })).draft;
      expect(next.cells["requests.carried_over.total"]!.raw).toBe(sd.draft.cells["requests.carried_forward.total"]!.raw);
      expect(checkDraft(next).report.meta.year).toBe(2026);
    });

    it("an agency merge moves its drafts; both having a draft for a year refuses the merge", async () => {
      const store = await fresh(engine.db);
      expect((await newDraft(store, { agency: "某某街道办事处", year: 2025, by: "张三" })).agencyCreated).toBe(true);
      await newDraft(store, { agency: AGENCY, year: 2024, by: "张三" });
      await store.mergeAgencies(AGENCY, "某某街道办事处");
      expect((await store.filing.list({ agency: AGENCY })).map((d) => d.year)).toEqual([2024, 2025]);
      await newDraft(store, { agency: "另一个街道办事处", year: 2025, by: "张三" });
      await expect(store.mergeAgencies(AGENCY, "另一个街道办事处")).rejects.toThrow("两个机关都有 2025 年度的年报草稿");
    });
  });
}
