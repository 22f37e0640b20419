import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect } from "vitest";
import { buildServer, type NianbaoServer } from "../../src/server/app.js";
import type { ServerOptions } from "../../src/server/options.js";
import { openStore, type Store } from "../../src/store/index.js";

export const EXAMPLES = resolve(__dirname, "../../examples");
export const example = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(EXAMPLES, name))) });

export const PASSWORDS = { admin: "Guanli-pass-2025", reviewer: "Review-pass-2025", filer: "Filer-pass-2025", other: "Other-pass-2025" };

/** A region tree: 淮安 (with 洪泽区 under it) and 苏州, as a regions CSV. */
export const REGIONS = "机关,行政区划代码,上级机关,层级\n淮安市人民政府,320800000000,,市级\n淮安市洪泽区人民政府,320813000000,淮安市人民政府,县级\n苏州市人民政府,320500000000,,市级\n";

export interface TestServer {
  srv: NianbaoServer;
  store: Store;
  agency: (name: string) => Promise<number>;
  close(): Promise<void>;
}

/** A server on a fresh store with an administrator, a reviewer of 淮安 and a filer of 洪泽区. */
export async function testServer(db: string, opts: Partial<ServerOptions> = {}): Promise<TestServer> {
  const store = await openStore(db);
  await store.importRegions(REGIONS);
  const agency = async (name: string) => (await store.agencies()).find((a) => a.name === name)!.id;
  await store.web.createUser({ login: "admin", displayName: "管理员甲", password: PASSWORDS.admin, role: "admin" });
  await store.web.createUser({ login: "shen", displayName: "审核人乙", password: PASSWORDS.reviewer, role: "reviewer", scopeAgencyId: await agency("淮安市人民政府") });
  await store.web.createUser({ login: "tian", displayName: "填报人丙", password: PASSWORDS.filer, role: "filer", agencyId: await agency("淮安市洪泽区人民政府") });
  await store.web.createUser({ login: "su", displayName: "苏州审核", password: PASSWORDS.other, role: "reviewer", scopeAgencyId: await agency("苏州市人民政府") });
  const srv = await buildServer({ store, webRoot: null, jobs: 2, ...opts });
  return {
    srv,
    store,
    agency,
    async close() {
      await srv.close();
      await store.close();
    },
  };
}

export interface Client {
  cookie: string;
  csrf: string;
  get(url: string): Promise<import("light-my-request").Response>;
  send(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown, headers?: Record<string, string>): Promise<import("light-my-request").Response>;
}

export async function login(s: TestServer, who: keyof typeof PASSWORDS | string, password?: string): Promise<Client> {
  const loginName = who === "reviewer" ? "shen" : who === "filer" ? "tian" : who === "other" ? "su" : who;
  const res = await s.srv.app.inject({ method: "POST", url: "/api/auth/login", payload: { login: loginName, password: password ?? PASSWORDS[who as keyof typeof PASSWORDS] } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = String(res.headers["set-cookie"]).split(";")[0]!;
  const csrf = res.json().csrfToken as string;
  return client(s, cookie, csrf);
}

export function client(s: TestServer, cookie: string, csrf: string): Client {
  return {
    cookie,
    csrf,
    get: (url) => s.srv.app.inject({ method: "GET", url, headers: { cookie } }),
    send: (method, url, body, headers = {}) =>
      s.srv.app.inject({ method, url, headers: { cookie, "x-csrf-token": csrf, ...headers }, ...(body === undefined ? {} : Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }) }),
  };
}

/** A multipart/form-data body with the files under the field `files`. */
export function multipart(files: { name: string; bytes: Uint8Array }[], field = "files"): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----nianbao${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${f.name.replace(/"/g, "%22")}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(f.bytes));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(body.length) } };
}

export async function upload(c: Client, files: { name: string; bytes: Uint8Array }[]) {
  const m = multipart(files);
  return c.send("POST", "/api/uploads", m.body, m.headers);
}

/** Polls a job until it is no longer running. */
export async function waitJob(c: Client, jobId: string, ms = 90_000) {
  const t0 = Date.now();
  for (;;) {
    const res = await c.get(`/api/jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    if (job.state !== "running") return job;
    if (Date.now() - t0 > ms) throw new Error(`job still running: ${res.body}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
