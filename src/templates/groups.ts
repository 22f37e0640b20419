import type { ColumnDef, HeaderNode, IdentityDef, RowDef, Template } from "./types.js";

// Table 3's applicant columns and result groups, read from a template's identities and row
// groups: statistics, and anything else that needs "the （三） rows", ask here rather than
// keeping a list of keys.

export function identityOf(t: Template, id: string): IdentityDef {
  const i = t.identities.find((x) => x.id === id);
  if (!i) throw new Error(`template ${t.id} has no identity ${id}`);
  return i;
}

function pick<T extends { key: string }>(all: T[], keys: string[]): T[] {
  return keys.map((k) => {
    const x = all.find((a) => a.key === k);
    if (!x) throw new Error(`template key ${k} not found`);
    return x;
  });
}

/** Table 3's applicant columns: the right side of `总计 = 自然人 + 法人或其他组织各列`. */
export function applicantColumns(t: Template): ColumnDef[] {
  return pick(t.requests.columns, identityOf(t, "requests-row-total").right);
}

/** Table 3's total column: the left side of the same identity. */
export function applicantTotalColumn(t: Template): ColumnDef {
  return pick(t.requests.columns, identityOf(t, "requests-row-total").left)[0]!;
}

/** Table 3's result rows: the right side of `（七）总计 = 各办理结果之和`. */
export function resultRows(t: Template): RowDef[] {
  return pick(t.requests.rows, identityOf(t, "requests-column-results").right);
}

/** Table 4's result columns: the right side of `总计 = 维持 + 纠正 + 其他 + 尚未审结`. */
export function reviewResults(t: Template): ColumnDef[] {
  return pick(t.review.columns, identityOf(t, "review-total").right);
}

/** The row of all results, `（七）总计`: the left side of the same identity. */
export function resultTotalRow(t: Template): RowDef {
  return pick(t.requests.rows, identityOf(t, "requests-column-results").left)[0]!;
}

/** One of table 3's result groups （一）…（六）, with the rows it has in a template. */
export interface ResultGroup {
  /** `（三）` */
  no: string;
  /** `（三）不予公开` */
  label: string;
  rows: RowDef[];
}

const ORDINAL = /^（[一二三四五六七八九十]+）/;

/**
 * The result groups of a template, in order: a row under a group cell (`（三）不予公开` ›
 * `1.属于国家秘密`) belongs to that group; a row directly under `三、本年度办理结果` is a group
 * of its own (`（一）予以公开`; 2019's single `（六）其他处理`). Groups are matched across
 * templates by their number.
 */
export function resultGroups(t: Template): ResultGroup[] {
  const groups: ResultGroup[] = [];
  for (const row of resultRows(t)) {
    const label = row.group && ORDINAL.test(row.group) ? row.group : row.name;
    const no = ORDINAL.exec(label)?.[0];
    if (!no) throw new Error(`template ${t.id}: result row ${row.key} has no group number`);
    const g = groups.find((x) => x.no === no);
    if (g) g.rows.push(row);
    else groups.push({ no, label, rows: [row] });
  }
  return groups;
}

/**
 * A column's place in its table's header tree below the top heading: `自然人`,
 * `法人或其他组织 · 其他`. For tables laid out in rows (table 3).
 */
export function columnPath(t: Template, table: "requests" | "review", column: string): string {
  const walk = (nodes: HeaderNode[], path: string[]): string[] | null => {
    for (const n of nodes) {
      if (n.column === column) return [...path, n.label];
      const hit = n.children ? walk(n.children, [...path, n.label]) : null;
      if (hit) return hit;
    }
    return null;
  };
  const path = walk(t[table].header, []);
  if (!path) throw new Error(`template ${t.id}: no header for ${table} column ${column}`);
  return (path.length > 1 ? path.slice(1) : path).join(" · ");
}
