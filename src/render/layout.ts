import type { Report } from "../model/report.js";
import { templateById, templateForYear } from "../templates/index.js";
import type { HeaderNode, MatrixTable, RowDef, Template } from "../templates/types.js";
import { requestsTemplate } from "../rules/util.js";
import { normLabel, toHalfWidth } from "../text/normalize.js";
import { type CellStyle, cellValueText, columnStyle, splitLabel } from "./cells.js";

/**
 * A report laid out as the statutory format prints it: title, six numbered sections, and the
 * three tables with their real merged cells (format.md §2, §3). Every label, row, column and
 * span comes from the template data; each output format only decides how to write it down.
 */

export type CellRole = "caption" | "corner" | "header" | "label" | "group" | "value";

/** One physical cell of a laid-out table (as an HTML `<td>`). */
export interface LayoutCell {
  text: string;
  role: CellRole;
  rowspan: number;
  colspan: number;
  /** Canonical key of a value cell. */
  key?: string;
  /** Sits in a narrow column, where real tables often break the label over two lines. */
  narrow?: boolean;
}

export interface LayoutTable {
  id: "active" | "requests" | "review";
  /** Physical columns of the grid. */
  width: number;
  /** Rows of physical cells; a cell spanning rows appears only in its first row. */
  rows: LayoutCell[][];
}

export interface LayoutSection {
  no: number;
  /** `三、收到和处理政府信息公开申请情况` */
  heading: string;
  paragraphs: string[];
  table?: LayoutTable;
}

export interface LayoutReport {
  title: string;
  template: Template;
  sections: LayoutSection[];
}

export interface LayoutOptions extends CellStyle {
  /**
   * Leave out the prose parts (一、五、六) the report does not have, so a missing part stays
   * missing; the table parts are always laid out, and a report with no parts at all (table data
   * only) gets every heading, as a form to fill in. Default: every part.
   */
  presentPartsOnly?: boolean;
  /**
   * Leave out of a table part's prose the lines that are the table itself: text read from a
   * page that lost the table's cell boundaries keeps the rows as lines (`行政处罚 060`), and the
   * table is printed anyway. A line is the table's when it begins with one of the table's own
   * labels, or holds nothing but digits.
   */
  omitTableText?: boolean;
}

const NUMERALS = "一二三四五六七八九十";

export function sectionHeading(no: number, title: string): string {
  return `${NUMERALS[no - 1] ?? String(no)}、${title}`;
}

/** The template a report is written in: its own, else the one its year calls for. */
export function templateOf(r: Report): Template {
  if (r.meta.template) return templateById(r.meta.template);
  return templateForYear(r.meta.year ?? new Date().getFullYear() - 1);
}

/**
 * The template whose table 3 the report has: a mixed report (2021 table 2, the old single （六）
 * row) is laid out with the rows it has, so every cell it holds is printed.
 */
export function requestsTemplateOf(r: Report, t: Template): Template {
  return r.meta.requestsTemplate ? templateById(r.meta.requestsTemplate) : requestsTemplate(r, t);
}

/** The report's title, or one made of what it knows (`某县2023年政府信息公开工作年度报告`). */
export function titleOf(r: Report): string {
  if (r.meta.title) return r.meta.title;
  return `${r.meta.agency ?? ""}${r.meta.year ? `${r.meta.year}年` : ""}政府信息公开工作年度报告`;
}

export function layoutReport(r: Report, style: LayoutOptions = {}): LayoutReport {
  const t = templateOf(r);
  const req = requestsTemplateOf(r, t);
  const tables = [activeTable(t, r, style), matrixTable(req.requests, r, style), matrixTable(t.review, r, style)];
  const titles = [t.active.title, req.requests.title, t.review.title];
  const present = new Set(r.sections.map((s) => s.no));
  const isTablePart = (title: string) => titles.some((x) => x.endsWith(title));
  const parts = style.presentPartsOnly && present.size > 0 ? t.sections.filter((s) => present.has(s.no) || isTablePart(s.title)) : t.sections;
  const sections = parts.map((s): LayoutSection => {
    const text = r.sections.find((x) => x.no === s.no)?.text ?? "";
    const i = titles.findIndex((x) => x.endsWith(s.title));
    const table = i >= 0 ? tables[i]! : undefined;
    let paragraphs = text.split("\n").filter((p) => p.trim() !== "");
    if (table && style.omitTableText) {
      const labels = tableLabels(table);
      paragraphs = paragraphs.filter((p) => !isTableLine(p, labels));
    }
    return { no: s.no, heading: sectionHeading(s.no, s.title), paragraphs, ...(table ? { table } : {}) };
  });
  return { title: titleOf(r), template: t, sections };
}

/** The normalised labels of a laid-out table (captions, headers, row labels). */
function tableLabels(t: LayoutTable): Set<string> {
  return new Set(t.rows.flat().filter((c) => c.role !== "value" && c.text !== "").map((c) => normLabel(c.text)));
}

/** A line of the table's own text: its first word is one of the table's labels, or it is all digits. */
function isTableLine(p: string, labels: Set<string>): boolean {
  const t = toHalfWidth(p).trim();
  if (/^[\d\s.,+\-/]+$/.test(t)) return true;
  const first = t.split(/[\s\u3000]+/)[0]!;
  return labels.has(normLabel(first));
}

function cell(text: string, role: CellRole, rowspan = 1, colspan = 1, key?: string): LayoutCell {
  return key === undefined ? { text, role, rowspan, colspan } : { text, role, rowspan, colspan, key };
}

/**
 * `n` cells over `width` columns, as evenly as possible; the last cells take the remainder
 * (table 2's blocks of two columns under blocks of three, as filers lay them out).
 */
