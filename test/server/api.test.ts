import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { reportFile, hasPostgres, useEngines } from "../support/store.js";
import { deflatedZeros, rawZip } from "../readers/docx-support.js";
import { client, example, login, multipart, PASSWORDS, testServer, upload, waitJob, type TestServer } from "../support/server.js";
import type { ServerOptions } from "../../src/server/options.js";
import { writePdf } from "../support/pdf-writer.js";
import { HAS, missing } from "../support/requires.js";

// Every route of the web API through fastify.inject, with its refusals, on SQLite and PostgreSQL.

const engines = useEngines();
let servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

/** A zip bomb dressed as DOCX: `word/document.xml` claims a few bytes but inflates to 200 MB of zeros. */
async function zipBomb(): Promise<Uint8Array> {
  const zeros = await deflatedZeros(200 * 1024 * 1024);
  const types = new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  return rawZip([
    { name: "[Content_Types].xml", data: types, method: 0, size: types.length },
    { name: "word/document.xml", data: new Uint8Array(zeros), method: 8, size: 1000 },
  ]);
}

for (const engine of engines) {
  describe.skipIf(engine.name === "postgres" && !hasPostgres())(`web API on ${engine.name}`, () => {
    const start = async (opts: Partial<ServerOptions> = {}) => {
      const s = await testServer(await engine.db(), opts);
      servers.push(s);
      return s;
    };

    it("logs in with an httpOnly SameSite=Strict cookie and a CSRF token, logs out, and refuses bad passwords", async () => {
      const s = await start();
      const bad = await s.srv.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "admin", password: "nope-nope-1" } });
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error).toEqual({ code: "bad-credentials", message: "登录名或密码不正确" });
      const ok = await s.srv.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "admin", password: PASSWORDS.admin } });
      expect(ok.statusCode).toBe(200);
      const cookie = String(ok.headers["set-cookie"]);
      expect(cookie).toMatch(/^nianbao_session=[\w-]{40,};/);
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Strict");
      expect(cookie).toContain("Path=/");
      expect(cookie).not.toContain("Secure");
      expect(ok.json().user).toMatchObject({ login: "admin", role: "admin", displayName: "管理员甲" });
      const c = client(s, cookie.split(";")[0]!, ok.json().csrfToken);
      const me = await c.get("/api/auth/me");
      expect(me.json()).toEqual(ok.json());
      expect((await c.send("POST", "/api/auth/logout")).statusCode).toBe(204);
      expect((await c.get("/api/auth/me")).json().error.code).toBe("unauthenticated");
      const log = (await (await login(s, "admin")).get("/api/audit?pageSize=10")).json();
      expect(log.items.map((x: { action: string }) => x.action)).toEqual(["login", "logout", "login", "login-failed"]);
    });

    it("sets the cookie Secure behind an https proxy only when told to trust it", async () => {
      const trusting = await start({ trustProxy: true });
      const res = await trusting.srv.app.inject({ method: "POST", url: "/api/auth/login", headers: { "x-forwarded-proto": "https" }, payload: { login: "admin", password: PASSWORDS.admin } });
      expect(String(res.headers["set-cookie"])).toContain("Secure");
      const plain = await start();
      const res2 = await plain.srv.app.inject({ method: "POST", url: "/api/auth/login", headers: { "x-forwarded-proto": "https" }, payload: { login: "admin", password: PASSWORDS.admin } });
      expect(String(res2.headers["set-cookie"])).not.toContain("Secure");
    });

    it("locks an account after five failures (423) and rate-limits logins per address (429)", async () => {
      const s = await start({ loginsPerMinute: 6 });
      const attempt = (password: string) => s.srv.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "shen", password } });
      for (let i = 0; i < 4; i++) expect((await attempt("wrong-pass-1")).statusCode).toBe(401);
      const locked = await attempt("wrong-pass-1");
      expect(locked.statusCode).toBe(423);
      expect(locked.json().error.message).toMatch(/请 15 分钟后再试/);
      expect((await attempt(PASSWORDS.reviewer)).statusCode).toBe(423);
      const limited = await attempt(PASSWORDS.reviewer);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe("rate-limited");
    });

    it("ends idle sessions (401) and refuses every API route without a session", async () => {
      const s = await start({ idleMs: 1200 });
      const c = await login(s, "admin");
      expect((await c.get("/api/reports")).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const expired = await c.get("/api/reports");
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe("unauthenticated");
      // Every route the OpenAPI document lists, bar login: 401 without a cookie.
      const paths = (await s.srv.app.inject({ method: "GET", url: "/api/docs" })).json().paths as Record<string, Record<string, unknown>>;
      let checked = 0;
      for (const [path, methods] of Object.entries(paths)) {
        for (const method of Object.keys(methods)) {
          if (path === "/api/auth/login") continue;
          const url = path.replace("{id}", path.startsWith("/api/jobs") ? "00000000-0000-0000-0000-000000000000" : "1").replace("{page}", "1").replace("{fingerprint}", "x").replace("{kind}", "problems.xlsx");
          const res = await s.srv.app.inject({ method: method.toUpperCase() as "GET", url, payload: method === "get" ? undefined : {} });
          expect(res.statusCode, `${method} ${url}`).toBe(401);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(20);
    });

    it("checks the session by the route matched, not the URL sent: a percent-encoded path is no way round it", async () => {
      const s = await start();
      const paths = (await s.srv.app.inject({ method: "GET", url: "/api/docs" })).json().paths as Record<string, Record<string, unknown>>;
      const f = await login(s, "filer");
      let checked = 0;
      for (const [path, methods] of Object.entries(paths)) {
        if (path === "/api/auth/login") continue;
        // The router decodes `%61` to `a`: `/%61pi/users` is `/api/users`.
        const url = path.replace(/^\/api\//, "/%61pi/").replace("{id}", path.startsWith("/api/jobs") ? "00000000-0000-0000-0000-000000000000" : "1").replace("{page}", "1").replace("{fingerprint}", "x").replace("{kind}", "problems.xlsx");
        for (const method of Object.keys(methods)) {
          const res = await s.srv.app.inject({ method: method.toUpperCase() as "GET", url, payload: method === "get" ? undefined : {} });
          expect(res.statusCode, `${method} ${url}`).toBe(401);
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(20);
      for (const url of ["/%61pi/users", "/%61pi/audit"]) expect((await f.get(url)).statusCode, url).toBe(403);
      const noCsrf = await s.srv.app.inject({ method: "POST", url: "/%61pi/users", headers: { cookie: (await login(s, "admin")).cookie }, payload: { login: "x1", password: "Aaaa-bbbb-123", role: "admin" } });
      expect(noCsrf.json().error.code).toBe("csrf");
    });

    it("asks for the CSRF token on every state-changing request", async () => {
      const s = await start();
      const a = await login(s, "admin");
      const res = await upload(a, [example("11-problem-identity-2021.txt")]);
      const job = await waitJob(a, res.json().jobId);
      const id = job.items[0].reportIds[0];
      const none = await s.srv.app.inject({ method: "PUT", url: `/api/reports/${id}/review`, headers: { cookie: a.cookie }, payload: { state: "approved" } });
      expect(none.statusCode).toBe(403);
      expect(none.json().error.code).toBe("csrf");
      const wrong = await a.send("PUT", `/api/reports/${id}/review`, { state: "approved" }, { "x-csrf-token": "x".repeat(43) });
      expect(wrong.json().error.code).toBe("csrf");
      const up = multipart([example("01-tab-row-2021.txt")]);
      expect((await s.srv.app.inject({ method: "POST", url: "/api/uploads", headers: { cookie: a.cookie, ...up.headers }, payload: up.body })).json().error.code).toBe("csrf");
      expect((await s.srv.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: a.cookie } })).json().error.code).toBe("csrf");
      // Another user's token is not this session's.
      const other = await login(s, "admin");
      expect((await a.send("PUT", `/api/reports/${id}/review`, { state: "approved" }, { "x-csrf-token": other.csrf })).statusCode).toBe(403);
      expect((await a.send("PUT", `/api/reports/${id}/review`, { state: "approved" })).statusCode).toBe(200);
      // Login has no token to ask for, but takes JSON only: a form on another site (text/plain, urlencoded) cannot sign a browser in.
      const body = JSON.stringify({ login: "admin", password: PASSWORDS.admin });
      for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
        const res = await s.srv.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": type }, payload: body });
        expect(res.statusCode, type).toBeGreaterThanOrEqual(400);
        expect(res.headers["set-cookie"], type).toBeUndefined();
      }
    });

    it("reads uploads on the pool: reports stored, a non-report and a disguised zip bomb unreadable, junk refused by its bytes", async () => {
      const s = await start();
      const f = await login(s, "admin");
      const text = new TextEncoder().encode("今天天气很好。\n这不是一份年度报告，只是一段文字。\n");
      const res = await upload(f, [
        example("01-tab-row-2021.txt"),
        { ...example("09-docx-2021.docx"), name: "子目录/年报.docx" },
        example("11-problem-identity-2021.txt"),
        { name: "看起来是报告.pdf", bytes: new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0]) },
        { name: "说明.txt", bytes: text },
        { name: "炸弹.docx", bytes: await zipBomb() },
        { name: "../../etc/passwd", bytes: example("03-markdown-2021.md").bytes },
      ]);
      expect(res.statusCode).toBe(202);
      const job = await waitJob(f, res.json().jobId);
      expect(job.state).toBe("done");
      expect(job.done).toBe(7);
      const st = job.items.map((x: { name: string; status: string }) => [x.name, x.status]);
      expect(st).toEqual([
        ["01-tab-row-2021.txt", "stored"],
        ["子目录/年报.docx", "stored"],
        ["11-problem-identity-2021.txt", "stored"],
        ["看起来是报告.pdf", "refused"],
        ["说明.txt", "unreadable"],
        ["炸弹.docx", "unreadable"],
        ["../../etc/passwd", "stored"],
      ]);
      expect(job.items[3].error).toMatch(/无法识别文件格式/);
      expect(job.items[4].error).toMatch(/没有找到/);
      expect(job.items[5].error).toMatch(/压缩|解压|大小/);
      // The same bytes again: duplicates, linked to the stored reports.
      const again = await waitJob(f, (await upload(f, [example("01-tab-row-2021.txt")])).json().jobId);
      expect(again.items[0]).toMatchObject({ status: "duplicate", reportIds: job.items[0].reportIds });
      const list = (await f.get("/api/reports?sort=agency&order=asc")).json();
      expect(list.total).toBe(4);
      expect(list.items.map((x: { file: string }) => x.file)).toContain("../../etc/passwd");
      expect(list.counts.error).toBeGreaterThanOrEqual(1);
      const failed = (await f.get("/api/reports?status=failed")).json();
      expect(failed.items.map((x: { file: string }) => x.file).sort()).toEqual(["炸弹.docx", "说明.txt"]);
      // Only the uploader (or an administrator) sees a job.
      const other = await login(s, "reviewer");
      expect((await other.get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
    });

    it("refuses oversize files, too many files and oversize requests", async () => {
      const s = await start({ limits: { fileBytes: 20_000, files: 3, requestBytes: 50_000 } });
      const a = await login(s, "admin");
      const big = { name: "大.txt", bytes: new Uint8Array(30_000).fill(0x41) };
      const job = await waitJob(a, (await upload(a, [big, example("01-tab-row-2021.txt")])).json().jobId);
      expect(job.items[0]).toMatchObject({ status: "refused", error: expect.stringContaining("文件太大") });
      expect(job.items[1].status).toBe("stored");
      const many = await upload(a, [1, 2, 3, 4].map((i) => ({ name: `${i}.txt`, bytes: new Uint8Array([0x41 + i]) })));
      expect(many.statusCode, many.body).toBe(413);
      expect(many.json().error.code).toBe("too-large");
      const huge = await upload(a, [1, 2, 3].map((i) => ({ name: `${i}.txt`, bytes: new Uint8Array(19_000).fill(0x41) })));
      expect(huge.statusCode, huge.body).toBe(413);
      const other = multipart([{ name: "x", bytes: new Uint8Array(1) }], "other");
      const empty = await a.send("POST", "/api/uploads", other.body, other.headers);
      expect(empty.json().error.code).toBe("no-files");
      const cut = multipart([example("01-tab-row-2021.txt")]);
      const broken = await a.send("POST", "/api/uploads", cut.body.subarray(0, cut.body.length - 30), { ...cut.headers, "content-length": String(cut.body.length - 30) });
      expect(broken.statusCode).toBe(400);
    });

    it("shows a report with its findings, decisions and original; records decisions and reviews", async () => {
      const s = await start();
      const r = await login(s, "reviewer");
      const a = await login(s, "admin");
      const file = reportFile(7, { template: "2021", year: 2024, agency: "淮安市洪泽区人民政府" }, (x) => {
        x.cells["requests.new_received.total"] = (x.cells["requests.new_received.total"] ?? 0) + 5;
        return x;
      });
      const job = await waitJob(a, (await upload(a, [file, example("11-problem-identity-2021.txt")])).json().jobId);
      const [mine, foreign] = [job.items[0].reportIds[0], job.items[1].reportIds[0]];
      const d = (await r.get(`/api/reports/${mine}`)).json();
      expect(d.report.meta.agency).toBe("淮安市洪泽区人民政府");
      expect(d.findings).toHaveLength(d.report.findings.length);
      const at = d.report.findings.findIndex((x: { severity: string; cells: string[] }) => x.severity === "error" && x.cells.includes("requests.new_received.total"));
      expect(at).toBeGreaterThanOrEqual(0);
      const bad = d.report.findings[at];
      expect(bad.message).toMatch(/\S/);
      expect(bad).toHaveProperty("formula");
      expect(d.ruleTitles[bad.rule]).toMatch(/\p{Script=Han}/u);
      const fp = encodeURIComponent(d.findings[at].fingerprint);
      const put = await r.send("PUT", `/api/reports/${mine}/findings/${fp}/decision`, { verdict: "confirmed", note: "表三合计不符" });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ verdict: "confirmed", note: "表三合计不符", user: "审核人乙" });
      expect((await r.get(`/api/reports/${mine}`)).json().findings[at].decision.verdict).toBe("confirmed");
      expect((await r.send("PUT", `/api/reports/${mine}/findings/nosuch/decision`, { verdict: "confirmed" })).statusCode).toBe(404);
      expect((await r.send("PUT", `/api/reports/${mine}/findings/${fp}/decision`, { verdict: "maybe" })).statusCode).toBe(400);
      expect((await r.send("DELETE", `/api/reports/${mine}/findings/${fp}/decision`)).statusCode).toBe(204);
      expect((await r.get(`/api/reports/${mine}`)).json().findings[at].decision).toBeNull();
      const review = await r.send("PUT", `/api/reports/${mine}/review`, { state: "returned", note: "请修改表三" });
      expect(review.json()).toMatchObject({ state: "returned", note: "请修改表三", user: "审核人乙" });
      expect((await r.get("/api/reports?review=returned")).json().items.map((x: { id: number }) => x.id)).toEqual([mine]);
      // The original: bytes as uploaded, a safe attachment name; text sources give lines.
      const orig = await r.get(`/api/reports/${mine}/original`);
      expect(orig.headers["content-type"]).toBe("application/octet-stream");
      expect(orig.headers["x-content-type-options"]).toBe("nosniff");
      expect(orig.headers["content-disposition"]).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
      expect(new Uint8Array(orig.rawPayload)).toEqual(new Uint8Array(file.bytes));
      const src = (await r.get(`/api/reports/${mine}/source?from=1&to=3`)).json();
      expect(src.kind).toBe("lines");
      expect(src.lines.map((l: { no: number }) => l.no)).toEqual([1, 2, 3]);
      expect((await r.get(`/api/reports/${mine}/pages`)).json()).toEqual({ pages: [] });
      expect((await r.get(`/api/reports/${mine}/pages/1.png`)).statusCode).toBe(404);
      // 南浦县 is outside 淮安: not found, for everything.
      for (const url of [`/api/reports/${foreign}`, `/api/reports/${foreign}/original`, `/api/reports/${foreign}/source`, `/api/reports/${foreign}/pages`]) {
        const res = await r.get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe("not-found");
      }
      expect((await r.send("PUT", `/api/reports/${foreign}/review`, { state: "approved" })).statusCode).toBe(404);
      expect((await r.get("/api/reports")).json().items.map((x: { id: number }) => x.id)).toEqual([mine]);
      expect((await r.get("/api/agencies")).json().agencies.map((x: { name: string }) => x.name).sort()).toEqual(["淮安市人民政府", "淮安市洪泽区人民政府"].sort());
      // A reviewer of 苏州 sees neither.
      const su = await login(s, "other");
      expect((await su.get(`/api/reports/${mine}`)).statusCode).toBe(404);
      expect((await su.get("/api/reports")).json().total).toBe(0);
    });

    it("lets a 填报人 see their own agency's reports but not decide, and keeps admin routes for admins", async () => {
      const s = await start();
      const f = await login(s, "filer");
      const file = reportFile(8, { template: "2021", year: 2024, agency: "淮安市洪泽区人民政府" });
      const job = await waitJob(f, (await upload(f, [file, example("11-problem-identity-2021.txt")])).json().jobId);
      const id = job.items[0].reportIds[0];
      expect(job.items[1]).toMatchObject({ status: "stored", reportIds: [], error: expect.stringContaining("不在您的权限范围内") });
      expect((await f.get(`/api/reports/${id}`)).statusCode).toBe(200);
      expect((await f.get("/api/reports")).json().items.map((x: { id: number }) => x.id)).toEqual([id]);
      const d = (await f.get(`/api/reports/${id}`)).json();
      const fp = encodeURIComponent(d.findings[0]?.fingerprint ?? "x");
      expect((await f.send("PUT", `/api/reports/${id}/findings/${fp}/decision`, { verdict: "confirmed" })).json().error.code).toBe("forbidden");
      expect((await f.send("PUT", `/api/reports/${id}/review`, { state: "approved" })).json().error.code).toBe("forbidden");
      for (const url of ["/api/users", "/api/audit"]) expect((await f.get(url)).statusCode).toBe(403);
      const r = await login(s, "reviewer");
      expect((await r.get("/api/users")).statusCode).toBe(403);
      expect((await r.send("POST", "/api/users", { login: "x1", password: "Aaaa-bbbb-123", role: "admin" })).statusCode).toBe(403);
    });

    it("manages users: new users change their password first; disabling ends their sessions", async () => {
      const s = await start();
      const a = await login(s, "admin");
      const hz = await s.agency("淮安市洪泽区人民政府");
      const created = await a.send("POST", "/api/users", { login: "zhou", displayName: "周填报", password: "Temp-pass-2025", role: "filer", agencyId: hz });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ login: "zhou", role: "filer", agencyId: hz, mustChangePassword: true, disabled: false });
      expect((await a.send("POST", "/api/users", { login: "zhou2", password: "short", role: "filer", agencyId: hz })).json().error.message).toMatch(/至少 10 个字符/);
      const z = await login(s, "zhou", "Temp-pass-2025");
      expect((await z.get("/api/reports")).json().error.code).toBe("password-change-required");
      expect((await z.get("/api/auth/me")).json().user.mustChangePassword).toBe(true);
      expect((await z.send("POST", "/api/auth/password", { oldPassword: "wrong-pass-9", newPassword: "Own-pass-2026x" })).statusCode).toBe(403);
      expect((await z.send("POST", "/api/auth/password", { oldPassword: "Temp-pass-2025", newPassword: "Own-pass-2026x" })).statusCode).toBe(204);
      expect((await z.get("/api/reports")).statusCode).toBe(200);
      const users = (await a.get("/api/users")).json().users;
      expect(users.map((u: { login: string }) => u.login).sort()).toEqual(["admin", "shen", "su", "tian", "zhou"]);
      const patched = await a.send("PATCH", `/api/users/${created.json().id}`, { disabled: true });
      expect(patched.json().disabled).toBe(true);
      expect((await z.get("/api/reports")).statusCode).toBe(401);
      expect((await s.srv.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: "zhou", password: "Own-pass-2026x" } })).statusCode).toBe(401);
      const audit = (await a.get("/api/audit?action=user")).json();
      expect(audit.items.map((x: { detail: string }) => x.detail)).toEqual(["停用", "新建用户（填报人）"]);
    });

    it("exports the list as filtered, within the user's scope: 问题清单.xlsx, data, long", async () => {
      const s = await start();
      const a = await login(s, "admin");
      const file = reportFile(9, { template: "2021", year: 2024, agency: "淮安市洪泽区人民政府" }, (x) => {
        x.cells["requests.new_received.total"] = (x.cells["requests.new_received.total"] ?? 0) + 5;
        return x;
      });
      await waitJob(a, (await upload(a, [file, example("11-problem-identity-2021.txt")])).json().jobId);
      const r = await login(s, "reviewer");
      const res = await r.get("/api/exports/problems.xlsx?status=error");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("问题清单.xlsx")}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const agencies = new Set<string>();
      wb.getWorksheet("问题清单")!.eachRow((row, n) => void (n > 1 && agencies.add(String(row.getCell(1).value))));
      expect([...agencies]).toEqual(["淮安市洪泽区人民政府"]);
      const csv = await a.get("/api/exports/data.csv");
      expect(csv.body.split("\n").filter((l) => l.trim()).length).toBe(3);
      expect((await a.get("/api/exports/long.csv?year=2024")).statusCode).toBe(200);
      expect((await a.get("/api/exports/secrets.xlsx")).statusCode).toBe(400);
      const log = (await a.get("/api/audit?action=export")).json();
      expect(log.items[0].user).toBe("admin");
    });

    it.skipIf(missing("poppler", HAS.poppler))("gives a PDF original's page sizes and page images, page number checked", async () => {
      const s = await start();
      const a = await login(s, "admin");
      const headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"];
      const pdf = writePdf([{ width: 595, height: 842, texts: [{ x: 60, y: 80, size: 16, text: "淮安市人民政府2024年政府信息公开工作年度报告" }, ...headings.map((t, i) => ({ x: 60, y: 140 + i * 60, size: 12, text: t }))] }]);
      const job = await waitJob(a, (await upload(a, [{ name: "年报.pdf", bytes: pdf }])).json().jobId);
      expect(job.items[0].status, JSON.stringify(job)).toBe("stored");
      const id = job.items[0].reportIds[0];
      expect((await a.get(`/api/reports/${id}/pages`)).json()).toEqual({ pages: [{ page: 1, width: 595, height: 842 }] });
      const png = await a.get(`/api/reports/${id}/pages/1.png?dpi=72`);
      expect(png.statusCode).toBe(200);
      expect(png.headers["content-type"]).toBe("image/png");
      expect([...png.rawPayload.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
      expect((await a.get(`/api/reports/${id}/pages/2.png`)).statusCode).toBe(404);
      expect((await a.get(`/api/reports/${id}/pages/1.png?dpi=5000`)).statusCode).toBe(400);
      expect((await a.get(`/api/reports/${id}/source`)).json()).toEqual({ kind: "none" });
    });

    it("streams a job's progress as server-sent events", async () => {
      const s = await start();
      const a = await login(s, "admin");
      const { jobId } = (await upload(a, [example("01-tab-row-2021.txt"), example("02-tab-cell-2019.txt")])).json();
      await s.srv.app.listen({ port: 0, host: "127.0.0.1" });
      const port = (s.srv.app.server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/jobs/${jobId}/events`, { headers: { cookie: a.cookie } });
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      const text = await res.text();
      const events = text.split("\n\n").filter((e) => e.startsWith("data: ")).map((e) => JSON.parse(e.slice(6)));
      expect(events.at(-1)).toMatchObject({ id: jobId, state: "done", done: 2 });
    });

    it("serves the OpenAPI document with request and response schemas on every route, and strict security headers", async () => {
      const s = await start();
      const doc = (await s.srv.app.inject({ method: "GET", url: "/api/docs" })).json();
      expect(doc.openapi).toMatch(/^3\./);
      for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; parameters?: unknown[]; requestBody?: unknown }>>)) {
        for (const [method, op] of Object.entries(methods)) {
          expect(Object.keys(op.responses), `${method} ${path}`).toContain(method === "post" && path === "/api/uploads" ? "202" : method === "delete" || path.endsWith("logout") || path.endsWith("password") ? "204" : method === "post" && (path === "/api/users" || path === "/api/filing/drafts") ? "201" : "200");
          if (["put", "patch"].includes(method) || (method === "post" && !path.endsWith("logout"))) expect(op.requestBody, `${method} ${path}`).toBeDefined();
        }
      }
      const page = await s.srv.app.inject({ method: "GET", url: "/reports/12" });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/text\/html/);
      const csp = String(page.headers["content-security-policy"]);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers["x-content-type-options"]).toBe("nosniff");
      const api404 = await (await login(s, "admin")).get("/api/nothing");
      expect(api404.statusCode).toBe(404);
      expect(api404.json().error.code).toBe("not-found");
    });
  });
}
