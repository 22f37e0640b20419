import { parseValue } from "../extract/values.js";
import type { Draft, DraftPrevious } from "../model/draft.js";
import type { CellProvenance, Report } from "../model/report.js";
import { cellDefs, templateById } from "../templates/index.js";

/**
 * The draft as a canonical report: every cell of its template, each read from what was typed
 * exactly as a reader reads a table cell (`parseValue`: blank, "/", "无", 0 and "3件" stay
 * apart), and the six parts under their statutory titles. What the rules check, the
 * renderers print and the store keeps.
 */
export function draftReport(d: Draft): Report {
  const t = templateById(d.template);
  const cells: Report["cells"] = {};
  const provenance: Report["provenance"] = {};
  for (const def of cellDefs(t)) {
    const raw = d.cells[def.key]?.raw ?? "";
    const v = parseValue(raw, def.column.kind);
    cells[def.key] = v.value;
    const p: CellProvenance = { raw, kind: v.form };
    if (v.unit) p.unit = v.unit;
    provenance[def.key] = p;
  }
  return {
    meta: { title: d.title, agency: d.agency, year: d.year, template: d.template, yearFrom: "input", format: "filing" },
    sections: t.sections.map((s) => ({ no: s.no, title: s.title, text: d.sections.find((x) => x.no === s.no)?.text ?? "" })),
    cells,
    provenance,
    findings: [],
  };
}

/** Last year's summary as the report the cross-year rules compare with. */
export function previousReport(p: DraftPrevious): Report {
  return {
    meta: { title: null, agency: p.agency, year: p.year, template: p.template, ...(p.requestsTemplate ? { requestsTemplate: p.requestsTemplate } : {}) },
    sections: [],
    cells: { ...p.cells },
    provenance: {},
    findings: [],
  };
}

/** The standard title: `某某县人民政府2025年政府信息公开工作年度报告`. */
export function draftTitle(agency: string, year: number): string {
  return `${agency}${year}年政府信息公开工作年度报告`;
}
