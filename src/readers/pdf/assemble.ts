import type { Block } from "../../model/document.js";
import { alignedTables, type StreamLine } from "./align.js";
import { roundBox, union, type Box } from "../geometry.js";
import { bodyMargins, isPageFurniture, paragraphs, runningLines, type Para } from "./layout.js";
import type { TextLine } from "./lines.js";
import type { PageContent } from "./page.js";
import { appendPart, continues, fromGrid, toBlock, type PdfTable } from "./table.js";

type Element = { kind: "line"; line: TextLine; page: number } | { kind: "table"; table: PdfTable } | { kind: "block"; block: Block };
type Item = { kind: "table"; table: PdfTable } | { kind: "para"; para: Para } | { kind: "block"; block: Block };

/**
 * Pages → document blocks in reading order. Per page, ruled tables and lines are interleaved
 * by position (page numbers and running heads dropped); stretches of lines — over page breaks too — are searched
 * for tables aligned without ruling; a table that goes on at the top of the next page becomes
 * one table; the remaining lines become paragraphs, joined across page breaks.
 */
export function assemble(pages: PageContent[], recognised: ReadonlyMap<number, Block[]> = new Map()): Block[] {
  const running = runningLines(pages);
  const body = (p: PageContent) => p.lines.filter((l) => !isPageFurniture(l, p.box[3]) && !running.has(l));
  const margins = bodyMargins(pages.flatMap(body));
  const elements = withAlignedTables(readingOrder(pages, recognised, body));
  const items: Item[] = [];
  let pending: TextLine[] = [];
  const flush = () => {
    for (const para of paragraphs(pending, margins)) items.push({ kind: "para", para });
    pending = [];
  };
  for (const el of elements) {
    if (el.kind === "line") {
      pending.push(el.line);
      continue;
    }
    flush();
    const last = items[items.length - 1];
    if (el.kind === "table" && last?.kind === "table" && continues(last.table, el.table)) last.table = appendPart(last.table, el.table);
    else items.push(el);
  }
  flush();
  return items.map(toDocBlock);
}

function readingOrder(pages: PageContent[], recognised: ReadonlyMap<number, Block[]>, body: (p: PageContent) => TextLine[]): Element[] {
  const out: Element[] = [];
  for (const page of pages) {
    // A page read by OCR brings its blocks as they are.
    for (const block of recognised.get(page.page) ?? []) out.push({ kind: "block", block });
    const lines = body(page);
    const tables = page.tables.map((g) => fromGrid(g, page.page));
    // A sidebar beside the article comes whole before the article's lines beside it.
    const aside = lines.filter((l) => l.aside);
    const asideFrom = aside.length ? aside[0]!.box[1] : Infinity;
    const flushAside = () => {
      for (const line of aside.splice(0)) out.push({ kind: "line", line, page: page.page });
    };
    let ti = 0;
    for (const line of lines) {
      if (line.aside) continue;
      const before = (y: number) => {
        while (ti < tables.length && tables[ti]!.box[1] <= y) out.push({ kind: "table", table: tables[ti++]! });
      };
      before(Math.min(line.box[1], asideFrom));
      if (line.box[1] >= asideFrom - 1) flushAside();
      before(line.box[1]);
      out.push({ kind: "line", line, page: page.page });
    }
    flushAside();
    while (ti < tables.length) out.push({ kind: "table", table: tables[ti++]! });
  }
  return out;
}

/** Each run of consecutive lines (pages stacked end to start) searched for aligned tables. */
function withAlignedTables(elements: Element[]): Element[] {
  const out: Element[] = [];
  let k = 0;
  while (k < elements.length) {
    const el = elements[k]!;
    if (el.kind !== "line") {
      out.push(el);
      k++;
      continue;
    }
    const run: StreamLine[] = [];
    let offset = 0;
    for (; k < elements.length && elements[k]!.kind === "line"; k++) {
      const cur = elements[k] as Extract<Element, { kind: "line" }>;
      const prev = run[run.length - 1];
      if (prev && prev.page !== cur.page) offset = prev.line.box[3] + prev.offset + prev.line.size * 0.5 - cur.line.box[1];
      run.push({ line: cur.line, page: cur.page, offset });
    }
    const { tables, used } = alignedTables(run);
    for (const s of run) {
      const table = tables.get(s.line);
      if (table) out.push({ kind: "table", table });
      else if (!used.has(s.line)) out.push({ kind: "line", line: s.line, page: s.page });
    }
  }
  return out;
}

function toDocBlock(item: Item): Block {
  if (item.kind === "block") return item.block;
  if (item.kind === "table") return toBlock(item.table);
  const p = item.para;
  const onFirst = p.lines.filter((l) => (l.page ?? p.page) === p.page);
  const box = roundBox(onFirst.map((l) => l.box).reduce((a: Box, b: Box) => union(a, b)));
  const source = { page: p.page, box };
  return p.kind === "heading" ? { kind: "heading", level: p.level, text: p.text, source } : { kind: "paragraph", text: p.text, source };
}
