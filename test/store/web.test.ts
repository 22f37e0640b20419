import { describe, expect, it } from "vitest";
import { exportProblems } from "../../src/export/index.js";
import { processInput } from "../../src/pipeline/index.js";
import { scopeOf, type Store } from "../../src/store/index.js";
import { fingerprint } from "../../src/store/rows.js";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshStores, hasPostgres, reportFile, useEngines } from "../support/store.js";

// The web's part of the store (migration 005-web), the same suite on SQLite and PostgreSQL.

const engines = useEngines();
const fresh = freshStores();

/** A generated report; `bad` breaks an identity of table 3 (an error). */
async function put(store: Store, seed: number, agency: string, year: number, bad = false) {
  const f = reportFile(seed, { template: "2021", year, agency }, (r) => {
    if (bad) r.cells["requests.new_received.total"] = (r.cells["requests.new_received.total"] ?? 0) + 7;
    return r;
  });
  const env = await processInput(f);
  return (await store.importEnvelope(env, f.bytes)).reports[0]!;
}

const REGIONS = "机关,行政区划代码,上级机关,层级\n淮安市人民政府,320800000000,,市级\n淮安市洪泽区人民政府,320813000000,淮安市人民政府,县级\n淮安市洪泽区教育局,,淮安市洪泽区人民政府,县级\n苏州市人民政府,320500000000,,市级\n";

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`web store on ${engine.name}`, () => {
    it("hashes passwords, refuses weak ones and duplicate logins, and keeps one admin", async () => {
      const store = await fresh(engine.db);
      await expect(store.web.createUser({ login: "admin", password: "short1", role: "admin" })).rejects.toThrow("至少 10 个字符");
      await expect(store.web.createUser({ login: "admin", password: "onlyletterspassword", role: "admin" })).rejects.toThrow("字母和数字");
      const admin = await store.web.createUser({ login: "admin", password: "Correct-horse-9", role: "admin" });
      expect(admin).toMatchObject({ login: "admin", role: "admin", disabled: false, mustChangePassword: false });
      await expect(store.web.createUser({ login: "admin", password: "Another-pass-99", role: "admin" })).rejects.toThrow("已被使用");
      const row = await store.kysely.selectFrom("users").select("password_hash").where("id", "=", admin.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(row.password_hash).not.toContain("Correct-horse-9");
      await expect(store.web.updateUser(admin.id, { role: "filer" })).rejects.toThrow("至少要保留一个");
      await expect(store.web.createUser({ login: "r1", password: "Reviewer-pass-1", role: "reviewer" })).rejects.toThrow("审核范围");
    });

    it("moves filers and reviewers' scopes when their agency is merged into another", async () => {
      const store = await fresh(engine.db);
      await put(store, 1, "洪泽区人民政府", 2024);
      await put(store, 2, "洪泽县人民政府", 2023);
      const [kept, gone] = [await store.findAgency("洪泽区人民政府"), await store.findAgency("洪泽县人民政府")];
      expect(kept).not.toBe(gone);
      const filer = await store.web.createUser({ login: "tianbao", password: "Filer-pass-2025", role: "filer", agencyId: gone });
      const reviewer = await store.web.createUser({ login: "shenhe", password: "Review-pass-2025", role: "reviewer", scopeAgencyId: gone });
      await store.mergeAgencies("洪泽区人民政府", "洪泽县人民政府");
      expect((await store.web.getUser(filer.id))!.agencyId).toBe(kept);
      expect((await store.web.getUser(reviewer.id))!.scopeAgencyId).toBe(kept);
    });

    it("locks an account after five failed logins, even for the right password", async () => {
      const store = await fresh(engine.db);
      await store.web.createUser({ login: "li", password: "Correct-horse-9", role: "admin" });
      const t0 = new Date("2025-01-10T09:00:00Z");
      expect((await store.web.authenticate("li", "Correct-horse-9", t0)).kind).toBe("ok");
      expect((await store.web.authenticate("nobody", "Correct-horse-9", t0)).kind).toBe("bad");
      for (let i = 0; i < 4; i++) expect((await store.web.authenticate("li", "wrong", new Date(t0.getTime() + i * 1000))).kind).toBe("bad");
      const locked = await store.web.authenticate("li", "wrong", new Date(t0.getTime() + 5000));
      expect(locked).toMatchObject({ kind: "locked", minutes: 15 });
      expect((await store.web.authenticate("li", "Correct-horse-9", new Date(t0.getTime() + 60_000))).kind).toBe("locked");
      expect((await store.web.authenticate("li", "Correct-horse-9", new Date(t0.getTime() + 16 * 60_000))).kind).toBe("ok");
    });

    it("counts failed logins made at the same time, one each: guessing in parallel still locks", async () => {
      const store = await fresh(engine.db);
      await store.web.createUser({ login: "li", password: "Correct-horse-9", role: "admin" });
      const t0 = new Date("2025-01-10T09:00:00Z");
      // Eight guesses at once: each reads the row before any has checked its password (~0.1 s of scrypt).
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.web.authenticate("li", `wrong-${i}`, new Date(t0.getTime() + i))));
      expect(outcomes.filter((o) => o.kind === "locked").length).toBeGreaterThanOrEqual(1);
      expect((await store.web.authenticate("li", "Correct-horse-9", new Date(t0.getTime() + 60_000))).kind).toBe("locked");
    });

    it("keeps sessions by hashed token, slides their idle expiry and ends idle ones", async () => {
      const store = await fresh(engine.db);
      const u = await store.web.createUser({ login: "wang", password: "Correct-horse-9", role: "admin" });
      const t0 = new Date("2025-01-10T09:00:00Z");
      const token = await store.web.createSession(u.id, 30 * 60_000, t0);
      const ids = await store.kysely.selectFrom("sessions").select("id").execute();
      expect(ids.map((x) => x.id)).not.toContain(token);
      expect((await store.web.sessionUser(token, 30 * 60_000, new Date(t0.getTime() + 20 * 60_000)))?.user.login).toBe("wang");
      // Used at 20 minutes: still alive at 45.
      expect(await store.web.sessionUser(token, 30 * 60_000, new Date(t0.getTime() + 45 * 60_000))).not.toBeNull();
      // Idle from 45 to 80 minutes: gone.
      expect(await store.web.sessionUser(token, 30 * 60_000, new Date(t0.getTime() + 80 * 60_000))).toBeNull();
      expect(await store.web.sessionUser("x".repeat(43))).toBeNull();
    });

    it("lists reports within a scope, with counts, sorting, paging and review states", async () => {
      const store = await fresh(engine.db);
      await store.importRegions(REGIONS);
      const a = await put(store, 11, "淮安市洪泽区人民政府", 2023);
      const b = await put(store, 12, "淮安市洪泽区教育局", 2024, true);
      const c = await put(store, 13, "苏州市人民政府", 2024);
      const agencies = await store.agencies();
      const id = (name: string) => agencies.find((x) => x.name === name)!.id;
      const reviewer = await store.web.createUser({ login: "shen", password: "Reviewer-pass-1", role: "reviewer", scopeAgencyId: id("淮安市人民政府") });
      const scope = scopeOf(reviewer);
      const page = await store.web.listReports(scope, { sort: "year", order: "asc" });
      expect(page.items.map((x) => x.id)).toEqual([a, b]);
      expect(page.total).toBe(2);
      expect(page.counts.error).toBe(1);
      expect(await store.web.reportInScope(scope, c)).toBe(false);
      expect(await store.web.reportInScope(scope, b)).toBe(true);
      expect((await store.web.agencies(scope)).map((x) => x.name).sort()).toEqual(["淮安市人民政府", "淮安市洪泽区人民政府", "淮安市洪泽区教育局"].sort());
      const filer = scopeOf({ role: "filer", agencyId: id("淮安市洪泽区教育局"), scopeAgencyId: null });
      expect((await store.web.listReports(filer, {})).items.map((x) => x.id)).toEqual([b]);
      expect((await store.web.listReports({ kind: "none" }, {})).total).toBe(0);
      // Review states filter the list.
      await store.web.setReview(b, "returned", "请核对表三", reviewer.id);
      expect((await store.web.listReports(scope, { review: "returned" })).items.map((x) => x.id)).toEqual([b]);
      expect((await store.web.listReports(scope, { review: "pending" })).items.map((x) => x.id)).toEqual([a]);
      expect((await store.web.review(b))).toMatchObject({ state: "returned", note: "请核对表三", user: "shen" });
      // Status, text search, paging.
      const errors = await store.web.listReports({ kind: "all" }, { status: "error" });
      expect(errors.items.every((x) => x.errors > 0)).toBe(true);
      expect((await store.web.listReports({ kind: "all" }, { q: "教育" })).items.map((x) => x.id)).toEqual([b]);
      const paged = await store.web.listReports({ kind: "all" }, { pageSize: 2, page: 2, sort: "importedAt" });
      expect(paged.items.map((x) => x.id)).toEqual([c]);
      expect(paged.total).toBe(3);
      // The exports take the same scope and filters.
      const dir = mkdtempSync(join(tmpdir(), "nianbao-web-"));
      try {
        await exportProblems(store, join(dir, "p.xlsx"), { scope, web: { review: "returned" } });
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(join(dir, "p.xlsx"));
        const ids = new Set<number>();
        wb.getWorksheet("问题清单")!.eachRow((row, n) => void (n > 1 && ids.add(Number(row.getCell(19).value))));
        expect([...ids]).toEqual([b]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("records decisions by fingerprint, withdraws them, and logs who did what", async () => {
      const store = await fresh(engine.db);
      const id = await put(store, 21, "尚店镇人民政府", 2024, true);
      const u = await store.web.createUser({ login: "zhao", displayName: "赵审核", password: "Correct-horse-9", role: "admin" });
      const f = (await store.getReport(id))!.report.findings.find((x) => x.severity === "error")!;
      const fp = fingerprint(f);
      expect(await store.web.setDecision(id, fp, "confirmed", "属实", u.id)).toMatchObject({ verdict: "confirmed", note: "属实", user: "赵审核" });
      await store.web.setDecision(id, fp, "dismissed", "", u.id);
      expect((await store.web.findingDecisions(id)).get(fp)?.verdict).toBe("dismissed");
      expect(await store.web.deleteDecision(id, fp)).toBe(true);
      expect((await store.web.findingDecisions(id)).size).toBe(0);
      await store.web.audit({ userId: u.id, login: "zhao", action: "decision", target: `报告 ${id}`, detail: "确认" });
      await store.web.audit({ userId: null, login: "x", action: "login-failed" });
      const log = await store.web.auditLog(1, 1);
      expect(log.total).toBe(2);
      expect(log.items[0]!.action).toBe("login-failed");
    });

    it("keeps upload jobs and their files' progress; a restart fails what was left running", async () => {
      const store = await fresh(engine.db);
      await store.web.createJob("job-1", null, ["a.txt", "目录/b.pdf"]);
      await store.web.updateJobItem("job-1", 0, { status: "stored", reportIds: [5], sha256: "ab" });
      let job = await store.web.job("job-1");
      expect(job).toMatchObject({ state: "running", total: 2, done: 1 });
      expect(job!.items[0]).toEqual({ name: "a.txt", status: "stored", reportIds: [5] });
      expect(await store.web.settleJobs()).toBe(1);
      job = await store.web.job("job-1");
      expect(job!.state).toBe("failed");
      expect(job!.items[1]).toMatchObject({ status: "refused", error: expect.stringContaining("重新上传") });
    });
  });
}
