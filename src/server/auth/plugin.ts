import type { FastifyInstance } from "fastify";
import { ROLE_NAME, type Store, type WebUser } from "../../store/index.js";
import { ApiError } from "../http.js";
import { clearSessionCookie, COOKIE, csrfToken, setSessionCookie, userOf } from "./session.js";
import { USER_SCHEMA } from "../schemas.js";

export interface AuthOptions {
  store: Store;
  idleMs: number;
  loginsPerMinute: number;
}

export const publicUser = (u: WebUser) => ({
  id: u.id,
  login: u.login,
  displayName: u.displayName,
  role: u.role,
  agencyId: u.agencyId,
  scopeAgencyId: u.scopeAgencyId,
  mustChangePassword: u.mustChangePassword,
});

const SESSION_REPLY = {
  type: "object",
  properties: { user: USER_SCHEMA, csrfToken: { type: "string" } },
  required: ["user", "csrfToken"],
} as const;

/** Login, logout, who am I, change my password. */
export async function authPlugin(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const { store } = opts;

  app.post<{ Body: { login: string; password: string } }>(
    "/api/auth/login",
    {
      config: { access: "public", rateLimit: { max: opts.loginsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ["auth"],
        summary: "登录",
        body: {
          type: "object",
          properties: { login: { type: "string", minLength: 1, maxLength: 100 }, password: { type: "string", minLength: 1, maxLength: 500 } },
          required: ["login", "password"],
          additionalProperties: false,
        },
        response: { 200: SESSION_REPLY, 401: { $ref: "Error#" }, 423: { $ref: "Error#" }, 429: { $ref: "Error#" } },
      },
    },
    async (req, reply) => {
      const outcome = await store.web.authenticate(req.body.login, req.body.password);
      const ip = req.ip;
      if (outcome.kind === "locked") {
        await store.web.audit({ userId: outcome.userId, login: req.body.login, action: "login-failed", detail: "账户已锁定", ip });
        throw new ApiError(423, "locked", `登录失败次数过多，账户已暂时锁定，请 ${outcome.minutes} 分钟后再试`);
      }
      if (outcome.kind === "bad") {
        await store.web.audit({ userId: outcome.userId, login: req.body.login, action: "login-failed", ip });
        throw new ApiError(401, "bad-credentials", "登录名或密码不正确");
      }
      const token = await store.web.createSession(outcome.user.id, opts.idleMs);
      setSessionCookie(req, reply, token);
      await store.web.audit({ userId: outcome.user.id, login: outcome.user.login, action: "login", detail: ROLE_NAME[outcome.user.role], ip });
      return { user: publicUser(outcome.user), csrfToken: csrfToken(token) };
    },
  );

  app.post("/api/auth/logout", { config: { beforePasswordChange: true }, schema: { tags: ["auth"], summary: "退出登录", response: { 204: { type: "null" } } } }, async (req, reply) => {
    const user = userOf(req);
    const token = req.cookies[COOKIE];
    if (token) await store.web.deleteSession(token);
    clearSessionCookie(req, reply);
    await store.web.audit({ userId: user.id, login: user.login, action: "logout", ip: req.ip });
    return reply.code(204).send();
  });

  app.get("/api/auth/me", { config: { beforePasswordChange: true }, schema: { tags: ["auth"], summary: "当前用户与安全令牌", response: { 200: SESSION_REPLY, 401: { $ref: "Error#" } } } }, async (req) => {
    return { user: publicUser(userOf(req)), csrfToken: csrfToken(req.session!.token) };
  });

  app.post<{ Body: { oldPassword: string; newPassword: string } }>(
    "/api/auth/password",
    {
      config: { beforePasswordChange: true, rateLimit: { max: opts.loginsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ["auth"],
        summary: "修改自己的密码（其他会话随之结束）",
        body: {
          type: "object",
          properties: { oldPassword: { type: "string", maxLength: 500 }, newPassword: { type: "string", maxLength: 500 } },
          required: ["oldPassword", "newPassword"],
          additionalProperties: false,
        },
        response: { 204: { type: "null" }, 400: { $ref: "Error#" }, 403: { $ref: "Error#" } },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      await store.web.changePassword(user.id, req.body.oldPassword, req.body.newPassword, req.session!.id);
      await store.web.audit({ userId: user.id, login: user.login, action: "password", ip: req.ip });
      return reply.code(204).send();
    },
  );
}
