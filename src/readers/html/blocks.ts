import type { Block } from "../../model/document.js";
import { hasCjk } from "../../text/normalize.js";
import { isLayoutTable } from "./body.js";
import { checkAbort } from "./dom.js";
import { EV_BR, EV_CLOSE, EV_OPEN, EV_TEXT, K_BLOCK, K_HR, K_LEVEL_SHIFT, K_PRE, K_TABLE, pathOf, type Page } from "./page.js";
import { readTable, trimSpaces, type TableBudget } from "./tables.js";

/**
 * The article's content as blocks, in reading order: h1–h6 → headings; every line of text
 * (a paragraph, a div's own text, a list item, each `<br>`-separated line) → a paragraph,
 * as the text reader makes one block per line; data tables → grid tables, with the tables
 * nested in their cells after them; layout tables → their cells read as page content.
 * Read from the page's events (page.ts) between the article's OPEN and CLOSE.
 */
export function readBlocks(page: Page, root: number, budget: TableBudget): Block[] {
  const { events, kind, raw, text, close } = page;
  const blocks: Block[] = [];
  const blockOwners: number[] = [root];
  const headings: { level: number; owner: number; lines: string[] }[] = [];
  let line = "";
  let lineOwner = -1;
  let pre = 0;

  const flush = () => {
    const t = trimSpaces(line);
    const owner = lineOwner;
    line = "";
    lineOwner = -1;
    if (owner < 0 || isBlank(t)) return;
    const h = headings[headings.length - 1];
    if (h) h.lines.push(t);
    else blocks.push({ kind: "paragraph", text: t, source: { path: pathOf(page, owner) } });
  };
  const append = (s: string) => {
    if (s === "") return;
    if (s.charCodeAt(0) === 0x20 && line.charCodeAt(line.length - 1) === 0x20) s = s.slice(1);
    line += s;
    if (lineOwner < 0) lineOwner = blockOwners[blockOwners.length - 1]!;
  };

  // Ranges of events still to read, [from, to), last first: a data table's nested tables
  // are read after it, then the events after the table.
  const from: number[] = [page.open[root]! + 1];
  const to: number[] = [close[root]!];
  let steps = 0;
  while (from.length > 0) {
    let i = from.pop()!;
    const stop = to.pop()!;
    for (; i < stop; i++) {
      if ((++steps & 0xfff) === 0) checkAbort(page.signal);
      const ev = events[i]!;
      const type = ev & 3;
      if (type === EV_TEXT) {
        const t = ev >> 2;
        if (pre > 0) {
          raw[t]!.split(/\r\n|\r|\n/).forEach((piece, n) => {
            if (n > 0) flush();
            append(piece);
          });
        } else append(text[t]!);
        continue;
      }
      if (type === EV_BR) {
        flush();
        continue;
      }
      const e = ev >> 2;
      const k = kind[e]!;
      if (type === EV_OPEN) {
        if (k & K_HR) {
          flush();
          i = close[e]!;
          continue;
        }
        if (k & K_TABLE && !isLayoutTable(page, e)) {
          flush();
          const t = readTable(page, e, budget);
          for (const b of t.blocks) blocks.push(b);
          from.push(close[e]! + 1);
          to.push(stop);
          for (let n = t.nested.length - 1; n >= 0; n--) {
            from.push(page.open[t.nested[n]!]!);
            to.push(close[t.nested[n]!]! + 1);
          }
          break;
        }
        const level = k >> K_LEVEL_SHIFT;
        if (level) {
          flush();
          headings.push({ level, owner: e, lines: [] });
        }
        if (k & K_BLOCK) {
          flush();
          blockOwners.push(e);
        }
        if (k & K_PRE) pre++;
        continue;
      }
      if (type === EV_CLOSE) {
        if (k & K_PRE) pre--;
        if (k & K_BLOCK) {
          flush();
          blockOwners.pop();
        }
        if (k >> K_LEVEL_SHIFT) {
          const h = headings.pop()!;
          const joined = joinLines(h.lines);
          if (joined) blocks.push({ kind: "heading", level: h.level, text: joined, source: { path: pathOf(page, h.owner) } });
        }
      }
    }
  }
  flush();
  return blocks;
}

/** Only spaces of any kind (or nothing): not a line. */
function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c < 0x80) return false;
    if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) continue;
    return false;
  }
  return true;
}

/** A heading broken with `<br>` is one heading: CJK lines join directly, others with a space. */
function joinLines(lines: string[]): string {
  let out = "";
  for (const l of lines) {
    if (out && !(hasCjk(out.slice(-1)) && hasCjk(l.slice(0, 1)))) out += " ";
    out += l;
  }
  return out;
}
