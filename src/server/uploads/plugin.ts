import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Job, Store } from "../../store/index.js";
import { userOf } from "../auth/session.js";
import { ERRORS, notFound } from "../http.js";
import type { UploadLimits } from "../options.js";
import { JOB } from "../schemas.js";
import { receiveFiles } from "./receive.js";
import type { UploadRunner } from "./runner.js";

export interface UploadsOptions {
  store: Store;
  runner: UploadRunner;
  limits: UploadLimits;
  /** The server's own temporary folder: uploads wait there under names it chooses. */
  tmpDir: string;
}

const publicJob = (j: Job) => ({ id: j.id, state: j.state, total: j.total, done: j.done, items: j.items });

/** Uploads (multipart, streamed to disk with limits) become jobs; a job's progress by polling or SSE. */
export async function uploadsPlugin(app: FastifyInstance, opts: UploadsOptions): Promise<void> {
  const { store, runner } = opts;

  /** The job when it is the user's own (or the user is an administrator). */
  async function ownJob(req: FastifyRequest<{ Params: { id: string } }>): Promise<Job> {
    const user = userOf(req);
    const job = await store.web.job(req.params.id);
    if (!job || (job.userId !== user.id && user.role !== "admin")) throw notFound("任务");
    return job;
  }

  app.post(
    "/api/uploads",
    {
      schema: {
        tags: ["uploads"],
        summary: "上传报告文件（multipart，字段 files，可多个）：返回任务编号",
        consumes: ["multipart/form-data"],
        response: { 202: { type: "object", properties: { jobId: { type: "string" } }, required: ["jobId"] }, 413: { $ref: "Error#" }, 415: { $ref: "Error#" }, ...ERRORS },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      if (!req.isMultipart()) return reply.code(415).send({ error: { code: "unsupported-media-type", message: "请以 multipart/form-data 上传文件" } });
      const files = await receiveFiles(req, join(opts.tmpDir, randomUUID()), opts.limits);
      const jobId = await runner.submit(user, files);
      await store.web.audit({ userId: user.id, login: user.login, action: "upload", target: `任务 ${jobId}`, detail: `${files.length} 个文件：${files.slice(0, 5).map((f) => f.name).join("、")}${files.length > 5 ? "……" : ""}`, ip: req.ip });
      return reply.code(202).send({ jobId });
    },
  );

  const JOB_PARAMS = { type: "object", properties: { id: { type: "string", pattern: "^[0-9a-f-]{36}$" } }, required: ["id"] } as const;

  app.get<{ Params: { id: string } }>("/api/jobs/:id", { schema: { tags: ["uploads"], summary: "上传任务的进度与结果", params: JOB_PARAMS, response: { 200: JOB, ...ERRORS } } }, async (req) => publicJob(await ownJob(req)));

  app.get<{ Params: { id: string } }>(
    "/api/jobs/:id/events",
    { schema: { tags: ["uploads"], summary: "上传任务的进度（text/event-stream，每次变化发送一次任务对象）", params: JOB_PARAMS, produces: ["text/event-stream"], response: { 200: { type: "string" }, ...ERRORS } } },
    async (req, reply) => {
      const first = await ownJob(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", connection: "keep-alive" });
      let ended = false;
      const send = (job: Job) => {
        if (ended) return;
        res.write(`data: ${JSON.stringify(publicJob(job))}\n\n`);
        if (job.state !== "running") stop();
      };
      let busy = false;
      let again = false;
      const onChange = async (id: string) => {
        if (id !== first.id || ended) return;
        if (busy) return void (again = true);
        busy = true;
        try {
          do {
            again = false;
            const job = await store.web.job(first.id).catch(() => null);
            if (job) send(job);
          } while (again && !ended);
        } finally {
          busy = false;
        }
      };
      const heartbeat = setInterval(() => res.write(": \n\n"), 15_000);
      const stop = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        runner.events.off("change", onChange);
        res.end();
      };
      runner.events.on("change", onChange);
      req.raw.on("close", stop);
      send(first);
    },
  );
}
