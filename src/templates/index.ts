import type { TemplateId } from "../model/report.js";
import { F2019 } from "./f2019.js";
import { F2021 } from "./f2021.js";
import type { ColumnDef, MatrixTable, RowDef, Template } from "./types.js";

export type * from "./types.js";
export { F2019, F2021 };

/** Every template, oldest first. A new statutory format is one more entry here. */
export const TEMPLATES: readonly Template[] = [F2019, F2021];

export function templateById(id: TemplateId): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown template ${id}`);
  return t;
}

/** The template a report on `year` must use. */
export function templateForYear(year: number): Template {
  const fits = TEMPLATES.filter((t) => year >= t.years.from && (t.years.to === null || year <= t.years.to));
  return fits[fits.length - 1] ?? (year < TEMPLATES[0]!.years.from ? TEMPLATES[0]! : TEMPLATES[TEMPLATES.length - 1]!);
}

export interface CellDef {
  key: string;
  table: "active" | "requests" | "review";
  row: RowDef;
  column: ColumnDef;
  /** Table 2 block caption, e.g. `第二十条第（一）项`. */
  block?: string;
}

const cellCache = new WeakMap<Template, CellDef[]>();

/** Every canonical cell of a template, in reading order. */
export function cellDefs(t: Template): CellDef[] {
  let defs = cellCache.get(t);
  if (defs) return defs;
  defs = [];
  for (const b of t.active.blocks) {
    for (const row of b.rows) {
      for (const column of b.columns) {
        defs.push({ key: `active.${row.key}.${column.key}`, table: "active", row, column, block: b.caption });
      }
    }
  }
  for (const m of [t.requests, t.review]) {
    for (const row of m.rows) for (const column of m.columns) defs.push({ key: matrixKey(m, row.key, column.key), table: m.id, row, column });
  }
  cellCache.set(t, defs);
  return defs;
}

export function matrixKey(m: MatrixTable, row: string, column: string): string {
  return `${m.id}.${row}.${column}`;
}

const byKeyCache = new WeakMap<Template, Map<string, CellDef>>();

export function cellDef(t: Template, key: string): CellDef | undefined {
  let m = byKeyCache.get(t);
  if (!m) {
    m = new Map(cellDefs(t).map((d) => [d.key, d]));
    byKeyCache.set(t, m);
  }
  return m.get(key);
}

/** Cell definition from any template (used for mixed layouts and canonical JSON input). */
export function anyCellDef(key: string, prefer?: Template): CellDef | undefined {
  if (prefer) {
    const d = cellDef(prefer, key);
    if (d) return d;
  }
  for (const t of TEMPLATES) {
    const d = cellDef(t, key);
    if (d) return d;
  }
  return undefined;
}

/** `（一）予以公开 · 自然人`, `行政复议 · 总计`, `规章 · 本年制发件数` — for messages. */
export function cellName(key: string, prefer?: Template): string {
  const d = anyCellDef(key, prefer);
  if (!d) return key;
  return `${d.row.name} · ${d.column.label.replace(/（单位：万元）$/, "")}`;
}
