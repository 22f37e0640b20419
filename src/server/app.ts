import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import { VERSION } from "../version.js";
import { adminPlugin } from "./admin/plugin.js";
import { authPlugin } from "./auth/plugin.js";
import { sessionHooks } from "./auth/session.js";
import { exportsPlugin } from "./exports/plugin.js";
import { ERROR_SCHEMA, installErrorHandler } from "./http.js";
import { DEFAULT_LIMITS, type ServerOptions } from "./options.js";
import { PageImages } from "./reports/pages.js";
import { reportsPlugin } from "./reports/plugin.js";
import { findWebRoot, staticPlugin } from "./static/plugin.js";
import { UploadRunner } from "./uploads/runner.js";
import { uploadsPlugin } from "./uploads/plugin.js";
import { IDLE_MS } from "../store/index.js";

export interface NianbaoServer {
  app: FastifyInstance;
  runner: UploadRunner;
  /** Closes the HTTP server, the worker pool and the temporary folder (not the store: the caller's). */
  close(): Promise<void>;
}

/**
 * Content-Security-Policy: scripts and styles only from the server itself — no inline script,
 * no eval, no inline <style> or style attributes in markup (Vue and Element Plus set styles
 * through the CSSOM, which CSP does not govern); images also from data:/blob: (canvas exports).
 */
export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:", "blob:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * The HTTP server: one Fastify plugin per area (auth, reports, uploads and jobs, exports, users
 * and audit, static), every route with JSON schemas for its request and response, and the
 * OpenAPI document made from them at /api/docs.
 */
export async function buildServer(opts: ServerOptions): Promise<NianbaoServer> {
  const { store } = opts;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const idleMs = opts.idleMs ?? IDLE_MS;
  const tmp = mkdtempSync(join(tmpdir(), "nianbao-web-"));
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // A finding's fingerprint (rule|message|cells) is a path parameter.
    routerOptions: { maxParamLength: 2000 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true, allErrors: false } },
  });
  const runner = new UploadRunner(store, { jobs: opts.jobs, workerUrl: opts.workerUrl, maxBytes: limits.fileBytes, timeoutMs: opts.readTimeoutMs ?? 120_000 });
  app.addSchema(ERROR_SCHEMA);
  installErrorHandler(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: { title: "nianbao 年报审核接口", description: "政府信息公开工作年度报告的上传、检查与审核。除登录外，所有修改数据的请求须带 x-csrf-token 请求头。", version: VERSION },
      tags: [
        { name: "auth", description: "登录与会话" },
        { name: "reports", description: "报告与审核" },
        { name: "uploads", description: "上传与检查任务" },
        { name: "exports", description: "导出" },
        { name: "admin", description: "用户管理与操作日志（管理员）" },
      ],
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "nianbao_session" } } },
      security: [{ session: [] }],
    },
    // The upload's multipart body, for the document only (the route streams it itself).
    transform: ({ schema, url }) => {
      const s = schema as { consumes?: string[]; body?: unknown } | undefined;
      if (!s?.consumes?.includes("multipart/form-data")) return { schema, url };
      return { schema: { ...s, body: { type: "object", properties: { files: { type: "array", items: { type: "string", format: "binary" } } }, required: ["files"] } } as typeof schema, url };
    },
  });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: false,
    hsts: opts.trustProxy ? undefined : false,
    referrerPolicy: { policy: "same-origin" },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  // preservePath: a folder upload names files by their relative paths (kept as text, never a path here).
  await app.register(fastifyMultipart, { preservePath: true, limits: { fileSize: limits.fileBytes, files: limits.files } });
  await app.register(sessionHooks, { store, idleMs });

  await app.register(authPlugin, { store, idleMs, loginsPerMinute: opts.loginsPerMinute ?? 10 });
  await app.register(reportsPlugin, { store, pages: new PageImages(join(tmp, "pages"), (sha) => store.blob(sha)) });
  await app.register(uploadsPlugin, { store, runner, limits, tmpDir: tmp });
  await app.register(exportsPlugin, { store, tmpDir: tmp });
  await app.register(adminPlugin, { store });
  app.get("/api/docs", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
  await app.register(staticPlugin, { root: opts.webRoot === undefined ? findWebRoot() : opts.webRoot });

  await store.web.settleJobs();
  await store.web.purgeSessions();
  const purge = setInterval(() => void store.web.purgeSessions().catch(() => {}), 10 * 60_000);
  purge.unref();
  return {
    app,
    runner,
    async close() {
      clearInterval(purge);
      await app.close();
      await runner.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
