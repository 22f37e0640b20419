import type { Draft, DraftCellOrigin } from "../model/draft.js";
import type { Finding } from "../model/finding.js";
import { layoutReport, type LayoutCell } from "../render/layout.js";
import { guidanceFor, type GuidancePoint, type SectionGuidance } from "../templates/guidance.js";
import { templateById } from "../templates/index.js";
import { draftReport } from "./report.js";

/** A cell of the form's tables: as laid out for print, and for a value cell what is in it. */
export interface FormCell extends LayoutCell {
  /** Value cells: the text as typed ("" blank). */
  raw?: string;
  origin?: DraftCellOrigin;
  /** Derived cells: how it is computed (Chinese). */
  formula?: string;
}

export interface FormSection {
  no: number;
  heading: string;
  text: string;
  guidance: SectionGuidance;
  /** Table parts (二、三、四): the table as printed, row by row, merged cells spanning. */
  table?: { id: string; width: number; rows: FormCell[][] };
}

export interface DraftForm {
  title: string;
  /** `2021 年版格式（国办公开办函〔2021〕30号，…）` */
  templateName: string;
  guidance: GuidancePoint[];
  sections: FormSection[];
}

/**
 * Everything the filing page draws: the six parts with their guidance, and the three tables
 * laid out as the statutory format prints them (src/render/layout.ts, from the template data)
 * with each value cell's typed text, where it came from, and a derived cell's formula.
 */
export function draftForm(d: Draft): DraftForm {
  const layout = layoutReport(draftReport(d));
  const guide = guidanceFor(d.template);
  const derived = new Map(d.derived.map((x) => [x.key, x.formula]));
  const annotate = (c: LayoutCell): FormCell => {
    if (c.role !== "value" || !c.key) return c;
    const cell = d.cells[c.key];
    const out: FormCell = { ...c, raw: cell?.raw ?? "", origin: cell?.origin ?? "typed" };
    const formula = derived.get(c.key);
    if (formula) out.formula = formula;
    return out;
  };
  return {
    title: d.title,
    templateName: templateById(d.template).name,
    guidance: guide.report,
    sections: layout.sections.map((s) => ({
      no: s.no,
      heading: s.heading,
      text: d.sections.find((x) => x.no === s.no)?.text ?? "",
      guidance: guide.sections.find((g) => g.no === s.no)!,
      ...(s.table ? { table: { id: s.table.id, width: s.table.width, rows: s.table.rows.map((r) => r.map(annotate)) } } : {}),
    })),
  };
}

/** Findings by the cells they name, for marking cells on the form. */
export function findingsByCell(findings: readonly Finding[]): Record<string, Finding[]> {
  const out: Record<string, Finding[]> = {};
  for (const f of findings) for (const k of f.cells) (out[k] ??= []).push(f);
  return out;
}
