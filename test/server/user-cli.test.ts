import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/index.js";
import { BIN } from "../support/serve.js";

// `nianbao user add|list`: the first administrator of a new store, made from the command line with
// the password on standard input; weak passwords, taken logins and filers without an agency refused
// in Chinese with exit 2, nothing written.

const dir = mkdtempSync(join(tmpdir(), "nianbao-user-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, "users.db");
const run = (args: string[], input = "") => spawnSync(process.execPath, [BIN, "user", ...args, "--db", db], { input, encoding: "utf8", timeout: 60_000 });

describe("nianbao user", () => {
  it("adds an administrator whose password logs in, and refuses what it cannot take", async () => {
    const weak = run(["add", "zhang", "--role", "管理员"], "short\n");
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain("密码至少 10 个字符");
    const ok = run(["add", "zhang", "--role", "管理员", "--name", "张三"], "Shenhe-pass-2025\n");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("已新建用户 zhang（管理员）");
    const taken = run(["add", "zhang", "--role", "admin"], "Other-pass-2025\n");
    expect(taken.status).toBe(2);
    expect(taken.stderr).toContain("登录名“zhang”已被使用");
    const filer = run(["add", "li", "--role", "filer"], "Li-pass-20251\n");
    expect(filer.status).toBe(2);
    expect(filer.stderr).toContain("填报人须指定所属机关");
    const list = run(["list"]);
    expect(list.stdout.trim().split("\n")).toEqual(["zhang\t张三\t管理员"]);
    const store = await openStore(db);
    try {
      expect((await store.web.authenticate("zhang", "Shenhe-pass-2025")).kind).toBe("ok");
      expect((await store.web.authenticate("zhang", "Other-pass-2025")).kind).toBe("bad");
    } finally {
      await store.close();
    }
  }, 120_000);
});
