import type { TemplateId } from "../model/report.js";
import { ROW_CORRESPONDENCES } from "../templates/crosswalk.js";
import { absentWords, perTemplate, sumKeys, sumWords, templateShort } from "./describe.js";
import { FIGURES, MINIMUM, type FigureDef, type FigureSection, type ReportCount, type ReviewCount } from "./figures.js";
import { templatesWithout } from "./terms.js";

const SECTIONS: { id: FigureSection; title: string }[] = [
  { id: "reports", title: "报告与问题" },
  { id: "requests", title: "表三 收到和处理政府信息公开申请" },
  { id: "review", title: "表四 行政复议、行政诉讼" },
  { id: "active", title: "表二 主动公开政府信息" },
];

const COUNT_WORDS: Record<ReportCount | ReviewCount, string> = {
  reports: "报告份数（每个机关每个年度一份）",
  withErrors: "至少有一条“错误”级别问题的报告份数",
  withWarnings: "至少有一条“警告”级别问题的报告份数",
  errors: "各报告“错误”级别问题的条数之和",
  warnings: "各报告“警告”级别问题的条数之和",
  reviewed: "审核人已作出审核结论（通过或退回）的报告份数",
  returned: "审核人退回修改的报告份数",
};

/** Where a count comes from: the reports table's columns, or the review states. */
const COUNT_SOURCE: Record<ReportCount | ReviewCount, string> = {
  reports: "报告表（`reports`）每份一行",
  withErrors: "`reports.errors` > 0 的份数",
  withWarnings: "`reports.warnings` > 0 的份数",
  errors: "Σ `reports.errors`",
  warnings: "Σ `reports.warnings`",
  reviewed: "审核结论为通过或退回的份数（`decisions`）",
  returned: "审核结论为退回的份数（`decisions`）",
};

const KIND_WORDS = { count: "计数", review: "计数", sum: "合计", rate: "比率" } as const;

const unitOf = (f: FigureDef) => (f.kind === "rate" ? "%" : f.unit);

function formulaKeys(f: FigureDef): string {
  if (f.kind === "count" || f.kind === "review") return COUNT_SOURCE[f.count];
  const lines = perTemplate((id) => {
    const v = sumKeys(f.value, id);
    if (v === null) return null;
    if (f.kind === "sum") return v;
    const of = sumKeys(f.of, id);
    return of === null ? null : `(${v}) ÷ (${of})`;
  });
  return lines.map((l) => (lines.length > 1 ? `${l.ids.map(templateShort).join("、")}：` : "") + (l.text ?? "无（格式没有这些栏目）")).join("<br>");
}

function formulaWords(f: FigureDef): string[] {
  if (f.kind === "count" || f.kind === "review") return [COUNT_WORDS[f.count]];
  return perTemplate((id) => {
    const v = sumWords(f.value, id);
    if (v === null) return null;
    if (f.kind === "sum") return v;
    const of = sumWords(f.of, id);
    return of === null ? null : `（${v}）÷（${of}）`;
  }).map((l) => `${l.ids.map(templateShort).join("、")}格式：${l.text ?? "无（见下）"}`);
}

function detail(f: FigureDef): string[] {
  const out = [`### \`${f.id}\` ${f.name}`, ""];
  out.push(`- 类型：${KIND_WORDS[f.kind]}；单位：${unitOf(f)}${f.rank ? "；按机关排名" : ""}。`);
  if (f.note) out.push(`- 说明：${f.note}`);
  if (f.kind === "sum" && f.stock) out.push("- 存量：这是年末的存量，不是一年中发生的数。一年之内是各机关之和；多个年度合计时取每个机关所选年度中最后一年的报告（不把各年相加），缺少、格式无此栏也按这份报告计。");
  if (f.kind === "count" || f.kind === "review") {
    out.push(`- 公式：${COUNT_WORDS[f.count]}。`);
    if (f.kind === "review") out.push("- 审核状态是审核人在网页报告详情中作出的结论（“审核通过”或“退回修改”，存于 `decisions`，问题指纹为空）；没有结论的报告不计入。");
    return [...out, ""];
  }
  out.push("- 公式（文字）：");
  for (const w of formulaWords(f)) out.push(`  - ${w}`);
  out.push(`- 公式（键名）：${formulaKeys(f).replace(/<br>/g, "；")}`);
  const without = templatesWithout(f);
  if (without.length) out.push(`- 格式中没有的：${without.map((id: TemplateId) => absentWords(f, id)).join("；")}。这些报告不计入这一项，计为“格式无此栏”（\`notInTemplate\`），不用其他栏目代替。`);
  out.push("- 不计入：所需单元格中有任何一个不是数字（空白、“/”、“无”、读不出或原文没有）的报告，计为“缺少”（`missing`）。");
  if (f.kind === "rate") out.push(`- 最小样本：分母（${f.cases.replace(/^件/, "")}）合计不少于 ${f.minimum} 件；不足时显示“样本不足”（\`insufficient\`），数值为空，不参与排名。`);
  return [...out, ""];
}

