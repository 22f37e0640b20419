import type { FastifyInstance, FastifyRequest } from "fastify";
import { checkDraft, draftDocument, draftFileName, editDraft, findingMessage, importRegisterToDraft, newDraft, pasteBlock, reportToJson, saveDraft, setCells, submitDraft, type StoredDraft } from "../../filing/index.js";
import type { Finding } from "../../model/finding.js";
import { registerTemplateXlsx } from "../../register/index.js";
import { templateForYear } from "../../templates/index.js";
import type { Store } from "../../store/index.js";
import { scopeOfRequest, userOf } from "../auth/session.js";
import { ApiError, attachment, ERRORS, notFound } from "../http.js";
import { ID_PARAM, nullable } from "../schemas.js";

export interface FilingOptions {
  store: Store;
}

/** A register file is small next to the reports (a year of applications): 20 MB is thousands of rows. */
const REGISTER_BYTES = 20 * 1024 * 1024;

const EDIT = ["filer", "admin"] as ("filer" | "admin")[];

const SUMMARY_PROPS = {
  id: { type: "integer" },
  agencyId: { type: "integer" },
  agency: { type: "string" },
  year: { type: "integer" },
  status: { type: "string", enum: ["draft", "submitted"] },
  version: { type: "integer" },
  savedBy: { type: "string" },
  savedAt: { type: "string" },
  createdAt: { type: "string" },
  reportId: nullable("integer"),
  submittedBy: nullable("string"),
  submittedAt: nullable("string"),
} as const;
const SUMMARY = { type: "object", properties: { ...SUMMARY_PROPS, title: { type: "string" }, template: { type: "string" } }, required: Object.keys(SUMMARY_PROPS) } as const;
const STORED = { type: "object", properties: { ...SUMMARY_PROPS, draft: { type: "object", additionalProperties: true } }, required: [...Object.keys(SUMMARY_PROPS), "draft"] } as const;
const FINDINGS = { type: "array", items: { type: "object", additionalProperties: true } } as const;
/** A refusal that carries the reasons: findings that block a submission, rows of a register. */
const REFUSAL = {
  type: "object",
  properties: {
    error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] },
    findings: FINDINGS,
    errors: { type: "array", items: { type: "object", properties: { row: { type: "integer" }, message: { type: "string" } }, required: ["message"] } },
  },
  required: ["error"],
} as const;
const BASE = { baseVersion: { type: "integer", minimum: 1 } } as const;

/** Findings as the report JSON gives them (with the Chinese `message`). */
const findingsJson = (fs: readonly Finding[]) => fs.map((f) => ({ ...f, message: findingMessage(f) }));

/**
 * The filing form (填报): drafts of an agency's annual report in the store. Every handler
 * checks the scope and calls src/filing; the page itself runs the live check, the form's
 * layout and paste in the browser (src/filing/browser.ts), the server applies edits with the
 * same functions (derived cells are recomputed here, never taken from the client).
 */
