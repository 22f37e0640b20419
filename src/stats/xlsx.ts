import ExcelJS from "exceljs";
import { showValue } from "./text.js";
import type { FigureInfo, FigureValue, RegionStats } from "./types.js";

// The dashboard's figures table as a workbook: one row per figure, one column per year and the
// total, as `nianbao stats` prints it. Numbers stay numbers (rates as percentages); what is not a
// number is said in words (样本不足, 无此栏, 暂无, —), never written as 0.

/** A value for a cell: the number when there is one, else the words the text output uses. */
function cellValue(f: FigureInfo, v: FigureValue): number | string {
  if (v.value === null || v.unavailable) return showValue(f, v);
  return v.value;
}

/** Why reports were left out of a figure, in words; empty when none was. */
function leftOut(f: FigureInfo, v: FigureValue): string {
  const why = [v.missing ? `${v.missing} 份报告缺少所需单元格` : "", v.notInTemplate ? `${v.notInTemplate} 份报告的格式（${f.notIn.map((t) => `${t} 年版`).join("、")}）无此栏` : ""].filter(Boolean);
  return why.join("；");
}

/** The scope of the statistics, in a line. */
function scopeText(s: RegionStats): string {
  const where = s.region ? s.region.roots.map((r) => r.name).join("、") + (s.region.agencies > s.region.roots.length ? `及其下属机关（共 ${s.region.agencies} 个机关）` : "") : "报告库中的全部机关";
  const { from, to, present } = s.years;
  const range = from !== null || to !== null ? `${from ?? "最早"}—${to ?? "最近"} 年度` : present.length ? `${present[0]}—${present[present.length - 1]} 年度` : "全部年度";
  return `统计范围：${where}，${range}；报告 ${s.reports.counted} 份，${s.reports.agencies} 个机关`;
}

/** The statistics' figures table (统计表.xlsx): figures × years and 合计, with what was left out; rankings on a second sheet. */
export async function statsWorkbook(s: RegionStats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "nianbao";
  const ws = wb.addWorksheet("统计");
  ws.addRow([scopeText(s)]).font = { bold: true };
  ws.addRow(["口径见 docs/stats.md；比率为合计之比；“样本不足”：分母不到最小样本；“无此栏”：格式没有这一栏；缺少单元格的报告不计入（见末列）"]);
  const header = ws.addRow(["统计项", "单位", ...s.byYear.map((y) => `${y.year} 年度`), "合计", "未计入的报告"]);
  header.font = { bold: true };
  for (const f of s.figures) {
    const all = [...s.byYear.map((y) => y.figures[f.id]!), s.total[f.id]!];
    const row = ws.addRow([f.name, f.unit, ...all.map((v) => cellValue(f, v)), leftOut(f, s.total[f.id]!) || null]);
    if (f.kind === "rate") all.forEach((v, i) => typeof cellValue(f, v) === "number" && (row.getCell(3 + i).numFmt = "0.0%"));
  }
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 6;
  for (let i = 0; i <= s.byYear.length; i++) ws.getColumn(3 + i).width = 12;
  ws.getColumn(4 + s.byYear.length).width = 48;
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 3 }];

  const rk = wb.addWorksheet("机关排名");
  rk.addRow(["统计项", "名次", "机关", "数值", "分子", "分母", "报告份数", "缺少单元格的报告"]).font = { bold: true };
  for (const r of s.rankings) {
    const f = s.figures.find((x) => x.id === r.figure)!;
    // Top and bottom overlap when few agencies are ranked: each agency once, by rank.
    const entries = [...new Map([...r.top, ...r.bottom].map((e) => [e.agencyId, e])).values()].sort((a, b) => a.rank - b.rank);
    for (const e of entries) {
      const row = rk.addRow([f.name, e.rank, e.agency, e.value, e.numerator ?? "", e.denominator ?? "", e.reports, e.missing]);
      if (f.kind === "rate") row.getCell(4).numFmt = "0.0%";
    }
    if (r.insufficient || r.noData) rk.addRow([f.name, "", [r.insufficient ? `样本不足 ${r.insufficient} 个机关` : "", r.noData ? `无数据 ${r.noData} 个机关` : ""].filter(Boolean).join("；")]);
  }
  rk.getColumn(1).width = 30;
  rk.getColumn(3).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