/** docs/stats.md: every figure's definition, generated from src/stats/figures.ts and the template data. */
export function statsDoc(): string {
  const out = [
    "# 统计口径",
    "",
    "<!-- 本文件由 scripts/gen-stats-doc.ts 根据 src/stats/figures.ts 中的定义和 src/templates 的模板数据生成，请勿手工修改（npm run docs:stats）。 -->",
    "",
    "`nianbao stats`、程序库的 `regionStats(store, query)` 和以后的统计看板给出的每一个数字都在这里定义一次：同一份定义（`src/stats/figures.ts`，数据而不是代码）既用于计算，也用于生成本文件，测试在本文件与定义不一致时失败。",
    "",
    "## 通用规则",
    "",
    "- **范围**：一个区划——一个机关（或行政区划代码及其前几位）以及通过“上级机关”挂在它下面的所有机关（见 `store.md`）——和一段年度（含两端）；不指定时为报告库中的全部报告。年度读不出的报告不计入任何一项，单独列出份数。",
    "- **每个机关每个年度一份**：同一机关同一年度有几份报告（如同一份报告的 PDF 与 Word 文件都导入了），只计最后导入的一份，其余列为“重复”（`duplicates`），不计入任何一项。",
    "- **空白不是 0**：空白、“/”、“无”、读不出（有几种读法而无法确定）或原文没有的单元格都不是数字。一项统计所需的单元格中只要有一个不是数字，这份报告就不计入这一项，而计为“缺少”（`missing`），结果中给出份数；其他各项照常计入这份报告。推定的单元格（按勾稽关系唯一确定的数）是数字，照常计入。",
    "- **格式中没有的栏目不用别的栏目代替**：2019 年版格式没有的栏目（如表二“行政规范性文件 · 本年制发件数”），用 2019 年版格式的报告计为“格式无此栏”（`notInTemplate`）。两版格式确有对应关系的行按对应关系相加（`src/templates/crosswalk.ts`）：" +
      ROW_CORRESPONDENCES.map((c) => c.note).join("；") +
      "。表三的办理结果分组（（一）至（六））取自模板数据中各行所属的分组，不是手写的键名清单；混用两版格式的报告（表二用 2021 年版、表三仍是 2019 年版的（六）一行）按它实际的行相加。",
    "- **只用“总计”列**：表三收到申请数是“一、本年新收”与“二、上年结转”两行的“总计”列之和；按申请人分的数是各申请人列之和，“总计”列从不与申请人列相加。",
    `- **比率是合计之比**：比率 = 各报告分子之和 ÷ 各报告分母之和（不是各报告比率的平均数），只计分子分母所需单元格都是数字的报告。分母合计不到最小样本时显示“样本不足”，不参与排名：表三各比率为办结不少于 ${MINIMUM.concluded} 件，表四各比率为已审结不少于 ${MINIMUM.decided} 件（\`MINIMUM\`）。`,
    "- **排名**：标明“按机关排名”的各项，以每个机关在所选年度范围内的合计排名（最高的 10 个、最低的 10 个，数值相同名次相同）；没有数据的机关和样本不足的机关不参与排名，只给出个数。",
    "- **存量**：“现行有效件数”是年末的存量：多个年度合计时取每个机关所选年度中最后一年的数，不把各年相加。",
    "- **金额**（万元）合计保留 6 位小数以内；比率以小数给出（JSON 中 0.25 即 25%），文字输出为百分数，保留一位小数。",
    "",
    "## 一览",
    "",
    "| 编号 | 名称 | 单位 | 公式（单元格键名） | 最小样本 | 排名 |",
    "|---|---|---|---|---|---|",
  ];
  for (const f of FIGURES) out.push(`| \`${f.id}\` | ${f.name} | ${unitOf(f)} | ${formulaKeys(f)} | ${f.kind === "rate" ? `${f.minimum} ${f.cases.replace(/^件/, "")}` : "—"} | ${f.rank ? "是" : ""} |`);
  out.push("", "## 各项定义", "");
  for (const s of SECTIONS) {
    out.push(`### ${s.title}`, "");
    for (const f of FIGURES.filter((x) => x.section === s.id)) out.push(...detail(f).map((l) => (l.startsWith("### ") ? `#${l}` : l)));
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}
