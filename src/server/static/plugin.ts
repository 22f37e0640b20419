import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { body } from "../http.js";

/** The built web UI (dist/web) from where this code runs: a bundle chunk, dist/server, or the sources. */
export function findWebRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    for (const c of [join(dir, "web"), join(dir, "dist", "web")]) if (existsSync(join(c, "index.html")) && existsSync(join(c, "assets"))) return resolve(c);
  }
  return null;
}

const MISSING = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>nianbao</title><p>网页界面尚未编译：请在 nianbao 目录中运行 npm run build（接口 /api 照常可用）。</p></html>`;

/**
 * The web UI: files of dist/web (hashed assets cached for good), and index.html for every other
 * path that is not /api (the SPA's own routes). Unknown /api paths stay JSON 404s.
 */
export async function staticPlugin(app: FastifyInstance, opts: { root: string | null }): Promise<void> {
  const index = opts.root ? await readFile(join(opts.root, "index.html")) : Buffer.from(MISSING);
  if (opts.root) {
    await app.register(fastifyStatic, {
      root: opts.root,
      wildcard: false,
      index: false,
      setHeaders(res, path) {
        res.header("cache-control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  const page = (_req: unknown, reply: import("fastify").FastifyReply) => reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(index);
  app.get("/", { config: { access: "public" }, schema: { hide: true } }, page);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || req.url === "/api" || (req.method !== "GET" && req.method !== "HEAD")) return reply.code(404).send(body("not-found", "没有这个接口"));
    return page(req, reply);
  });
}
