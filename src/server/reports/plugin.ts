import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ReportQuery, ReportStatus, Store } from "../../store/index.js";
import { scopeOfRequest, userOf } from "../auth/session.js";
import { attachment, ERRORS, notFound } from "../http.js";
import { DECISION, ID_PARAM, nullable, REPORT_FILTERS, REPORT_ROW, REVIEW } from "../schemas.js";
import { reportDetail } from "./detail.js";
import type { PageImages } from "./pages.js";
import { hasLines, sourceLines } from "./source.js";

export interface ReportsOptions {
  store: Store;
  pages: PageImages;
}

type ListQuery = Omit<ReportQuery, "status"> & { status?: ReportStatus | "failed" };

const LIST_QUERY = {
  type: "object",
  properties: {
    ...REPORT_FILTERS,
    sort: { type: "string", enum: ["agency", "year", "errors", "warnings", "importedAt"] },
    order: { type: "string", enum: ["asc", "desc"] },
    page: { type: "integer", minimum: 1, maximum: 100000, default: 1 },
    pageSize: { type: "integer", minimum: 1, maximum: 200, default: 20 },
  },
  additionalProperties: false,
} as const;

const COUNTS = {
  type: "object",
  properties: { error: { type: "integer" }, warning: { type: "integer" }, clean: { type: "integer" }, unread: { type: "integer" } },
  required: ["error", "warning", "clean", "unread"],
} as const;

const DECIDE = ["reviewer", "admin"] as ("reviewer" | "admin")[];

