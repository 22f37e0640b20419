import { readFile, stat } from "node:fs/promises";
import { userInfo } from "node:os";
import { extname } from "node:path";
import { draftDocument, draftFileName, type Draft } from "../filing/browser.js";
import { checkDraft } from "../filing/check.js";
import { setCells, setSection, type CellUpdate } from "../filing/edit.js";
import { isFilingError } from "../filing/errors.js";
import { pasteBlock } from "../filing/paste.js";
import { getDraft, newDraft, saveDraft, submitDraft } from "../filing/service.js";
import type { PrefillNote } from "../model/draft.js";
import type { Finding } from "../model/finding.js";
import { reportToJson } from "../report/json.js";
import { findingMessage } from "../report/messages.js";
import type { Store } from "../store/index.js";
import { escapeControls } from "../text/escape.js";
import { withStore } from "./corpus-actions.js";
import { writeErrorText, writeFileAtomic } from "./write-file.js";

// What the filing commands do: each opens the store, calls src/filing and prints in Chinese.

interface DraftFlags {
  db?: string;
  agency: string;
  year: number;
  by?: string;
}

/** Who saves: --by, else this machine's user. */
function byOf(o: DraftFlags): string {
  if (o.by?.trim()) return o.by.trim();
  try {
    return userInfo().username || "命令行";
  } catch {
    return "命令行";
  }
}

/** Runs with the store open; a refusal of the filing library is a Chinese message and exit 2. */
async function withDraftStore(o: DraftFlags, fn: (store: Store) => Promise<number | void>): Promise<void> {
  await withStore(o.db, async (store) => {
    try {
      return await fn(store);
    } catch (e) {
      if (!isFilingError(e)) throw e;
      console.error(`nianbao：${e.message}`);
      return 2;
    }
  });
}

const KIND_TITLES: [PrefillNote["kind"], string][] = [
  ["register", "由登记台账计算"],
  ["filled", "取自上一年度报告"],
  ["derived", "随填写自动计算"],
  ["not-carried", "无法预填，请按实际填写"],
  ["info", "说明"],
];

export async function filingNew(o: DraftFlags & { tables?: "register" | "typed"; replace?: boolean }): Promise<void> {
  await withDraftStore(o, async (store) => {
    const sd = await newDraft(store, { agency: o.agency, year: o.year, by: byOf(o), tables: o.tables, replace: o.replace });
    const d = sd.draft;
    console.log(`已新建草稿：${escapeControls(d.title)}（${d.template} 年版格式，第 ${sd.version} 版，草稿编号 ${sd.id}）`);
    if (sd.agencyCreated) console.log(`报告库中原来没有“${escapeControls(d.agency)}”，已新建为机关（编号 ${sd.agencyId}）；名称写错了可用 nianbao agency merge 合并`);
    if (d.previous) {
      const prev = d.previous.reportId === null ? null : await store.getReport(d.previous.reportId);
      console.log(`上一年度报告：报告编号 ${d.previous.reportId}${prev ? `，${escapeControls(prev.summary.file)}` : ""}（${d.previous.year} 年度，${d.previous.template} 年版格式）`);
    }
    for (const [kind, title] of KIND_TITLES) {
      const notes = d.prefill.filter((n) => n.kind === kind);
      if (notes.length) console.log(`\n${title}（${notes.length}）：\n${notes.map((n) => `  ${n.text}`).join("\n")}`);
    }
    console.log(`\n接着：nianbao filing set/paste 填写，nianbao filing check 检查，nianbao filing submit 提交`);
    return 0;
  });
}

export async function filingSet(pairs: string[], o: DraftFlags & { section: string[] }): Promise<void> {
  await withDraftStore(o, async (store) => {
    const updates: CellUpdate[] = [];
    for (const p of pairs) {
      const i = p.indexOf("=");
      if (i <= 0) return usage(`“${escapeControls(p)}”不是“键名=内容”的形式`);
      updates.push({ key: p.slice(0, i).trim(), raw: p.slice(i + 1) });
    }
    const sections: { no: number; text: string }[] = [];
    for (const s of o.section) {
      const m = /^(\d+)=(.+)$/s.exec(s);
      if (!m) return usage(`--section 应写成“编号=文件”，如 1=总体情况.txt，收到“${escapeControls(s)}”`);
      const text = await readText(m[2]!);
      if (text === null) return usage(`--section ${m[1]}：无法读取文件 ${escapeControls(m[2]!)}`);
      sections.push({ no: Number(m[1]), text });
    }
    if (!updates.length && !sections.length) return usage("没有要填写的内容：给出“键名=内容”或 --section 编号=文件");
    const sd = await getDraft(store, o.agency, o.year);
    let d: Draft = setCells(sd.draft, updates);
    for (const s of sections) d = setSection(d, s.no, s.text);
    const saved = await saveDraft(store, sd.id, d, byOf(o), sd.version);
    console.log(`已保存为第 ${saved.version} 版：${updates.length} 个单元格${sections.length ? `，${sections.length} 个部分的正文` : ""}`);
    printDerived(sd.draft, saved.draft);
    return 0;
  });
}

