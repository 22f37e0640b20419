import type { TemplateId } from "../model/report.js";

// What `compareReports` returns: plain JSON (no classes, no Maps), so a web page can show it
// as it is. "before" is report A (usually last year's), "after" is report B.

/** Which report a side is about. */
export interface ReportRef {
  title: string | null;
  agency: string | null;
  year: number | null;
  template: TemplateId | null;
  file?: string;
  format?: string;
}

/**
 * What a cell holds: a number; `blank` — present and empty; `text` — present, not a number
 * (`/`, `无`, an unreadable cell); `absent` — the report's template has the cell but the report
 * does not (lost, or canonical JSON without it).
 */
export type CellState = "number" | "blank" | "text" | "absent";

export interface CellSide {
  state: CellState;
  value: number | null;
  /** The cell's text as the source had it; null when absent. */
  raw: string | null;
  /** Derived from the table identities, not read (see provenance). */
  inferred?: boolean;
  /** Several readings fitted; left undecided. */
  ambiguous?: boolean;
  /** For a row correspondence: the cells summed, each as it is. */
  parts?: (CellSide & { key: string })[];
}

/**
 * `same`; `changed` — both numbers, different; `kind-changed` — not both numbers and not the
 * same (blank → 0, 3 → "/", absent → 5); `only-before` / `only-after` — the other report's
 * template has no counterpart.
 */
export type CellChangeKind = "same" | "changed" | "kind-changed" | "only-before" | "only-after";

export interface CellComparison {
  /** The cell's key (for a row correspondence, the key of the single row's cell). */
  key: string;
  table: "active" | "requests" | "review";
  /** `（一）予以公开 · 自然人`, from the template data. */
  name: string;
  /** Row and column labels, for a grid. */
  row: string;
  column: string;
  /** Table 2 block caption. */
  block?: string;
  before: CellSide | null;
  after: CellSide | null;
  kind: CellChangeKind;
  /** When both are numbers: after − before, and that over |before| (null when before is 0). */
  change: { absolute: number; relative: number | null } | null;
  /** Compared through a row correspondence across templates: the keys summed on each side. */
  via?: { before: string[]; after: string[]; note: string };
}

/** Rows or columns of one report's template that the other's has no counterpart for. */
export interface Unmatched {
  /** Which report has them. */
  side: "before" | "after";
  table: "active" | "requests" | "review";
  block?: string;
  /** Whole rows without counterpart (row names). */
  rows: string[];
  /** Whole columns without counterpart (column labels), when not whole rows. */
  columns: string[];
  /** Every cell key concerned. */
  keys: string[];
}

export interface IdentityTerm {
  year: "this" | "last";
  key: string;
  label: string;
  sign: 1 | -1;
  side: CellSide;
}

/** A cross-year identity (`years-*` rules), with both sides. */
export interface IdentityComparison {
  /** The rule that checks it. */
  rule: string;
  /** The rule's Chinese title. */
  title: string;
  /** `表三“自然人”列`. */
  subject: string;
  formula: string;
  left: { value: number | null; terms: IdentityTerm[] };
  right: { value: number | null; terms: IdentityTerm[] };
  /** null when a term is not a number: the identity cannot be checked. */
  holds: boolean | null;
  /** left − right, when both are numbers. */
  difference: number | null;
}

export type DiffOpKind = "equal" | "insert" | "delete";

export interface DiffOp {
  op: DiffOpKind;
  text: string;
}

export interface SectionComparison {
  no: number;
  title: string;
  /** Raw texts; null when the report has no such section. */
  before: string | null;
  after: string | null;
  /** Words counted for similarity (boilerplate, numbers and punctuation left out). */
  words: { before: number; after: number; common: number };
  /** common / words.after, 0–1; null when the later text has no word to count. */
  similarity: number | null;
  /** The later text repeats the earlier one beyond the threshold. */
  flagged: boolean;
  /** Word-level diff of the raw texts: equal + delete gives `before`, equal + insert gives `after`. */
  diff: DiffOp[];
  /**
   * A bound was hit (a hostile, very long or very different text): the diff still gives both
   * texts back but is not the shortest, and the similarity is a lower bound.
   */
  cut: boolean;
}

export interface CompareSettings {
  /** Similarity at or above which a section of a later year is flagged as repeated. */
  threshold: number;
  /** A section with fewer counted words is never flagged. */
  minWords: number;
  /** Work bound of each word diff. */
  maxWork: number;
  /** Characters of each section compared (the rest is shown as changed, uncompared). */
  maxChars: number;
}

export interface Comparison {
  before: ReportRef;
  after: ReportRef;
  /** after.year − before.year, when both are known. */
  years: number | null;
  /** The two reports name the same agency (as `check` groups agencies). */
  sameAgency: boolean;
  cells: CellComparison[];
  unmatched: Unmatched[];
  /** Cross-year identities; only when `after` is the year after `before`. */
  identities: IdentityComparison[];
  sections: SectionComparison[];
  settings: CompareSettings;
}
