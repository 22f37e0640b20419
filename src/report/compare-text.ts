import type { CellComparison, CellSide, CellState, Comparison, IdentityTerm, ReportRef, SectionComparison, Unmatched } from "../compare/types.js";
import { tableName } from "../rules/util.js";
import { templateById, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { displayWidth, padEnd, padStart, truncate } from "../text/width.js";
import { FORMAT_NAME } from "./text.js";

export interface ComparisonTextOptions {
  /** Every cell, not only the changed ones. */
  all?: boolean;
}

const STATE_NAME: Record<CellState, string> = { number: "数字", blank: "空白", text: "文字", absent: "缺失" };

/** A readable Chinese account of a comparison: the two reports, changed cells by table, cross-year identities, sections. */
export function comparisonToText(c: Comparison, opts: ComparisonTextOptions = {}): string {
  const t = templateOf(c);
  const lines = [...header(c), "", ...cellLines(c, t, opts.all === true)];
  const unmatched = unmatchedLines(c, t);
  if (unmatched.length) lines.push("", ...unmatched);
  if (c.years === 1) lines.push("", ...identityLines(c));
  lines.push("", ...sectionLines(c), "", summary(c));
  return lines.join("\n");
}

function templateOf(c: Comparison): Template {
  const id = c.after.template ?? c.before.template;
  return id ? templateById(id) : TEMPLATES[TEMPLATES.length - 1]!;
}

function yearText(r: ReportRef): string {
  return r.year !== null ? `${r.year} 年度` : "年度未识别";
}

function header(c: Comparison): string[] {
  const a = c.before;
  const b = c.after;
  const agency = c.sameAgency ? a.agency! : `${a.agency ?? "机关未识别"} / ${b.agency ?? "机关未识别"}`;
  const relation = c.years === 1 ? "（相邻两年）" : c.years === 0 ? "（同一年度的两个版本）" : c.years !== null ? `（相隔 ${Math.abs(c.years)} 年）` : "";
  const out = [`━━ 比较：${agency} ${yearText(a)} → ${yearText(b)}${relation}`];
  for (const [mark, r] of [["A", a], ["B", b]] as const) {
    const facts = [r.file ?? "（未命名）", r.format ? FORMAT_NAME[r.format] ?? r.format : null, r.template ? `${r.template} 年版格式` : "格式未识别", r.title].filter(Boolean);
    out.push(`   ${mark} ${facts.join(" · ")}`);
  }
  if (!a.agency || !b.agency) out.push("   ! 未能识别机关名称，请确认两份报告是同一机关的");
  else if (!c.sameAgency) out.push("   ! 两份报告的机关名称不同，请确认是同一机关的报告");
  if (c.before.template && c.after.template && c.before.template !== c.after.template) {
    out.push(`   ! 两份报告的格式不同（${c.before.template} 年版 → ${c.after.template} 年版）：相同的单元格逐一比较，对应不上的行和列单独列出`);
  }
  return out;
}

/** A side as a short cell text: `12`, `12*` (inferred), `空`, `“/”`, `缺`, `—` (no such cell). */
function sideText(s: CellSide | null): string {
  if (!s) return "—";
  switch (s.state) {
    case "number":
      return `${s.value}${s.inferred ? "*" : ""}`;
    case "blank":
      return s.ambiguous ? "?" : "空";
    case "text":
      return `“${truncate((s.raw ?? "").trim(), 8)}”`;
    case "absent":
      return "缺";
  }
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "0";
}

function percent(x: number): string {
  const p = Math.round(x * 1000) / 10;
  return `${p > 0 ? "+" : p < 0 ? "−" : ""}${Math.abs(p)}%`;
}

function changeText(cell: CellComparison): string {
  switch (cell.kind) {
    case "same":
      return "不变";
    case "changed": {
      const ch = cell.change!;
      return ch.relative === null ? signed(ch.absolute) : `${signed(ch.absolute)}（${percent(ch.relative)}）`;
    }
    case "kind-changed":
      return cell.before!.state === cell.after!.state ? "写法改变" : `由${STATE_NAME[cell.before!.state]}变为${STATE_NAME[cell.after!.state]}`;
    case "only-before":
      return "B 的格式没有这一格";
    case "only-after":
      return "A 的格式没有这一格";
  }
}

function tableTitle(t: Template, table: CellComparison["table"]): string {
  return table === "active" ? t.active.title : table === "requests" ? t.requests.title : t.review.title;
}

const isChange = (x: CellComparison) => x.kind === "changed" || x.kind === "kind-changed";

/** Changed cells (or all, with `all`) by table, then by row: the row's name once, its cells under it. */
function cellLines(c: Comparison, t: Template, all: boolean): string[] {
  const changed = c.cells.filter(isChange);
  const counted = c.cells.filter((x) => x.before && x.after);
  const kinds = changed.length ? `（数值变化 ${changed.filter((x) => x.kind === "changed").length} 个，空白、“/”、缺失与数字之间的变化 ${changed.filter((x) => x.kind === "kind-changed").length} 个）` : "";
  const out = [`   单元格：比较 ${counted.length} 个，${changed.length} 个有变化${kinds}`];
  for (const table of ["active", "requests", "review"] as const) {
    const list = c.cells.filter((x) => x.table === table && (all || isChange(x)));
    if (list.length === 0) continue;
    out.push(`   ── ${tableTitle(t, table)}（${list.filter(isChange).length} 处变化）`);
    const width = Math.max(...list.map((x) => displayWidth(columnText(x))));
    let row: string | undefined;
    for (const x of list) {
      const rowName = x.via ? `${x.row}（${x.via.after.length > 1 ? "B" : "A"} 为 ${Math.max(x.via.after.length, x.via.before.length)} 行之和）` : x.row;
      if (rowName !== row) out.push(`     ${(row = rowName)}`);
      const mark = isChange(x) ? "≠" : x.kind === "same" ? " " : "·";
      out.push(`       ${mark} ${padEnd(columnText(x), width)} ${padStart(sideText(x.before), 10)} → ${padEnd(sideText(x.after), 10)} ${changeText(x)}`);
    }
  }
  if (changed.length === 0 && !all) out.push("   （两份报告的单元格没有变化）");
  return out;
}

function columnText(x: CellComparison): string {
  return x.column.replace(/（单位：万元）$/, "");
}

function unmatchedLines(c: Comparison, t: Template): string[] {
  const out: string[] = [];
  const notes = [...new Set(c.cells.filter((x) => x.via).map((x) => x.via!.note))];
  if (c.unmatched.length === 0 && notes.length === 0) return out;
  out.push("   ── 对应不上的行和列");
  for (const u of c.unmatched) out.push(`   · ${unmatchedText(u, c, t)}`);
  for (const note of notes) out.push(`   · ${note}，按列相加后比较（见上）`);
  return out;
}

function unmatchedText(u: Unmatched, c: Comparison, t: Template): string {
  const owner = u.side === "before" ? c.before : c.after;
  const other = u.side === "before" ? "B" : "A";
  const where = `${tableName(tableTitle(t, u.table))}${u.block ? ` ${u.block}` : ""}`;
  const whose = `${u.side === "before" ? "A" : "B"}${owner.template ? `（${owner.template} 年版格式）` : ""}`;
  const parts: string[] = [];
  if (u.rows.length) parts.push(`${u.rows.map((r) => `“${r}”`).join("")}行`);
  if (u.columns.length) parts.push(`${u.columns.map((x) => `“${x.replace(/（单位：万元）$/, "")}”`).join("")}列`);
  if (parts.length === 0) parts.push(`${u.keys.length} 个单元格`);
  return `${where}：${whose}的${parts.join("和")}，${other} 没有对应`;
}

function termText(x: IdentityTerm, first: boolean): string {
  const v = sideText(x.side);
  return `${first ? (x.sign < 0 ? "− " : "") : x.sign < 0 ? " − " : " + "}${x.label} ${v}`;
}

function sideSum(terms: IdentityTerm[], value: number | null): string {
  const s = terms.map((x, i) => termText(x, i === 0)).join("");
  return terms.length > 1 && value !== null ? `${s} = ${value}` : s;
}

function identityLines(c: Comparison): string[] {
  const out = [`   ── 跨年度衔接（${yearText(c.after)}报告对 ${yearText(c.before)}报告）`];
  if (c.identities.length === 0) {
    out.push("   （两份报告的格式之间没有可核对的衔接关系）");
    return out;
  }
  const width = Math.max(...c.identities.map((x) => displayWidth(x.subject)));
  for (const x of c.identities) {
    const mark = x.holds === null ? "?" : x.holds ? "✓" : "✗";
    const rel = x.holds === null ? "｜" : x.holds ? "＝" : "≠";
    const tail = x.holds === null ? "：有空白或缺失，无法核对" : x.holds ? "" : `，相差 ${Math.abs(x.difference!)}`;
    out.push(`   ${mark} ${padEnd(x.subject, width)}  ${sideSum(x.left.terms, x.left.value)} ${rel} ${sideSum(x.right.terms, x.right.value)}${tail}`);
  }
  return out;
}

function sectionTitle(s: SectionComparison): string {
  return `${"一二三四五六"[s.no - 1]}、${s.title}`;
}

function sectionLine(s: SectionComparison, c: Comparison, width: number): string {
  const title = padEnd(sectionTitle(s), width + 2);
  const hasA = s.before !== null && s.before.trim() !== "";
  const hasB = s.after !== null && s.after.trim() !== "";
  if (!hasA && !hasB) return `     ${title}两份都没有正文`;
  if (s.similarity === null) return `     ${title}${hasB ? "B 只有法定标题、套话或数字，不计相似度" : "B 没有正文"}`;
  const pct = `${Math.round(s.similarity * 100)}%`;
  const words = `（B ${s.words.after} 词，与 A 相同 ${s.words.common} 词）`;
  const flag = s.flagged ? ` ⚠ 与${c.years !== null && c.years > 0 ? "上年" : "另一年度的"}报告高度雷同` : "";
  const cut = s.cut ? "（文字差异过大，逐词比对在上限处截断，相似度为下限）" : "";
  return `   ${s.flagged ? "!" : " "} ${title}相似度 ${padStart(pct, 4)}${words}${flag}${cut}`;
}

function sectionLines(c: Comparison): string[] {
  const { threshold, minWords } = c.settings;
  const out = [`   ── 正文相似度（B 每部分的词语中按顺序与 A 相同的比例，不计法定标题、套话和数字；不少于 ${minWords} 词且达到 ${Math.round(threshold * 100)}% 即视为雷同）`];
  const width = Math.max(...c.sections.map((s) => displayWidth(sectionTitle(s))));
  for (const s of c.sections) out.push(sectionLine(s, c, width));
  if (c.years === 0) out.push("   （同一年度的两个版本，不判断雷同）");
  else if (c.years === null) out.push("   （年度未识别，不判断雷同）");
  return out;
}

function summary(c: Comparison): string {
  const changed = c.cells.filter((x) => x.kind === "changed" || x.kind === "kind-changed").length;
  const parts = [`${changed} 个单元格有变化`];
  if (c.years === 1) {
    const broken = c.identities.filter((x) => x.holds === false).length;
    const unknown = c.identities.filter((x) => x.holds === null).length;
    if (c.identities.length === 0) parts.push("没有可核对的跨年度衔接");
    else if (broken === 0 && unknown === 0) parts.push("跨年度衔接全部成立");
    else parts.push([broken ? `${broken} 处跨年度衔接不成立` : "", unknown ? `${unknown} 处无法核对` : ""].filter(Boolean).join("，"));
  }
  const flagged = c.sections.filter((s) => s.flagged).map((s) => "一二三四五六"[s.no - 1]);
  parts.push(flagged.length ? `第${flagged.join("、")}部分与${c.years !== null && c.years > 0 ? "上年" : "另一年度"}高度雷同` : "没有高度雷同的部分");
  return `   结论：${parts.join("；")}`;
}
