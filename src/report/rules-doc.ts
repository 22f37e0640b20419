import { EXTRACT_NOTICES } from "../extract/notices.js";
import type { FindingMeta, Severity } from "../model/finding.js";
import { READER_NOTICES } from "../readers/notices.js";
import { RULES } from "../rules/index.js";
import type { Rule, RuleCategory } from "../rules/types.js";

const SEVERITY: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

const CATEGORIES: { id: RuleCategory; title: string; intro: string }[] = [
  { id: "report", title: "报告整体与正文", intro: "六个部分、所用格式、正文与表格是否一致。" },
  { id: "active", title: "表二 主动公开政府信息情况", intro: "表二没有法定的勾稽关系，这里是合理性检查，都是警告。" },
  { id: "requests", title: "表三 收到和处理政府信息公开申请情况", intro: "表三的勾稽关系是法定的，不成立即为错误。" },
  { id: "review", title: "表四 政府信息公开行政复议、行政诉讼情况", intro: "三组各自的总计是法定的合计，不成立即为错误。" },
  { id: "values", title: "单元格", intro: "空白、缺失和写法。" },
  { id: "years", title: "跨年度（同一机关相邻两年）", intro: "一次检查同一机关多个年度的报告时，比较相邻两年。更正和口径调整都会造成差异，所以都是警告。" },
];

/** The rule catalogue of docs/rules.md, generated from the rules' metadata. */
export function rulesDoc(rules: readonly Rule[] = RULES, notices = { extract: EXTRACT_NOTICES, reader: READER_NOTICES }): string {
  const out: string[] = [
    "# 检查规则",
    "",
    "<!-- 本文件由 scripts/gen-rules-doc.ts 根据 src/rules 中各规则的元数据生成，请勿手工修改（npm run docs:rules）。 -->",
    "",
    "`nianbao check` 对每份报告逐条运行下列规则；一次检查同一机关多个年度的报告时，还比较相邻两年。每条发现（finding）给出规则编号、级别、完整的中文说明和涉及的单元格键名；算术规则还给出公式、两边的数和差额。",
    "",
    "- **错误**：法定的勾稽关系或格式不成立。有错误时退出码为 1。",
    "- **警告**：很可能有问题，或者是合理性检查，需要人工核对。",
    "- **提示**：不影响数值，但值得知道。",
    "",
    "依据一栏指 `format.md` 中的编号（T3-A 等为勾稽关系，R-1 等为报告层面的检查）。读取时发现的问题（如 `lost-cells` 丢失单元格、`template-mixed` 混用两版格式）由读取器和提取器给出，列在[最后两节](#读取时的发现提取器)；重新检查一份报告只替换规则的发现，读取时的发现保留。",
    "",
    "每条发现都带消息编号（`messageId`）和数据（`data`）：下面的消息模板中 `{名称}` 处填入数据即得中文说明，网页界面可以据此单独显示数字，问题清单可以按消息编号分组。",
    "",
    "| 规则 | 级别 | 适用格式 | 依据 | 检查什么 |",
    "|---|---|---|---|---|",
  ];
  for (const c of CATEGORIES) {
    for (const r of rules.filter((x) => x.meta.category === c.id)) out.push(`| [\`${r.meta.id}\`](#${r.meta.id}) | ${SEVERITY[r.meta.severity]} | ${templates(r)} | ${r.meta.basis.join("、")} | ${r.meta.title} |`);
  }
  out.push("");
  for (const c of CATEGORIES) {
    const list = rules.filter((x) => x.meta.category === c.id);
    if (list.length === 0) continue;
    out.push(`## ${c.title}`, "", c.intro, "");
    for (const r of list) out.push(...ruleSection(r));
  }
  out.push(
    "## 读取时的发现（提取器）",
    "",
    "把文档对应到法定格式时给出：原文丢失的单元格、连写的数字、对不上的行、混用的格式。",
    "",
    ...notices.extract.flatMap(noticeSection),
    "## 读取时的发现（读取器）",
    "",
    "读取各种文件格式时给出：文件不完整、页面损坏、扫描件识别、无法解码的字节等。",
    "",
    ...notices.reader.flatMap(noticeSection),
  );
  return out.join("\n");
}

function noticeSection(m: FindingMeta): string[] {
  const lines = [`### ${m.id}`, "", `**${m.title}**`, "", `- 最高级别：${SEVERITY[m.severity]}`, "", m.description, "", "消息模板：", ""];
  for (const [id, text] of Object.entries(m.messages)) lines.push(`- \`${id}\`：${text}`);
  lines.push("");
  return lines;
}

function templates(r: Rule): string {
  return r.meta.templates.map((t) => `${t} 年版`).join("、");
}

function ruleSection(r: Rule): string[] {
  const m = r.meta;
  const lines = [
    `### ${m.id}`,
    "",
    `**${m.title}**`,
    "",
    `- 级别：${SEVERITY[m.severity]}`,
    `- 适用格式：${templates(r)}`,
    `- 范围：${m.scope === "years" ? "同一机关相邻两年的报告" : "单份报告"}`,
    `- 依据：${m.basis.join("、")}`,
    "",
    m.description,
    "",
    "消息模板：",
    "",
  ];
  for (const [id, text] of Object.entries(m.messages)) lines.push(`- \`${id}\`：${text}`);
  lines.push("");
  return lines;
}
