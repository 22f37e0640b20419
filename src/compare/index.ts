import { agencyGroups, agencyKey } from "../check.js";
import type { Report } from "../model/report.js";
import { compareCells } from "./cells.js";
import { compareIdentities } from "./identities.js";
import { DEFAULT_MAX_WORK } from "./myers.js";
import { compareSections } from "./sections.js";
import type { CompareSettings, Comparison, ReportRef } from "./types.js";

export type * from "./types.js";
export { compareTexts, type TextLimits } from "./sections.js";

/** Similarity at or above which a later year's section counts as repeating the earlier one. */
export const DEFAULT_THRESHOLD = 0.8;
/** Shorter sections (in counted words) are never flagged: one stock sentence is not a copy. */
export const DEFAULT_MIN_WORDS = 20;

/** Characters of each section compared: real sections are a few thousand. */
export const DEFAULT_MAX_CHARS = 100_000;

export type CompareOptions = Partial<CompareSettings>;

function ref(r: Report): ReportRef {
  const m = r.meta;
  return {
    title: m.title,
    agency: m.agency,
    year: m.year,
    template: m.template,
    ...(m.file !== undefined ? { file: m.file } : {}),
    ...(m.format !== undefined ? { format: m.format } : {}),
  };
}

/** Same name, or names `check` would group as one agency (`淮安市洪泽区人民政府` and `洪泽区人民政府`). */
function sameAgency(a: Report, b: Report): boolean {
  const k = agencyKey(a);
  return k !== null && (k === agencyKey(b) || agencyGroups([a, b]).some((g) => g.length === 2));
}

/**
 * Compares two reports of one agency — consecutive years, any two years, or two versions of one
 * year's report: every cell side by side, the cross-year identities when `after` is the year
 * after `before`, and each section's text word by word with a similarity figure. Neither report
 * is changed.
 */
export function compareReports(before: Report, after: Report, opts: CompareOptions = {}): Comparison {
  const settings: CompareSettings = {
    threshold: opts.threshold ?? DEFAULT_THRESHOLD,
    minWords: opts.minWords ?? DEFAULT_MIN_WORDS,
    maxWork: opts.maxWork ?? DEFAULT_MAX_WORK,
    maxChars: opts.maxChars ?? DEFAULT_MAX_CHARS,
  };
  const years = before.meta.year !== null && after.meta.year !== null ? after.meta.year - before.meta.year : null;
  const { cells, unmatched } = compareCells(before, after);
  return {
    before: ref(before),
    after: ref(after),
    years,
    sameAgency: sameAgency(before, after),
    cells,
    unmatched,
    identities: years === 1 ? compareIdentities(before, after) : [],
    sections: compareSections(before, after, settings, years !== null && years !== 0),
    settings,
  };
}
