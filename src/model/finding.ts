import type { SourcePos } from "./source.js";

export type Severity = "error" | "warning" | "info";

/**
 * A problem found in a report (as a vfile message): it carries the rule that raised it,
 * the cells it is about and, through them, where in the source to look.
 */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Chinese, complete on its own: names the row and column and gives both sides. */
  message: string;
  /** Every canonical cell key the finding is about. */
  cells: string[];
  /** Where in the source file, when the finding points at one place. */
  source?: SourcePos;
  /** For arithmetic rules: the formula and its two sides. */
  formula?: string;
  left?: number;
  right?: number;
  difference?: number;
}
