import type { Insertable } from "kysely";
import type { Finding } from "../model/finding.js";
import type { Report } from "../model/report.js";
import type { SourcePos } from "../model/source.js";
import type { CellTable, FindingTable } from "./schema.js";

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

export function findingRow(reportId: number, f: Finding, r: Report, previousId: number | null = null): Insertable<FindingTable> {
  const place = placeOf(f, r);
  return {
    report_id: reportId,
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
    previous_report_id: previousId,
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

/** Every cell of a report as rows: the value, the raw text, whether it was inferred, and its kind. */
export function cellRows(reportId: number, r: Report): Insertable<CellTable>[] {
  const keys = new Set([...Object.keys(r.cells), ...Object.keys(r.provenance)]);
  const out: Insertable<CellTable>[] = [];
  for (const key of keys) {
    const p = r.provenance[key];
    const v = r.cells[key];
    out.push({ report_id: reportId, key, value: typeof v === "number" ? v : null, raw: p?.raw ?? (typeof v === "number" ? String(v) : ""), inferred: p?.inferred ? 1 : 0, kind: p?.kind ?? null });
  }
  return out;
}

/** Rows in chunks that keep a multi-row insert under both engines' parameter limits. */
export function chunks<T>(rows: T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
