import type { Generated } from "kysely";

/**
 * Drafts of annual reports being filled in (migration 004-filing): one per agency and year,
 * its cells and parts in tables of their own, and every saved version.
 */
export interface FilingTables {
  filing_drafts: FilingDraftTable;
  filing_draft_cells: FilingDraftCellTable;
  filing_draft_sections: FilingDraftSectionTable;
  filing_draft_versions: FilingDraftVersionTable;
}

export interface FilingDraftTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  template: string;
  title: string;
  /** `draft` while being filled in; `submitted` once in the corpus (saving again reopens it). */
  status: "draft" | "submitted";
  /** 1 when created, one more on every save: a save names the version it edited. */
  version: number;
  /** JSON: derived cells, last year's summary, the register's size, the pre-fill notes. */
  body: string;
  saved_by: string;
  saved_at: string;
  created_at: string;
  /** The corpus report of the last submission. */
  report_id: number | null;
  submitted_by: string | null;
  submitted_at: string | null;
}

export interface FilingDraftCellTable {
  draft_id: number;
  key: string;
  raw: string;
  /** `typed`, `last-year`, `derived`, `register`. */
  origin: string;
}

export interface FilingDraftSectionTable {
  draft_id: number;
  no: number;
  text: string;
}

/** Every saved version, whole (the draft's JSON), for history and undo. */
export interface FilingDraftVersionTable {
  draft_id: number;
  version: number;
  status: string;
  saved_by: string;
  saved_at: string;
  json: string;
}
