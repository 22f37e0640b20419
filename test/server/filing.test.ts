import { afterEach, describe, expect, it } from "vitest";
import { processInput } from "../../src/pipeline/index.js";
import { importRegister as parseRegister } from "../../src/register/index.js";
import { lastYear, typedCells } from "../filing/support.js";
import { hasPostgres, reportFile, useEngines } from "../support/store.js";
import { login, multipart, testServer, type Client, type TestServer } from "../support/server.js";

// The filing form's API (src/server/filing) through fastify.inject, on SQLite and PostgreSQL:
// a filer's draft pre-filled from last year's stored report, saved as versions, pasted into,
// counted from an imported register, refused on errors, submitted, downloaded — and every
// refusal: wrong role, another agency's draft, a stale version, a bad register.

const engines = useEngines();
let servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

const AGENCY = "淮安市洪泽区人民政府";
const csv = (...lines: string[]) => new TextEncoder().encode(["登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期", ...lines].join("\n"));

async function importRegister(c: Client, id: number, baseVersion: number, bytes: Uint8Array, name = "台账.csv") {
  const m = multipart([{ name, bytes }], "file");
  return c.send("POST", `/api/filing/drafts/${id}/register?baseVersion=${baseVersion}`, m.body, m.headers);
}

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`filing API on ${engine.name}`, () => {
    const start = async () => {
      const s = await testServer(await engine.db());
      servers.push(s);
      return s;
    };

    it("a filer makes, saves, pastes into, imports a register for, and submits their agency's draft; the DOCX reads back to the draft's cells", async () => {
      const s = await start();
      const last = await processInput(reportFile(21, { template: "2021", year: 2024, agency: AGENCY, format: "docx" }));
      await s.store.importEnvelope(last, new Uint8Array(0));
      const prev = last.reports[0]!;
      const f = await login(s, "filer");

      const made = await f.send("POST", "/api/filing/drafts", { year: 2025 });
      expect(made.statusCode, made.body).toBe(201);
      const sd = made.json();
      expect(sd).toMatchObject({ agency: AGENCY, year: 2025, version: 1, status: "draft", savedBy: "填报人丙" });
      expect(sd.draft.cells["requests.carried_over.total"]).toEqual({ raw: String(prev.cells["requests.carried_forward.total"]), origin: "last-year" });
      expect((await f.get("/api/filing/drafts")).json().items.map((d: { id: number; title: string }) => [d.id, d.title])).toEqual([[sd.id, `${AGENCY}2025年政府信息公开工作年度报告`]]);
      // A second draft of the same year is refused, in Chinese.
      const twice = await f.send("POST", "/api/filing/drafts", { year: 2025 });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toMatch(/^淮安市洪泽区人民政府 2025 年度已有草稿（第 1 版，填报人丙 保存），请打开它继续填写$/);

      // Fill it in as the report of a consistent year, then break one identity.
      const filed = lastYear("2021", 2025, AGENCY, {}, 5);
      const cells = typedCells(filed).filter((c) => !c.key.startsWith("requests.carried_over"));
      const saved = await f.send("PATCH", `/api/filing/drafts/${sd.id}`, { baseVersion: 1, cells, sections: filed.sections.map((x) => ({ no: x.no, text: x.text })) });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: 2, savedBy: "填报人丙" });
      // A save on version 1 now is stale: 409 with who saved which version.
      const stale = await f.send("PATCH", `/api/filing/drafts/${sd.id}`, { baseVersion: 1, cells: [{ key: "active.regulations.issued", raw: "9" }] });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: "conflict", message: expect.stringMatching(/^草稿已被 填报人丙 于 .* 保存为第 2 版（您编辑的是第 1 版）/) });
      const unknown = await f.send("PATCH", `/api/filing/drafts/${sd.id}`, { baseVersion: 2, cells: [{ key: "requests.nonsense", raw: "1" }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe("unknown-cell");

      // Paste a block from Excel at 表三（一）予以公开 · 自然人: the natural person and commercial cells.
      const pasted = await f.send("POST", `/api/filing/drafts/${sd.id}/paste`, { baseVersion: 2, at: "requests.granted.natural_person", text: "7\t1\n" });
      expect(pasted.statusCode, pasted.body).toBe(200);
      expect(pasted.json().draft.cells["requests.granted.natural_person"]).toEqual({ raw: "7", origin: "typed" });
      expect(pasted.json().draft.cells["requests.granted.commercial"]).toEqual({ raw: "1", origin: "typed" });
      const tooWide = await f.send("POST", `/api/filing/drafts/${sd.id}/paste`, { baseVersion: 3, at: "requests.granted.total", text: "1\t2\t3\n" });
      expect(tooWide.statusCode).toBe(422);
      expect(tooWide.json().error.message).toMatch(/右/);

      // The check says what is wrong; submit is refused with the error findings, nothing stored.
      const check = (await f.get(`/api/filing/drafts/${sd.id}/check`)).json();
      expect(check.canSubmit).toBe(false);
      const refused = await f.send("POST", `/api/filing/drafts/${sd.id}/submit`, { baseVersion: 3 });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: "has-errors", message: expect.stringMatching(/^草稿有 \d+ 个错误，未提交/) });
      expect(refused.json().findings.length).toBe(check.errors);
      expect(refused.json().findings.every((x: { severity: string; message: string }) => x.severity === "error" && x.message.length > 0)).toBe(true);
      expect((await s.store.counts()).reports).toBe(1);
      expect((await f.send("POST", `/api/filing/drafts/${sd.id}/submit`, { baseVersion: 2 })).statusCode).toBe(409);

      // The blank register to fill in, for the draft's year: it reads as one sample line.
      const tpl = await f.get(`/api/filing/drafts/${sd.id}/register-template.xlsx`);
      expect(tpl.statusCode).toBe(200);
      expect(tpl.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("依申请公开登记台账模板（2025年度）.xlsx")}`);
      const sample = await parseRegister(new Uint8Array(tpl.rawPayload), "模板.xlsx");
      expect(sample.ok && sample.applications.map((a) => [a.id, a.outcome])).toEqual([["2025-001", "granted"]]);
      expect((await f.get(`/api/filing/drafts/${sd.id + 999}/register-template.xlsx`)).statusCode).toBe(404);

      // A register with a bad row: every problem listed, nothing imported, the draft unchanged.
      const bad = await importRegister(f, sd.id, 3, csv("2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20", "2025-002,2025-02-30,邮寄,外星人,某某规划,,"));
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe("register-invalid");
      expect(bad.json().error.message).toMatch(/^台账“台账.csv”共 \d+ 处错误，未导入任何登记$/);
      expect(bad.json().errors.length).toBeGreaterThanOrEqual(2);
      expect(bad.json().errors.every((e: { row?: number; message: string }) => e.row === 3 && /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
      expect(await s.store.register.summaries()).toEqual([]);
      // A good one: tables 3 and 4 counted from it (the 上年结转 row too: the register decides).
      const good = await importRegister(f, sd.id, 3, csv("2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20", "2025-002,2025-12-29,邮寄,商业企业,某某规划,,"));
      expect(good.statusCode, good.body).toBe(200);
      const counted = good.json().draft;
      expect(good.json().rows).toBe(2);
      expect(counted.version).toBe(4);
      expect(counted.draft.cells["requests.granted.natural_person"]).toEqual({ raw: "1", origin: "register" });
      expect(counted.draft.cells["requests.carried_forward.commercial"]).toEqual({ raw: "1", origin: "register" });
      expect(counted.draft.register).toEqual({ applications: 2 });
      expect(counted.draft.cells["active.regulations.issued"]).toEqual({ raw: String(filed.provenance["active.regulations.issued"]?.raw ?? filed.cells["active.regulations.issued"]), origin: "typed" });

      // The register's tables are consistent: it may be submitted now (warnings do not stop it).
      const ok = await f.send("POST", `/api/filing/drafts/${sd.id}/submit`, { baseVersion: 4 });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ file: `${AGENCY}2025年政府信息公开工作年度报告.docx`, draft: { status: "submitted", version: 4 } });
      const report = (await f.get(`/api/reports/${ok.json().reportId}`)).json();
      expect(report.report.meta).toMatchObject({ agency: AGENCY, year: 2025 });
      // The DOCX download reads back to the draft's cells.
      const docx = await f.get(`/api/filing/drafts/${sd.id}/document.docx`);
      expect(docx.statusCode).toBe(200);
      expect(docx.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent(`${AGENCY}2025年政府信息公开工作年度报告.docx`)}`);
      const back = await processInput({ bytes: new Uint8Array(docx.rawPayload), name: "back.docx" });
      expect(back.reports[0]!.cells).toEqual(report.report.cells);
      const html = await f.get(`/api/filing/drafts/${sd.id}/document.html`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain("政府信息公开工作年度报告");
      const log = (await (await login(s, "admin")).get("/api/audit?pageSize=20")).json().items.map((x: { action: string }) => x.action);
      expect(log).toEqual(expect.arrayContaining(["filing-new", "register-import", "filing-submit"]));
    });

    it("refuses: a reviewer may read but not edit, another region's reviewer and other agencies see nothing, a filer files only for their agency", async () => {
      const s = await start();
      const f = await login(s, "filer");
      const sd = (await f.send("POST", "/api/filing/drafts", { year: 2025, tables: "typed" })).json();
      // Only for their own agency.
      const other = await f.send("POST", "/api/filing/drafts", { year: 2025, agencyId: await s.agency("苏州市人民政府") });
      expect(other.statusCode).toBe(403);

      const reviewer = await login(s, "reviewer");
      expect((await reviewer.get(`/api/filing/drafts/${sd.id}`)).statusCode).toBe(200);
      expect((await reviewer.get("/api/filing/drafts")).json().items).toHaveLength(1);
      for (const [method, url, body] of [
        ["PATCH", `/api/filing/drafts/${sd.id}`, { baseVersion: 1 }],
        ["POST", `/api/filing/drafts/${sd.id}/submit`, { baseVersion: 1 }],
        ["POST", "/api/filing/drafts", { year: 2024 }],
      ] as const) {
        const res = await reviewer.send(method, url, body);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }

      // Another region's reviewer: the draft does not exist for them.
      const su = await login(s, "other");
      expect((await su.get("/api/filing/drafts")).json().items).toEqual([]);
      for (const url of [`/api/filing/drafts/${sd.id}`, `/api/filing/drafts/${sd.id}/check`, `/api/filing/drafts/${sd.id}/document.docx`]) {
        const res = await su.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe("not-found");
      }

      // An admin's draft for 苏州: another agency's draft is 404 to the 洪泽区 filer, even to edit.
      const admin = await login(s, "admin");
      const suzhou = (await admin.send("POST", "/api/filing/drafts", { year: 2025, agencyId: await s.agency("苏州市人民政府"), tables: "typed" })).json();
      expect(suzhou.agency).toBe("苏州市人民政府");
      for (const res of [
        await f.get(`/api/filing/drafts/${suzhou.id}`),
        await f.send("PATCH", `/api/filing/drafts/${suzhou.id}`, { baseVersion: 1, cells: [{ key: "active.regulations.issued", raw: "1" }] }),
        await f.send("POST", `/api/filing/drafts/${suzhou.id}/submit`, { baseVersion: 1 }),
        await importRegister(f, suzhou.id, 1, csv("2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20")),
      ]) {
        expect(res.statusCode).toBe(404);
      }
      expect((await f.get("/api/filing/drafts")).json().items.map((d: { id: number }) => d.id)).toEqual([sd.id]);
      expect((await s.store.filing.byId(suzhou.id))!.version).toBe(1);
      // Without the CSRF token nothing changes.
      const csrf = await s.srv.app.inject({ method: "PATCH", url: `/api/filing/drafts/${sd.id}`, headers: { cookie: f.cookie }, payload: { baseVersion: 1 } });
      expect(csrf.statusCode).toBe(403);
      expect(csrf.json().error.code).toBe("csrf");
    });
  });
}
