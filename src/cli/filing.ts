import { InvalidArgumentError, Option, type Command } from "commander";

// `nianbao filing …`: the filing form on the command line. Declared here; what the commands do
// is in filing-actions.ts, loaded only when one runs (the store's drivers are heavy).

type Actions = typeof import("./filing-actions.js");

function lazy<K extends keyof Actions>(name: K): (...args: Parameters<Actions[K]>) => Promise<void> {
  return async (...args) => {
    const actions = await import("./filing-actions.js");
    await (actions[name] as (...a: unknown[]) => Promise<void>)(...args);
  };
}

function yearOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2008 || n > 2100) throw new InvalidArgumentError("不是有效的年度（如 2025）");
  return n;
}

/** The options every filing command has: which database, agency and year. */
function draftOptions(c: Command): Command {
  return c
    .addOption(new Option("--db <数据库>", "数据库：SQLite 文件（默认 ./nianbao.db）或 postgres://… 地址").env("NIANBAO_DB"))
    .requiredOption("--agency <机关>", "机关：编号或名称")
    .requiredOption("--year <年度>", "报告年度，如 2025", yearOption)
    .helpOption("-h, --help", "显示帮助");
}

const byOption = () => new Option("--by <姓名>", "保存人（默认本机的用户名）");

export function filingCommands(program: Command): void {
  const group = program.command("filing").description("填报年度报告：新建草稿（按上年报告和登记台账预填）、填写、检查、提交到报告库、生成法定文档").helpOption("-h, --help", "显示帮助");
  group.allowExcessArguments().action((_: unknown, cmd: Command) => {
    if (cmd.args.length) {
      console.error(`nianbao：未知命令 filing ${cmd.args[0]}（可用的命令：${group.commands.map((c) => c.name()).join("、")}）`);
      process.exitCode = 2;
      return;
    }
    group.outputHelp({ error: true });
    process.exitCode = 2;
  });

  draftOptions(group.command("new").description("新建草稿：上年结转、现行有效件数等按报告库中该机关上一年度的报告预填，表三、表四按该机关的登记台账计算"))
    .addOption(new Option("--tables <来源>", "表三、表四：register 由登记台账计算（有台账时的默认），typed 手工填写").choices(["register", "typed"]))
    .option("--replace", "已有草稿时重新生成（原草稿及其各版本删除）")
    .addOption(byOption())
    .action(lazy("filingNew"));

  draftOptions(group.command("set").description("填写单元格（键名=内容，键名见 docs/report-json.md）或某一部分的正文"))
    .argument("[键名=内容...]", "如 active.regulations.issued=3；内容为空即清空")
    .option("--section <编号=文件>", "第几部分的正文取自哪个文本文件（UTF-8），如 1=总体情况.txt；可重复", (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(byOption())
    .action(lazy("filingSet"));

  draftOptions(group.command("paste").description("把从 Excel 或网页表格复制的一块（制表符分隔的文本）从某个单元格起粘贴进表格"))
    .requiredOption("--at <键名>", "粘贴块左上角落在哪个单元格")
    .argument("[文件]", "制表符分隔的文本文件；不给或为 - 时读标准输入")
    .addOption(byOption())
    .action(lazy("filingPaste"));

  draftOptions(group.command("check").description("检查草稿（与 nianbao check 相同的规则，并与上一年度报告比对）；有错误时退出码为 1"))
    .addOption(new Option("-f, --format <格式>", "输出格式").choices(["text", "json"]).default("text"))
    .action(lazy("filingCheck"));

  draftOptions(group.command("submit").description("提交草稿：检查无错误后存入报告库（原件为草稿的法定版式 Word 文档）；有错误时不提交并列出错误"))
    .addOption(byOption())
    .action(lazy("filingSubmit"));

  draftOptions(group.command("render").description("把草稿写成法定版式的 Word 文档或网页片段"))
    .requiredOption("-o, --output <文件>", "输出文件（.docx 或 .html）")
    .addOption(new Option("--to <格式>", "docx 或 html（默认按输出文件的扩展名）").choices(["docx", "html"]))
    .option("--force", "覆盖已有文件")
    .action(lazy("filingRender"));
}
