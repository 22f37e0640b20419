import type { Report } from "../model/report.js";
import type { Template } from "../templates/types.js";
import type { FindingInput, RuleMeta } from "./types.js";
import { cellLabel, say, tableOfKey } from "./util.js";

/**
 * Count cells that are not non-negative integers, one finding per cell. Messages `negative`
 * and `fraction`, placeholders {table} {cell} {v}.
 */
export function countFindings(r: Report, keys: string[], t: Template, meta: RuleMeta): FindingInput[] {
  const out: FindingInput[] = [];
  for (const key of keys) {
    const v = r.cells[key];
    if (typeof v !== "number") continue;
    const id = v < 0 ? "negative" : Number.isInteger(v) ? null : "fraction";
    if (!id) continue;
    out.push({ message: say(meta, id, { table: tableOfKey(t, key), cell: cellLabel(key, t), v }), cells: [key] });
  }
  return out;
}
