import { readFile } from "node:fs/promises";
import type { Severity } from "../model/finding.js";
import { enqueueFiles, importFiles, rereadStored, runWorker, type FileEvent } from "../store/batch.js";
import { isStoreError, JobQueue, openStore, type CorpusFilter, type Store } from "../store/index.js";
import { displayWidth, padEnd, padStart, truncate } from "../text/width.js";
import { ImportProgress } from "./corpus-progress.js";
import { capYoungGenerationWhenWarm } from "./heap.js";
import { withInputs, type FileList } from "./inputs.js";

// What the corpus commands do (declared in corpus.ts, loaded when one runs): each opens the
// store, calls the library (src/store, src/export) and prints in Chinese; exit 2 on any store failure.

const SEVERITY: Record<string, Severity> = { error: "error", warning: "warning", info: "info", 错误: "error", 警告: "warning", 提示: "info" };

function filterOf(o: { year?: number[]; agency?: string; region?: string; severity?: string }): CorpusFilter {
  const f: CorpusFilter = {};
  if (o.year?.length) f.year = o.year;
  if (o.agency) f.agency = o.agency;
  if (o.region) f.region = o.region;
  if (o.severity) f.severity = SEVERITY[o.severity];
  return f;
}

function maxPages(): number | undefined {
  const v = Number(process.env.NIANBAO_SQLITE_MAX_PAGES);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** Runs a command with the store open; a store failure is a Chinese message and exit 2. */
export async function withStore(db: string | undefined, fn: (store: Store) => Promise<number | void>): Promise<void> {
  let store: Store | null = null;
  try {
    store = await openStore(db, { maxPages: maxPages() });
    process.exitCode = (await fn(store)) ?? 0;
  } catch (e) {
    fail(e);
  } finally {
    await store?.close();
  }
}

function fail(e: unknown): void {
  if (isStoreError(e)) console.error(`nianbao：${e.message}`);
  else if ((e as NodeJS.ErrnoException)?.code && (e as NodeJS.ErrnoException).syscall) console.error(`nianbao：无法写入文件 ${(e as NodeJS.ErrnoException).path ?? ""}（${(e as NodeJS.ErrnoException).code}）`);
  else {
    console.error(`nianbao：内部错误：${(e as Error)?.message ?? e}`);
    if (process.argv.includes("--debug")) console.error(e);
  }
  process.exitCode = 2;
}

interface Tally {
  stored: number;
  reports: number;
  skipped: number;
  failed: { file: string; message: string }[];
  unreadable: { file: string; message: string }[];
}

function tally(): Tally {
  return { stored: 0, reports: 0, skipped: 0, failed: [], unreadable: [] };
}

function count(t: Tally, e: FileEvent): { reports: number; failed: boolean } {
  if (e.kind === "skipped") {
    t.skipped++;
    return { reports: 0, failed: false };
  }
  if (e.kind === "unreadable") {
    t.unreadable.push({ file: e.file, message: e.error.message });
    return { reports: 0, failed: true };
  }
  if (e.outcome.status === "duplicate") {
    t.skipped++;
    return { reports: 0, failed: false };
  }
  // The head, not the envelope: that would decode every report back from its JSON.
  if (e.head.error) {
    t.failed.push({ file: e.file, message: e.head.error.message });
    return { reports: 0, failed: true };
  }
  t.stored++;
  t.reports += e.outcome.reports.length;
  return { reports: e.outcome.reports.length, failed: false };
}

async function printSummary(t: Tally, verb: string, store: Store, retryHint: boolean): Promise<void> {
  for (const u of t.unreadable) console.error(`nianbao：${u.file}：${u.message}`);
  for (const f of t.failed) console.error(`nianbao：${f.file}：${f.message}`);
  const parts = [`${verb} ${t.stored} 个文件（${t.reports} 份报告）`];
  if (t.skipped) parts.push(`跳过已导入的 ${t.skipped} 个`);
  if (t.failed.length) parts.push(`${t.failed.length} 个无法识别为报告（原因已存入数据库，重新运行时不再重试${retryHint ? "；要重试请加 --retry-failed" : ""}）`);
  if (t.unreadable.length) parts.push(`${t.unreadable.length} 个无法读取（未入库，重新运行时会再试）`);
  console.log(`${parts.join("，")}。`);
  const c = await store.counts();
  console.log(`数据库 ${store.where} 中共有 ${c.agencies} 个机关的 ${c.reports} 份报告，发现错误 ${c.findings.error} 条、警告 ${c.findings.warning} 条（含跨年度比对）。`);
}

type ImportOptions = { db?: string; jobs?: number; queue?: boolean; retryFailed?: boolean; maxSize: number; timeout: number; jobTimeout: number };

export async function importCommand(paths: string[], o: ImportOptions): Promise<void> {
  const skippedFiles: string[] = [];
  await withInputs(paths, (p) => skippedFiles.push(p), (files) => importListed(files, skippedFiles, o));
}

async function importListed(files: FileList, skippedFiles: string[], o: ImportOptions): Promise<void> {
  if (skippedFiles.length) console.error(`nianbao：跳过 ${skippedFiles.length} 个不是报告格式的文件（如 ${truncate(skippedFiles[0]!, 60)}）`);
  if (files.length === 0) {
    console.error("nianbao：没有找到可导入的报告文件");
    process.exitCode = 2;
    return;
  }
  await withStore(o.db, async (store) => {
    const t = tally();
    const progress = new ImportProgress(files.length, o.queue ? "入队" : "导入");
    if (o.queue) {
      const queue = await JobQueue.open(o.db ?? "", { jobTimeoutSeconds: o.jobTimeout });
      let queued = 0;
      try {
        for await (const e of enqueueFiles(store, queue, files, { maxBytes: o.maxSize * 1024 * 1024, retryFailed: o.retryFailed })) {
          if (e.kind === "queued") queued++;
          else count(t, e);
          progress.tick(e.file, 0, e.kind === "unreadable");
        }
      } finally {
        progress.finish();
        await queue.stop();
      }
      for (const u of t.unreadable) console.error(`nianbao：${u.file}：${u.message}`);
      console.log(`已加入队列 ${queued} 个文件${t.skipped ? `，跳过已导入的 ${t.skipped} 个` : ""}${t.unreadable.length ? `，${t.unreadable.length} 个无法读取` : ""}。用 nianbao worker --db … 处理。`);
      return t.unreadable.length ? 2 : 0;
    }
    try {
      const warmed = capYoungGenerationWhenWarm();
      for await (const e of importFiles(store, files, { jobs: o.jobs, retryFailed: o.retryFailed, maxBytes: o.maxSize * 1024 * 1024, timeoutMs: o.timeout * 1000 })) {
        warmed();
        const c = count(t, e);
        progress.tick(e.file, c.reports, c.failed);
      }
    } finally {
      progress.finish();
    }
    await printSummary(t, "导入", store, true);
    return t.failed.length || t.unreadable.length ? 2 : 0;
  });
}

export async function rereadCommand(o: { db?: string; all?: boolean; jobs?: number; queue?: boolean; jobTimeout: number }): Promise<void> {
  await withStore(o.db, async (store) => {
    const todo = await store.rereadCandidates({ all: o.all });
    if (todo.length === 0) {
      console.log("没有需要重新读取的文件：数据库中的结果都由当前版本产生（用 --all 全部重读）。");
      return 0;
    }
    if (o.queue) {
      const queue = await JobQueue.open(o.db ?? "", { jobTimeoutSeconds: o.jobTimeout });
      try {
        await queue.enqueue("nianbao-reread", todo.map((x) => ({ sha256: x.sha256, name: x.name })));
      } finally {
        await queue.stop();
      }
      console.log(`已把 ${todo.length} 个文件加入重读队列。`);
      return 0;
    }
    const t = tally();
    const progress = new ImportProgress(todo.length, "重读");
    try {
      for await (const e of rereadStored(store, { all: o.all, jobs: o.jobs })) {
        const c = count(t, e);
        progress.tick(e.file, c.reports, c.failed);
      }
    } finally {
      progress.finish();
    }
    await printSummary(t, "重新读取", store, false);
    return 0;
  });
}

export async function workerCommand(o: { db?: string; supervise: number; untilEmpty?: boolean }): Promise<void> {
  await withStore(o.db, async (store) => {
    if (store.engine !== "postgres") {
      console.error("nianbao：worker 需要 PostgreSQL 数据库（--db postgres://… 或环境变量 NIANBAO_DB）");
      return 2;
    }
    const queue = await JobQueue.open(o.db ?? "", { superviseSeconds: o.supervise, pollSeconds: 1 });
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    let done = 0;
    let failed = 0;
    console.error(`nianbao worker：等待任务（${store.where}）`);
    await runWorker(store, queue, {
      untilEmpty: o.untilEmpty,
      signal: stop.signal,
      onJob: (e) => {
        if (e.error) {
          failed++;
          console.error(`nianbao worker：${e.job.name}：${isStoreError(e.error) ? e.error.message : (e.error as Error)?.message ?? e.error}（任务稍后重试）`);
          return;
        }
        done++;
        const what = e.envelope?.error ? `无法读取：${e.envelope.error.message}` : e.outcome?.status === "duplicate" ? "已导入过" : `${e.envelope?.reports.length ?? 0} 份报告`;
        console.error(`nianbao worker：${e.job.name}：${what}`);
      },
    });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    console.log(`worker 结束：完成 ${done} 个任务${failed ? `，${failed} 个出错（已交回队列重试）` : ""}。`);
    return 0;
  });
}

function table(headers: string[], rows: (string | number)[][], right: Set<number>): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (vs: string[]) => vs.map((v, i) => (right.has(i) ? padStart(v, widths[i]!) : padEnd(v, widths[i]!))).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

export async function listCommand(o: { db?: string; year?: number[]; agency?: string; region?: string; severity?: string; limit: number }): Promise<void> {
  await withStore(o.db, async (store) => {
    const { total, items } = await store.listReports(filterOf(o), { limit: o.limit });
    if (total === 0) {
      console.log("没有符合条件的报告。");
      return 0;
    }
    const rows = items.map((r) => [r.id, truncate(r.agency ?? "（未识别）", 28), r.year ?? "—", r.template ?? "—", r.errors, r.warnings, truncate(r.file, 40)]);
    console.log(table(["编号", "机关", "年度", "格式", "错误", "警告", "文件"], rows, new Set([0, 4, 5])));
    console.log(`\n共 ${total} 份报告${total > items.length ? `，显示前 ${items.length} 份（--limit 调整）` : ""}。`);
    return 0;
  });
}

export async function exportCommand(o: { db?: string; problems?: string; data?: string; long?: string; year?: number[]; agency?: string; region?: string; severity?: string }): Promise<void> {
  if (!o.problems && !o.data && !o.long) {
    console.error("nianbao：请指定要导出的内容：--problems 问题清单.xlsx、--data 数据.xlsx|.csv 或 --long 数据.csv|.jsonl");
    process.exitCode = 2;
    return;
  }
  // exceljs only for exports: the other corpus commands (an import of 10,000 files) need not load it.
  const { exportLong, exportProblems, exportWide, SEVERITY_NAME } = await import("../export/index.js");
  await withStore(o.db, async (store) => {
    const filter = filterOf(o);
    if (o.problems) {
      const s = await exportProblems(store, o.problems, filter);
      console.log(`问题清单：${o.problems}（${s.reports} 份报告的 ${s.findings} 条问题${o.severity ? `，${SEVERITY_NAME[SEVERITY[o.severity]!]}及以上` : ""}）`);
    }
    const { severity: _s, ...dataFilter } = filter;
    if (o.data) console.log(`数据（每份报告一行）：${o.data}（${await exportWide(store, o.data, dataFilter)} 份报告）`);
    if (o.long) console.log(`数据（每个单元格一行）：${o.long}（${await exportLong(store, o.long, dataFilter)} 行）`);
    return 0;
  });
}

export async function agencyList(o: { db?: string }): Promise<void> {
  await withStore(o.db, async (store) => {
    const list = await store.agencies();
    if (list.length === 0) {
      console.log("数据库中还没有机关。");
      return 0;
    }
    const rows = list.map((a) => [a.id, truncate(a.name, 28), a.aliases.filter((x) => x !== a.name).join("、") || "—", a.regionCode ?? "—", a.level ?? "—", a.parent?.name ?? "—", a.years.join("、") || "—"]);
    console.log(table(["编号", "机关", "其他写法", "区划代码", "层级", "上级机关", "年度"], rows, new Set([0])));
    return 0;
  });
}

export async function agencyMerge(a: string, b: string, o: { db?: string }): Promise<void> {
  await withStore(o.db, async (store) => {
    const m = await store.mergeAgencies(a, b);
    console.log(`已合并：${m.name}（编号 ${m.id}），名称：${m.aliases.join("、")}；年度：${m.years.join("、") || "—"}`);
  });
}

export async function agencySplit(ref: string, names: string[], o: { db?: string }): Promise<void> {
  await withStore(o.db, async (store) => {
    const [a, b] = await store.splitAgency(ref, names);
    console.log(`已拆分：${a.name}（编号 ${a.id}，年度 ${a.years.join("、") || "—"}）和 ${b.name}（编号 ${b.id}，年度 ${b.years.join("、") || "—"}）`);
  });
}

export async function agencyImport(file: string, o: { db?: string }): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    console.error(`nianbao：${file}：无法读取（${(e as NodeJS.ErrnoException).code ?? e}）`);
    process.exitCode = 2;
    return;
  }
  await withStore(o.db, async (store) => {
    console.log(`已导入 ${await store.importRegions(text, file)} 个机关的行政区划。`);
  });
}
