import type { Report } from "../model/report.js";
import { requestsTemplate } from "../rules/util.js";
import { ROW_CORRESPONDENCES, type RowCorrespondence } from "../templates/crosswalk.js";
import { anyCellDef, cellDefs, cellName, templateById, type CellDef } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { cleanSpaces } from "../text/normalize.js";
import type { CellChangeKind, CellComparison, CellSide, Unmatched } from "./types.js";

type TableId = CellDef["table"];
const TABLES: TableId[] = ["active", "requests", "review"];

/**
 * The cells a report's layout has, in reading order: table 2 and 4 of its template, table 3 as
 * the report has it (a mixed report keeps the single （六） row), and any other known key it
 * carries (canonical JSON may mix).
 */
function layoutOf(r: Report): { defs: Map<string, CellDef>; template: Template | undefined } {
  const defs = new Map<string, CellDef>();
  const template = r.meta.template ? templateById(r.meta.template) : undefined;
  if (template) {
    const requests = requestsTemplate(r, template);
    for (const d of cellDefs(template)) if (d.table !== "requests") defs.set(d.key, d);
    for (const d of cellDefs(requests)) if (d.table === "requests") defs.set(d.key, d);
  }
  for (const key of Object.keys(r.cells)) {
    const d = defs.has(key) ? undefined : anyCellDef(key, template);
    if (d) defs.set(key, d);
  }
  return { defs, template };
}

/** What one report has in one cell: blank, 0, "/" and absent stay different. */
export function cellSide(r: Report, key: string): CellSide {
  if (!(key in r.cells)) return { state: "absent", value: null, raw: null };
  const v = r.cells[key];
  const p = r.provenance[key];
  const flags = { ...(p?.inferred ? { inferred: true } : {}), ...(p?.ambiguous ? { ambiguous: true } : {}) };
  if (typeof v === "number") return { state: "number", value: v, raw: p?.raw ?? String(v), ...flags };
  const raw = p?.raw ?? "";
  return { state: cleanSpaces(raw) === "" ? "blank" : "text", value: null, raw, ...flags };
}

/** Several cells added up (a row correspondence): a number only when every part is one. */
function sumSide(r: Report, keys: string[]): CellSide {
  const parts = keys.map((key) => ({ key, ...cellSide(r, key) }));
  const raw = parts.map((p) => p.raw ?? "").join(" + ");
  if (parts.every((p) => p.state === "number")) return { state: "number", value: round(parts.reduce((s, p) => s + p.value!, 0)), raw, parts };
  if (parts.every((p) => p.state === "absent")) return { state: "absent", value: null, raw: null, parts };
  const state = parts.find((p) => p.state === "blank" || p.state === "text")!.state;
  return { state, value: null, raw, parts };
}

function kindOf(a: CellSide, b: CellSide): CellChangeKind {
  if (a.state === "number" && b.state === "number") return Math.abs(a.value! - b.value!) < 1e-9 ? "same" : "changed";
  if (a.state !== b.state) return "kind-changed";
  if (a.state === "text" && cleanSpaces(a.raw ?? "") !== cleanSpaces(b.raw ?? "")) return "kind-changed";
  return "same";
}

