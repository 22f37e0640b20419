import { checkReports } from "../../src/check.js";
import type { TemplateId } from "../../src/model/report.js";
import type { Report } from "../../src/model/report.js";
import { cellDefs, templateById } from "../../src/templates/index.js";
import { text } from "./messages.js";

/**
 * What went wrong reading a rendered report back, in words; empty when it held. Same meta and
 * six sections; every cell back, or null with a warning that cites it (where a format loses
 * information), never a wrong number; a zero the page leaves blank may come back blank; reading
 * raises no error but `tables-unread` when nothing came back at all; and a faithful reading of a
 * consistent report passes every statutory check.
 */
export function roundTripProblems(original: Report, got: Report, o: { template: TemplateId; blankZeros?: boolean }): string[] {
  const out: string[] = [];
  for (const k of ["year", "template", "agency"] as const) {
    if (got.meta[k] !== original.meta[k]) out.push(`meta.${k}: ${original.meta[k]} → ${got.meta[k]}`);
  }
  const secs = got.sections.map((s) => s.no).join(",");
  if (secs !== "1,2,3,4,5,6") out.push(`sections: ${secs}`);
  // What `nianbao check` shows: the reader's findings and the rules'.
  const findings = checkReports([structuredClone(got)])[0]!.findings;
  const warned = (key: string) => findings.some((f) => f.severity !== "info" && f.cells.includes(key));
  let exact = true;
  for (const d of cellDefs(templateById(o.template))) {
    const before = original.cells[d.key];
    const after = got.cells[d.key];
    if (typeof after === "number" && typeof before === "number" && Math.abs(after - before) < 1e-6) continue;
    exact = false;
    // Blank zeros come back as what the page shows: blank cells.
    if (after === null && before === 0 && o.blankZeros && d.table !== "active") continue;
    if ((after === null || after === undefined) && warned(d.key)) continue;
    out.push(`${d.key}: ${before} → ${after}${typeof after === "number" ? "（错误的数字）" : "（没有提示）"}`);
  }
  const errors = got.findings.filter((f) => f.severity === "error" && !(f.rule === "tables-unread" && Object.values(got.cells).every((v) => v === null)));
  if (errors.length) out.push(`reader errors: ${errors.map(text).join("; ")}`);
  if (exact) {
    const checked = findings.filter((f) => f.severity === "error");
    if (checked.length) out.push(`check errors: ${checked.map((f) => `${f.rule} ${text(f)}`).join("; ")}`);
  }
  return out;
}
