import { isPlainCount, parseValue, type ParsedValue } from "../extract/values.js";
import type { Report } from "../model/report.js";
import { cellDefs, type CellDef, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";

/** `0`, `7`, `3119`: written as the template expects. */
const PLAIN = /^[\s\u00a0\u3000]*(?:0|[1-9]\d*)[\s\u00a0\u3000]*$/;

/** PLAIN, the common case (bare digits) answered by the extractor's own check first. */
const isPlain = (raw: string) => isPlainCount(raw) || PLAIN.test(raw);

export interface WrittenCell {
  key: string;
  def: CellDef;
  raw: string;
  parsed: ParsedValue;
}

/**
 * Cells whose text a reader took from the source, re-read with the column's kind so a rule can
 * see how the value was written (`00`, `3件`, `251000元`). Cells without reader provenance
 * (canonical JSON typed into a form, generated reports), inferred, summed or undecided cells
 * have no written form of their own and are left out, and so are plain digits (`0`, `12`).
 */
export function writtenCells(r: Report, t: Template): WrittenCell[] {
  // Several rules ask for the same report: look once (rules never change provenance).
  let byTemplate = cache.get(r.provenance);
  if (!byTemplate) cache.set(r.provenance, (byTemplate = new Map()));
  let cells = byTemplate.get(t);
  if (!cells) byTemplate.set(t, (cells = findWrittenCells(r, t)));
  return cells;
}

const cache = new WeakMap<Report["provenance"], Map<Template, WrittenCell[]>>();
const definitions = new WeakMap<Template, CellDef[]>();

/** Every cell definition of `t`, then those only other templates have (a mixed layout's rows). */
function definitionsFor(t: Template): CellDef[] {
  let defs = definitions.get(t);
  if (!defs) {
    defs = [...cellDefs(t)];
    const keys = new Set(defs.map((d) => d.key));
    for (const d of TEMPLATES.flatMap((x) => cellDefs(x))) {
      if (keys.has(d.key)) continue;
      keys.add(d.key);
      defs.push(d);
    }
    definitions.set(t, defs);
  }
  return defs;
}

function findWrittenCells(r: Report, t: Template): WrittenCell[] {
  const out: WrittenCell[] = [];
  // Walking the definitions (in reading order) is far cheaper than enumerating the keys of
  // the report's cell map, a dictionary of several hundred entries.
  for (const def of definitionsFor(t)) {
    const key = def.key;
    const p = r.provenance[key];
    if (!p || p.kind === undefined || p.inferred || p.ambiguous || p.summedFrom) continue;
    // Most cells are plain digits: nothing irregular to see, and no need to parse them again.
    if (isPlain(p.raw) || !(key in r.cells)) continue;
    out.push({ key, def, raw: p.raw, parsed: parseValue(p.raw, def.column.kind) });
  }
  return out;
}

/** The raw text as it is shown in messages: trimmed, cut when long. */
export function shownRaw(raw: string): string {
  const t = raw.replace(/\s+/g, " ").trim();
  return t.length > 16 ? `${t.slice(0, 15)}…` : t;
}
