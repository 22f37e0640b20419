import { createWriteStream } from "node:fs";
import { mkdir, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import { ApiError } from "../http.js";
import type { UploadLimits } from "../options.js";

/** One uploaded file: where its bytes were put (a name we chose), or why it was refused at once. */
export interface Received {
  /** The name the client sent — text for the user, never used as a path. */
  name: string;
  path: string | null;
  refused?: string;
}

/** A client's file name made safe to show and store: no control characters, bounded length. */
export function cleanName(name: string | undefined, idx: number): string {
  const s = (name ?? "").replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").replace(/\\/g, "/").replace(/^\/+/, "").trim();
  const short = [...s].length > 240 ? `…${[...s].slice(-239).join("")}` : s;
  return short || `文件${idx + 1}`;
}

/**
 * Streams the request's files (field `files`) into `dir`, each under its index: bytes never
 * wait in memory, a file over the per-file limit is cut off and refused, and a request over
 * the total limit is refused whole (413) with what it wrote removed. File count and part count
 * are limited by the multipart parser (413).
 */
export async function receiveFiles(req: FastifyRequest, dir: string, limits: UploadLimits): Promise<Received[]> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.requestBytes + 1024 * 1024) throw tooLarge();
  await mkdir(dir, { recursive: true });
  const out: Received[] = [];
  let total = 0;
  try {
    for await (const part of req.files({ limits: { fileSize: limits.fileBytes, files: limits.files + 1, fields: 20, parts: limits.files + 21 }, throwFileSizeLimit: false })) {
      const idx = out.length;
      if (idx >= limits.files) throw tooLarge();
      const name = cleanName(part.filename, idx);
      if (part.fieldname !== "files") {
        part.file.resume();
        continue;
      }
      const path = join(dir, String(idx));
      const count = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          total += chunk.length;
          cb(total > limits.requestBytes ? tooLarge() : null, chunk);
        },
      });
      await pipeline(part.file, count, createWriteStream(path));
      if (part.file.truncated) {
        await unlink(path).catch(() => {});
        out.push({ name, path: null, refused: `文件太大，超过单个文件的上限 ${Math.round(limits.fileBytes / 1024 / 1024)} MB` });
      } else out.push({ name, path });
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    const status = (e as { statusCode?: number }).statusCode;
    // The parser's own limits (413) and ours pass; a body that is not well-formed multipart is the client's (400).
    if (e instanceof ApiError || (status && status < 500)) throw e;
    throw new ApiError(400, "bad-upload", "上传的内容格式不正确（不是完整的 multipart/form-data）");
  }
  if (out.length === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new ApiError(400, "no-files", "没有收到文件（表单字段应为 files）");
  }
  return out;
}

const tooLarge = () => new ApiError(413, "too-large", "上传的内容超过限制：每次最多 500 个文件、合计 1 GB，单个文件不超过 40 MB");
