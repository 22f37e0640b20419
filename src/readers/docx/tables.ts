import { expandSpans, type DocCell, type TableBlock } from "../../model/document.js";
import type { SourcePos } from "../../model/source.js";

/** A `w:tc` as read: its text, its width in grid columns and its merge marks. */
export interface RawCell {
  text: string;
  /** `w:gridSpan` (≥ 1). */
  span: number;
  /** `w:vMerge`: `restart` opens a vertical merge, `continue` extends the one above. */
  vMerge: "restart" | "continue" | null;
  /** Legacy `w:hMerge`: `continue` widens the cell to its left. */
  hMerge: "restart" | "continue" | null;
  source: SourcePos;
}

export interface RawRow {
  cells: RawCell[];
  /** `w:gridBefore` / `w:gridAfter`: grid columns left empty before / after the cells. */
  before: number;
  after: number;
  source: SourcePos;
}

/** Spans and skipped grid columns are clamped, as `expandSpans` clamps spans. */
export const MAX_GRID_SKIP = 200;

const empty = (source: SourcePos): DocCell => ({ text: "", rowspan: 1, colspan: 1, source });

/**
 * WordprocessingML rows → a grid table. Word marks vertical merges on every covered cell
 * (`vMerge` continue) instead of giving a rowspan; here they become rowspans on the cell that
 * opened the merge, and the covered cells' text (normally empty) is appended to it so that
 * nothing is lost. `gridBefore`/`gridAfter` become empty slots.
 */
export function buildTable(rows: RawRow[], source: SourcePos): TableBlock {
  const out: DocCell[][] = [];
  // Open vertical merges by starting grid column.
  let open = new Map<number, DocCell>();
  for (const row of rows) {
    const cells: DocCell[] = [];
    const next = new Map<number, DocCell>();
    const before = Math.min(row.before, MAX_GRID_SKIP);
    for (let i = 0; i < before; i++) cells.push(empty(row.source));
    let col = before;
    let last: DocCell | null = null;
    for (const rc of row.cells) {
      const span = Math.max(1, Math.min(rc.span, MAX_GRID_SKIP));
      const at = col;
      col += span;
      if (rc.hMerge === "continue" && last) {
        last.colspan += span;
        if (rc.text) last.text = last.text ? `${last.text}\n${rc.text}` : rc.text;
        continue;
      }
      if (rc.vMerge === "continue") {
        const owner = open.get(at);
        if (owner && owner.colspan === span) {
          owner.rowspan++;
          if (rc.text) owner.text = owner.text ? `${owner.text}\n${rc.text}` : rc.text;
          next.set(at, owner);
          last = null;
          continue;
        }
      }
      const cell: DocCell = { text: rc.text, rowspan: 1, colspan: span, source: rc.source };
      // A `continue` with nothing above to continue is shown by Word as a cell of its own.
      if (rc.vMerge) next.set(at, cell);
      cells.push(cell);
      last = cell;
    }
    const after = Math.min(row.after, MAX_GRID_SKIP);
    for (let i = 0; i < after; i++) cells.push(empty(row.source));
    open = next;
    out.push(cells);
  }
  return expandSpans(out, source);
}
