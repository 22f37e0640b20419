import type { Severity } from "../model/finding.js";
import type { TemplateId } from "../model/report.js";
import type { FigureSection } from "./figures.js";

/** What to compute statistics for. */
export interface StatsQuery {
  /** A 行政区划代码 (or its leading digits) or an agency, with everything under it; all reports when absent. */
  region?: string | null;
  /** An agency by its id, with everything under it (a web user's scope); instead of `region`. */
  agencyId?: number | null;
  /** Years, inclusive; open when absent. */
  from?: number | null;
  to?: number | null;
  /** How many agencies each ranking lists at the top and at the bottom (default 10). */
  top?: number;
}

/** One figure over a set of reports. Blank and absent cells are never 0: the reports lacking them are counted apart. */
export interface FigureValue {
  /**
   * Counts and sums: the total (null when no report had the cells). Rates: numerator ÷
   * denominator, a fraction (0.25 = 25%); null when the denominator is below the figure's
   * minimum (样本不足) or when no report had the cells.
   */
  value: number | null;
  /** Rates: the two sums the rate divides. */
  numerator?: number;
  denominator?: number;
  /** Reports counted in the figure. */
  reports: number;
  /** Reports left out because a cell the figure needs is not a number (blank, "/", 无, unreadable or absent). */
  missing: number;
  /** Reports left out because their template has no such cells. */
  notInTemplate: number;
  /** Rates: the denominator is below the minimum — shown as 样本不足, not ranked. */
  insufficient?: true;
  /** Review figures: the store has no review states (shown as 暂无, never as 0). */
  unavailable?: true;
}

/** A figure's definition as consumers need it beside the values (the full definition is in figures.ts and docs/stats.md). */
export interface FigureInfo {
  id: string;
  name: string;
  section: FigureSection;
  kind: "count" | "review" | "sum" | "rate";
  unit: string;
  /** Rates: the smallest denominator shown, and what it counts. */
  minimum?: number;
  cases?: string;
  /** Templates that have no cells for it. */
  notIn: TemplateId[];
  /** A stock (现行有效): over several years, each agency's last year, not the years added up. */
  stock?: true;
  ranked: boolean;
}

export interface RankEntry {
  /** 1-based; equal values share a rank. */
  rank: number;
  agencyId: number;
  agency: string;
  value: number;
  numerator?: number;
  denominator?: number;
  reports: number;
  missing: number;
}

export interface Ranking {
  figure: string;
  /** Agencies with a value (rates: with enough cases). */
  ranked: number;
  /** Rates: agencies with some cases but fewer than the minimum (样本不足), not ranked. */
  insufficient: number;
  /** Agencies none of whose reports had the cells. */
  noData: number;
  /** Highest first. */
  top: RankEntry[];
  /** Lowest first. */
  bottom: RankEntry[];
}

export interface Problem {
  rule: string;
  /** Chinese title of the rule or kind of finding (findingMeta), else the id. */
  title: string;
  severity: Severity;
  findings: number;
  reports: number;
}

export interface RegionStats {
  region: { query: string; roots: { id: number; name: string }[]; agencies: number } | null;
  /** The range asked for, and the years that have reports in it. */
  years: { from: number | null; to: number | null; present: number[] };
  reports: {
    /** Reports counted: one per agency and year. */
    counted: number;
    /** Agencies with a counted report. */
    agencies: number;
    /** Other reports of an agency and year already counted (the latest import is counted). */
    duplicates: number[];
    /** Reports whose year could not be read: in no figure. */
    undated: number[];
  };
  figures: FigureInfo[];
  /** Every figure over all years. */
  total: Record<string, FigureValue>;
  byYear: { year: number; figures: Record<string, FigureValue> }[];
  /** Agencies ranked on the figures marked for ranking, over all years. */
  rankings: Ranking[];
  /** Findings by rule, most first. */
  problems: Problem[];
}

/** The reports behind one figure (for drilling down from a dashboard). */
/** The counted reports behind a row of the problems list: those with findings of the rule at that severity. */
export interface RuleReports {
  rule: string;
  severity: Severity | null;
  reports: number[];
}

export interface FigureReports {
  figure: string;
  included: number[];
  missing: number[];
  notInTemplate: number[];
}
