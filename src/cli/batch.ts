import { memoryStorage, type PackedStorage } from "../model/packed.js";
import { CrossYearStream, processMany, type Envelope } from "../pipeline/index.js";
import { readerExtensions } from "../readers/index.js";
import { escapeControls } from "../text/escape.js";
import { capYoungGenerationWhenWarm } from "./heap.js";
import { withInputs, type FileList } from "./inputs.js";
import { createOutput, type OutputFormat } from "./output.js";
import { Progress } from "./progress.js";

export interface BatchOptions {
  kind: "parse" | "check";
  format: OutputFormat;
  info: boolean;
  tables: boolean;
  /** Worker threads (default: one per core). */
  jobs?: number;
  maxBytes: number;
  timeoutMs: number;
  /** `--reader`: a reader instead of detection. */
  reader?: string;
  /** Aborted when the user interrupts: stop, write what is done, close the output. */
  signal?: AbortSignal;
}

/**
 * Where a batch keeps its cross-year summaries: a temporary SQLite file, so that the memory of
 * a batch does not grow with its size; in memory where SQLite cannot be loaded or opened.
 */
async function bookStorage(): Promise<PackedStorage> {
  try {
    return (await import("../store/scratch-book.js")).scratchStorage();
  } catch {
    return memoryStorage;
  }
}

/** How a file is named on stderr: `-` is standard input; control characters shown, not obeyed. */
export function shownFile(file: string): string {
  return file === "-" ? "标准输入" : escapeControls(file);
}

/**
 * `parse` and `check` over files and folders: read in the worker pool, checked across years as
 * they stream by, each report written as soon as it is complete. Returns the exit code: 0, 1 (a
 * report has an error finding; check only) or 2 (an input could not be read).
 */
export async function runBatch(inputs: string[], o: BatchOptions): Promise<number> {
  return withInputs(inputs, undefined, (files) => runOver(files, inputs.length === 1, o));
}

async function runOver(files: FileList, oneInput: boolean, o: BatchOptions): Promise<number> {
  if (files.length === 0) {
    process.stderr.write(`nianbao：没有找到可读的报告文件（支持 ${[...readerExtensions()].join(" ")}）\n`);
    return 2;
  }
  const progress = new Progress(files.length, "读取");
  const out = createOutput({ ...o, single: oneInput && files.length === 1, batch: files.length > 1, write: (s) => void process.stdout.write(s) });
  const storage = o.kind === "check" && files.length > 1 ? await bookStorage() : memoryStorage;
  const years = o.kind === "check" ? new CrossYearStream({ storage }) : null;
  let failed = false;
  let errors = false;
  const emit = (e: Envelope) => {
    if (e.error) {
      failed = true;
      progress.note(`nianbao：${shownFile(e.file)}：${e.error.message}`);
    }
    if (e.reports.some((r) => r.findings.some((f) => f.severity === "error"))) errors = true;
    out.envelope(e);
  };
  let done = 0;
  const warmed = capYoungGenerationWhenWarm();
  const many = processMany(files, { jobs: o.jobs, maxBytes: o.maxBytes, timeoutMs: o.timeoutMs, format: o.reader, check: o.kind === "check", signal: o.signal });
  for await (const env of many) {
    // Interrupted: envelopes of cancelled inputs are not results.
    if (o.signal?.aborted) break;
    done++;
    warmed();
    progress.tick(env.file);
    for (const e of years ? years.push(env) : [env]) emit(e);
  }
  if (years) {
    const rest = years.end();
    rest.envelopes.forEach(emit);
    for (const l of rest.late) {
      if (l.findings.some((f) => f.severity === "error")) errors = true;
      out.late(l);
    }
  }
  storage.close();
  progress.done();
  out.end();
  if (o.signal?.aborted) process.stderr.write(`nianbao：已中断：${files.length} 个文件中处理完 ${done} 个\n`);
  return failed ? 2 : errors && o.kind === "check" ? 1 : 0;
}
