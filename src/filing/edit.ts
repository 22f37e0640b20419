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

/**
 * The draft with tables 3 and 4 counted from the agency's register (after a register was
 * imported for it): those cells become the register's (origin `register`), the rest stay as
 * typed, and the pre-fill notes say where the tables came from.
 */
export function applyRegister(d: Draft, register: { cells: Record<string, number>; applications: number }): Draft {
  const t = templateById(d.template);
  const cells: Record<string, DraftCell> = { ...d.cells };
  for (const [key, v] of Object.entries(register.cells)) if (cellDef(t, key)) cells[key] = { raw: String(v), origin: "register" };
  const prefill = [
    ...d.prefill.filter((n) => n.kind !== "register"),
    { kind: "register" as const, text: `表三、表四由依申请公开登记台账计算（台账中 ${register.applications} 条登记）` },
  ];
  return { ...d, cells: recompute(d, cells), register: { applications: register.applications }, prefill };
}
