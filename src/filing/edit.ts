import type { Draft, DraftCell } from "../model/draft.js";
import { cellDef, templateById } from "../templates/index.js";
import { recompute } from "./derive.js";
import { FilingError } from "./errors.js";

export interface CellUpdate {
  key: string;
  /** What the clerk typed; surrounding spaces are dropped. */
  raw: string;
}

/**
 * The draft with cells typed in (a new draft; the given one is not changed): each becomes the
 * clerk's own, and the derived cells are recomputed. A key the draft's template does not have
 * is refused, naming it.
 */
export function setCells(d: Draft, updates: readonly CellUpdate[]): Draft {
  const t = templateById(d.template);
  const cells: Record<string, DraftCell> = { ...d.cells };
  for (const u of updates) {
    if (!cellDef(t, u.key)) throw new FilingError("unknown-cell", `${t.name.split("（")[0]}没有单元格“${u.key}”`);
    cells[u.key] = { raw: u.raw.trim(), origin: "typed" };
  }
  return { ...d, cells: recompute(d, cells) };
}

/** The draft with one part's text replaced. */
export function setSection(d: Draft, no: number, text: string): Draft {
  const t = templateById(d.template);
  if (!t.sections.some((s) => s.no === no)) throw new FilingError("unknown-section", `报告没有第 ${no} 部分（共六个部分）`);
  const sections = t.sections.map((s) => ({ no: s.no, text: s.no === no ? text : (d.sections.find((x) => x.no === s.no)?.text ?? "") }));
  return { ...d, sections };
}
