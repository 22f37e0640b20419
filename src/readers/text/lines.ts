import type { Block, DocCell } from "../../model/document.js";
import { raggedTable } from "../../model/document.js";
import { GLUED_MIN_LENGTH, splitGlued, type GlueState } from "./glued.js";

/**
 * Line-structured text into blocks. Shared by the plain-text and Markdown readers, since
 * reports copied out of Word or web pages mix both: tab tables in two shapes, pipe tables,
 * `#` headings, and plain paragraphs.
 *
 * Tab-cell shape (one cell per tab-prefixed line, blank line between rows):
 *     \t规章\n\t0\n\t0\n\n\t规范性文件\n…
 * Tab-row shape (one row per line, tab-separated, merged cells as empty fields):
 *     规章\t0\t0\t0
 */
export interface LineOptions {
  /** Read `# heading`, `| pipe | tables |` and strip inline emphasis. */
  markdown: boolean;
  /** Stop after this many paragraphs and table cells (default MAX_TEXT_ITEMS). */
  maxItems?: number;
  /** The text is a crawler's page body: glued lines need only one section heading. */
  crawler?: boolean;
}

/**
 * A report has a few hundred paragraphs and table cells; a text with hundreds of thousands is
 * not one, and each costs some 200 bytes of objects against a few bytes of input. Reading stops
 * here, so memory stays a small multiple of the input whatever the text holds.
 */
export const MAX_TEXT_ITEMS = 100_000;

/** What parseLinesBounded gives: the blocks, and the line reading stopped at when the cells ran out. */
export interface ParsedLines {
  blocks: Block[];
  /** 1-based line where reading stopped (MAX_TEXT_ITEMS was reached); absent when all was read. */
  cutAtLine?: number;
}

const BLANK_RE = /^[\s\u00a0\u3000\u2000-\u200b\ufeff]*$/;
/** A line that starts a report section; it always ends a table run. */
const SECTION_START_RE = /^[\s\u00a0\u3000]*(?:#{1,6}\s*)?(?:[一二三四五六七八九十]、|[1-6][、.．]\s*(?:收到|政府信息|主动公开|存在|其他|总体))/;

export function parseLines(text: string, opts: LineOptions): Block[] {
  return parseLinesBounded(text, opts).blocks;
}

/** Lines into blocks, reading no more than `maxItems` paragraphs and table cells. */
export function parseLinesBounded(text: string, opts: LineOptions): ParsedLines {
  const lines = new Lines(text);
  const blocks: Block[] = [];
  const budget = { cells: opts.maxItems ?? MAX_TEXT_ITEMS };
  const glue: GlueState = { section: 0, crawler: opts.crawler === true };
  let i = 0;
  while (i < lines.length) {
    if (budget.cells <= 0) return { blocks, cutAtLine: i + 1 };
    const line = lines.at(i);
    if (isBlank(line)) {
      i++;
      continue;
    }
    if (line.includes("\t")) {
      i = readTabRun(lines, i, blocks, budget);
      continue;
    }
    if (opts.markdown && /^\s*\|/.test(line)) {
      i = readPipeTable(lines, i, blocks, budget);
      continue;
    }
    const h = opts.markdown ? /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    // A whole body (or much of it) run together on one line, as crawlers save pages.
    const glued = !h && line.length >= GLUED_MIN_LENGTH ? splitGlued(line, i + 1, glue) : null;
    if (h) {
      blocks.push({ kind: "heading", level: h[1]!.length, text: stripInline(h[2]!), source: { line: i + 1 } });
    } else if (glued) {
      // One line may hold a whole body: its blocks count against the budget one by one.
      for (const b of glued) {
        if (budget.cells-- <= 0) return { blocks, cutAtLine: i + 1 };
        blocks.push(b);
      }
    } else {
      blocks.push({ kind: "paragraph", text: opts.markdown ? stripInline(line) : line, source: { line: i + 1 } });
    }
    budget.cells--;
    i++;
  }
  return { blocks };
}

/**
 * The lines of a text, each cut out when asked for: splitting a large text at once would hold
 * an array and a string for every line. Reading moves forward; a step back (a table run ends
 * where its lookahead stopped) rescans from a checkpoint kept every 1,024 lines.
 */
class Lines {
  readonly length: number;
  private readonly checkpoints: number[] = [0];
  private index = 0;
  private offset = 0;
  private cached: { i: number; line: string } | null = null;

  constructor(private readonly text: string) {
    let n = 1;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
    }
    this.length = n;
  }

  at(i: number): string {
    if (this.cached?.i === i) return this.cached.line;
    if (i < this.index) {
      this.index = i & ~1023;
      this.offset = this.checkpoints[this.index >> 10]!;
    }
    while (this.index < i) this.step();
    const line = this.text.slice(this.offset, this.lineEnd(this.offset));
    this.cached = { i, line };
    return line;
  }

  /** End of the line starting at `from` (before its line break). */
  private lineEnd(from: number): number {
    const t = this.text;
    let k = from;
    for (; k < t.length; k++) {
      const c = t.charCodeAt(k);
      if (c === 10 || c === 13) break;
    }
    return k;
  }

  private step(): void {
    const end = this.lineEnd(this.offset);
    this.offset = end + (this.text.charCodeAt(end) === 13 && this.text.charCodeAt(end + 1) === 10 ? 2 : 1);
    this.index++;
    if ((this.index & 1023) === 0 && this.checkpoints.length === this.index >> 10) this.checkpoints.push(this.offset);
  }
}

