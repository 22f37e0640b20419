import type { FastifyInstance, FastifyRequest } from "fastify";
import { compareReports } from "../../compare/index.js";
import { decodeReport } from "../../model/report-json.js";
import type { Report } from "../../model/report.js";
import type { Store } from "../../store/index.js";
import { scopeOfRequest } from "../auth/session.js";
import { ApiError, ERRORS, notFound } from "../http.js";

export interface CompareOptions {
  store: Store;
}

/** A stored report (the codec's JSON, as imported) as the compare library takes it. */
async function storedReport(store: Store, id: number): Promise<Report> {
  const head = await store.web.reportHead(id);
  if (!head) throw notFound();
  return decodeReport(JSON.parse(head.json), `报告 ${id}`);
}

/** 年度对比: two reports of an agency through the compare library (src/compare), as `nianbao diff` does. */
export async function comparePlugin(app: FastifyInstance, opts: CompareOptions): Promise<void> {
  const { store } = opts;

  async function visible(req: FastifyRequest, id: number): Promise<number> {
    if (!(await store.web.reportInScope(scopeOfRequest(req), id))) throw notFound();
    return id;
  }

  app.get<{ Params: { id: number }; Querystring: { with?: number } }>(
    "/api/reports/:id/compare",
    {
      schema: {
        tags: ["reports"],
        summary: "年度对比：与另一份报告（默认为同一机关上一年度的报告）比较单元格、跨年度衔接和各部分正文",
        params: { type: "object", properties: { id: { type: "integer", minimum: 1 } }, required: ["id"] },
        querystring: { type: "object", properties: { with: { type: "integer", minimum: 1 } }, additionalProperties: false },
        response: {
          200: {
            type: "object",
            properties: {
              beforeId: { type: "integer" },
              afterId: { type: "integer" },
              comparison: { type: "object", additionalProperties: true },
            },
            required: ["beforeId", "afterId", "comparison"],
          },
          ...ERRORS,
        },
      },
    },
    async (req) => {
      const id = await visible(req, req.params.id);
      const other = req.query.with ?? (await store.web.previousYearReport(id));
      if (other === null) throw new ApiError(404, "not-found", "没有可以比较的报告：报告库中没有这个机关上一年度的报告（可以在地址中用 with= 指定另一份报告）");
      if (other === id) throw new ApiError(400, "invalid", "不能把一份报告与它自己比较");
      await visible(req, other);
      const [a, b] = await Promise.all([storedReport(store, id), storedReport(store, other)]);
      // The earlier year is "before"; two versions of one year: the one imported first is.
      const otherFirst = a.meta.year === null || b.meta.year === null || b.meta.year < a.meta.year || (b.meta.year === a.meta.year && other < id);
      const [beforeId, afterId] = otherFirst ? [other, id] : [id, other];
      const comparison = otherFirst ? compareReports(b, a) : compareReports(a, b);
      return { beforeId, afterId, comparison };
    },
  );
}
