import { countBits, SECTION_MARKS, TABLE_MARK } from "./markers.js";
import { K_CELL, K_LINE, K_TABLE, K_TABLE_PART, K_TR, type Page, type TitleLine } from "./page.js";

/**
 * Finding the article on a government page. Every element has its amount of visible,
 * non-link text ("mass") and the report markers it holds (section titles, statutory table
 * labels), from the walk (page.ts). From `<body>` we walk down into the child that holds every
 * marker (or, on a page without markers, most of the text) until no single child does. Known
 * containers such as `#zoom` or `.TRS_Editor` are found this way without naming them; their
 * names are a hint only on a page without markers, where a wordy sidebar could outweigh them.
 */

/**
 * A table used to lay out a page rather than to hold data: one of its cells holds two
 * section titles, a section title and a table, a whole article's worth of text, or it is a
 * one-column frame around other tables. Its cells are read as page content.
 */
export function isLayoutTable(page: Page, table: number): boolean {
  // Asked while finding the article and again while reading it: judged once.
  let v = page.layout[table]!;
  if (v === 0) page.layout[table] = v = judgeLayout(page, table) ? 1 : 2;
  return v === 1;
}

function judgeLayout(page: Page, table: number): boolean {
  const { end, kind, marks, mass, tables } = page;
  let maxCells = 0;
  let nestedTables = false;
  for (let row = table + 1; row <= end[table]!; row = end[row]! + 1) {
    if (!(kind[row]! & K_TR)) continue;
    let cells = 0;
    for (let cell = row + 1; cell <= end[row]!; cell = end[cell]! + 1) {
      if (!(kind[cell]! & K_CELL)) continue;
      cells++;
      const sections = countBits(marks[cell]! & SECTION_MARKS);
      if (sections >= 2 || (sections >= 1 && tables[cell]! > 0) || mass[cell]! > 2000) return true;
      if (tables[cell]! > 0) nestedTables = true;
    }
    maxCells = Math.max(maxCells, cells);
  }
  return maxCells <= 1 && nestedTables;
}

export interface Article {
  /** The element that holds the report. */
  root: number;
  /** The report title, when the page shows it above the article rather than inside. */
  title?: TitleLine;
}

/** Walks down from `<body>` (element 0) to the element that holds the report. */
export function findArticle(page: Page): Article {
  const { mass, marks } = page;
  let node = 0;
  if ((marks[0]! & (SECTION_MARKS | TABLE_MARK)) === 0) {
    // No report markers: a known container holding a fair share of the text is the article.
    let best = -1;
    for (const el of page.known) {
      if (mass[el]! >= 0.3 * mass[0]! && (best < 0 || mass[el]! > mass[best]!)) best = el;
    }
    if (best >= 0) node = best;
  }
  for (;;) {
    const want = marks[node]! & (SECTION_MARKS | TABLE_MARK);
    let next = -1;
    for (const child of descendable(page, node)) {
      // A child with every marker must also hold most of the text: on a page with a single
      // section title, the <p> that holds it is not the article.
      const fits = want ? (marks[child]! & want) === want && mass[child]! >= 0.5 * mass[node]! : mass[child]! >= 0.6 * mass[node]!;
      if (fits && (next < 0 || mass[child]! > mass[next]!)) next = child;
    }
    if (next < 0 || mass[next] === 0) break;
    node = next;
  }
  const article: Article = { root: node };
  const last = page.end[node]!;
  const inside = page.titles.some((t) => t.order >= node && t.order <= last);
  if (!inside) {
    const before = page.titles.filter((t) => t.order < node);
    if (before.length) article.title = before[before.length - 1];
  }
  return article;
}

/** Children a search may enter: containers, never the inside of a data table. */
function descendable(page: Page, node: number): number[] {
  const { end, kind } = page;
  const out: number[] = [];
  const isTable = (kind[node]! & K_TABLE) !== 0;
  const inTable = isTable || (kind[node]! & K_TR) !== 0;
  for (let k = node + 1; k <= end[node]!; k = end[k]! + 1) {
    const kk = kind[k]!;
    // In a table only its rows are containers.
    if (isTable && !(kk & K_TR)) continue;
    if (kk & K_LINE) continue;
    if (kk & K_TABLE && !isLayoutTable(page, k)) continue;
    if (kk & K_TABLE_PART && !inTable) continue;
    out.push(k);
  }
  return out;
}
