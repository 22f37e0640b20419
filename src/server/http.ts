import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isStoreError } from "../store/index.js";

/** A refusal with its HTTP status, an English code and a Chinese message (api.md's error shape). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what = "报告") => new ApiError(404, "not-found", `没有找到这份${what}，或您没有查看它的权限`);

const STORE_STATUS: Record<string, [number, string]> = {
  invalid: [400, "invalid"],
  "not-found": [404, "not-found"],
  denied: [403, "denied"],
  busy: [503, "busy"],
  unreachable: [503, "unavailable"],
  lost: [503, "unavailable"],
  full: [507, "full"],
  readonly: [503, "readonly"],
};

/** Every error as api.md's `{ error: { code, message } }`, in Chinese; nianbao's own bugs logged, not shown. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(body(err.code, err.message));
    if (isStoreError(err)) {
      const [status, code] = STORE_STATUS[err.code] ?? [500, "internal"];
      if (status >= 500) req.log.error(err);
      return reply.code(status).send(body(code, err.message));
    }
    const e = err as FastifyError;
    if (e.validation) return reply.code(400).send(body("invalid", `请求参数不正确：${validationText(e)}`));
    if (e.statusCode === 429) return reply.code(429).send(body("rate-limited", "请求过于频繁，请稍后再试"));
    if (e.statusCode === 413 || e.code === "FST_FILES_LIMIT" || e.code === "FST_REQ_FILE_TOO_LARGE" || e.code === "FST_PARTS_LIMIT") {
      return reply.code(413).send(body("too-large", "上传的内容超过限制：每次最多 500 个文件、合计 1 GB，单个文件不超过 40 MB"));
    }
    if (e.code === "FST_INVALID_MULTIPART_CONTENT_TYPE" || e.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return reply.code(415).send(body("unsupported-media-type", "请求的内容类型不正确"));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send(body("bad-request", "请求不正确"));
    req.log.error(err);
    return reply.code(500).send(body("internal", "服务器内部错误，请稍后再试；如果反复出现，请联系管理员"));
  });
}

export const body = (code: string, message: string) => ({ error: { code, message } });

function validationText(e: FastifyError): string {
  const v = e.validation?.[0];
  if (!v) return "格式不对";
  const where = (v.instancePath || "").replace(/^\//, "").replace(/\//g, ".") || (v.params as { missingProperty?: string })?.missingProperty || e.validationContext || "";
  return `${where ? `“${where}”` : ""}${v.keyword === "required" ? "缺少必填项" : v.keyword === "enum" ? "取值不在允许范围内" : v.keyword === "maxLength" ? "太长" : "格式不对"}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the real (Chinese) name in RFC 5987 form. */
export function attachment(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f"\\/]/g, "_").slice(-200) || "download";
  const ascii = clean.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}

/** The error response schema, referenced by every route. */
export const ERROR_SCHEMA = {
  $id: "Error",
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } },
  required: ["error"],
} as const;

/** Responses every authenticated route may give besides its own. */
export const ERRORS = {
  400: { $ref: "Error#" },
  401: { $ref: "Error#" },
  403: { $ref: "Error#" },
  404: { $ref: "Error#" },
} as const;
