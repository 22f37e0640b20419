import { overlap, union, type Box } from "../geometry.js";
import { joinRuns, type TextLine } from "./lines.js";
import type { PdfTable, TableCell } from "./table.js";
import type { TextRun } from "./text.js";

/**
 * Tables without ruling lines, found by alignment: a stretch of lines cut into cells by wide
 * gaps, with the cells stacked in columns and numbers among them. Columns are the bands where
 * the fullest rows put their cells. Every line with numbers anchors a row; label text on
 * other lines — a label wrapped over several lines with its numbers centred beside it — joins
 * the row its wrapped label reaches. Works on a stream of lines that may run over a page break.
 */

interface Chunk {
  text: string;
  /** Box in stream coordinates (pages stacked); `page` and `pageBox` say where it really is. */
  box: Box;
  page: number;
  pageBox: Box;
}

interface Row {
  line: TextLine;
  /** Line box in stream coordinates. */
  box: Box;
  chunks: Chunk[];
}

type StreamRow = Row & { page: number; offset: number };

/** A gap wider than this many font sizes separates two cells of a row. */
const CELL_GAP = 1.2;
/** …and this one between two numbers (narrow columns of figures). */
const NUMBER_GAP = 0.4;
/** Lines further apart than this many font sizes end the table. */
const ROW_GAP = 2.5;
/** …and between two lines of cells (rows a browser pads out) this many. */
const ROW_PITCH = 4;

const VALUE = /^(?:[+\-]?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|件)?|[/／—\-–无])$/;
const NUMERIC = /^[+\-]?\d[\d,.]*$/;
const ENUMERATED = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[.、．])/;

/** The runs of a line grouped into cells at its wide gaps. */
export function chunkRuns(line: TextLine): TextRun[][] {
  if (line.runs[0]?.vertical) return [line.runs];
  const out: TextRun[][] = [];
  for (const r of line.runs) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (!last || !prev) {
      out.push([r]);
      continue;
    }
    const gap = r.box[0] - prev.box[2];
    const size = Math.min(r.size, line.size);
    const numbers = NUMERIC.test(prev.text.trim()) && NUMERIC.test(r.text.trim());
    if (gap > size * CELL_GAP || (numbers && gap > size * NUMBER_GAP)) out.push([r]);
    else last.push(r);
  }
  return out;
}

/** Lines in stream order (pages stacked so that a table runs on over the break). */
export interface StreamLine {
  line: TextLine;
  page: number;
  /** Added to the line's y to place it in the stream. */
  offset: number;
}

/** Splits a stream of lines into aligned tables (placed at their first line) and the rest. */
export function alignedTables(stream: StreamLine[]): { tables: Map<TextLine, PdfTable>; used: Set<TextLine> } {
  const rows: StreamRow[] = stream.map(({ line, page, offset }) => {
    const shift = (b: Box): Box => [b[0], b[1] + offset, b[2], b[3] + offset];
    const chunks = chunkRuns(line).map((runs) => {
      const pageBox = runs.map((r) => r.box).reduce((a, b) => union(a, b));
      return { text: joinRuns(runs).trim(), box: shift(pageBox), page, pageBox };
    });
    return { line, box: shift(line.box), chunks, page, offset };
  });
  const tables = new Map<TextLine, PdfTable>();
  const used = new Set<TextLine>();
  // A narrow line of table-sized type (a heading in bigger type is not part of the table).
  const narrow = (r: Row, ref: Row) => r.box[2] - r.box[0] <= (ref.box[2] - ref.box[0]) * 0.6 && r.line.size <= ref.line.size * 1.15;
  const close = (a: Row, b: Row) => b.box[1] - a.box[3] <= a.line.size * (a.chunks.length >= 2 && b.chunks.length >= 2 ? ROW_PITCH : ROW_GAP);
  let i = 0;
  while (i < rows.length) {
    if (rows[i]!.chunks.length < 2) {
      i++;
      continue;
    }
    // Back over narrow lines just above (wrapped header or label text), forward over lines
    // of several cells and narrow lines between them.
    let start = i;
    while (start > 0 && !used.has(rows[start - 1]!.line) && rows[start - 1]!.chunks.length === 1 && narrow(rows[start - 1]!, rows[i]!) && close(rows[start - 1]!, rows[start]!)) start--;
    let lastMulti = i;
    for (let j = i + 1; j < rows.length; j++) {
      if (!close(rows[j - 1]!, rows[j]!)) break;
      if (rows[j]!.chunks.length >= 2) lastMulti = j;
      else if (!narrow(rows[j]!, rows[i]!)) break;
    }
    const block = rows.slice(start, lastMulti + 1);
    const table = buildTable(block);
    if (table) {
      tables.set(block[0]!.line, table);
      for (const r of block) used.add(r.line);
      i = lastMulti + 1;
    } else i++;
  }
  return { tables, used };
}

