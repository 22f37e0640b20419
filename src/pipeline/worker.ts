// One worker thread of the pool (many.ts): reads and checks one input per task, and hands back
// its envelope. Built as its own entry (dist/pipeline/worker.js, and beside the CLI bundle).
import type { MessagePort } from "node:worker_threads";
import { adoptChildren, setChildTag } from "../readers/children.js";
import { portConverter } from "./doc-port.js";
import type { Envelope } from "./envelope.js";
import { processInput, type Input, type ProcessOptions } from "./process.js";

export interface Task {
  input: Input;
  opts: ProcessOptions;
  /** Tags the children this task starts, so a hung task's LibreOffice can be killed. */
  tag: number;
  /** The main thread's record of children (children.ts). */
  children: SharedArrayBuffer;
  /** Where a Word file's conversion is asked for (doc-service.ts), for inputs named like Word files. */
  docPort?: MessagePort;
}

interface Running {
  file: string;
  stray?: unknown;
}

let current: Running | null = null;

// A promise a library rejects with no one to hear it would end this thread and lose the file.
// While a task runs it is that task's failure (nianbao's bug, `internal`); between tasks it is said.
process.on("unhandledRejection", (reason) => {
  if (current) current.stray ??= reason;
  else process.stderr.write(`nianbao：内部错误（工作线程中未处理的异步错误，已忽略）：${(reason as Error)?.message ?? String(reason)}\n`);
});

export default async function task(t: Task): Promise<Envelope> {
  adoptChildren(t.children);
  setChildTag(t.tag);
  const mine: Running = { file: typeof t.input === "string" ? t.input : t.input.name };
  current = mine;
  try {
    const opts = t.docPort ? { ...t.opts, convertDoc: portConverter(t.docPort) } : t.opts;
    const env = await processInput(t.input, opts);
    if (mine.stray === undefined) return env;
    const why = (mine.stray as Error)?.message ?? String(mine.stray);
    return { ...env, reports: [], format: null, error: { code: "internal", message: `内部错误：读取时出现未处理的异步错误（${why}）；文件可能格式异常，请把它提供给维护者` } };
  } finally {
    current = null;
    setChildTag(0);
    t.docPort?.close();
  }
}
