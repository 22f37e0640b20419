// The worker's side of doc-service.ts: a DocConvert that asks the main thread's LibreOffice
// batches through the task's port, so that the DOC files of many workers share few runs.
import { createHash } from "node:crypto";
import type { MessagePort } from "node:worker_threads";
import { ReadError } from "../model/errors.js";
import type { DocConvert } from "../readers/types.js";
import type { DocReply, DocRequest } from "./doc-service.js";

export function portConverter(port: MessagePort): DocConvert {
  let next = 0;
  const waiting = new Map<number, { resolve: (html: Uint8Array) => void; reject: (e: ReadError) => void }>();
  port.on("message", (r: DocReply) => {
    const w = waiting.get(r.id);
    if (!w) return;
    waiting.delete(r.id);
    if ("error" in r) w.reject(new ReadError(r.error.code, r.error.message));
    else w.resolve(r.html);
  });
  // The port must not keep the worker alive; while a request waits, the task's promise does.
  port.unref();
  return (file, o) =>
    new Promise((resolve, reject) => {
      const id = next++;
      const onAbort = () => {
        waiting.delete(id);
        port.postMessage({ id, cancel: true });
        reject(new ReadError("timeout", "读取已取消或超时，LibreOffice 转换已终止"));
      };
      if (o.signal?.aborted) return onAbort();
      o.signal?.addEventListener("abort", onAbort, { once: true });
      waiting.set(id, {
        resolve: (html) => {
          o.signal?.removeEventListener("abort", onAbort);
          resolve(html);
        },
        reject: (e) => {
          o.signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      });
      const request: DocRequest = { id, name: file.name, bytes: file.bytes, sha256: createHash("sha256").update(file.bytes).digest("hex"), timeoutMs: o.timeoutMs };
      port.postMessage(request);
    });
}
