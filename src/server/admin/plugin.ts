import type { FastifyInstance } from "fastify";
import { ROLE_NAME, type Role, type Store, type UserPatch, type WebUser } from "../../store/index.js";
import { userOf } from "../auth/session.js";
import { ERRORS } from "../http.js";
import { ADMIN_USER_SCHEMA, nullable } from "../schemas.js";

export interface AdminOptions {
  store: Store;
}

const adminUser = (u: WebUser) => ({
  id: u.id,
  login: u.login,
  displayName: u.displayName,
  role: u.role,
  agencyId: u.agencyId,
  scopeAgencyId: u.scopeAgencyId,
  mustChangePassword: u.mustChangePassword,
  disabled: u.disabled,
  lastLoginAt: u.lastLoginAt,
  createdAt: u.createdAt,
});

const ADMIN = { access: ["admin"] as Role[] };
const ROLE = { type: "string", enum: ["admin", "reviewer", "filer"] } as const;

/** 用户管理 and 操作日志: administrators only. */
export async function adminPlugin(app: FastifyInstance, opts: AdminOptions): Promise<void> {
  const { store } = opts;

  app.get("/api/users", { config: ADMIN, schema: { tags: ["admin"], summary: "用户列表", response: { 200: { type: "object", properties: { users: { type: "array", items: ADMIN_USER_SCHEMA } }, required: ["users"] }, ...ERRORS } } }, async () => ({
    users: (await store.web.listUsers()).map(adminUser),
  }));

  app.post<{ Body: { login: string; displayName?: string; password: string; role: Role; agencyId?: number | null; scopeAgencyId?: number | null } }>(
    "/api/users",
    {
      config: ADMIN,
      schema: {
        tags: ["admin"],
        summary: "新建用户（密码由用户在首次登录时修改）",
        body: {
          type: "object",
          properties: { login: { type: "string", maxLength: 64 }, displayName: { type: "string", maxLength: 100 }, password: { type: "string", maxLength: 200 }, role: ROLE, agencyId: nullable("integer"), scopeAgencyId: nullable("integer") },
          required: ["login", "password", "role"],
          additionalProperties: false,
        },
        response: { 201: ADMIN_USER_SCHEMA, ...ERRORS },
      },
    },
    async (req, reply) => {
      const me = userOf(req);
      const u = await store.web.createUser({ ...req.body, mustChangePassword: true });
      await store.web.audit({ userId: me.id, login: me.login, action: "user", target: u.login, detail: `新建用户（${ROLE_NAME[u.role]}）`, ip: req.ip });
      return reply.code(201).send(adminUser(u));
    },
  );

  app.patch<{ Params: { id: number }; Body: UserPatch }>(
    "/api/users/:id",
    {
      config: ADMIN,
      schema: {
        tags: ["admin"],
        summary: "修改用户：角色、范围、重设密码、停用",
        params: { type: "object", properties: { id: { type: "integer", minimum: 1 } }, required: ["id"] },
        body: {
          type: "object",
          properties: { displayName: { type: "string", maxLength: 100 }, role: ROLE, agencyId: nullable("integer"), scopeAgencyId: nullable("integer"), password: { type: "string", maxLength: 200 }, disabled: { type: "boolean" }, unlock: { type: "boolean" } },
          additionalProperties: false,
        },
        response: { 200: ADMIN_USER_SCHEMA, ...ERRORS },
      },
    },
    async (req) => {
      const me = userOf(req);
      const u = await store.web.updateUser(req.params.id, req.body);
      const what = Object.keys(req.body).map((k) => (k === "password" ? "重设密码" : k === "disabled" ? (req.body.disabled ? "停用" : "启用") : k === "unlock" ? "解除锁定" : k === "role" ? `角色改为${ROLE_NAME[u.role]}` : k));
      await store.web.audit({ userId: me.id, login: me.login, action: "user", target: u.login, detail: what.join("、"), ip: req.ip });
      return adminUser(u);
    },
  );

  app.get<{ Querystring: { page: number; pageSize: number; action?: string } }>(
    "/api/audit",
    {
      config: ADMIN,
      schema: {
        tags: ["admin"],
        summary: "操作日志（新的在前）",
        querystring: { type: "object", properties: { page: { type: "integer", minimum: 1, default: 1 }, pageSize: { type: "integer", minimum: 1, maximum: 200, default: 20 }, action: { type: "string", maxLength: 40 } }, additionalProperties: false },
        response: {
          200: {
            type: "object",
            properties: {
              total: { type: "integer" },
              items: { type: "array", items: { type: "object", properties: { at: { type: "string" }, user: nullable("string"), action: { type: "string" }, target: nullable("string"), detail: nullable("string"), ip: nullable("string") }, required: ["at", "user", "action", "target", "detail"] } },
            },
            required: ["total", "items"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => store.web.auditLog(req.query.page, req.query.pageSize, { action: req.query.action }),
  );
}
