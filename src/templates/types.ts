import type { TemplateId } from "../model/report.js";

/** What a value column holds: counts are non-negative integers, `signed` is 本年增/减, amounts are 万元. */
export type ValueKind = "count" | "signed" | "amount";

export interface ColumnDef {
  key: string;
  /** Official label. */
  label: string;
  /** Other spellings seen in real reports (format.md §6.2). */
  variants?: string[];
  kind: ValueKind;
}

export interface RowDef {
  key: string;
  /** Official label without the group prefix, e.g. `1.属于国家秘密`. */
  label: string;
  variants?: string[];
  /** Label of the row-spanning group cell it sits under, e.g. `（三）不予公开`. */
  group?: string;
  /** Short Chinese name for messages, e.g. `（三）1.属于国家秘密`. */
  name: string;
}

/** A node of a table's column header tree (申请人情况 › 法人或其他组织 › 商业企业). */
export interface HeaderNode {
  label: string;
  variants?: string[];
  /**
   * Leaf: the column it stands for. In a `rows` table that is the column key; in a
   * `side-by-side` table (table 4) it is `row.column`, since the header picks both.
   */
  column?: string;
  children?: HeaderNode[];
}

/** One block of table 2: a caption row, a header row and its data rows. */
export interface ActiveBlock {
  /** `第二十条第（一）项` */
  caption: string;
  /** Article 20 item number: 1, 5, 6, 8, 9. */
  item: number;
  columns: ColumnDef[];
  rows: RowDef[];
}

/**
 * A linear identity over a table, applied per column or per row:
 * Σ left = Σ right, with `left`/`right` naming rows (when over columns) or columns (when over rows).
 */
export interface IdentityDef {
  id: string;
  table: "requests" | "review";
  over: "columns" | "rows";
  left: string[];
  right: string[];
  /** Chinese name of the identity for messages. */
  title: string;
}

/** Table 3 or table 4: logical rows × columns, keys `table.row.column`. */
export interface MatrixTable {
  id: "requests" | "review";
  title: string;
  rows: RowDef[];
  columns: ColumnDef[];
  header: HeaderNode[];
  /** Text of the top-left header cell above the row labels (table 3's balance note), if any. */
  corner?: string;
  /**
   * How the logical rows sit on the page: `rows` — one physical row each (table 3);
   * `side-by-side` — all logical rows in one physical row, one after the other (table 4).
   */
  layout: "rows" | "side-by-side";
}

export interface SectionDef {
  no: number;
  title: string;
  variants?: string[];
}

export interface Template {
  id: TemplateId;
  /** Chinese name, e.g. `2021 年版格式（国办公开办函〔2021〕30号）`. */
  name: string;
  /** Report years it is the right template for (inclusive; `to` null = open). */
  years: { from: number; to: number | null };
  sections: SectionDef[];
  /** `corner`: the header cell above the row labels of every block (`信息内容`). */
  active: { title: string; blocks: ActiveBlock[]; corner?: string };
  requests: MatrixTable;
  review: MatrixTable;
  identities: IdentityDef[];
}
