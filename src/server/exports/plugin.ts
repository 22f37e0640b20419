import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { exportLong, exportProblems, exportWide } from "../../export/index.js";
import type { CorpusFilter, ReportFilter, ReportStatus, Store } from "../../store/index.js";
import { scopeOfRequest, userOf } from "../auth/session.js";
import { attachment, ERRORS } from "../http.js";
import { REPORT_FILTERS } from "../schemas.js";

export interface ExportsOptions {
  store: Store;
  tmpDir: string;
}

/** The exports api.md names, the file each is saved as, and the library function that writes it. */
const KINDS: Record<string, { name: string; type: string; write: (store: Store, file: string, f: CorpusFilter) => Promise<unknown> }> = {
  "problems.xlsx": { name: "问题清单.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: exportProblems },
  "data.xlsx": { name: "数据.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", write: exportWide },
  "data.csv": { name: "数据.csv", type: "text/csv; charset=utf-8", write: exportWide },
  "long.csv": { name: "长表.csv", type: "text/csv; charset=utf-8", write: exportLong },
};

const STATUS: Record<string, string> = { error: "有错误", warning: "仅有警告", clean: "未发现问题", unread: "表格未读出", failed: "无法读取" };
const REVIEW: Record<string, string> = { pending: "待审核", approved: "审核通过", returned: "退回修改" };

/** The filters of an export, in words for the audit log. */
function describeFilter(q: Record<string, unknown>): string {
  const parts: string[] = [];
  if (q.year) parts.push(`${q.year} 年度`);
  if (q.regionId) parts.push(`区域机关 ${q.regionId}`);
  if (q.agencyId) parts.push(`机关 ${q.agencyId}`);
  if (q.template) parts.push(`${q.template} 年版`);
  if (q.status) parts.push(STATUS[String(q.status)] ?? String(q.status));
  if (q.review) parts.push(REVIEW[String(q.review)] ?? String(q.review));
  if (q.q) parts.push(`关键词“${q.q}”`);
  return parts.length ? parts.join("，") : "全部（在权限范围内）";
}

/** Exports of the corpus (src/export), limited to the user's scope and filtered as the list is. */
export async function exportsPlugin(app: FastifyInstance, opts: ExportsOptions): Promise<void> {
  app.get<{ Params: { kind: string }; Querystring: Omit<ReportFilter, "status"> & { status?: ReportStatus | "failed" } }>(
    "/api/exports/:kind",
    {
      schema: {
        tags: ["exports"],
        summary: "导出：问题清单.xlsx（problems.xlsx）、数据宽表（data.xlsx、data.csv）、长表（long.csv），按列表的筛选条件",
        params: { type: "object", properties: { kind: { type: "string", enum: Object.keys(KINDS) } }, required: ["kind"] },
        querystring: { type: "object", properties: REPORT_FILTERS, additionalProperties: false },
        response: { 200: { type: "string", format: "binary" }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const kind = KINDS[req.params.kind]!;
      const { status, ...rest } = req.query;
      const web: ReportFilter = { ...rest, ...(status && status !== "failed" ? { status } : {}) };
      const dir = await mkdtemp(join(opts.tmpDir, "export-"));
      const file = join(dir, req.params.kind);
      try {
        await kind.write(opts.store, file, { scope: scopeOfRequest(req), web });
      } catch (e) {
        await rm(dir, { recursive: true, force: true });
        throw e;
      }
      await opts.store.web.audit({ userId: user.id, login: user.login, action: "export", target: kind.name, detail: describeFilter(req.query), ip: req.ip });
      const stream = createReadStream(file);
      stream.on("close", () => void rm(dir, { recursive: true, force: true }));
      return reply.header("content-type", kind.type).header("content-disposition", attachment(kind.name)).header("cache-control", "no-store").send(stream);
    },
  );
}
