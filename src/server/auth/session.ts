import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { IDLE_MS, scopeOf, type Role, type Scope, type Store, type WebUser } from "../../store/index.js";
import { ApiError } from "../http.js";

export const COOKIE = "nianbao_session";

/**
 * Who may call a route: anyone (`public`), any signed-in user (`user`, the default), or the
 * roles listed. Set as `config: { access }` on a route.
 */
export type Access = "public" | "user" | Role[];

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user (set for every route that is not public). */
    user: WebUser | null;
    /** The session's cookie token and stored id. */
    session: { token: string; id: string } | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Allowed while the user still has to change a one-time password. */
    beforePasswordChange?: boolean;
  }
}

/** The CSRF token of a session: derived from its cookie token, which scripts cannot read (httpOnly). */
export function csrfToken(sessionToken: string): string {
  return createHash("sha256").update(`nianbao-csrf:${sessionToken}`).digest("base64url");
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The signed-in user; a route behind the session hook always has one. */
export function userOf(req: FastifyRequest): WebUser {
  if (!req.user) throw new ApiError(401, "unauthenticated", "请先登录");
  return req.user;
}

export function scopeOfRequest(req: FastifyRequest): Scope {
  return scopeOf(userOf(req));
}

/** The session cookie's attributes: httpOnly, SameSite=Strict, Secure when the request came over https. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(COOKIE, token, { httpOnly: true, sameSite: "strict", path: "/", secure: req.protocol === "https" });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(COOKIE, { httpOnly: true, sameSite: "strict", path: "/", secure: req.protocol === "https" });
}

/**
 * The session on every API request: the cookie's user (idle sessions end), the route's access
 * (401 without a session, 403 for a role that may not), the CSRF token on every state-changing
 * request, and a one-time password that must be changed first.
 */
export const sessionHooks = fp(async (app: FastifyInstance, opts: { store: Store; idleMs?: number }) => {
  app.decorateRequest("user", null);
  app.decorateRequest("session", null);
  // onRequest: before the body is read (an upload from no one is not received) and before validation.
  app.addHook("onRequest", async (req) => {
    const access: Access = req.routeOptions.config?.access ?? "user";
    // By the route matched, not the URL sent: the router decodes the path, so `/%61pi/users` is `/api/users`.
    if (access === "public" || !req.routeOptions.url?.startsWith("/api/")) return;
    const token = req.cookies[COOKIE];
    const found = token ? await opts.store.web.sessionUser(token, opts.idleMs ?? IDLE_MS) : null;
    if (!found || !token) throw new ApiError(401, "unauthenticated", "登录已过期或尚未登录，请重新登录");
    req.user = found.user;
    req.session = { token, id: found.sessionId };
    if (UNSAFE.has(req.method) && !sameToken(req.headers["x-csrf-token"], csrfToken(token))) {
      throw new ApiError(403, "csrf", "页面已过期（缺少或错误的安全令牌），请刷新页面后重试");
    }
    if (found.user.mustChangePassword && !req.routeOptions.config?.beforePasswordChange) {
      throw new ApiError(403, "password-change-required", "请先修改初始密码");
    }
    if (Array.isArray(access) && !access.includes(found.user.role)) throw new ApiError(403, "forbidden", "您的角色没有这项操作的权限");
  });
});
