import type { TemplateId } from "./report.js";

/**
 * An agency's annual report while its clerk fills it in (the filing form): the six parts'
 * text and every table cell as typed. Plain data, the same in the browser, the store and the
 * CLI; src/filing turns it into a canonical Report for the rules and the renderers.
 */
export interface Draft {
  agency: string;
  year: number;
  template: TemplateId;
  title: string;
  /** The six parts' text, by number (table parts may have a sentence before their table). */
  sections: DraftSection[];
  /** Cell key → what is in the cell. A cell not here is blank. */
  cells: Record<string, DraftCell>;
  /** Cells computed from this year's cells and last year's report, recomputed as the clerk types. */
  derived: DerivedCell[];
  /** What the cross-year rules need of last year's report (its summary), when the store had one. */
  previous: DraftPrevious | null;
  /** Tables 3 and 4 were counted from the agency's register: how many applications it had. */
  register: { applications: number } | null;
  /** What was pre-filled from where, and what could not be (Chinese, for the clerk). */
  prefill: PrefillNote[];
}

export interface DraftSection {
  no: number;
  text: string;
}

/** Where a cell's content came from. Typing over a cell makes it `typed`. */
export type DraftCellOrigin = "typed" | "last-year" | "derived" | "register";

export interface DraftCell {
  /** The text as typed: "" is blank, and blank, 0 and "/" stay different facts. */
  raw: string;
  origin: DraftCellOrigin;
}

/**
 * A cell that a cross-year identity makes from last year's value and this year's cells
 * (`现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数`).
 */
export interface DerivedCell {
  key: string;
  /** The cross-year rule the identity belongs to (`years-in-force`). */
  rule: string;
  /** Last year's side of the identity, summed when the draft was made. */
  base: number;
  /** This year's cells added to it. */
  terms: { key: string; sign: 1 | -1; label: string }[];
  /** Chinese, with last year's value in it. */
  formula: string;
}

export interface DraftPrevious {
  /** The report in the store it was taken from. */
  reportId: number | null;
  year: number;
  template: TemplateId;
  requestsTemplate?: TemplateId;
  agency: string | null;
  /** The cells the cross-year rules read (check.ts `yearSummary`). */
  cells: Record<string, number | null>;
}

export interface PrefillNote {
  /** The cell it is about, when one. */
  key?: string;
  /** `filled`: copied from last year; `derived`: computed as the clerk types; `register`: counted from the register; `not-carried`: could not be; `info`. */
  kind: "filled" | "derived" | "register" | "not-carried" | "info";
  text: string;
}
