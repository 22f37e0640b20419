import type { Report } from "../model/report.js";
import { findingMessage } from "../report/messages.js";
import { cellName, matrixKey } from "../templates/index.js";
import type { MatrixTable } from "../templates/types.js";
import { displayWidth, padEnd, padStart, truncate } from "../text/width.js";
import { chineseDate, yearOf, type IsoDate } from "./dates.js";
import type { DueItem, DueReport } from "./deadline.js";
import type { Application } from "./model.js";
import type { ComputedTables } from "./tables.js";

/** Chinese text of tables 3 and 4 computed from a register, and where each non-zero cell came from. */
export function tablesText(c: ComputedTables, opts: { sources?: boolean } = {}): string {
  const t = c.template;
  const out = [`${c.year} 年度表三、表四（由登记台账计算，${t.name.split("（")[0]}）`, ""];
  out.push(...matrixLines(c, t.requests), "", ...matrixLines(c, t.review));
  if (opts.sources !== false) {
    out.push("", "各单元格来自哪些申请（登记编号；“总计”列和“（七）总计”行是各格之和，不再列出）：");
    let any = false;
    for (const m of [t.requests, t.review]) {
      for (const row of m.rows) {
        if (row.key === "total" && m.id === "requests") continue;
        for (const col of m.columns) {
          if (col.key === "total") continue;
          const key = matrixKey(m, row.key, col.key);
          const ids = c.sources[key];
          if (!ids?.length) continue;
          any = true;
          out.push(`  ${cellName(key, t)}（${ids.length}）：${ids.join("、")}`);
        }
      }
    }
    if (!any) out.push("  （没有非零单元格）");
  }
  return out.join("\n");
}

function matrixLines(c: ComputedTables, m: MatrixTable): string[] {
  const labelWidth = Math.max(...m.rows.map((r) => displayWidth(r.name))) + 2;
  const widths = m.columns.map((col) => Math.max(6, [...col.label].length * 2) + 2);
  const out = [m.title, padEnd("", labelWidth) + m.columns.map((col, i) => padStart(col.label, widths[i]!)).join("")];
  for (const row of m.rows) {
    const values = m.columns.map((col, i) => padStart(String(c.cells[matrixKey(m, row.key, col.key)] ?? ""), widths[i]!));
    out.push(padEnd(row.name, labelWidth) + values.join(""));
  }
  return out;
}

/** One line on the project's own rules run over the computed tables. */
export function checkLine(r: Report): string {
  const errors = r.findings.filter((f) => f.severity === "error");
  if (errors.length === 0) return "勾稽关系：表三、表四的法定勾稽关系全部成立（规则检查 0 个错误）";
  return [`勾稽关系：规则检查发现 ${errors.length} 个错误（登记台账计算的表格本不应出错，请报告此问题）：`, ...errors.map((f) => `  ✗ ${findingMessage(f)}`)].join("\n");
}

/** The deadline lists as of a day, in Chinese. */
export function dueText(d: DueReport): string {
  const out = [`截至 ${chineseDate(d.today)}（到期日之后仍未答复的为逾期；今天及之后 ${d.within} 个工作日内到期的为即将到期）`];
  const line = (a: Application, rest: string) => `  ${padEnd(a.id, 14)}收到 ${a.received}  ${rest}  ${truncate(a.request, 30)}`;
  const days = (n: number | undefined, word: string) => (n === undefined ? "" : `${word} ${n} 个工作日`);
  const late = (x: DueItem) => (x.lateExtension ? `（${x.lateExtension} 告知延期时原期限已过，不计延期）` : "");
  const section = (title: string, items: string[], always = false) => {
    if (items.length || always) out.push("", `${title}（${items.length} 件）${items.length ? "：" : ""}`, ...items);
  };
  section("已逾期", d.overdue.map((x: DueItem) => line(x.application, `期限 ${x.deadline}  ${days(x.workingDays, "已逾期")}${late(x)}`)), true);
  section("即将到期", d.dueSoon.map((x) => line(x.application, `期限 ${x.deadline}  ${x.workingDays === 0 ? "今天到期" : days(x.workingDays, "还剩")}`)), true);
  section(
    "期限暂停计算",
    d.paused.map((x) =>
      line(x.application, x.deadline.status === "awaiting-correction" ? `等待补正（${x.deadline.requested} 告知补正，收到补正后重新计算）` : `征求意见中（${x.deadline.since} 起，不计入答复期限）`),
    ),
  );
  section("无法计算期限", d.unknown.map((x) => line(x.application, `期限落在 ${x.year} 年，日历中没有该年的节假日安排（请添加 ${x.year} 年的日历文件，见 docs/register.md）`)));
  section("逾期答复（已答复）", d.lateReplies.map((x) => line(x.application, `期限 ${x.deadline}  ${x.replied} 答复  ${days(x.workingDays, "晚了")}${late(x)}`)));
  return out.join("\n");
}

/** What an imported register holds, in a few lines. */
export function summaryText(apps: readonly Application[], file: string): string {
  if (apps.length === 0) return `${file}：台账中没有登记（只有表头）`;
  let first: IsoDate = apps[0]!.received;
  let last: IsoDate = first;
  const byYear = new Map<number, number>();
  let answered = 0;
  let reviews = 0;
  for (const a of apps) {
    if (a.received < first) first = a.received;
    if (a.received > last) last = a.received;
    byYear.set(yearOf(a.received), (byYear.get(yearOf(a.received)) ?? 0) + 1);
    if (a.replied) answered++;
    reviews += a.reviews.length;
  }
  const years = [...byYear.entries()].sort((x, y) => x[0] - y[0]).map(([y, n]) => `${y} 年 ${n} 条`);
  return [
    `${file}：共 ${apps.length} 条登记，全部有效`,
    `收到申请：${first} 至 ${last}（${years.join("；")}）`,
    `已答复 ${answered} 条，未答复 ${apps.length - answered} 条；行政复议、行政诉讼 ${reviews} 件`,
  ].join("\n");
}
