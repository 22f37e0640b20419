import { randomReport } from "../../src/generate/random-report.js";
import type { Report, TemplateId } from "../../src/model/report.js";

/** A consistent generated report of an agency and year, with some cells set by hand. */
export function lastYear(template: TemplateId, year: number, agency: string, set: Record<string, number | null> = {}, seed = 11): Report {
  const r = randomReport(seed, { template, year, agency, zeroRate: 0.3 });
  const cells = { ...r.cells, ...set };
  const provenance = { ...r.provenance };
  for (const [k, v] of Object.entries(set)) provenance[k] = { raw: v === null ? "" : String(v), kind: v === null ? "blank" : "number" };
  return { ...r, cells, provenance };
}

/** Every cell of a report as the text a clerk would type. */
export function typedCells(r: Report): { key: string; raw: string }[] {
  return Object.entries(r.cells).map(([key, v]) => ({ key, raw: r.provenance[key]?.raw ?? (v === null ? "" : String(v)) }));
}