export async function filingPaste(file: string | undefined, o: DraftFlags & { at: string }): Promise<void> {
  await withDraftStore(o, async (store) => {
    const text = file === undefined || file === "-" ? await readStdin() : await readText(file);
    if (text === null) return usage(`无法读取文件 ${escapeControls(file ?? "")}`);
    const sd = await getDraft(store, o.agency, o.year);
    const r = pasteBlock(sd.draft, o.at, { text });
    if (!r.ok) {
      console.error(`nianbao：${r.message}（没有粘贴任何内容）`);
      return 2;
    }
    const saved = await saveDraft(store, sd.id, setCells(sd.draft, r.updates), byOf(o), sd.version);
    console.log(`已粘贴 ${r.rows} 行 × ${r.columns} 列${r.labelColumns ? `（略去 ${r.labelColumns} 列行标签）` : ""}，保存为第 ${saved.version} 版`);
    printDerived(sd.draft, saved.draft);
    return 0;
  });
}

/** Derived cells whose value changed with this edit. */
function printDerived(before: Draft, after: Draft): void {
  for (const x of after.derived) {
    const a = before.cells[x.key]?.raw ?? "";
    const b = after.cells[x.key]?.raw ?? "";
    if (a !== b && after.cells[x.key]?.origin === "derived") console.log(`  自动计算：${x.formula.split(" = ")[0]!.replace(/^本年/, "")}（${x.key}）= ${b === "" ? "（空白，待填写各项）" : b}`);
  }
}

export async function filingCheck(o: DraftFlags & { format: string }): Promise<void> {
  await withDraftStore(o, async (store) => {
    const sd = await getDraft(store, o.agency, o.year);
    const c = checkDraft(sd.draft);
    if (o.format === "json") console.log(JSON.stringify({ ...reportToJson({ ...c.report, findings: c.findings }), draft: { id: sd.id, version: sd.version, status: sd.status } }, null, 2));
    else {
      console.log(`${escapeControls(sd.draft.title)}（草稿第 ${sd.version} 版${sd.status === "submitted" ? "，已提交" : ""}）`);
      console.log(findingLines(c.findings));
      console.log(`\n${c.errors} 个错误，${c.warnings} 个警告${c.canSubmit ? "；可以提交" : "；改正错误后才能提交"}`);
    }
    return c.errors ? 1 : 0;
  });
}

const MARK = { error: "✗ 错误", warning: "! 警告", info: "· 提示" } as const;

function findingLines(fs: readonly Finding[]): string {
  if (fs.length === 0) return "没有发现问题";
  return fs.map((f) => `  ${MARK[f.severity]}：${escapeControls(findingMessage(f))}`).join("\n");
}

export async function filingSubmit(o: DraftFlags): Promise<void> {
  await withDraftStore(o, async (store) => {
    const sd = await getDraft(store, o.agency, o.year);
    const r = await submitDraft(store, sd.id, byOf(o));
    if (!r.ok) {
      const errors = r.check.findings.filter((f) => f.severity === "error");
      console.error(`nianbao：草稿有 ${errors.length} 个错误，未提交：`);
      console.error(findingLines(errors));
      return 1;
    }
    console.log(`已提交：${escapeControls(r.file)} 存入报告库（报告编号 ${r.reportId}，草稿第 ${r.draft.version} 版）${r.check.warnings ? `；有 ${r.check.warnings} 个警告，用 nianbao filing check 查看` : ""}`);
    return 0;
  });
}

export async function filingRender(o: DraftFlags & { output: string; to?: "docx" | "html"; force?: boolean }): Promise<void> {
  const to = o.to ?? (extname(o.output).toLowerCase() === ".html" || extname(o.output).toLowerCase() === ".htm" ? "html" : extname(o.output).toLowerCase() === ".docx" ? "docx" : null);
  if (!to) return void usage(`无法从输出文件名“${escapeControls(o.output)}”判断格式，请用 --to docx 或 --to html`);
  const existing = await stat(o.output).catch(() => null);
  if (existing?.isDirectory()) return void usage(`${escapeControls(o.output)}：这是一个文件夹，请给出输出文件的名字`);
  if (existing && !o.force) return void usage(`${escapeControls(o.output)} 已存在；要覆盖请加 --force`);
  await withDraftStore(o, async (store) => {
    const sd = await getDraft(store, o.agency, o.year);
    const bytes = draftDocument(sd.draft, to);
    try {
      await writeFileAtomic(o.output, bytes);
    } catch (e) {
      console.error(`nianbao：${escapeControls(o.output)}：${writeErrorText(e)}`);
      return 2;
    }
    console.log(`已写出 ${escapeControls(o.output)}（${to === "docx" ? "法定版式 Word 文档" : "网页片段"}，草稿第 ${sd.version} 版；建议文件名：${escapeControls(draftFileName(sd.draft, to))}）`);
    return 0;
  });
}

function usage(message: string): number {
  console.error(`nianbao：${message}`);
  process.exitCode = 2;
  return 2;
}

async function readText(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > 10 * 1024 * 1024) return null;
    return new TextDecoder("utf-8").decode(await readFile(path)).replace(/^\ufeff/, "");
  } catch {
    return null;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += (c as Buffer).length;
    if (size > 10 * 1024 * 1024) break;
    chunks.push(c as Buffer);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks)).replace(/^\ufeff/, "");
}
