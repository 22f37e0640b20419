import type { Finding } from "../model/finding.js";
import type { Report } from "../model/report.js";
import type { SourcePos } from "../model/source.js";
import type { FindingTable } from "./schema.js";

/** A finding's stable identity across re-checks: what a reviewer's decision attaches to. */
export function fingerprint(f: Pick<Finding, "rule" | "messageId" | "cells">): string {
  return `${f.rule}|${f.messageId}|${f.cells.join(",")}`;
}

/** Where to look in the file for a finding: its own place, else its first cell's. */
export function placeOf(f: Finding, r: Report): SourcePos | undefined {
  if (f.source) return f.source;
  for (const k of f.cells) {
    const s = r.provenance[k]?.source;
    if (s) return s;
  }
  return undefined;
}

/** A finding's row, but for the report it belongs to and the one it compares with. */
export type FindingRow = Omit<FindingTable, "id" | "report_id" | "previous_report_id">;

/** The columns of a finding row in the order the insert statements take them (findings.ts). */
export const FINDING_COLUMNS = ["rule", "origin", "severity", "message_id", "data", "cells", "source", "formula", "left_value", "right_value", "difference", "page", "line", "fingerprint"] as const;

export function findingRow(f: Finding, r: Report): FindingRow {
  const place = placeOf(f, r);
  return {
    rule: f.rule,
    origin: f.origin,
    severity: f.severity,
    message_id: f.messageId,
    data: JSON.stringify(f.data),
    cells: JSON.stringify(f.cells),
    source: f.source ? JSON.stringify(f.source) : null,
    formula: f.formula ?? null,
    left_value: f.left ?? null,
    right_value: f.right ?? null,
    difference: f.difference ?? null,
    page: place?.page ?? null,
    line: place?.line ?? null,
    fingerprint: fingerprint(f),
  };
}

/** A stored finding row back as a Finding (the codec's shape). */
export function findingOf(row: Pick<FindingTable, "rule" | "origin" | "severity" | "message_id" | "data" | "cells" | "source" | "formula" | "left_value" | "right_value" | "difference">): Finding {
  const f: Finding = {
    rule: row.rule,
    origin: row.origin as Finding["origin"],
    severity: row.severity as Finding["severity"],
    messageId: row.message_id,
    data: JSON.parse(row.data),
    cells: JSON.parse(row.cells),
  };
  if (row.source) f.source = JSON.parse(row.source);
  if (row.formula !== null) f.formula = row.formula;
  if (row.left_value !== null) f.left = row.left_value;
  if (row.right_value !== null) f.right = row.right_value;
  if (row.difference !== null) f.difference = row.difference;
  return f;
}

/** A cell's row but for its report: key, value, raw text, inferred (0/1), kind. */
export type CellRow = [key: string, value: number | null, raw: string, inferred: 0 | 1, kind: string | null];

/** Every cell of a report as rows, by key: the value, the raw text, whether it was inferred, and its kind. */
export function cellRows(r: Report): CellRow[] {
  const out: CellRow[] = [];
  const row = (key: string): CellRow => {
    const p = r.provenance[key];
    const v = r.cells[key];
    return [key, typeof v === "number" ? v : null, p?.raw ?? (typeof v === "number" ? String(v) : ""), p?.inferred ? 1 : 0, p?.kind ?? null];
  };
  for (const key in r.cells) out.push(row(key));
  for (const key in r.provenance) if (!(key in r.cells)) out.push(row(key));
  // In key order (as code units; keys are ASCII): the order exports list them in, as when they were a table's rows.
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A report's cell rows as stored: one JSON array (`report_cells.cells`, migration 007). */
export const cellsJson = (r: Report): string => JSON.stringify(cellRows(r));

/** The stored JSON of a report's cells back as rows. */
export const cellsOf = (json: string): CellRow[] => JSON.parse(json) as CellRow[];

/** Rows in chunks that keep a multi-row insert under both engines' parameter limits. */
export function chunks<T>(rows: T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
