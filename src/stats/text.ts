import type { Severity } from "../model/finding.js";
import { escapeControls } from "../text/escape.js";
import { displayWidth, padEnd, padStart } from "../text/width.js";
import type { FigureSection } from "./figures.js";
import type { FigureInfo, FigureValue, Ranking, RankEntry, RegionStats } from "./types.js";

// The Chinese report `nianbao stats` prints: the same object as the JSON, laid out for a
// terminal. Numbers are shown, never made up: no data is “—”, a rate on too few cases is
// 样本不足, a figure the template lacks is 无此栏, review states not kept are 暂无.

const SECTION_TITLES: { id: FigureSection; title: string }[] = [
  { id: "reports", title: "报告与问题" },
  { id: "requests", title: "表三 收到和处理政府信息公开申请" },
  { id: "review", title: "表四 行政复议、行政诉讼" },
  { id: "active", title: "表二 主动公开政府信息" },
];

const SEVERITY_NAME: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

const group = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 4 });
export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A figure's value as shown in a table cell; `*` marks a value some reports were left out of. */
export function showValue(f: FigureInfo, v: FigureValue): string {
  if (v.unavailable) return "暂无";
  if (v.value === null) {
    if (v.insufficient) return "样本不足";
    if (v.reports === 0 && v.missing === 0 && v.notInTemplate > 0) return "无此栏";
    return "—";
  }
  const shown = f.kind === "rate" ? percent(v.value) : group(v.value);
  return v.missing > 0 ? `${shown}*` : shown;
}

function scopeLine(s: RegionStats): string {
  const where = s.region ? `${s.region.roots.map((r) => escapeControls(r.name)).join("、")}${s.region.agencies > s.region.roots.length ? `及其下属机关（共 ${s.region.agencies} 个机关）` : ""}` : "报告库中的全部机关";
  const { from, to, present } = s.years;
  const range = from !== null || to !== null ? `${from ?? "最早"}—${to ?? "最近"} 年度` : present.length ? `${present[0]}—${present[present.length - 1]} 年度` : "全部年度";
  return `统计范围：${where}，${range}`;
}

function reportsLine(s: RegionStats): string {
  const r = s.reports;
  const aside = [r.duplicates.length ? `重复 ${r.duplicates.length} 份（同一机关同一年度只计最后导入的一份）` : "", r.undated.length ? `年度不明 ${r.undated.length} 份` : ""].filter(Boolean);
  return `报告：${r.counted} 份，${r.agencies} 个机关${aside.length ? `；未计入：${aside.join("，")}` : ""}`;
}

function table(s: RegionStats, figures: FigureInfo[]): string[] {
  const years = s.byYear.map((y) => String(y.year));
  const header = ["", ...years, "合计"];
  const rows = figures.map((f) => [`${f.name}（${f.unit}${f.stock ? "；合计列为各机关末年之和" : ""}）`, ...s.byYear.map((y) => showValue(f, y.figures[f.id]!)), showValue(f, s.total[f.id]!)]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEnd(c, widths[0]!) : padStart(c, widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Why reports were left out of figures, over the whole range. */
function notes(s: RegionStats): string[] {
  const out: string[] = [];
  for (const f of s.figures) {
    const v = s.total[f.id]!;
    const why = [v.missing ? `${v.missing} 份报告缺少所需单元格（空白、“/”、“无”、读不出或原文没有）` : "", v.notInTemplate ? `${v.notInTemplate} 份报告所用的 ${f.notIn.map((t) => `${t} 年版`).join("、")}格式没有这一栏` : ""].filter(Boolean);
    if (why.length) out.push(`  ${f.name}：${why.join("；")}，未计入`);
  }
  return out;
}

function entry(f: FigureInfo, e: RankEntry): string {
  const value = f.kind === "rate" ? `${percent(e.value)}（${group(e.numerator!)}/${group(e.denominator!)}）` : `${group(e.value)} ${f.unit}`;
  return `    ${padStart(String(e.rank), 4)}. ${escapeControls(e.agency)}  ${value}${e.missing ? `（另有 ${e.missing} 份报告缺少单元格）` : ""}`;
}

function ranking(f: FigureInfo, r: Ranking, top: number): string[] {
  const aside = [f.kind === "rate" ? `${f.cases!.replace(/^件/, "")}不少于 ${f.minimum} 件的机关` : "", r.insufficient ? `样本不足 ${r.insufficient} 个机关` : "", r.noData ? `无数据 ${r.noData} 个机关` : ""].filter(Boolean);
  const out = [`  ${f.name}${aside.length ? `（${aside.join("；")}）` : ""}`];
  if (r.ranked === 0) return [...out, "    没有可排名的机关"];
  if (r.ranked > 1 && r.top[0]!.value === r.bottom[0]!.value) return [...out, `    全部 ${r.ranked} 个机关都是 ${f.kind === "rate" ? percent(r.top[0]!.value) : `${group(r.top[0]!.value)} ${f.unit}`}`];
  if (r.ranked <= top * 2 && r.top.length + r.bottom.length >= r.ranked) {
    // Few enough to list once: the top entries, then the rest of the bottom ones.
    const all = [...r.top, ...r.bottom.slice(0, r.ranked - r.top.length).reverse()];
    return [...out, `    全部 ${r.ranked} 个（由高到低）：`, ...all.map((e) => entry(f, e))];
  }
  return [...out, `    最高 ${r.top.length} 个：`, ...r.top.map((e) => entry(f, e)), `    最低 ${r.bottom.length} 个（共 ${r.ranked} 个参与排名）：`, ...r.bottom.map((e) => entry(f, e))];
}

/** The Chinese text report of `nianbao stats`. */
export function statsText(s: RegionStats, opts: { top?: number; problems?: number } = {}): string {
  const top = opts.top ?? 10;
  const out = [scopeLine(s), reportsLine(s)];
  const reviewed = s.total["review.reviewed"];
  if (reviewed?.unavailable) out.push("审核状态：暂无（报告库中还没有审核记录）");
  if (s.reports.counted === 0) return [...out, "", "没有符合条件的报告。"].join("\n") + "\n";
  let n = 0;
  for (const sec of SECTION_TITLES) {
    const figures = s.figures.filter((f) => f.section === sec.id && !(f.kind === "review" && s.total[f.id]!.unavailable));
    if (!figures.length) continue;
    out.push("", `${CN_NUMBERS[n++]}、${sec.title}`, ...table(s, figures));
  }
  const why = notes(s);
  if (why.length) out.push("", "未计入的报告（带 * 的数字不含这些报告；比率只计分子分母都有数的报告）：", ...why);
  if (s.rankings.length) {
    out.push("", `${CN_NUMBERS[n++]}、机关排名（所选年度合计）`);
    for (const r of s.rankings) out.push(...ranking(s.figures.find((f) => f.id === r.figure)!, r, top));
  }
  out.push("", `${CN_NUMBERS[n++]}、问题最多的规则`);
  const shown = s.problems.slice(0, opts.problems ?? 10);
  if (!shown.length) out.push("  没有问题");
  shown.forEach((p, i) => out.push(`  ${padStart(String(i + 1), 2)}. ${p.title}（${p.rule}）  ${SEVERITY_NAME[p.severity] ?? p.severity}  ${group(p.findings)} 条，涉及 ${group(p.reports)} 份报告`));
  if (s.problems.length > shown.length) out.push(`  （另有 ${s.problems.length - shown.length} 类问题，见 --format json）`);
  return out.join("\n") + "\n";
}
