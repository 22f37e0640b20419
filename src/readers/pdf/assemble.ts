import type { Block } from "../../model/document.js";
import { roundBox, union, type Box } from "./geometry.js";
import { bodyMargins, isPageFurniture, paragraphs, type Para } from "./layout.js";
import type { TextLine } from "./lines.js";
import type { PageContent } from "./page.js";
import { appendPart, continues, fromGrid, toBlock, type PdfTable } from "./table.js";

type Item = { kind: "table"; table: PdfTable } | { kind: "para"; para: Para } | { kind: "block"; block: Block };

/**
 * Pages → document blocks in reading order: per page, tables and prose interleaved by their
 * position; a table that goes on at the top of the next page is joined into one table, and a
 * paragraph cut by the page break into one paragraph. Page numbers are dropped.
 */
export function assemble(pages: PageContent[], recognised: ReadonlyMap<number, Block[]> = new Map()): Block[] {
  const bodyLines = pages.flatMap((p) => p.lines.filter((l) => !isPageFurniture(l, p.box[3])));
  const margins = bodyMargins(bodyLines);
  const items: Item[] = [];
  for (const page of pages) {
    // A page read by OCR brings its blocks as they are.
    for (const block of recognised.get(page.page) ?? []) items.push({ kind: "block", block });
    const lines = page.lines.filter((l) => !isPageFurniture(l, page.box[3]));
    const tables = page.tables.map((g) => fromGrid(g, page.page));
    let pending: TextLine[] = [];
    let first = true;
    const flush = () => {
      if (pending.length === 0) return;
      const last = items[items.length - 1];
      const prev = first && last?.kind === "para" && last.para.page === page.page - 1 ? last.para : undefined;
      for (const para of paragraphs(pending, margins, page.page, prev)) items.push({ kind: "para", para });
      pending = [];
      first = false;
    };
    const pushTable = (t: PdfTable) => {
      flush();
      first = false;
      const last = items[items.length - 1];
      if (last?.kind === "table" && continues(last.table, t)) last.table = appendPart(last.table, t);
      else items.push({ kind: "table", table: t });
    };
    let ti = 0;
    for (const line of lines) {
      while (ti < tables.length && tables[ti]!.box[1] <= line.box[1]) pushTable(tables[ti++]!);
      pending.push(line);
    }
    flush();
    while (ti < tables.length) pushTable(tables[ti++]!);
  }
  return items.map(toDocBlock);
}

function toDocBlock(item: Item): Block {
  if (item.kind === "block") return item.block;
  if (item.kind === "table") return toBlock(item.table);
  const p = item.para;
  const onFirst = p.lines.filter((l) => l === p.lines[0] || l.box[1] > p.lines[0]!.box[1] - 1);
  const box = roundBox(onFirst.map((l) => l.box).reduce((a: Box, b: Box) => union(a, b)));
  const source = { page: p.page, box };
  return p.kind === "heading" ? { kind: "heading", level: p.level, text: p.text, source } : { kind: "paragraph", text: p.text, source };
}
