import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, serve } from "../support/serve.js";

// `nianbao serve` as a user starts it: the first start on an empty store makes an administrator
// with a one-time password shown once; it binds to loopback and says where to open it; a port in
// use is a Chinese message and exit 2; Ctrl-C stops it cleanly.

const dir = mkdtempSync(join(tmpdir(), "nianbao-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("nianbao serve", () => {
  it("makes a first administrator with a one-time password that must be changed, on 127.0.0.1", async () => {
    const db = join(dir, "first.db");
    const s = await serve(db);
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const out = s.output();
      expect(out).toContain("登录名：admin");
      expect(out).toContain(`接口文档（OpenAPI）：${s.url}/api/docs`);
      const password = /一次性密码：(\S+)/.exec(out)![1]!;
      expect(password.length).toBeGreaterThanOrEqual(12);
      const res = await fetch(`${s.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ login: "admin", password }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { user: { mustChangePassword: boolean } };
      expect(body.user.mustChangePassword).toBe(true);
      const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
      const list = await fetch(`${s.url}/api/reports`, { headers: { cookie } });
      expect(((await list.json()) as { error: { code: string } }).error.code).toBe("password-change-required");
      // The page itself, with its security headers.
      const page = await fetch(`${s.url}/reports`);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await page.text()).toContain('<html lang="zh-CN">');
      // A second server on the same port: refused in Chinese, exit 2.
      const port = new URL(s.url).port;
      const again = spawnSync(process.execPath, [BIN, "serve", "--db", db, "--port", port], { encoding: "utf8", timeout: 30_000 });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain("端口已被占用");
    } finally {
      await s.stop();
    }
    expect(s.child.exitCode).toBe(0);
    // Users exist now: no new one-time password on the next start.
    const next = await serve(db);
    await next.stop();
    expect(next.output()).not.toContain("一次性密码");
  }, 120_000);

  it("refuses a bad port as a usage error", () => {
    const r = spawnSync(process.execPath, [BIN, "serve", "--port", "70000", "--db", join(dir, "x.db")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("端口应在 1–65535 之间");
  });
});