interface Fragment {
  c: Chunk;
  size: number;
  /** The fragment sits on a line with numbers (a row's own line). */
  onAnchor: boolean;
}

type Cell = TableCell & { streamBox: Box };

function buildTable(block: StreamRow[]): PdfTable | null {
  const multi = block.filter((r) => r.chunks.length >= 2);
  const valuesIn = (r: Row) => r.chunks.slice(1).filter((c) => VALUE.test(c.text)).length;
  const anchors = new Set(block.filter((r) => valuesIn(r) > 0));
  // Several rows of numbers, or one long row of them (table 4) under header lines.
  const enough = (multi.length >= 3 && anchors.size >= 2) || (multi.length >= 2 && [...anchors].some((r) => valuesIn(r) >= 4));
  if (!enough) return null;

  const most = Math.max(...multi.map((r) => r.chunks.length));
  const full = multi.filter((r) => r.chunks.length >= Math.max(2, most - 1));
  const valueBands = splitShared(
    mergeIntervals(full.flatMap((r) => r.chunks.map((c) => [c.box[0], c.box[2]] as [number, number]))),
    full,
  );
  if (valueBands.length < 2) return null;
  const firstAnchor = block.findIndex((r) => anchors.has(r));
  const body = block.slice(firstAnchor);
  // The label column may hold several label columns (三、 › （三） › 1.): split it where
  // wrapped label text keeps starting.
  const labelBand = valueBands[0]!;
  const labelFrags = body.flatMap((r) => r.chunks.filter((c) => c.box[0] < labelBand[1] && !VALUE.test(c.text)));
  const starts = subColumns(labelFrags, labelBand);
  const bands: [number, number][] = [...starts.map((x, k): [number, number] => [x, k + 1 < starts.length ? starts[k + 1]! : labelBand[1]]), ...valueBands.slice(1)];
  const nLabel = starts.length;
  const xs = [bands[0]![0], ...bands.slice(1).map((b, k) => (starts.length > k + 1 ? b[0] : (bands[k]![1] + b[0]) / 2)), bands[bands.length - 1]![1]];

  // Rows: lines with numbers, and lines of other cells inside the table (captions, header
  // rows of a block). Above the first row of numbers, a caption-like line (one cell, over the
  // value columns) is a row; the other header lines — header labels wrapped over several
  // lines — make one header row together. Below it, lines of label text only are fragments
  // that join a row.
  const header = block.slice(0, firstAnchor);
  const captionLike = (r: StreamRow) => r.chunks.length === 1 && bandsOf(r.chunks[0]!.box, bands).c0 >= nLabel;
  const isFragmentLine = (r: StreamRow) => !anchors.has(r) && block.indexOf(r) > firstAnchor && r.chunks.every((c) => bandsOf(c.box, bands).c1 < nLabel);
  const own = block.filter((r) => (header.includes(r) ? captionLike(r) || r === header.find((h) => !captionLike(h)) : !isFragmentLine(r)));
  const rowIndex = new Map<Row, number>(own.map((r, k) => [r, k]));
  const headerRow = own.findIndex((r) => header.includes(r) && !captionLike(r));
  for (const r of header) if (!rowIndex.has(r)) rowIndex.set(r, headerRow);
  const ys = own.map((r) => r.box[1]);

  const cells: Cell[] = [];
  const push = (r: number, chunks: Chunk[], band?: number) => {
    const box = chunks.map((c) => c.box).reduce((a, b) => union(a, b));
    const first = chunks[0]!;
    const pageBox = chunks.filter((c) => c.page === first.page).map((c) => c.pageBox).reduce((a, b) => union(a, b));
    const span = bandsOf(box, bands);
    const c0 = band === undefined ? span.c0 : band;
    cells.push({ r0: r, r1: r, c0, c1: Math.max(c0, span.c1), box: pageBox, page: first.page, text: chunks.map((c) => c.text).join("\n"), streamBox: box });
  };
  const rowOf = (top: number, bottom: number) => {
    let best = -1;
    let d = Infinity;
    for (const a of anchors) {
      const y = (a.box[1] + a.box[3]) / 2;
      const inside = y >= top - 1 && y <= bottom + 1;
      const dist = inside ? Math.abs(y - (top + bottom) / 2) - 1e6 : Math.min(Math.abs(y - top), Math.abs(y - bottom));
      if (dist < d) [d, best] = [dist, rowIndex.get(a)!];
    }
    return best;
  };

  // Cells of the rows' own lines; label text (in the label columns, below the header) is
  // gathered per column into fragments first.
  const byBand = new Map<number, Fragment[]>();
  for (const row of block) {
    const r = rowIndex.get(row);
    for (const c of row.chunks) {
      const { c0 } = bandsOf(c.box, bands);
      const label = c0 < nLabel && block.indexOf(row) >= firstAnchor && !VALUE.test(c.text) && (r === undefined || anchors.has(row));
      if (!label) {
        push(r ?? rowOf(c.box[1], c.box[3]), [c]);
        continue;
      }
      const list = byBand.get(c0) ?? [];
      list.push({ c, size: row.line.size, onAnchor: anchors.has(row) });
      byBand.set(c0, list);
    }
  }
  // Chains of fragments carry on one label: a chain breaks at a gap, at a new numbered item,
  // and before a second fragment on a line with numbers.
  for (const [band, frags] of byBand) {
    frags.sort((a, b) => a.c.box[1] - b.c.box[1]);
    let chain: Fragment[] = [];
    const flush = () => {
      if (chain.length) push(rowOf(chain[0]!.c.box[1], chain[chain.length - 1]!.c.box[3]), chain.map((f) => f.c), band);
      chain = [];
    };
    for (const f of frags) {
      const last = chain[chain.length - 1];
      if (last && (f.c.box[1] - last.c.box[3] > last.size * 0.9 || ENUMERATED.test(f.c.text) || (f.onAnchor && chain.some((x) => x.onAnchor)))) flush();
      chain.push(f);
    }
    flush();
  }
  return finish(block, cells, ys, xs, bands.length);
}

