import type { Finding } from "./finding.js";
import type { SourcePos } from "./source.js";

export type TemplateId = "2019" | "2021";

export interface ReportMeta {
  title: string | null;
  agency: string | null;
  year: number | null;
  /** The layout the report actually uses, whatever its year. */
  template: TemplateId | null;
  /**
   * The layout of table 3 as the extractor found it: differs from `template` in a mixed report
   * (a 2021 table 2 with the old single （六） row). Rules add up table 3 by it.
   */
  requestsTemplate?: TemplateId;
  /** Publication date (`YYYY-MM-DD`) the source records, e.g. a crawled page's `发布时间`. */
  published?: string;
  /** Where the year was read: title, statistical period or body text. */
  yearFrom?: "title" | "period" | "body" | "input";
  /** Input file, as given on the command line. */
  file?: string;
  /** Reader that read it (`text`, `html`, `pdf`, …, or `json` for canonical input). */
  format?: string;
}

export interface Section {
  no: number;
  title: string;
  text: string;
  source?: SourcePos;
}

/** How a cell's value was obtained; kept for every cell so blank, 0 and "/" stay different facts. */
export interface CellProvenance {
  /** The text of the cell exactly as the source had it ("" for a blank cell). */
  raw: string;
  source?: SourcePos;
  /** The source lost this cell; the value was derived from the table identities. */
  inferred?: boolean;
  /** Several readings fitted and this cell could not be decided. */
  ambiguous?: boolean;
  /** Sum of several local rows (e.g. 行政检查 + 行政确认 under 其他对外管理服务事项). */
  summedFrom?: string[];
  /** OCR confidence when recognised from an image. */
  confidence?: number;
  /** What kind of text the value was: `number`, `blank`, `dash`, `none` (无), `text`. */
  kind?: string;
  /** The unit written in the cell, when there was one. */
  unit?: string;
}

export interface Report {
  meta: ReportMeta;
  sections: Section[];
  /** Canonical key → value; null when the cell is blank, "/" or unreadable. */
  cells: Record<string, number | null>;
  /** Canonical key → raw text and source position. */
  provenance: Record<string, CellProvenance>;
  findings: Finding[];
  /** Rows the source has that the template does not (kept, not lost). */
  extraRows?: ExtraRow[];
}

export interface ExtraRow {
  table: string;
  label: string;
  values: (number | null)[];
  raw: string[];
  source?: SourcePos;
}
