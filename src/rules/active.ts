import type { Report } from "../model/report.js";
import type { ActiveBlock, Template } from "../templates/types.js";
import { tableName } from "./util.js";

/** Table 2 rows of the blocks that have all of `columns`, with a label lookup for messages. */
export function activeRows(t: Template, columns: string[]): { block: ActiveBlock; row: string; name: string; key: (c: string) => string }[] {
  const out = [];
  for (const block of t.active.blocks) {
    if (!columns.every((c) => block.columns.some((x) => x.key === c))) continue;
    for (const row of block.rows) out.push({ block, row: row.key, name: row.name, key: (c: string) => `active.${row.key}.${c}` });
  }
  return out;
}

/** Label of a table 2 column in a block, without the unit note. */
export function columnLabel(block: ActiveBlock, key: string): string {
  return block.columns.find((c) => c.key === key)!.label.replace(/（单位：万元）$/, "");
}

export function activeTable(t: Template): string {
  return tableName(t.active.title);
}

/** Values of several cells when all are numbers. */
export function values(r: Report, keys: string[]): number[] | null {
  const out: number[] = [];
  for (const k of keys) {
    const v = r.cells[k];
    if (typeof v !== "number") return null;
    out.push(v);
  }
  return out;
}
