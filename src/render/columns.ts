import { type CellRole, type GridSlot, type LayoutTable, slotGrid } from "./layout.js";

/** Relative widths of a laid-out table's grid columns, shared by the DOCX and HTML writers. */

const LABELS = new Set<CellRole>(["label", "group", "corner"]);

/** Grid columns holding a cell of one of `roles` of their own (not spanning). */
export function labelColumns(t: LayoutTable, grid: GridSlot[][] = slotGrid(t), roles: Set<CellRole> = LABELS): boolean[] {
  return Array.from({ length: t.width }, (_, c) => grid.some((row) => roles.has(row[c]!.cell.role) && row[c]!.cell.colspan === 1));
}

/**
 * The official layout's widths: table 2's label column takes two fifths; table 3's group
 * columns (`三、本年度办理结果`, `（三）不予公开`) are narrow and the row-label column is the
 * widest; table 4's fifteen value columns share the width equally.
 */
export function officialWeights(t: LayoutTable, grid: GridSlot[][] = slotGrid(t)): number[] {
  if (t.id === "active") return labelColumns(t, grid).map((l) => (l ? (t.width - 1) * 0.7 : 1));
  const groups = labelColumns(t, grid, new Set(["group"]));
  const labels = labelColumns(t, grid, new Set(["label"]));
  return groups.map((g, c) => (g ? 1.4 : labels[c] ? 4.4 : 1));
}