/** Table cells a tab line makes (one per tab-separated piece, the leading tab aside). */
function tabPieces(line: string): number {
  let n = 1;
  for (let k = line.indexOf("\t", line.startsWith("\t") ? 1 : 0); k >= 0; k = line.indexOf("\t", k + 1)) n++;
  return n;
}

function isBlank(line: string): boolean {
  return BLANK_RE.test(line);
}

interface RunLine {
  no: number;
  text: string;
  kind: "tab" | "blank" | "cont";
}

/** Collects a run of tab lines (with the blank and continuation lines between them) into a table. */
function readTabRun(lines: Lines, start: number, out: Block[], budget: { cells: number }): number {
  const run: RunLine[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines.at(i);
    if (line.includes("\t")) {
      if (budget.cells <= 0) break;
      budget.cells -= tabPieces(line);
      run.push({ no: i + 1, text: line, kind: "tab" });
    } else if (isBlank(line)) {
      run.push({ no: i + 1, text: line, kind: "blank" });
    } else {
      const prev = run[run.length - 1];
      // Text right after a cell line (no blank between) is the cell's second line: `本年新` / `制作数量`.
      if (prev?.kind === "tab" || prev?.kind === "cont") {
        if (SECTION_START_RE.test(line) || line.length > 60) break;
        run.push({ no: i + 1, text: line, kind: "cont" });
      } else break;
    }
    i++;
  }
  while (run.length && run[run.length - 1]!.kind === "blank") run.pop();
  const end = run.length ? run[run.length - 1]!.no : start + 1;
  // A row line has a tab after some content or more than one tab.
  const isRowLine = (t: string) => t.indexOf("\t", t.startsWith("\t") ? 1 : 0) >= 0;
  const rowShape = run.filter((l) => l.kind === "tab" && isRowLine(l.text)).length >= run.filter((l) => l.kind === "tab").length / 2;
  const rows = rowShape ? rowsFromRowShape(run, MAX_TEXT_ITEMS) : rowsFromCellShape(run, MAX_TEXT_ITEMS);
  if (rows.length) out.push(raggedTable(rows, { line: start + 1, endLine: end }));
  return start + Math.max(1, end - start);
}

function cell(text: string, line: number, endLine?: number): DocCell {
  return { text, rowspan: 1, colspan: 1, source: endLine && endLine !== line ? { line, endLine } : { line } };
}

// `limit` caps the pieces of one line: a line of millions of tabs is cut, not split whole.
function rowsFromCellShape(run: RunLine[], limit: number): DocCell[][] {
  const rows: DocCell[][] = [];
  let row: DocCell[] = [];
  for (const l of run) {
    if (l.kind === "blank") {
      if (row.length) rows.push(row);
      row = [];
    } else if (l.kind === "tab") {
      // Each tab-separated piece after the leading tab is a cell (normally exactly one).
      const body = l.text.startsWith("\t") ? l.text.slice(1) : l.text;
      if (!body.includes("\t")) row.push(cell(body, l.no));
      else for (const piece of body.split("\t", limit)) row.push(cell(piece, l.no));
    } else {
      const last = row[row.length - 1];
      if (last) {
        last.text += "\n" + l.text;
        last.source = { line: last.source.line, endLine: l.no };
      }
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

function rowsFromRowShape(run: RunLine[], limit: number): DocCell[][] {
  const rows: DocCell[][] = [];
  for (const l of run) {
    if (l.kind === "tab") {
      rows.push(l.text.split("\t", limit).map((p) => cell(p, l.no)));
    } else if (l.kind === "cont") {
      const row = rows[rows.length - 1];
      const last = row?.[row.length - 1];
      if (last) {
        last.text += "\n" + l.text;
        last.source = { line: last.source.line, endLine: l.no };
      }
    }
  }
  return rows;
}

const PIPE_SEP_RE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function readPipeTable(lines: Lines, start: number, out: Block[], budget: { cells: number }): number {
  const rows: DocCell[][] = [];
  let i = start;
  for (; i < lines.length && budget.cells > 0; i++) {
    const line = lines.at(i);
    if (!/^\s*\|/.test(line)) break;
    if (PIPE_SEP_RE.test(line)) continue;
    const pieces = splitPipeRow(line, MAX_TEXT_ITEMS);
    budget.cells -= pieces.length;
    rows.push(pieces.map((t) => cell(stripInline(t.replace(/<br\s*\/?>/gi, "\n")), i + 1)));
  }
  if (rows.length) out.push(raggedTable(rows, { line: start + 1, endLine: i }));
  return i;
}

function splitPipeRow(line: string, limit: number): string[] {
  const cells: string[] = [];
  let cur = "";
  const body = line.trim().replace(/^\|/, "");
  for (let k = 0; k < body.length && cells.length < limit; k++) {
    const ch = body[k]!;
    if (ch === "\\" && body[k + 1] === "|") {
      cur += "|";
      k++;
    } else if (ch === "|") {
      cells.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim() !== "") cells.push(cur.trim());
  return cells;
}

const INLINE_MARK_RE = /[[*_`\\]/;

/** Removes Markdown inline markup: `**bold**`, `*em*`, `` `code` ``, `[text](url)`, escapes. */
export function stripInline(s: string): string {
  // Most cells hold no markup at all: five regex passes each would cost more than the rest of the reading.
  if (!INLINE_MARK_RE.test(s)) return s;
  return s
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^*])\*([^*\n]+)\*/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1");
}