/** Starts of the label sub-columns: left edges where at least two label fragments begin. */
function subColumns(frags: Chunk[], band: [number, number]): number[] {
  const lefts = frags.map((c) => c.box[0]).sort((a, b) => a - b);
  const size = frags.length ? (frags.reduce((n, c) => n + (c.box[3] - c.box[1]), 0) / frags.length) * 0.8 : 10;
  const groups: number[][] = [];
  for (const x of lefts) {
    const g = groups[groups.length - 1];
    if (g && x - g[g.length - 1]! <= size * 0.8) g.push(x);
    else groups.push([x]);
  }
  const starts = groups.filter((g) => g.length >= 2).map((g) => g[0]!);
  if (starts.length === 0 || starts[0]! > band[0] + size) starts.unshift(band[0]);
  return starts.filter((x, k) => k === 0 || x - starts[k - 1]! > size * 1.5);
}

/** Fills empty slots, folds pieces that landed in one slot, and makes the table. */
function finish(block: StreamRow[], cells: Cell[], ys: number[], xs: number[], nBands: number): PdfTable {
  const nRows = ys.length;
  const first = block[0]!;
  const last = block[block.length - 1]!;
  const taken = new Set(cells.flatMap((c) => Array.from({ length: c.c1 - c.c0 + 1 }, (_, k) => `${c.r0}:${c.c0 + k}`)));
  const rowPage = (r: number) => cells.find((c) => c.r0 === r)?.page ?? first.page;
  for (let rr = 0; rr < nRows; rr++) {
    for (let c = 0; c < nBands; c++) {
      if (taken.has(`${rr}:${c}`)) continue;
      const page = rowPage(rr);
      const off = block.find((b) => b.page === page)?.offset ?? 0;
      const box: Box = [xs[c]!, ys[rr]! - off, xs[c + 1]!, ys[rr]! - off];
      cells.push({ r0: rr, r1: rr, c0: c, c1: c, box, page, text: "", streamBox: [xs[c]!, ys[rr]!, xs[c + 1]!, ys[rr]!] });
    }
  }
  const byKey = new Map<string, Cell>();
  for (const c of cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0 || a.streamBox[1] - b.streamBox[1] || a.streamBox[0] - b.streamBox[0])) {
    const key = `${c.r0}:${c.c0}`;
    const prev = byKey.get(key);
    if (prev) {
      prev.text = [prev.text, c.text].filter(Boolean).join(prev.streamBox[3] <= c.streamBox[1] ? "\n" : " ");
      prev.c1 = Math.max(prev.c1, c.c1);
      if (c.page === prev.page) prev.box = union(prev.box, c.box);
      prev.streamBox = union(prev.streamBox, c.streamBox);
    } else byKey.set(key, c);
  }
  const merged = dropCovered([...byKey.values()]).map(({ streamBox: _, ...c }) => c);
  return {
    page: first.page,
    box: [xs[0]!, first.line.box[1], xs[xs.length - 1]!, first.page === last.page ? last.line.box[3] : first.line.box[3]],
    lastPage: last.page,
    lastBox: [xs[0]!, last.line.box[1], xs[xs.length - 1]!, last.line.box[3]],
    nRows,
    xs,
    cells: merged,
    aligned: true,
  };
}