function changeOf(a: CellSide | null, b: CellSide | null): CellComparison["change"] {
  if (a?.state !== "number" || b?.state !== "number") return null;
  const absolute = round(b.value! - a.value!);
  return { absolute, relative: a.value === 0 ? null : round(absolute / Math.abs(a.value!)) };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** A row correspondence that applies to this pair: which rows of each report stand for each other. */
interface Mapping {
  c: RowCorrespondence;
  before: string[];
  after: string[];
}

function hasRow(defs: Map<string, CellDef>, table: string, row: string): boolean {
  for (const d of defs.values()) if (d.table === table && d.row.key === row) return true;
  return false;
}

/** Correspondences whose one group only `before` has and whose other group only `after` has. */
function mappingsFor(a: Map<string, CellDef>, b: Map<string, CellDef>): Mapping[] {
  const out: Mapping[] = [];
  for (const c of ROW_CORRESPONDENCES) {
    for (const [x, y] of [c.groups, [c.groups[1], c.groups[0]] as [string[], string[]]]) {
      const has = (defs: Map<string, CellDef>, rows: string[]) => rows.every((row) => hasRow(defs, c.table, row));
      const lacks = (defs: Map<string, CellDef>, rows: string[]) => rows.every((row) => !hasRow(defs, c.table, row));
      if (has(a, x) && lacks(a, y) && has(b, y) && lacks(b, x)) out.push({ c, before: x, after: y });
    }
  }
  return out;
}

export interface CellsResult {
  cells: CellComparison[];
  unmatched: Unmatched[];
}

/**
 * Every cell of either report, side by side. Cells match by key; rows of a correspondence
 * (src/templates/crosswalk.ts) match as sums; what is left has no counterpart and is also
 * summed up by row and column in `unmatched`.
 */
export function compareCells(before: Report, after: Report): CellsResult {
  const A = layoutOf(before);
  const B = layoutOf(after);
  const mappings = mappingsFor(A.defs, B.defs);
  const covered = (m: Mapping, d: CellDef, side: "before" | "after") => d.table === m.c.table && m[side].includes(d.row.key);
  const cells: CellComparison[] = [];
  const emitted = new Set<string>();
  const onlyBefore: CellDef[] = [];
  const onlyAfter: CellDef[] = [];

  const base = (d: CellDef, t: Template | undefined) => ({
    key: d.key,
    table: d.table,
    name: cellName(d.key, t),
    row: d.row.name,
    column: d.column.label,
    ...(d.block ? { block: d.block } : {}),
  });

  for (const table of TABLES) {
    for (const d of B.defs.values()) {
      if (d.table !== table) continue;
      if (A.defs.has(d.key)) {
        const a = cellSide(before, d.key);
        const b = cellSide(after, d.key);
        cells.push({ ...base(d, B.template), before: a, after: b, kind: kindOf(a, b), change: changeOf(a, b) });
        continue;
      }
      const m = mappings.find((x) => covered(x, d, "after"));
      if (!m) {
        onlyAfter.push(d);
        cells.push({ ...base(d, B.template), before: null, after: cellSide(after, d.key), kind: "only-after", change: null });
        continue;
      }
      const id = `${m.c.table}:${d.column.key}:${m.before.join("+")}`;
      if (emitted.has(id)) continue;
      emitted.add(id);
      const keysA = m.before.map((row) => `${d.table}.${row}.${d.column.key}`);
      const keysB = m.after.map((row) => `${d.table}.${row}.${d.column.key}`);
      const a = sumSide(before, keysA);
      const b = sumSide(after, keysB);
      // Named after the single row (（六）其他处理) when the later report has it, else after the earlier report's rows.
      const named = keysB.length === 1 && keysA.length > 1 ? base(d, B.template) : base(A.defs.get(keysA[0]!)!, A.template);
      cells.push({
        ...named,
        before: a,
        after: b,
        kind: kindOf(a, b),
        change: changeOf(a, b),
        via: { before: keysA, after: keysB, note: m.c.note },
      });
    }
    for (const d of A.defs.values()) {
      if (d.table !== table || B.defs.has(d.key) || mappings.some((m) => covered(m, d, "before"))) continue;
      onlyBefore.push(d);
      cells.push({ ...base(d, A.template), before: cellSide(before, d.key), after: null, kind: "only-before", change: null });
    }
  }
  return { cells, unmatched: [...unmatched("before", onlyBefore, B.defs), ...unmatched("after", onlyAfter, A.defs)] };
}

/**
 * Cells without counterpart, grouped by table and table 2 block, and said as whole rows or
 * whole columns where they are (the other report's layout lacks the row, or the column).
 */
function unmatched(side: "before" | "after", defs: CellDef[], other: Map<string, CellDef>): Unmatched[] {
  const groups = new Map<string, CellDef[]>();
  for (const d of defs) {
    const g = `${d.table}|${d.block ?? ""}`;
    groups.set(g, [...(groups.get(g) ?? []), d]);
  }
  const out: Unmatched[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const peers = [...other.values()].filter((o) => o.table === first.table && (o.block ?? "") === (first.block ?? ""));
    const otherRows = new Set(peers.map((o) => o.row.key));
    const otherColumns = new Set(peers.map((o) => o.column.key));
    const rows = unique(list.filter((d) => !otherRows.has(d.row.key)).map((d) => d.row.name));
    const columns = unique(list.filter((d) => otherRows.has(d.row.key) && !otherColumns.has(d.column.key)).map((d) => d.column.label));
    out.push({ side, table: first.table, ...(first.block ? { block: first.block } : {}), rows, columns, keys: list.map((d) => d.key) });
  }
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
