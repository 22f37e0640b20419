import { TEMPLATES } from "./index.js";
import type { MatrixTable, Template } from "./types.js";

/** The key catalogue of docs/report-json.md, generated from the template data. */
export function keysDoc(): string {
  const out: string[] = [
    "# 标准报告：单元格键名与 JSON 格式",
    "",
    "<!-- 本文件由 scripts/gen-keys-doc.ts 根据 src/templates 中的模板数据生成，请勿手工修改。 -->",
    "",
    "所有读取器（纯文本、Markdown、网页、DOCX、DOC、PDF、表单数据）都产出同一种标准报告。检查、存储、比较、导出只使用下列键名。键名的形式是 `表.行.列`，键名不会改。",
    "",
    "## JSON（`nianbao check --format json` / `nianbao parse`）",
    "",
    "- `meta`：`title` 标题，`agency` 机关，`year` 报告年度，`template` 报告实际使用的格式（`\"2019\"` 或 `\"2021\"`），`yearFrom` 年度的来源（标题、统计期间或正文），`published` 原文记录的发布日期（`YYYY-MM-DD`，如网页抓取存档的“发布时间”；本项目增加的字段，原文没有时不出现），`file`，`format` 读取器。",
    "- `sections`：六个部分，`{ no, title, text }`。",
    "- `cells`：键名 → 数值；原文空白、“/”、“无”或无法确定时为 `null`；原文没有的行不出现。",
    "- `findings`：`{ rule, severity, message, cells, source?, formula?, left?, right?, difference? }`，`severity` 为 `error`、`warning` 或 `info`。",
    "- `provenance`：键名 → `{ raw, source, inferred?, ambiguous?, kind?, unit?, summedFrom?, confidence? }`，即单元格的原文与出处（行号、网页元素路径、PDF 页码和位置）。",
    "- 多个输入时输出数组，顺序与输入相同；无法读取的输入在数组中为 `{ meta: { file }, error: { code, message } }`。",
    "- 退出码：0 没有错误，1 有错误，2 有输入无法读取。",
    "",
    "数值：件数是整数；金额以万元计（原文 `251000元` 记为 25.1）；`本年增/减` 保留正负号。",
    "",
  ];
  for (const t of [...TEMPLATES].reverse()) out.push(...templateKeys(t));
  return out.join("\n") + "\n";
}

function templateKeys(t: Template): string[] {
  const out = [`## ${t.name}`, "", `### 表二 ${t.active.title}`, "", "| 键名 | 行 | 列 |", "|---|---|---|"];
  for (const b of t.active.blocks) {
    for (const row of b.rows) for (const c of b.columns) out.push(`| \`active.${row.key}.${c.key}\` | ${b.caption} ${row.label} | ${c.label} |`);
  }
  out.push("", ...matrixKeys(t.requests), "", ...matrixKeys(t.review), "");
  return out;
}

function matrixKeys(m: MatrixTable): string[] {
  const out = [`### ${m.id === "requests" ? "表三" : "表四"} ${m.title}`, "", `行：${m.rows.map((r) => `\`${r.key}\` ${r.name}`).join("；")}。`, "", `列：${m.columns.map((c) => `\`${c.key}\` ${c.label}`).join("；")}。`, ""];
  out.push(`键名为 \`${m.id}.<行>.<列>\`，例如 \`${m.id}.${m.rows[0]!.key}.${m.columns[m.columns.length - 1]!.key}\`（${m.rows[0]!.name} · ${m.columns[m.columns.length - 1]!.label}）。`);
  return out;
}