/** A cell whose first slot lies inside a wider cell to its left in the same row is folded into it. */
function dropCovered<T extends TableCell>(cells: T[]): T[] {
  const out: T[] = [];
  for (const c of cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
    const host = out.find((o) => o.r0 === c.r0 && o.c0 < c.c0 && o.c1 >= c.c0);
    if (host) {
      if (c.text) host.text = `${host.text} ${c.text}`.trim();
      host.c1 = Math.max(host.c1, c.c1);
      continue;
    }
    out.push(c);
  }
  return out;
}

/** The bands a box overlaps (the nearest one when it overlaps none). */
function bandsOf(box: Box, bands: [number, number][]): { c0: number; c1: number } {
  const hit = bands.map((b, k) => (overlap(b[0], b[1], box[0], box[2]) > 0 ? k : -1)).filter((k) => k >= 0);
  if (hit.length) return { c0: hit[0]!, c1: hit[hit.length - 1]! };
  const mid = (box[0] + box[2]) / 2;
  let best = 0;
  for (let k = 1; k < bands.length; k++) {
    const d = (b: [number, number]) => Math.min(Math.abs(b[0] - mid), Math.abs(b[1] - mid));
    if (d(bands[k]!) < d(bands[best]!)) best = k;
  }
  return { c0: best, c1: best };
}

/**
 * Splits a value band that holds two cells of one row between them (the first band holds the
 * label columns, split apart later by `subColumns`). Stacked blocks with different
 * columns (table 2) overlap each other's cells, and the merged bands can swallow two columns;
 * two numbers side by side would then be read as one cell (`-10` `62` → `-1062`).
 */
function splitShared(bands: [number, number][], rows: Row[]): [number, number][] {
  const cuts = new Set<number>();
  for (const r of rows) {
    for (let k = 1; k < r.chunks.length; k++) {
      const a = r.chunks[k - 1]!.box;
      const b = r.chunks[k]!.box;
      if (bands.some((x, i) => i > 0 && a[0] < x[1] && a[2] > x[0] && b[0] < x[1] && b[2] > x[0])) cuts.add((a[2] + b[0]) / 2);
    }
  }
  if (cuts.size === 0) return bands;
  const out: [number, number][] = [bands[0]!];
  for (const [x0, x1] of bands.slice(1)) {
    let from = x0;
    for (const x of [...cuts].filter((x) => x > x0 && x < x1).sort((p, q) => p - q)) {
      out.push([from, x]);
      from = x;
    }
    out.push([from, x1]);
  }
  return out;
}

function mergeIntervals(list: [number, number][]): [number, number][] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
