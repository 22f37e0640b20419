import type { Report } from "../model/report.js";

/**
 * The JSON `nianbao parse` / `check --format json` print (report-json.md): meta, sections,
 * cells and findings first, in that order, then what we add (provenance, extra rows).
 */
export function reportToJson(r: Report): object {
  return {
    meta: r.meta,
    sections: r.sections,
    cells: r.cells,
    findings: r.findings,
    provenance: r.provenance,
    ...(r.extraRows?.length ? { extraRows: r.extraRows } : {}),
  };
}

/** A failed input in a JSON array of several: keeps the array aligned with the inputs. */
export function errorToJson(file: string, code: string, message: string): object {
  return { meta: { file }, error: { code, message } };
}
