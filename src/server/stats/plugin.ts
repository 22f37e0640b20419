import type { FastifyInstance, FastifyRequest } from "fastify";
import { FIGURES, figureReports, regionStats, ruleReports, statsWorkbook, type StatsQuery } from "../../stats/index.js";
import type { Store } from "../../store/index.js";
import { scopeOfRequest, userOf } from "../auth/session.js";
import { attachment, ERRORS, notFound } from "../http.js";
import { REPORT_ROW } from "../schemas.js";

export interface StatsOptions {
  store: Store;
}

interface StatsParams {
  region?: string;
  agencyId?: number;
  from?: number;
  to?: number;
}

const QUERY = {
  region: { type: "string", minLength: 1, maxLength: 100 },
  agencyId: { type: "integer", minimum: 1 },
  from: { type: "integer", minimum: 1990, maximum: 2100 },
  to: { type: "integer", minimum: 1990, maximum: 2100 },
} as const;

const VIEWERS = ["admin", "reviewer"] as ("admin" | "reviewer")[];

const regionNotFound = () => notFound("区划或机关的统计");

/**
 * The statistics' query within the user's scope: an administrator any region; a reviewer their
 * subtree by default, and a region or agency inside it only (outside it: not found, as a
 * report outside it is).
 */
async function scopedQuery(store: Store, req: FastifyRequest, q: StatsParams): Promise<StatsQuery> {
  const years = { from: q.from ?? null, to: q.to ?? null };
  const scope = scopeOfRequest(req);
  if (scope.kind === "all") return { region: q.region ?? null, agencyId: q.agencyId ?? null, ...years };
  if (scope.kind !== "subtree") throw regionNotFound();
  if (q.agencyId !== undefined) {
    if (!(await store.web.agencyInScope(scope, q.agencyId))) throw regionNotFound();
    return { agencyId: q.agencyId, ...years };
  }
  if (q.region !== undefined) {
    const found = await store.statsScope({ region: q.region }).catch(() => null);
    const roots = found?.region?.roots ?? [];
    if (roots.length === 0) throw regionNotFound();
    for (const r of roots) if (!(await store.web.agencyInScope(scope, r.id))) throw regionNotFound();
    return { region: q.region, ...years };
  }
  return { agencyId: scope.root, ...years };
}

/** 统计看板: the statistics library (src/stats) over the user's scope — figures, drill-down, workbook. */
export async function statsPlugin(app: FastifyInstance, opts: StatsOptions): Promise<void> {
  const { store } = opts;

  app.get<{ Querystring: StatsParams }>(
    "/api/stats",
    {
      config: { access: VIEWERS },
      schema: {
        tags: ["stats"],
        summary: "区划统计：各项统计的合计与分年度数、机关排名、问题最多的规则（regionStats，口径见 docs/stats.md）",
        querystring: { type: "object", properties: QUERY, additionalProperties: false },
        response: { 200: { type: "object", additionalProperties: true }, ...ERRORS },
      },
    },
    async (req) => regionStats(store, await scopedQuery(store, req, req.query)),
  );

  app.get<{ Querystring: StatsParams & { figure: string; year?: number; agency?: number } }>(
    "/api/stats/reports",
    {
      config: { access: VIEWERS },
      schema: {
        tags: ["stats"],
        summary: "一项统计背后的报告：计入的、缺少单元格的、格式无此栏的（可限定一个年度或一个机关）",
        querystring: {
          type: "object",
          properties: { ...QUERY, figure: { type: "string", enum: FIGURES.map((f) => f.id) }, year: { type: "integer", minimum: 1990, maximum: 2100 }, agency: { type: "integer", minimum: 1 } },
          required: ["figure"],
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: {
              figure: { type: "string" },
              included: { type: "array", items: REPORT_ROW },
              missing: { type: "array", items: REPORT_ROW },
              notInTemplate: { type: "array", items: REPORT_ROW },
            },
            required: ["figure", "included", "missing", "notInTemplate"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => {
      const { figure, year, agency, ...q } = req.query;
      const query = await scopedQuery(store, req, q);
      const ids = await figureReports(store, query, figure, { ...(year !== undefined ? { year } : {}), ...(agency !== undefined ? { agencyId: agency } : {}) });
      const scope = scopeOfRequest(req);
      const [included, missing, notInTemplate] = await Promise.all([store.web.reportRows(scope, ids.included), store.web.reportRows(scope, ids.missing), store.web.reportRows(scope, ids.notInTemplate)]);
      return { figure, included, missing, notInTemplate };
    },
  );

  app.get<{ Querystring: StatsParams & { rule: string; severity?: "error" | "warning" | "info" } }>(
    "/api/stats/rule-reports",
    {
      config: { access: VIEWERS },
      schema: {
        tags: ["stats"],
        summary: "问题最多的规则中的一行背后的报告：计入统计的报告中有这条规则（这一级别）问题的",
        querystring: {
          type: "object",
          properties: { ...QUERY, rule: { type: "string", minLength: 1, maxLength: 100 }, severity: { type: "string", enum: ["error", "warning", "info"] } },
          required: ["rule"],
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: { rule: { type: "string" }, severity: { type: ["string", "null"] }, included: { type: "array", items: REPORT_ROW } },
            required: ["rule", "severity", "included"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => {
      const { rule, severity, ...q } = req.query;
      const found = await ruleReports(store, await scopedQuery(store, req, q), rule, severity);
      return { rule, severity: found.severity, included: await store.web.reportRows(scopeOfRequest(req), found.reports) };
    },
  );

  app.get<{ Querystring: StatsParams }>(
    "/api/stats/export.xlsx",
    {
      config: { access: VIEWERS },
      schema: {
        tags: ["stats"],
        summary: "统计表.xlsx：各项统计（分年度与合计）和机关排名",
        querystring: { type: "object", properties: QUERY, additionalProperties: false },
        response: { 200: { type: "string", format: "binary" }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const stats = await regionStats(store, await scopedQuery(store, req, req.query));
      const bytes = await statsWorkbook(stats);
      const where = stats.region ? stats.region.roots.map((r) => r.name).join("、") : "全部机关";
      const years = req.query.from || req.query.to ? `，${req.query.from ?? "最早"}—${req.query.to ?? "最近"} 年度` : "";
      await store.web.audit({ userId: user.id, login: user.login, action: "export", target: "统计表.xlsx", detail: `${where}${years}`, ip: req.ip });
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", attachment("统计表.xlsx"))
        .header("cache-control", "no-store")
        .send(bytes);
    },
  );
}
