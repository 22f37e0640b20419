import { isPlainCount, parseValue, type ParsedValue } from "../extract/values.js";
import type { Report } from "../model/report.js";
import { anyCellDef, cellDefs, type CellDef, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import type { RuleContext } from "./types.js";
import { reportTables, type TableKeys } from "./util.js";

/**
 * What the rules about single cells see, gathered in one walk over a report's cells (as ESLint
 * rules share one scope analysis): blank, missing, negative or fractional cells and cells written
 * in an irregular form. Each of those rules walking the cells itself cost more than the walk.
 */
export interface CellCensus {
  /** The three statutory tables, in reading order (as `reportTables`). */
  tables: TableCensus[];
  /** Cells written in a form of their own, in reading order (see `WrittenCell`). */
  written: WrittenCell[];
}

export interface TableCensus extends TableKeys {
  /** Keys the report does not have. */
  missing: string[];
  /** Cells with no number (blank, `/`, words), except those read with doubt (`ambiguous`). */
  blank: string[];
  /** Numbers below zero or not whole. */
  odd: OddNumber[];
}

export interface OddNumber {
  key: string;
  def: CellDef;
  value: number;
}

/**
 * A cell whose text a reader took from the source, re-read with the column's kind so a rule can
 * see how the value was written (`00`, `3件`, `251000元`). Cells without reader provenance
 * (canonical JSON typed into a form, generated reports), inferred, summed or undecided cells
 * have no written form of their own and are left out, and so are plain digits (`0`, `12`) and
 * empty cells.
 */
export interface WrittenCell {
  key: string;
  def: CellDef;
  raw: string;
  parsed: ParsedValue;
}

/** The census of the report a rule context was made for: taken once, shared by the rules. */
export function cellCensus(r: Report, ctx: RuleContext): CellCensus {
  // Keyed by the context, which `checkReport` makes for one run over one report.
  let c = censuses.get(ctx);
  if (!c) censuses.set(ctx, (c = takeCensus(r, walkOf(ctx.template, ctx.requestsLayout))));
  return c;
}

const censuses = new WeakMap<RuleContext, CellCensus>();

/** One table of the census. */
export function tableCensus(r: Report, ctx: RuleContext, id: TableKeys["id"]): TableCensus {
  return cellCensus(r, ctx).tables.find((t) => t.id === id)!;
}

/**
 * The cells to walk, laid out once per template and table 3 layout: the keys of the three tables
 * in reading order, then the cells only other templates have (a mixed report's rows may carry
 * written forms too).
 */
interface Walk {
  tables: TableKeys[];
  defs: CellDef[];
  /** Index of the table each cell belongs to, or -1. */
  table: Int8Array;
}

const walks = new WeakMap<Template, WeakMap<Template, Walk>>();

function walkOf(t: Template, layout: Template): Walk {
  let byLayout = walks.get(t);
  if (!byLayout) walks.set(t, (byLayout = new WeakMap()));
  let w = byLayout.get(layout);
  if (!w) byLayout.set(layout, (w = makeWalk(t, layout)));
  return w;
}

function makeWalk(t: Template, layout: Template): Walk {
  const tables = reportTables(t, layout);
  const defs: CellDef[] = [];
  const table: number[] = [];
  const seen = new Set<string>();
  tables.forEach((tk, i) => {
    for (const key of tk.keys) {
      seen.add(key);
      defs.push(anyCellDef(key, tk.id === "requests" ? layout : t)!);
      table.push(i);
    }
  });
  for (const d of [t, ...TEMPLATES].flatMap((x) => cellDefs(x))) {
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    defs.push(d);
    table.push(-1);
  }
  return { tables, defs, table: Int8Array.from(table) };
}

/** `0`, `7`, `3119`, also with spaces around: written as the template expects. */
const PLAIN = /^[\s\u00a0\u3000]*(?:0|[1-9]\d*)[\s\u00a0\u3000]*$/;

function takeCensus(r: Report, w: Walk): CellCensus {
  const tables: TableCensus[] = w.tables.map((t) => ({ ...t, missing: [], blank: [], odd: [] }));
  const written: WrittenCell[] = [];
  const { cells, provenance } = r;
  for (let i = 0; i < w.defs.length; i++) {
    const def = w.defs[i]!;
    const key = def.key;
    const v = cells[key];
    const p = provenance[key];
    const ti = w.table[i]!;
    if (ti >= 0) {
      const t = tables[ti]!;
      if (v === undefined) {
        if (!(key in cells)) t.missing.push(key);
      } else if (v === null) {
        if (!p?.ambiguous) t.blank.push(key);
      } else if (v < 0 || !Number.isInteger(v)) t.odd.push({ key, def, value: v });
    }
    // Most cells are plain digits or empty: nothing written to see, no need to parse them again.
    if (!p || p.raw === "" || isPlainCount(p.raw) || PLAIN.test(p.raw)) continue;
    if (p.kind === undefined || p.inferred || p.ambiguous || p.summedFrom || !(key in cells)) continue;
    written.push({ key, def, raw: p.raw, parsed: parseValue(p.raw, def.column.kind) });
  }
  return { tables, written };
}
