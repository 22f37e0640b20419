import { applicantColumns, columnPath, resultGroups } from "../templates/groups.js";
import { F2021 } from "../templates/index.js";

/**
 * Every statistic nianbao gives, defined once, as data: the library computes from these, the
 * CLI and the web show them, docs/stats.md is generated from them (a test fails when it is
 * stale). A figure never treats a blank or absent cell as 0: a report lacking a cell a figure
 * needs is left out of that figure and counted as `missing`.
 */

/** Cells added up within one report. */
export type Term =
  /**
   * These cells. A key means the same cell in every template that has it; where a template
   * lacks one, its counterpart rows there (templates/crosswalk.ts) stand in; with none, the
   * figure does not exist for reports on that template (`notInTemplate`), never a wrong cell.
   */
  | { cells: string[] }
  /** Every row of one of table 3's result groups (（一）…（六）, from the template data) in one column. */
  | { results: string; column: string };

/** `plus` added, `minus` taken away. */
export interface Sum {
  plus: Term[];
  minus?: Term[];
}

/** What a report-level count counts. */
export type ReportCount = "reports" | "withErrors" | "withWarnings" | "errors" | "warnings";

/** What a review figure counts (report review states, from the web review). */
export type ReviewCount = "reviewed" | "returned";

export type FigureSection = "reports" | "active" | "requests" | "review";

interface Base {
  /** Stable id: JSON keys, the web, drill-down. */
  id: string;
  /** Chinese name, as shown. */
  name: string;
  section: FigureSection;
  /** Rank agencies on it (top and bottom). */
  rank?: boolean;
  /** Chinese: anything more the docs should say. */
  note?: string;
}

/** Reports (or their findings) in the region and years. */
export interface CountFigure extends Base {
  kind: "count";
  count: ReportCount;
  unit: "份" | "条";
}

/** Review states of the reports. */
export interface ReviewFigure extends Base {
  kind: "review";
  count: ReviewCount;
  unit: "份";
}

/** A sum of cells over the reports that have them all. */
export interface SumFigure extends Base {
  kind: "sum";
  value: Sum;
  unit: "件" | "万元";
  /**
   * A stock at the end of a year (现行有效件数), not a flow: over several years it is each
   * agency's value in its last year of the range, never the years added up.
   */
  stock?: true;
}

/**
 * Σ value / Σ of over the reports that have every cell of both (a ratio of sums, not a mean
 * of ratios); shown only when Σ of reaches `minimum` — below it, 样本不足, and not ranked.
 */
export interface RateFigure extends Base {
  kind: "rate";
  value: Sum;
  of: Sum;
  /** The smallest denominator (cases) a rate is shown for. */
  minimum: number;
  /** What the denominator counts, for messages: `件办结`. */
  cases: string;
}

export type FigureDef = CountFigure | ReviewFigure | SumFigure | RateFigure;

/** Smallest samples for a rate: applications concluded (table 3), cases decided (table 4). */
export const MINIMUM = { concluded: 10, decided: 5 } as const;

const cells = (...keys: string[]): Term => ({ cells: keys });
const results = (no: string): Term => ({ results: no, column: "total" });
const CONCLUDED: Sum = { plus: [cells("requests.total.total")] };

// Table 3's applicant columns and result groups come from the template data (both templates
// have the same ones; the groups' rows differ and are looked up per template when computing).
const APPLICANTS = applicantColumns(F2021);
const GROUPS = resultGroups(F2021);

const reviewRate = (id: string, name: string, rows: string[]): RateFigure => ({
  id,
  name,
  section: "review",
  kind: "rate",
  value: { plus: rows.map((r) => cells(`review.${r}.corrected`)) },
  of: { plus: rows.map((r) => cells(`review.${r}.total`)), minus: rows.map((r) => cells(`review.${r}.pending`)) },
  minimum: MINIMUM.decided,
  cases: "件已审结",
  rank: true,
});

