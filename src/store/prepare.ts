import { yearReadKeys, yearSummary } from "../check.js";
import { agencyKey } from "../model/agency.js";
import { decodeReport } from "../model/report-json.js";
import type { CellProvenance, Report } from "../model/report.js";
import type { Envelope } from "../pipeline/index.js";
import { reportToJson } from "../report/json.js";
import { cellsJson, findingRow, type FindingRow } from "./rows.js";

/**
 * What the store writes of one report, worked out before the write: the codec's JSON text,
 * the cell and finding rows, and what the cross-year rules read of it. The import's worker
 * threads prepare it (import-worker.ts), so that the thread that owns the database only runs
 * prepared statements; a caller with an envelope in hand prepares it on its own thread. Plain
 * data: it crosses threads as strings and small arrays, cheaper to pass than the report itself.
 */
export interface PreparedReport {
  agencyName: string | null;
  agencyKey: string | null;
  year: number | null;
  template: string | null;
  title: string | null;
  format: string | null;
  file: string;
  /** The codec's JSON (report-json.md), as stored and as `nianbao parse` prints it. */
  json: string;
  /** Its cells' rows as one JSON text (`report_cells`, rows.ts `cellsJson`). */
  cells: string;
  /** Reading's, extraction's and the single-report rules' findings (cross-year ones come when it is written). */
  findings: FindingRow[];
  /**
   * What the cross-year rules read of it (`yearSummary`) and where those cells are in the
   * file: enough to compare it with its neighbours and to place what that finds.
   */
  years: Report;
}

/** An envelope ready to store: the envelope without its reports, and the reports as rows. */
export interface PreparedEnvelope {
  envelope: Omit<Envelope, "reports">;
  reports: PreparedReport[];
  prepared: true;
}

export function isPrepared(x: Envelope | PreparedEnvelope): x is PreparedEnvelope {
  return (x as PreparedEnvelope).prepared === true;
}

export function prepareEnvelope(env: Envelope): PreparedEnvelope {
  const { reports, ...envelope } = env;
  return { envelope, reports: reports.map((r) => prepareReport(r, env)), prepared: true };
}

function prepareReport(r: Report, env: Envelope): PreparedReport {
  return {
    agencyName: r.meta.agency,
    agencyKey: agencyKey(r.meta.agency),
    year: r.meta.year,
    template: r.meta.template,
    title: r.meta.title,
    format: r.meta.format ?? env.format,
    file: r.meta.file ?? env.file,
    json: JSON.stringify(reportToJson(r)),
    cells: cellsJson(r),
    findings: r.findings.map((f) => findingRow(f, r)),
    years: yearsView(r),
  };
}

/** `yearSummary` with the read cells' places in the file (cross-year findings cite those cells). */
export function yearsView(r: Report): Report {
  const provenance: Record<string, CellProvenance> = {};
  for (const k of yearReadKeys()) {
    const p = r.provenance[k];
    if (p) provenance[k] = p.source ? { raw: p.raw, source: p.source } : { raw: p.raw };
  }
  return { ...yearSummary(r), provenance };
}

/** The envelope with its reports again (decoded from the stored JSON: the codec is lossless). */
export function envelopeOf(p: PreparedEnvelope): Envelope {
  return { ...p.envelope, reports: p.reports.map((r) => decodeReport(JSON.parse(r.json))) };
}