export async function filingPlugin(app: FastifyInstance, opts: FilingOptions): Promise<void> {
  const { store } = opts;

  /** The draft when the user may see it; otherwise "not found" (never "forbidden"). */
  async function visible(req: FastifyRequest, id: number): Promise<StoredDraft> {
    const sd = await store.filing.byId(id);
    if (!sd || !(await store.web.agencyInScope(scopeOfRequest(req), sd.agencyId))) throw notFound("草稿");
    return sd;
  }
  const byOf = (req: FastifyRequest) => userOf(req).displayName || userOf(req).login;
  const audit = (req: FastifyRequest, action: string, target: string, detail: string) => {
    const u = userOf(req);
    return store.web.audit({ userId: u.id, login: u.login, action, target, detail, ip: req.ip });
  };

  app.get<{ Querystring: { year?: number; status?: "draft" | "submitted" } }>(
    "/api/filing/drafts",
    {
      schema: {
        tags: ["filing"],
        summary: "我的草稿（范围内各机关的填报草稿）",
        querystring: { type: "object", properties: { year: { type: "integer", minimum: 1990, maximum: 2100 }, status: { type: "string", enum: ["draft", "submitted"] } }, additionalProperties: false },
        response: { 200: { type: "object", properties: { items: { type: "array", items: SUMMARY } }, required: ["items"] }, ...ERRORS },
      },
    },
    async (req) => {
      const user = userOf(req);
      const scope = scopeOfRequest(req);
      if (scope.kind === "none") return { items: [] };
      const all = await store.filing.list({ agency: scope.kind === "agency" ? String(scope.id) : undefined, year: req.query.year, status: req.query.status });
      const items = [];
      for (const d of all) if (user.role === "admin" || (await store.web.agencyInScope(scope, d.agencyId))) items.push(d);
      return { items };
    },
  );

  app.post<{ Body: { agencyId?: number; year: number; tables?: "register" | "typed"; replace?: boolean } }>(
    "/api/filing/drafts",
    {
      config: { access: EDIT },
      schema: {
        tags: ["filing"],
        summary: "新建草稿：按上年报告、登记台账预填（填报人只能为本机关新建）",
        body: {
          type: "object",
          properties: { agencyId: { type: "integer", minimum: 1 }, year: { type: "integer", minimum: 2019, maximum: 2100 }, tables: { type: "string", enum: ["register", "typed"] }, replace: { type: "boolean" } },
          required: ["year"],
          additionalProperties: false,
        },
        response: { 201: STORED, 409: { $ref: "Error#" }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const agencyId = req.body.agencyId ?? user.agencyId;
      if (agencyId === null || agencyId === undefined) throw new ApiError(400, "invalid", "请选择机关");
      if (user.role === "filer" && agencyId !== user.agencyId) throw new ApiError(403, "forbidden", "填报人只能为本机关填报");
      if (!(await store.web.agencyInScope(scopeOfRequest(req), agencyId))) throw notFound("机关");
      const existing = (await store.filing.list({ agency: String(agencyId), year: req.body.year })).find((d) => d.agencyId === agencyId);
      if (existing && !req.body.replace) {
        throw new ApiError(409, "conflict", `${existing.agency} ${existing.year} 年度已有草稿（第 ${existing.version} 版，${existing.savedBy} 保存${existing.status === "submitted" ? "，已提交" : ""}），请打开它继续填写`);
      }
      const sd = await newDraft(store, { agency: String(agencyId), year: req.body.year, by: byOf(req), tables: req.body.tables, replace: req.body.replace });
      await audit(req, "filing-new", sd.draft.title, `第 ${sd.version} 版`);
      const { agencyCreated: _created, ...out } = sd;
      return reply.code(201).send(out);
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/filing/drafts/:id",
    { schema: { tags: ["filing"], summary: "草稿（页面据此排出表单、实时检查）", params: ID_PARAM, response: { 200: STORED, ...ERRORS } } },
    async (req) => visible(req, req.params.id),
  );

  app.patch<{ Params: { id: number }; Body: { baseVersion: number; cells?: { key: string; raw: string }[]; sections?: { no: number; text: string }[] } }>(
    "/api/filing/drafts/:id",
    {
      config: { access: EDIT },
      schema: {
        tags: ["filing"],
        summary: "保存：在第 baseVersion 版上填写的单元格和正文，保存为下一版；有人先保存了则 409",
        params: ID_PARAM,
        body: {
          type: "object",
          properties: {
            ...BASE,
            cells: { type: "array", maxItems: 2000, items: { type: "object", properties: { key: { type: "string", maxLength: 200 }, raw: { type: "string", maxLength: 200 } }, required: ["key", "raw"], additionalProperties: false } },
            sections: { type: "array", maxItems: 6, items: { type: "object", properties: { no: { type: "integer", minimum: 1, maximum: 6 }, text: { type: "string", maxLength: 200_000 } }, required: ["no", "text"], additionalProperties: false } },
          },
          required: ["baseVersion"],
          additionalProperties: false,
        },
        response: { 200: STORED, 409: { $ref: "Error#" }, ...ERRORS },
      },
    },
    async (req) => {
      await visible(req, req.params.id);
      return editDraft(store, req.params.id, req.body, byOf(req), req.body.baseVersion);
    },
  );

  app.post<{ Params: { id: number }; Body: { baseVersion: number; at: string; text?: string; html?: string } }>(
    "/api/filing/drafts/:id/paste",
    {
      config: { access: EDIT },
      schema: {
        tags: ["filing"],
        summary: "粘贴：从 Excel 或网页复制的一块（纯文本或 HTML），左上角落在单元格 at；放不下则整块拒绝（422）",
        params: ID_PARAM,
        body: {
          type: "object",
          properties: { ...BASE, at: { type: "string", maxLength: 200 }, text: { type: "string", maxLength: 1_000_000 }, html: { type: "string", maxLength: 2_000_000 } },
          required: ["baseVersion", "at"],
          additionalProperties: false,
        },
        response: { 200: STORED, 409: { $ref: "Error#" }, 422: { $ref: "Error#" }, ...ERRORS },
      },
    },
    async (req) => {
      const sd = await visible(req, req.params.id);
      const p = pasteBlock(sd.draft, req.body.at, { text: req.body.text ?? "", html: req.body.html });
      if (!p.ok) throw new ApiError(422, "paste-refused", p.message);
      return saveDraft(store, sd.id, setCells(sd.draft, p.updates), byOf(req), req.body.baseVersion);
    },
  );

  app.post<{ Params: { id: number }; Querystring: { baseVersion: number } }>(
    "/api/filing/drafts/:id/register",
    {
      config: { access: EDIT },
      schema: {
        tags: ["filing"],
        summary: "导入本机关的依申请公开登记台账（multipart，字段 file，XLSX 或 CSV），由台账计算草稿的表三、表四；有错误的行逐条列出，一条也不导入（422）",
        params: ID_PARAM,
        consumes: ["multipart/form-data"],
        querystring: { type: "object", properties: BASE, required: ["baseVersion"], additionalProperties: false },
        response: { 200: { type: "object", properties: { rows: { type: "integer" }, format: { type: "string" }, draft: STORED }, required: ["rows", "format", "draft"] }, 409: { $ref: "Error#" }, 413: { $ref: "Error#" }, 422: REFUSAL, ...ERRORS },
      },
    },
    async (req, reply) => {
      const sd = await visible(req, req.params.id);
      const file = await req.file({ limits: { fileSize: REGISTER_BYTES, files: 1, fields: 5 } });
      if (!file) throw new ApiError(400, "invalid", "请选择台账文件（Excel 或 CSV）");
      const bytes = await file.toBuffer().catch((e: { code?: string }) => {
        if (e?.code === "FST_REQ_FILE_TOO_LARGE") throw new ApiError(413, "too-large", `台账文件超过 ${REGISTER_BYTES / 1024 / 1024} MB`);
        throw e;
      });
      const name = (file.filename || "台账").replace(/[\u0000-\u001f\u007f]/g, "").split(/[\\/]/).pop() || "台账";
      const out = await importRegisterToDraft(store, sd.id, new Uint8Array(bytes), name, byOf(req), req.query.baseVersion);
      if (!out.ok) {
        return reply.code(422).send({ error: { code: "register-invalid", message: `台账“${name}”共 ${out.errors.length} 处错误，未导入任何登记` }, errors: out.errors });
      }
      await audit(req, "register-import", sd.agency, `${name}：${out.rows} 条登记，计入 ${sd.year} 年度草稿`);
      return out;
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/filing/drafts/:id/check",
    {
      schema: {
        tags: ["filing"],
        summary: "检查草稿（与 nianbao check 相同的规则，并与上年比对）",
        params: ID_PARAM,
        response: { 200: { type: "object", properties: { report: { type: "object", additionalProperties: true }, findings: FINDINGS, errors: { type: "integer" }, warnings: { type: "integer" }, canSubmit: { type: "boolean" } }, required: ["report", "findings", "errors", "warnings", "canSubmit"] }, ...ERRORS },
      },
    },
    async (req) => {
      const c = checkDraft((await visible(req, req.params.id)).draft);
      return { report: reportToJson(c.report), findings: findingsJson(c.findings), errors: c.errors, warnings: c.warnings, canSubmit: c.canSubmit };
    },
  );

  app.post<{ Params: { id: number }; Body: { baseVersion: number } }>(
    "/api/filing/drafts/:id/submit",
    {
      config: { access: EDIT },
      schema: {
        tags: ["filing"],
        summary: "提交：没有错误才提交，成为报告库中的一份报告（原件为法定版式 DOCX）；有错误时 422 并列出",
        params: ID_PARAM,
        body: { type: "object", properties: BASE, required: ["baseVersion"], additionalProperties: false },
        response: {
          200: { type: "object", properties: { reportId: { type: "integer" }, file: { type: "string" }, sha256: { type: "string" }, warnings: { type: "integer" }, draft: SUMMARY }, required: ["reportId", "file", "sha256", "warnings", "draft"] },
          409: { $ref: "Error#" },
          422: REFUSAL,
          ...ERRORS,
        },
      },
    },
    async (req, reply) => {
      const sd = await visible(req, req.params.id);
      if (sd.version !== req.body.baseVersion) {
        throw new ApiError(409, "conflict", `草稿已被 ${sd.savedBy} 于 ${sd.savedAt} 保存为第 ${sd.version} 版（您提交的是第 ${req.body.baseVersion} 版）；请重新打开草稿，确认后再提交`);
      }
      const out = await submitDraft(store, sd.id, byOf(req));
      if (!out.ok) {
        const errors = out.check.findings.filter((f) => f.severity === "error");
        return reply.code(422).send({ error: { code: "has-errors", message: `草稿有 ${errors.length} 个错误，未提交；请先改正` }, findings: findingsJson(errors) });
      }
      await audit(req, "filing-submit", out.file, `第 ${sd.version} 版，报告 ${out.reportId}`);
      const { draft: _d, ...summary } = out.draft;
      return { reportId: out.reportId, file: out.file, sha256: out.sha256, warnings: out.check.warnings, draft: { ...summary, title: out.draft.draft.title, template: out.draft.draft.template } };
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/filing/drafts/:id/register-template.xlsx",
    { schema: { tags: ["filing"], summary: "空白的依申请公开登记台账模板（XLSX：表头、示例行、下拉列表；办理结果按草稿年度的报告格式）", params: ID_PARAM, response: { 200: { type: "string", format: "binary" }, ...ERRORS } } },
    async (req, reply) => {
      const sd = await visible(req, req.params.id);
      const bytes = await registerTemplateXlsx({ template: templateForYear(sd.year) });
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", attachment(`依申请公开登记台账模板（${sd.year}年度）.xlsx`))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "no-store")
        .send(Buffer.from(bytes));
    },
  );

  for (const fmt of ["docx", "html"] as const) {
    app.get<{ Params: { id: number } }>(
      `/api/filing/drafts/:id/document.${fmt}`,
      { schema: { tags: ["filing"], summary: fmt === "docx" ? "法定版式 Word 文档（下载）" : "供网站后台编辑器粘贴的网页片段（下载）", params: ID_PARAM, response: { 200: { type: "string", format: "binary" }, ...ERRORS } } },
      async (req, reply) => {
        const sd = await visible(req, req.params.id);
        const bytes = draftDocument(sd.draft, fmt);
        return reply
          .header("content-type", fmt === "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/octet-stream")
          .header("content-disposition", attachment(draftFileName(sd.draft, fmt)))
          .header("x-content-type-options", "nosniff")
          .header("cache-control", "no-store")
          .send(Buffer.from(bytes));
      },
    );
  }
}