export const FIGURES: readonly FigureDef[] = [
  { id: "reports", name: "报告", section: "reports", kind: "count", count: "reports", unit: "份", note: "同一机关同一年度有几份报告（如同一份报告的 PDF 与 Word 文件）时只计最后导入的一份，其余列为“重复”，不计入任何数字。" },
  { id: "reports.errors", name: "有错误的报告", section: "reports", kind: "count", count: "withErrors", unit: "份" },
  { id: "reports.warnings", name: "有警告的报告", section: "reports", kind: "count", count: "withWarnings", unit: "份" },
  { id: "findings.errors", name: "错误", section: "reports", kind: "count", count: "errors", unit: "条", rank: true, note: "各报告“错误”级别问题的条数之和（含跨年度比对）。" },
  { id: "findings.warnings", name: "警告", section: "reports", kind: "count", count: "warnings", unit: "条" },
  { id: "review.reviewed", name: "已审核的报告", section: "reports", kind: "review", count: "reviewed", unit: "份" },
  { id: "review.returned", name: "退回修改的报告", section: "reports", kind: "review", count: "returned", unit: "份" },

  { id: "requests.received", name: "收到申请（本年新收 + 上年结转）", section: "requests", kind: "sum", unit: "件", value: { plus: [cells("requests.new_received.total", "requests.carried_over.total")] }, rank: true, note: "只用“总计”列；各申请人列之和不再加“总计”列。" },
  { id: "requests.new", name: "本年新收申请", section: "requests", kind: "sum", unit: "件", value: { plus: [cells("requests.new_received.total")] } },
  { id: "requests.carried_over", name: "上年结转申请", section: "requests", kind: "sum", unit: "件", value: { plus: [cells("requests.carried_over.total")] } },
  ...APPLICANTS.map(
    (c): SumFigure => ({
      id: `requests.applicant.${c.key}`,
      name: `收到申请 · ${columnPath(F2021, "requests", c.key)}`,
      section: "requests",
      kind: "sum",
      unit: "件",
      value: { plus: [cells(`requests.new_received.${c.key}`, `requests.carried_over.${c.key}`)] },
    }),
  ),
  { id: "requests.concluded", name: "办结（（七）总计）", section: "requests", kind: "sum", unit: "件", value: CONCLUDED },
  {
    id: "requests.disclosed",
    name: "实质公开率",
    section: "requests",
    kind: "rate",
    value: { plus: [results("（一）"), results("（二）")] },
    of: CONCLUDED,
    minimum: MINIMUM.concluded,
    cases: "件办结",
    rank: true,
    note: "（予以公开 + 部分公开）÷ 办结。",
  },
  ...GROUPS.map(
    (g, i): RateFigure => ({
      id: `requests.outcome.${i + 1}`,
      name: `${g.label}占办结比例`,
      section: "requests",
      kind: "rate",
      value: { plus: [results(g.no)] },
      of: CONCLUDED,
      minimum: MINIMUM.concluded,
      cases: "件办结",
      rank: g.no === "（三）" || g.no === "（四）",
    }),
  ),

  { id: "review.reconsideration", name: "行政复议", section: "review", kind: "sum", unit: "件", value: { plus: [cells("review.reconsideration.total")] } },
  { id: "review.reconsideration.corrected", name: "行政复议 · 结果纠正", section: "review", kind: "sum", unit: "件", value: { plus: [cells("review.reconsideration.corrected")] } },
  reviewRate("review.reconsideration.rate", "复议纠错率", ["reconsideration"]),
  { id: "review.suits", name: "行政诉讼（未经复议直接起诉 + 复议后起诉）", section: "review", kind: "sum", unit: "件", value: { plus: [cells("review.suit_direct.total", "review.suit_after.total")] } },
  { id: "review.suits.corrected", name: "行政诉讼 · 结果纠正", section: "review", kind: "sum", unit: "件", value: { plus: [cells("review.suit_direct.corrected", "review.suit_after.corrected")] } },
  reviewRate("review.suits.rate", "诉讼纠错率", ["suit_direct", "suit_after"]),

  { id: "active.normative_docs.issued", name: "行政规范性文件 · 本年制发", section: "active", kind: "sum", unit: "件", value: { plus: [cells("active.normative_docs.issued")] } },
  { id: "active.normative_docs.in_force", name: "行政规范性文件 · 现行有效", section: "active", kind: "sum", unit: "件", value: { plus: [cells("active.normative_docs.in_force")] }, stock: true },
  { id: "active.licensing", name: "行政许可 · 处理决定", section: "active", kind: "sum", unit: "件", value: { plus: [cells("active.licensing.decisions")] } },
  { id: "active.penalty", name: "行政处罚 · 处理决定", section: "active", kind: "sum", unit: "件", value: { plus: [cells("active.penalty.decisions")] } },
  { id: "active.coercion", name: "行政强制 · 处理决定", section: "active", kind: "sum", unit: "件", value: { plus: [cells("active.coercion.decisions")] } },
  { id: "active.fees", name: "行政事业性收费 · 本年收费金额", section: "active", kind: "sum", unit: "万元", value: { plus: [cells("active.fees.amount")] } },
];

export function figureById(id: string): FigureDef | undefined {
  return FIGURES.find((f) => f.id === id);
}