/** The report list, a report with its findings and decisions, its original (bytes, pages, lines), decisions and reviews. */
export async function reportsPlugin(app: FastifyInstance, opts: ReportsOptions): Promise<void> {
  const { store } = opts;

  /** The report `id` when the user may see it; otherwise "not found" (never "forbidden": that would say it exists). */
  async function visible(req: FastifyRequest, id: number): Promise<number> {
    if (!(await store.web.reportInScope(scopeOfRequest(req), id))) throw notFound();
    return id;
  }

  app.get<{ Querystring: ListQuery }>(
    "/api/reports",
    { schema: { tags: ["reports"], summary: "报告列表（筛选、排序、分页）", querystring: LIST_QUERY, response: { 200: { type: "object", properties: { total: { type: "integer" }, counts: COUNTS, items: { type: "array", items: REPORT_ROW } }, required: ["total", "counts", "items"] }, ...ERRORS } } },
    async (req) => {
      const { status, ...q } = req.query;
      if (status === "failed") {
        // Files that could not be read belong to no agency: only an administrator sees them.
        const user = userOf(req);
        const failed = user.role === "admin" ? await store.web.failedFiles(q.page ?? 1, q.pageSize ?? 20) : { total: 0, items: [] };
        const counts = (await store.web.listReports(scopeOfRequest(req), q)).counts;
        return { total: failed.total, counts, items: failed.items };
      }
      return store.web.listReports(scopeOfRequest(req), { ...q, status });
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/reports/:id",
    {
      schema: {
        tags: ["reports"],
        summary: "报告详情：报告 JSON、问题的审核结论、报告的审核状态",
        params: ID_PARAM,
        response: {
          200: {
            type: "object",
            properties: {
              id: { type: "integer" },
              report: { type: "object", additionalProperties: true },
              original: { type: "object", properties: { sha256: { type: "string" }, name: { type: "string" }, format: nullable("string"), size: { type: "integer" } }, required: ["sha256", "name", "format", "size"] },
              agencyId: nullable("integer"),
              agency: nullable("string"),
              findings: { type: "array", items: { type: "object", properties: { fingerprint: { type: "string" }, decision: { anyOf: [{ type: "null" }, DECISION] } }, required: ["fingerprint", "decision"] } },
              ruleTitles: { type: "object", additionalProperties: { type: "string" } },
              review: { anyOf: [{ type: "null" }, REVIEW] },
              previousYearId: nullable("integer"),
            },
            required: ["id", "report", "original", "agencyId", "findings", "review", "previousYearId"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => {
      const detail = await reportDetail(store, await visible(req, req.params.id));
      if (!detail) throw notFound();
      return detail;
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/reports/:id/original",
    { schema: { tags: ["reports"], summary: "原始文件（下载）", params: ID_PARAM, response: { 200: { type: "string", format: "binary" }, ...ERRORS } } },
    async (req, reply) => {
      const original = await store.web.originalOfReport(await visible(req, req.params.id));
      const bytes = original && (await store.blob(original.sha256));
      if (!original || !bytes) throw notFound("原始文件");
      const base = original.name.split(/[\\/]/).pop() || "original";
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", attachment(base))
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(bytes));
    },
  );

  app.get<{ Params: { id: number } }>(
    "/api/reports/:id/pages",
    {
      schema: {
        tags: ["reports"],
        summary: "PDF 原件的页面尺寸（磅）",
        params: ID_PARAM,
        response: { 200: { type: "object", properties: { pages: { type: "array", items: { type: "object", properties: { page: { type: "integer" }, width: { type: "number" }, height: { type: "number" } }, required: ["page", "width", "height"] } } }, required: ["pages"] }, ...ERRORS },
      },
    },
    async (req) => {
      const original = await store.web.originalOfReport(await visible(req, req.params.id));
      if (!original || original.format !== "pdf") return { pages: [] };
      return { pages: await opts.pages.sizes(original.sha256) };
    },
  );

  app.get<{ Params: { id: number; page: number }; Querystring: { dpi: number } }>(
    "/api/reports/:id/pages/:page.png",
    {
      schema: {
        tags: ["reports"],
        summary: "PDF 原件的一页（PNG）",
        params: { type: "object", properties: { id: { type: "integer", minimum: 1 }, page: { type: "integer", minimum: 1, maximum: 2000 } }, required: ["id", "page"] },
        querystring: { type: "object", properties: { dpi: { type: "integer", minimum: 36, maximum: 200, default: 96 } }, additionalProperties: false },
        response: { 200: { type: "string", format: "binary" }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const original = await store.web.originalOfReport(await visible(req, req.params.id));
      if (!original || original.format !== "pdf") throw notFound("页面");
      const png = await opts.pages.png(original.sha256, req.params.page, req.query.dpi);
      if (!png) throw notFound("页面");
      return reply.header("content-type", "image/png").header("cache-control", "private, max-age=3600").send(png);
    },
  );

  app.get<{ Params: { id: number }; Querystring: { from: number; to: number } }>(
    "/api/reports/:id/source",
    {
      schema: {
        tags: ["reports"],
        summary: "文本原件的若干行（按读取器的解码）",
        params: ID_PARAM,
        querystring: { type: "object", properties: { from: { type: "integer", minimum: 1, default: 1 }, to: { type: "integer", minimum: 1, default: 200 } }, additionalProperties: false },
        response: {
          200: { type: "object", properties: { kind: { type: "string", enum: ["lines", "none"] }, lines: { type: "array", items: { type: "object", properties: { no: { type: "integer" }, text: { type: "string" } }, required: ["no", "text"] } } }, required: ["kind"] },
          ...ERRORS,
        },
      },
    },
    async (req) => {
      const original = await store.web.originalOfReport(await visible(req, req.params.id));
      if (!original || !hasLines(original.format)) return { kind: "none" };
      const bytes = await store.blob(original.sha256);
      if (!bytes) return { kind: "none" };
      const from = req.query.from;
      const to = Math.min(req.query.to, from + 499);
      return { kind: "lines", lines: sourceLines(bytes, from, to) };
    },
  );

  /** A finding of the report, by fingerprint; 404 when the report has none such. */
  async function findingOf(req: FastifyRequest, id: number, fp: string) {
    const detail = await reportDetail(store, await visible(req, id));
    const at = detail?.findings.findIndex((f) => f.fingerprint === fp) ?? -1;
    if (!detail || at < 0 || fp === "") throw notFound("问题");
    return detail;
  }

  const FP_PARAMS = { type: "object", properties: { id: { type: "integer", minimum: 1 }, fingerprint: { type: "string", minLength: 1, maxLength: 2000 } }, required: ["id", "fingerprint"] } as const;

  app.put<{ Params: { id: number; fingerprint: string }; Body: { verdict: "confirmed" | "dismissed"; note?: string } }>(
    "/api/reports/:id/findings/:fingerprint/decision",
    {
      config: { access: DECIDE },
      schema: {
        tags: ["reports"],
        summary: "对一条问题作出审核结论：确认 / 不是问题",
        params: FP_PARAMS,
        body: { type: "object", properties: { verdict: { type: "string", enum: ["confirmed", "dismissed"] }, note: { type: "string", maxLength: 2000 } }, required: ["verdict"], additionalProperties: false },
        response: { 200: DECISION, ...ERRORS },
      },
    },
    async (req) => {
      const user = userOf(req);
      const { id, fingerprint } = req.params;
      const detail = await findingOf(req, id, fingerprint);
      const decision = await store.web.setDecision(id, fingerprint, req.body.verdict, req.body.note ?? "", user.id);
      const finding = detail.report.findings[detail.findings.findIndex((f) => f.fingerprint === fingerprint)];
      await store.web.audit({
        userId: user.id,
        login: user.login,
        action: "decision",
        target: `报告 ${id}（${detail.agency ?? ""} ${detail.report.meta?.year ?? ""}）`,
        detail: `${req.body.verdict === "confirmed" ? "确认" : "不是问题"}：${finding?.message ?? fingerprint}${req.body.note ? `；意见：${req.body.note}` : ""}`,
        ip: req.ip,
      });
      return decision;
    },
  );

  app.delete<{ Params: { id: number; fingerprint: string } }>(
    "/api/reports/:id/findings/:fingerprint/decision",
    { config: { access: DECIDE }, schema: { tags: ["reports"], summary: "撤回对一条问题的审核结论", params: FP_PARAMS, response: { 204: { type: "null" }, ...ERRORS } } },
    async (req, reply) => {
      const user = userOf(req);
      const { id, fingerprint } = req.params;
      await findingOf(req, id, fingerprint);
      await store.web.deleteDecision(id, fingerprint);
      await store.web.audit({ userId: user.id, login: user.login, action: "decision", target: `报告 ${id}`, detail: `撤回：${fingerprint}`, ip: req.ip });
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: number }; Body: { state: "approved" | "returned"; note?: string } }>(
    "/api/reports/:id/review",
    {
      config: { access: DECIDE },
      schema: {
        tags: ["reports"],
        summary: "审核报告：审核通过 / 退回修改",
        params: ID_PARAM,
        body: { type: "object", properties: { state: { type: "string", enum: ["approved", "returned"] }, note: { type: "string", maxLength: 4000 } }, required: ["state"], additionalProperties: false },
        response: { 200: REVIEW, ...ERRORS },
      },
    },
    async (req) => {
      const user = userOf(req);
      const id = await visible(req, req.params.id);
      const review = await store.web.setReview(id, req.body.state, req.body.note ?? "", user.id);
      await store.web.audit({ userId: user.id, login: user.login, action: "review", target: `报告 ${id}`, detail: `${req.body.state === "approved" ? "审核通过" : "退回修改"}${req.body.note ? `：${req.body.note}` : ""}`, ip: req.ip });
      return review;
    },
  );

  app.get(
    "/api/agencies",
    {
      schema: {
        tags: ["reports"],
        summary: "机关（在当前用户的范围内）",
        response: {
          200: {
            type: "object",
            properties: {
              agencies: {
                type: "array",
                items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" }, aliases: { type: "array", items: { type: "string" } }, parentId: nullable("integer"), regionCode: nullable("string"), level: nullable("string") }, required: ["id", "name", "aliases", "parentId", "regionCode", "level"] },
              },
            },
            required: ["agencies"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => ({ agencies: await store.web.agencies(scopeOfRequest(req)) }),
  );

}
