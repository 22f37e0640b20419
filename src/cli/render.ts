import { stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Command } from "commander";
import type { Report } from "../model/report.js";
import { processInput } from "../pipeline/index.js";
import { DEFAULT_MAX_BYTES } from "../read.js";
import { readerIds } from "../readers/index.js";
import type { RenderProfile } from "../render/index.js";
import type { CliContext } from "./context.js";
import { sameFile, writeErrorText, writeFileAtomic } from "./write-file.js";

/**
 * `nianbao render FILE --to docx|html -o OUT`: any report nianbao reads, written out as the
 * statutory document — a Word file in the official layout, or an HTML fragment for a site's
 * content editor. The report is read and checked by the pipeline; the document is written
 * atomically and never over FILE itself. Exit 0 written, 2 usage error or unreadable input.
 */
export function addRenderCommand(program: Command, ctx: CliContext): void {
  program
    .command("render")
    .description("把报告写成法定格式的文档：Word（DOCX，党政机关公文格式）或可粘贴到网站后台的网页片段")
    .argument("[文件]", "nianbao 能读取的任何报告，或 nianbao parse 输出的 JSON；- 表示标准输入")
    .option("-t, --to <格式>", "docx 或 html（默认按输出文件的扩展名）")
    .option("-o, --output <文件>", "输出文件；- 表示标准输出")
    .option("--profile <版式>", "official（默认，法定版式）或 plain（普通 Word 文件 / 门户网站整页）")
    .option("--max-size <MB>", `输入文件的大小上限（MB，默认 ${DEFAULT_MAX_BYTES / 1024 / 1024}）`)
    .option("--timeout <秒>", "读取时限（秒，默认 120）")
    .option("--reader <格式>", `不自动识别，按指定格式读取（${readerIds().join("、")}）`)
    .allowExcessArguments(true)
    // commander's usage errors are said in Chinese by the program (src/cli/usage.ts), exit 2.
    .action(async (file: string | undefined, o: RenderFlags, cmd: Command) => {
      ctx.exit(await runRender(file, cmd.args.slice(1), o));
    });
}

interface RenderFlags {
  to?: string;
  output?: string;
  profile?: string;
  maxSize?: string;
  timeout?: string;
  reader?: string;
}

type Target = "docx" | "html";

const TARGETS: Record<Target, string> = { docx: "Word 文档", html: "网页片段" };
const PROFILES: Record<RenderProfile, string> = { official: "法定版式", plain: "普通版式" };

function usage(message: string): number {
  console.error(`nianbao render：${message}（用 nianbao render --help 查看用法）`);
  return 2;
}

function targetOf(o: Pick<RenderFlags, "to" | "output">): Target | string {
  if (o.to !== undefined) return o.to.toLowerCase();
  const ext = o.output && o.output !== "-" ? extname(o.output).toLowerCase() : "";
  return ext === ".docx" ? "docx" : ext === ".html" || ext === ".htm" ? "html" : "";
}

function positive(v: string): number | null {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

async function runRender(file: string | undefined, extra: string[], flags: RenderFlags): Promise<number> {
  const o = { ...flags, profile: flags.profile ?? "official", maxSize: flags.maxSize ?? String(DEFAULT_MAX_BYTES / 1024 / 1024), timeout: flags.timeout ?? "120" };
  if (!file) return usage("缺少要转换的报告文件");
  if (extra.length) return usage(`一次只能转换一份报告，多出了：${extra.join(" ")}`);
  if (!o.output) return usage("缺少输出文件：用 -o 指定，例如 -o 报告.docx");
  const to = targetOf(o);
  if (to === "") return usage(`无法从输出文件名“${o.output}”判断格式，请用 --to docx 或 --to html`);
  if (!(to in TARGETS)) return usage(`--to 只能是 docx 或 html，收到“${o.to}”`);
  if (!(o.profile in PROFILES)) return usage(`--profile 只能是 official 或 plain，收到“${o.profile}”`);
  const maxMb = positive(o.maxSize);
  const timeout = positive(o.timeout);
  if (maxMb === null) return usage(`--max-size 需要一个正数，收到“${o.maxSize}”`);
  if (timeout === null) return usage(`--timeout 需要一个正数，收到“${o.timeout}”`);
  if (o.reader !== undefined && !readerIds().includes(o.reader)) return usage(`--reader 只能是 ${readerIds().join("、")} 之一，收到“${o.reader}”`);
  const toStdout = o.output === "-";
  if (!toStdout) {
    if (file !== "-" && (await sameFile(file, o.output))) {
      console.error(`nianbao render：输出文件就是输入文件本身（${o.output}），不会覆盖它；请用 -o 指定另一个文件`);
      return 2;
    }
    if ((await stat(o.output).catch(() => null))?.isDirectory()) {
      console.error(`nianbao render：${o.output}：这是一个文件夹，请给出输出文件的名字`);
      return 2;
    }
  }

  const env = await processInput(file, { maxBytes: maxMb * 1024 * 1024, timeoutMs: timeout * 1000, format: o.reader, check: true });
  if (env.error) {
    console.error(`nianbao：${file === "-" ? "标准输入" : file}：${env.error.message}`);
    return 2;
  }
  if (env.reports.length !== 1) {
    console.error(`nianbao render：${file}：文件中有 ${env.reports.length} 份报告，一次只能转换一份`);
    return 2;
  }
  const report = env.reports[0]!;
  const target = to as Target;
  // The writers (fflate, the layouts) load only when a document is written.
  const { render } = await import("../render/index.js");
  const bytes = render(report, target, { profile: o.profile as RenderProfile });

  if (toStdout) process.stdout.write(bytes);
  else {
    try {
      await writeFileAtomic(o.output, bytes);
    } catch (e) {
      console.error(`nianbao render：${o.output}：${writeErrorText(e)}`);
      return 2;
    }
  }
  for (const note of notes(report)) console.error(`nianbao render：注意：${note}`);
  if (!toStdout) console.error(`nianbao render：已写出 ${o.output}（${TARGETS[target]}，${PROFILES[o.profile as RenderProfile]}）`);
  return 0;
}

/** What the document shows differently from what the source said, and problems worth knowing first. */
function notes(r: Report): string[] {
  const out: string[] = [];
  const prov = Object.entries(r.provenance);
  const undecided = prov.filter(([k, p]) => p.ambiguous && r.cells[k] === null).length;
  const inferred = prov.filter(([k, p]) => p.inferred && typeof r.cells[k] === "number").length;
  if (undecided) out.push(`${undecided} 个单元格在原文中无法确定（例如数字连写），文档中留空，请核对后填写`);
  if (inferred) out.push(`${inferred} 个单元格原文缺失，文档中写的是按勾稽关系推定的数，请核对`);
  const errors = r.findings.filter((f) => f.severity === "error").length;
  if (errors) out.push(`报告有 ${errors} 个“错误”级别的问题，文档照原样写出；用 nianbao check 查看`);
  return out;
}
