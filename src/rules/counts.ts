import type { Template } from "../templates/types.js";
import type { OddNumber } from "./census.js";
import type { FindingInput, RuleMeta } from "./types.js";
import { cellLabel, say, tableOfKey } from "./util.js";

/**
 * Count cells that are not non-negative integers, one finding per cell. Messages `negative`
 * and `fraction`, placeholders {table} {cell} {v}.
 */
export function countFindings(odd: OddNumber[], t: Template, meta: RuleMeta): FindingInput[] {
  return odd.map(({ key, value: v }) => ({
    ...say(meta, v < 0 ? "negative" : "fraction", { table: tableOfKey(t, key), cell: cellLabel(key, t), v }),
    cells: [key],
  }));
}