function spread(n: number, width: number): number[] {
  const base = Math.floor(width / n);
  const extra = width - base * n;
  return Array.from({ length: n }, (_, i) => base + (i >= n - extra ? 1 : 0));
}

/** Table 2: stacked blocks, each a caption row, a header row and its data rows. */
function activeTable(t: Template, r: Report, style: CellStyle): LayoutTable {
  const valueWidth = Math.max(...t.active.blocks.map((b) => b.columns.length));
  const width = 1 + valueWidth;
  const rows: LayoutCell[][] = [];
  for (const b of t.active.blocks) {
    const spans = spread(b.columns.length, valueWidth);
    rows.push([cell(b.caption, "caption", 1, width)]);
    rows.push([cell(t.active.corner ?? "", "corner"), ...b.columns.map((c, i) => ({ ...cell(c.label, "header", 1, spans[i]), narrow: true }))]);
    for (const row of b.rows) {
      rows.push([
        cell(row.label, "label"),
        ...b.columns.map((c, i) => {
          const key = `active.${row.key}.${c.key}`;
          const text = cellValueText(r.cells[key], r.provenance[key], c.kind, "active", columnStyle(style, c.kind, c.label));
          return cell(text, "value", 1, spans[i], key);
        }),
      ]);
    }
  }
  return { id: "active", width, rows };
}

function leafCount(n: HeaderNode): number {
  return n.children ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}

function depthOf(nodes: HeaderNode[]): number {
  return Math.max(...nodes.map((n) => 1 + (n.children ? depthOf(n.children) : 0)));
}

function leaves(nodes: HeaderNode[]): HeaderNode[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}

/** Header rows of a column tree: inner nodes span their leaves, leaves reach down to the last row. */
function headerRows(nodes: HeaderNode[], depth: number): LayoutCell[][] {
  const rows: LayoutCell[][] = Array.from({ length: depth }, () => []);
  const walk = (n: HeaderNode, d: number) => {
    if (n.children) {
      rows[d]!.push(cell(n.label, "header", 1, leafCount(n)));
      for (const c of n.children) walk(c, d + 1);
    } else rows[d]!.push({ ...cell(n.label, "header", depth - d, 1), narrow: true });
  };
  for (const n of nodes) walk(n, 0);
  return rows;
}

/**
 * Row labels of table 3: a row without a group fills every label column; the first group met
 * (`三、本年度办理结果`) spans its rows in the first column; other groups (`（三）不予公开`)
 * nest inside it and span their rows in the second.
 */
function rowLabels(rows: RowDef[]): { width: number; cells: LayoutCell[][] } {
  const top = rows.find((x) => x.group)?.group;
  const nested = rows.some((x) => x.group && x.group !== top);
  const width = top === undefined ? 1 : nested ? 3 : 2;
  const runLength = (from: number, inRun: (x: RowDef) => boolean) => {
    let n = 0;
    while (from + n < rows.length && inRun(rows[from + n]!)) n++;
    return n;
  };
  const cells = rows.map((row, i) => {
    const prev = rows[i - 1];
    if (!row.group) return [cell(row.label, "label", 1, width)];
    const out: LayoutCell[] = [];
    if (!prev?.group) out.push(cell(top!, "group", runLength(i, (x) => x.group !== undefined), 1));
    if (row.group === top) out.push(cell(row.label, "label", 1, width - 1));
    else {
      if (prev?.group !== row.group) out.push({ ...cell(row.group, "group", runLength(i, (x) => x.group === row.group), 1), narrow: true });
      out.push(cell(row.label, "label"));
    }
    return out;
  });
  return { width, cells };
}

/** Table 3 (a row per logical row) or table 4 (the logical rows side by side in one row). */
function matrixTable(m: MatrixTable, r: Report, style: CellStyle): LayoutTable {
  const depth = depthOf(m.header);
  const cols = leaves(m.header).map((n) => n.column!);
  const kind = (col: string) => m.columns.find((c) => c.key === col.split(".").pop())?.kind ?? "count";
  const value = (key: string, col: string) => cell(cellValueText(r.cells[key], r.provenance[key], kind(col), m.id, style), "value", 1, 1, key);
  const header = headerRows(m.header, depth);
  if (m.layout === "side-by-side") {
    return { id: m.id, width: cols.length, rows: [...header, cols.map((c) => value(`${m.id}.${c}`, c))] };
  }
  const labels = rowLabels(m.rows);
  header[0]!.unshift(cell(m.corner ?? "", "corner", depth, labels.width));
  const body = m.rows.map((row, i) => [...labels.cells[i]!, ...cols.map((c) => value(`${m.id}.${row.key}.${c}`, c))]);
  return { id: m.id, width: labels.width + cols.length, rows: [...header, ...body] };
}

/** The cell's text, broken over two lines when asked and the cell is narrow. */
export function cellText(c: LayoutCell, splitNarrow: boolean): string {
  return splitNarrow && c.narrow ? splitLabel(c.text) : c.text;
}

/** A position in the expanded grid: the cell covering it and whether it is that cell's first row/column. */
export interface GridSlot {
  cell: LayoutCell;
  fromAbove: boolean;
  fromLeft: boolean;
}

/** The table with spans expanded: every row has `width` slots. */
export function slotGrid(t: LayoutTable): GridSlot[][] {
  const grid: GridSlot[][] = t.rows.map(() => []);
  t.rows.forEach((cells, r) => {
    let c = 0;
    for (const x of cells) {
      while (grid[r]![c]) c++;
      for (let dr = 0; dr < x.rowspan && r + dr < grid.length; dr++) {
        for (let dc = 0; dc < x.colspan; dc++) grid[r + dr]![c + dc] = { cell: x, fromAbove: dr > 0, fromLeft: dc > 0 };
      }
      c += x.colspan;
    }
  });
  return grid;
}
