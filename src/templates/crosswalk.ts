import { ROW_OTHER_2019, ROWS_OTHER_2021 } from "./common.js";

/**
 * Rows of one template's table that stand for rows of another's, column by column: the sum of
 * one group equals the sum of the other. Used to compare reports across a change of template.
 * Everything else across templates is matched by key: a key means the same cell in every
 * template (`docs/report-json.md`), and a key only one template has has no counterpart.
 */
export interface RowCorrespondence {
  table: "requests" | "review";
  /** The two groups of row keys; either may be the older one. */
  groups: [string[], string[]];
  /** Chinese, for people: what corresponds to what. */
  note: string;
}

export const ROW_CORRESPONDENCES: readonly RowCorrespondence[] = [
  {
    table: "requests",
    groups: [[ROW_OTHER_2019.key], ROWS_OTHER_2021.map((r) => r.key)],
    note: `2019 年版的“${ROW_OTHER_2019.name}”一行，对应 2021 年版（六）下三行（${ROWS_OTHER_2021.map((r) => r.name.replace(/^（六）/, "")).join("、")}）之和`,
  },
];
