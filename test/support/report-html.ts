import type { Report } from "../../src/model/report.js";
import { templateById } from "../../src/templates/index.js";
import type { Template } from "../../src/templates/types.js";

/**
 * A minimal, printable HTML rendering of a canonical report (title, six parts, the three
 * statutory tables with their official merges), used to make scanned-report fixtures until
 * the project's own HTML renderer is available. Tables are ruled with 1px black borders as
 * the official Word template is.
 */
export function reportHtml(r: Report): string {
  const t = templateById(r.meta.template ?? "2021");
  const v = (k: string) => fmt(r.cells[k]);
  const parts = t.sections.map((s, i) => {
    const head = `<h2>${"一二三四五六"[i]}、${esc(s.title)}</h2>`;
    const text = r.sections[i]?.text ? `<p>${esc(r.sections[i]!.text)}</p>` : "";
    const table = i === 1 ? activeTable(t, v) : i === 2 ? requestsTable(t, v) : i === 3 ? reviewTable(t, v) : "";
    return head + text + table;
  });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(r.meta.title ?? "")}</title><style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; }
h1 { font-size: 16pt; text-align: center; } h2 { font-size: 12pt; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; font-size: 9pt; }
td.l { text-align: left; }
</style></head><body><h1>${esc(r.meta.title ?? "")}</h1>${parts.join("\n")}</body></html>`;
}

function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return "";
  return Number.isInteger(x) ? String(x) : String(x);
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// LibreOffice ignores CSS borders on import; the HTML attributes it does honour.
const TABLE_ATTRS = 'border="1" cellspacing="0" cellpadding="4" width="100%"';

const td = (text: string, attrs = "") => `<td${attrs}>${esc(text)}</td>`;

function activeTable(t: Template, v: (k: string) => string): string {
  // 6 value sub-columns so that 3-column blocks span 2 and 2-column blocks span 3.
  const rows: string[] = [];
  for (const b of t.active.blocks) {
    const span = 6 / b.columns.length;
    const sp = (n: number) => (n > 1 ? ` colspan="${n}"` : "");
    // F2021 single-value blocks spell their header across the whole width.
    rows.push(`<tr>${td(b.caption, ' colspan="7"')}</tr>`);
    rows.push(`<tr>${td("信息内容")}${b.columns.map((c) => td(c.label, sp(span))).join("")}</tr>`);
    for (const row of b.rows) {
      rows.push(`<tr>${td(row.label)}${b.columns.map((c) => td(v(`active.${row.key}.${c.key}`) + (c.kind === "amount" && t.id === "2019" ? "万元" : ""), sp(span))).join("")}</tr>`);
    }
  }
  return `<table ${TABLE_ATTRS}>${rows.join("")}</table>`;
}

function requestsTable(t: Template, v: (k: string) => string): string {
  const m = t.requests;
  const cols = m.columns.map((c) => c.key);
  const out: string[] = [];
  out.push(
    `<tr>${td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ' colspan="3" rowspan="3"')}${td("申请人情况", ' colspan="7"')}</tr>`,
    `<tr>${td("自然人", ' rowspan="2"')}${td("法人或其他组织", ' colspan="5"')}${td("总计", ' rowspan="2"')}</tr>`,
    `<tr>${["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((x) => td(x)).join("")}</tr>`,
  );
  const rows = m.rows;
  const resultsCount = rows.filter((r) => r.group).length;
  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    const values = cols.map((c) => td(v(`requests.${row.key}.${c}`))).join("");
    if (!row.group) {
      out.push(`<tr>${td(row.label, ' colspan="3" class="l"')}${values}</tr>`);
      i++;
      continue;
    }
    let cells = "";
    if (i === rows.findIndex((r) => r.group)) cells += td("三、本年度办理结果", ` rowspan="${resultsCount}"`);
    if (row.group === "三、本年度办理结果") {
      cells += td(row.label, ' colspan="2" class="l"');
    } else {
      const n = rows.filter((r) => r.group === row.group).length;
      if (rows[i - 1]?.group !== row.group) cells += td(row.group, ` rowspan="${n}"`);
      cells += td(row.label, ' class="l"');
    }
    out.push(`<tr>${cells}${values}</tr>`);
    i++;
  }
  return `<table ${TABLE_ATTRS}>${out.join("")}</table>`;
}

function reviewTable(t: Template, v: (k: string) => string): string {
  const m = t.review;
  const labels = m.columns.map((c) => c.label);
  const vals = m.rows.flatMap((r) => m.columns.map((c) => td(v(`review.${r.key}.${c.key}`))));
  return `<table ${TABLE_ATTRS}>
<tr>${td("行政复议", ' colspan="5"')}${td("行政诉讼", ' colspan="10"')}</tr>
<tr>${labels.map((l) => td(l, ' rowspan="2"')).join("")}${td("未经复议直接起诉", ' colspan="5"')}${td("复议后起诉", ' colspan="5"')}</tr>
<tr>${[...labels, ...labels].map((l) => td(l)).join("")}</tr>
<tr>${vals.join("")}</tr></table>`;
}
