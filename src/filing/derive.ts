import { parseValue } from "../extract/values.js";
import type { DerivedCell, Draft, DraftCell } from "../model/draft.js";
import { cellDef, templateById } from "../templates/index.js";

/** A number as a clerk would type it: no float noise, no exponent. */
export function numberRaw(v: number): string {
  return String(Math.round(v * 1e6) / 1e6);
}

/**
 * The value of a derived cell from the cells as they are: last year's side plus this year's
 * terms; blank while a term is not a number (an unknown is never a silent 0).
 */
export function derivedRaw(x: DerivedCell, cells: Record<string, DraftCell>, template: Draft["template"]): string {
  const t = templateById(template);
  let sum = x.base;
  for (const term of x.terms) {
    const kind = cellDef(t, term.key)?.column.kind ?? "count";
    const v = parseValue(cells[term.key]?.raw ?? "", kind).value;
    if (v === null) return "";
    sum += term.sign * v;
  }
  return numberRaw(sum);
}

/**
 * The cells with every derived cell recomputed — except one the clerk typed a value into,
 * which stays theirs (typing it empty hands it back to the formula).
 */
export function recompute(d: Draft, cells: Record<string, DraftCell>): Record<string, DraftCell> {
  if (d.derived.length === 0) return cells;
  const out = { ...cells };
  for (const x of d.derived) {
    const now = out[x.key];
    if (now && now.origin === "typed" && now.raw !== "") continue;
    out[x.key] = { raw: derivedRaw(x, out, d.template), origin: "derived" };
  }
  return out;
}
