import type { Finding } from "../model/finding.js";
import { duplicateRow, lostCells, notice, unknownRow, unlabeledRow } from "./notices.js";
import type { SourcePos } from "../model/source.js";
import { F2021, TEMPLATES } from "../templates/index.js";
import type { ColumnDef, HeaderNode, ValueKind } from "../templates/types.js";
import {
  blockOf,
  isActiveHeaderStart,
  isBalanceNote,
  leavesOf,
  matchActiveColumn,
  matchCaption,
  matchGroup,
  matchRow,
  nodeMatches,
  REQUESTS_HEADER_MARKS,
  REVIEW_HEADER_MARKS,
  walkHeader,
  type RowEntry,
} from "./labels.js";
import type { Row, RowCell } from "./rows.js";

/**
 * The key of a cell (`requests.granted.total`), made once: the same few hundred keys recur in
 * every report, and a key made anew is hashed anew in every map and record it goes into.
 * Rows and columns are the templates' own keys, so the store stays as small as the templates.
 */
const CELL_KEYS = new Map<string, Map<string, string | Map<string, string>>>();

function cellKey(table: string, row: string, col?: string): string {
  let rows = CELL_KEYS.get(table);
  if (!rows) CELL_KEYS.set(table, (rows = new Map()));
  let entry = rows.get(row);
  if (col === undefined) {
    if (typeof entry !== "string") rows.set(row, (entry = `${table}.${row}`));
    return entry;
  }
  if (!(entry instanceof Map)) rows.set(row, (entry = new Map()));
  let key = entry.get(col);
  if (key === undefined) entry.set(col, (key = `${table}.${row}.${col}`));
  return key;
}

export type TableId = "active" | "requests" | "review";

/** A value cell of the source, before it is given a column. */
export interface Token {
  raw: string;
  source: SourcePos;
  col: number;
  span: number;
  confidence?: number;
}

/** A column a row's values go to: its canonical key, value kind, and grid position when known. */
export interface SlotDef {
  key: string;
  kind: ValueKind;
  label: string;
  col?: number;
  span?: number;
}

/**
 * One source row read against its canonical row: the value tokens and the slots they go to.
 * When `byPosition` is set the tokens are already placed (grid tables); otherwise they are
 * in order and there may be fewer (lost cells) or run-together digits.
 */
export interface Reading {
  table: TableId;
  rowName: string;
  slots: SlotDef[];
  tokens: Token[];
  byPosition?: (Token | undefined)[];
  source: SourcePos;
  /**
   * The row's cell boundaries were lost (a paragraph that is a table row), so a run of digits
   * may hide several cells. Cells of a real table are never split.
   */
  boundariesLost?: boolean;
  /** Local sub-rows summed into this row (行政检查 + 行政确认). */
  parts?: { label: string; reading: Reading }[];
}

export interface ExtraRowReading {
  table: TableId;
  label: string;
  tokens: Token[];
  source: SourcePos;
}

export interface TablesResult {
  readings: Reading[];
  extra: ExtraRowReading[];
  findings: Finding[];
  /** Votes for each template from the layout of table 2 and table 3. */
  votes: { active: Record<string, number>; requests: Record<string, number> };
}

interface HeaderState {
  rows: Row[];
  slots: SlotDef[] | null;
  block: number;
}

const REQUEST_LEAVES = leavesOf(F2021.requests.header);
const REVIEW_LEAVES = leavesOf(F2021.review.header);
const KIND_OF_REQUEST: Record<string, ValueKind> = Object.fromEntries(F2021.requests.columns.map((c) => [c.key, c.kind]));

function defaultSlots(table: "requests" | "review"): SlotDef[] {
  return (table === "requests" ? REQUEST_LEAVES : REVIEW_LEAVES).map((n) => ({ key: n.column!, kind: "count", label: n.label }));
}

/** Reads the three statutory tables out of the document's rows. */
export function readTables(rows: Row[]): TablesResult {
  const out: TablesResult = { readings: [], extra: [], findings: [], votes: { active: {}, requests: {} } };
  const vote = (kind: "active" | "requests", ids: string[], w = 1) => {
    for (const id of ids) out.votes[kind][id] = (out.votes[kind][id] ?? 0) + w;
  };

  let cur: TableId | null = null;
  let item: number | null = null;
  let activeCols: { item: number; slots: SlotDef[]; block: number; width: number } | null = null;
  const header: Record<"requests" | "review", HeaderState> = {
    requests: { rows: [], slots: null, block: -1 },
    review: { rows: [], slots: null, block: -1 },
  };
  let group: string | null = null;
  let lastRequestRow: string | null = null;
  let lastParent: { reading: Reading; entry: RowEntry } | null = null;
  const seen = new Map<string, Seen>();

  const finishHeader = (t: "requests" | "review") => {
    const h = header[t];
    if (h.rows.length === 0) return;
    h.slots = headerSlots(h.rows, t);
    h.block = h.rows[0]!.block;
    h.rows = [];
  };

  for (const row of rows) {
    const labels = row.cells.filter((c) => !c.isValue && c.norm !== "");
    const values = row.cells.filter((c) => c.isValue && !c.fromAbove);
    const hasNumber = values.some((c) => !c.isBlank);
    const ownLabels = labels.filter((c) => !c.fromAbove);

    // Caption of a table 2 block: 第二十条第（一）项.
    const cap = ownLabels.map((c) => matchCaption(c.norm)).find((x) => x !== null);
    if (cap !== undefined && cap !== null && !hasNumber) {
      cur = "active";
      item = cap;
      activeCols = null;
      lastParent = null;
      if (cap === 9) vote("active", ["2019"], 2);
      continue;
    }

    // Header rows.
    if (!hasNumber && ownLabels.length) {
      const kind = headerKind(ownLabels, cur);
      if (kind === "active") {
        cur = "active";
        const cols = activeHeader(row, ownLabels, item);
        if (cols) {
          activeCols = cols;
          item = cols.item;
          vote("active", cols.templates);
        }
        lastParent = null;
        continue;
      }
      if (kind === "requests" || kind === "review") {
        if (cur !== kind && cur && cur !== "active") finishHeader(cur);
        cur = kind;
        header[kind].rows.push(row);
        continue;
      }
    }
    if (cur === "requests" || cur === "review") finishHeader(cur);

    const labelNorms = labels.map((c) => c.norm);
    if (labels.length === 0) {
      // Table 4's data row right under its header is read even when every cell is blank
      // (pages that leave zeros blank): its cells are blank, not missing.
      const blankReviewRow =
        cur === "review" && !!header.review.slots && values.length >= header.review.slots.length && !out.readings.some((x) => x.table === "review");
      if (!hasNumber && !blankReviewRow) continue;
      if (cur === "review") {
        const slots = (header.review.slots ?? defaultSlots("review")).map((s) => ({ ...s, key: cellKey("review", s.key) }));
        out.readings.push(reading("review", "行政复议、行政诉讼", slots, row, values, header.review.block));
      } else if (cur) {
        out.extra.push({ table: cur, label: "", tokens: tokensOf(values), source: row.source });
        out.findings.push(notice(unlabeledRow, "warning", "unlabeled", { table: tableName(cur), values: values.map((v) => v.raw.trim() || "空").join(" ") }, [], row.source));
      }
      continue;
    }

    // Table 2 rows.
    const activeHit = matchActive(labelNorms, cur);
    if (activeHit) {
      const { entry, unknown } = activeHit;
      cur = "active";
      if (item !== entry.item || !activeCols || activeCols.item !== entry.item) {
        if (!activeCols || activeCols.item !== entry.item) activeCols = fallbackActiveCols(entry.item!, values, out.votes.active);
        item = entry.item!;
      }
      const slots = activeCols.slots.map((s) => ({ ...s, key: cellKey("active", entry.row.key, s.key) }));
      const r = reading("active", entry.row.name, slots, row, values, activeCols.block, activeCols.width);
      if (entry.templates.length === 1) vote("active", entry.templates);
      if (unknown) {
        // A local sub-row under a statutory row (其他对外管理服务事项 › 行政检查): keep it, sum it.
        const parent: Reading = lastParent?.entry.row.key === entry.row.key ? lastParent.reading : startParent(r, out, seen);
        parent.parts!.push({ label: unknown, reading: r });
        lastParent = { reading: parent, entry };
      } else {
        addReading(r, entry.row.key, out, seen);
        lastParent = null;
      }
      continue;
    }
    if (lastParent && cur === "active" && labels.length === 1 && !matchRow(labelNorms[0]!)) {
      const r = reading("active", lastParent.entry.row.name, lastParent.reading.slots, row, values, activeCols?.block ?? -1, activeCols?.width ?? 0);
      lastParent.reading.parts!.push({ label: labels[0]!.raw.trim(), reading: r });
      continue;
    }

    // Table 3 rows.
    const req = matchRequests(labelNorms, group, lastRequestRow);
    if (req) {
      group = req.group;
      if (req.entry) {
        cur = "requests";
        lastRequestRow = req.entry.row.key;
        if (req.entry.templates.length === 1) vote("requests", req.entry.templates);
        const slots = (header.requests.slots ?? defaultSlots("requests")).map((s) => ({
          ...s,
          key: cellKey("requests", req.entry!.row.key, s.key),
          kind: KIND_OF_REQUEST[s.key] ?? "count",
        }));
        addReading(reading("requests", req.entry.row.name, slots, row, values, header.requests.block), req.entry.row.key, out, seen);
        continue;
      }
      if (!hasNumber) continue;
    }

    if (hasNumber && cur) {
      const label = labels.map((c) => c.raw.trim()).join(" ");
      out.extra.push({ table: cur, label, tokens: tokensOf(values), source: row.source });
      out.findings.push(notice(unknownRow, "warning", "unknown", { table: tableName(cur), label }, [], row.source));
    }
  }
  out.findings.push(...repeatedRows(seen));
  // Table 4's header without its one data row: the row vanished (every cell blank, or lost in conversion).
  if (cur === "review") finishHeader("review");
  if (header.review.slots && !out.readings.some((x) => x.table === "review")) {
    out.findings.push(notice(lostCells, "warning", "reviewHeaderOnly", {}, header.review.slots.map((s) => `review.${s.key}`)));
  }
  return out;
}

function tableName(t: TableId): string {
  return t === "active" ? "表二（主动公开）" : t === "requests" ? "表三（依申请公开）" : "表四（行政复议、行政诉讼）";
}

function tokensOf(cells: RowCell[]): Token[] {
  return cells.map((c) => ({ raw: c.raw, source: c.source, col: c.col, span: c.span, confidence: c.confidence }));
}

/** Which table a label-only row is a header of, if any. */
function headerKind(labels: RowCell[], cur: TableId | null): TableId | null {
  let req = 0;
  let rev = 0;
  let act = 0;
  for (const c of labels) {
    if (REQUESTS_HEADER_MARKS.some((m) => c.norm === m || c.norm.startsWith(m)) || isBalanceNote(c.norm)) req++;
    if (REVIEW_HEADER_MARKS.some((m) => c.norm === m || c.norm.startsWith(m))) rev++;
    if (isActiveHeaderStart(c.norm) || matchActiveColumn(c.norm, null)) act++;
  }
  if (req === 0 && rev === 0 && act === 0) {
    // `总计` / `其他` alone continue the header of the current table.
    const generic = labels.every((c) => ["总计", "合计", "其他"].includes(c.norm));
    return generic && (cur === "requests" || cur === "review") ? cur : null;
  }
  if (act > req && act > rev) return "active";
  if (req >= rev) return req > 0 ? "requests" : null;
  return "review";
}

/** Columns of a table 2 block from its header row (`信息内容 | 本年制发件数 | …`). */
function activeHeader(row: Row, labels: RowCell[], item: number | null) {
  const cols: SlotDef[] = [];
  const votes = new Map<string, number>();
  let found: number | null = item;
  for (const c of labels) {
    if (isActiveHeaderStart(c.norm)) continue;
    const hit = matchActiveColumn(c.norm, found) ?? matchActiveColumn(c.norm, null);
    if (!hit) continue;
    found ??= hit.item;
    if (hit.item !== found && item === null) found = hit.item;
    cols.push({ key: hit.column.key, kind: hit.column.kind, label: hit.column.label, col: c.col, span: c.span });
    for (const t of hit.templates) votes.set(t, (votes.get(t) ?? 0) + 1);
  }
  if (cols.length === 0 || found === null) return null;
  const width = Math.max(...row.cells.map((c) => c.col + c.span));
  const templates = [...votes.entries()].filter(([, n]) => n === Math.max(...votes.values())).map(([t]) => t);
  return { item: found, slots: cols, block: row.block, width: row.grid ? width : 0, templates: templates.length === 1 ? templates : [] };
}

/** Block columns when no header row was read: the template whose block fits the values. */
function fallbackActiveCols(item: number, values: RowCell[], votes: Record<string, number>) {
  const filled = values.filter((v) => !v.isBlank).length;
  const candidates = TEMPLATES.map((t) => blockOf(t.active.blocks, item)).filter((b) => b !== undefined);
  const byVotes = [...TEMPLATES].sort((a, b) => (votes[b.id] ?? 0) - (votes[a.id] ?? 0)).map((t) => blockOf(t.active.blocks, item)).filter((b) => b !== undefined);
  const block = candidates.find((b) => b.columns.length === filled) ?? byVotes[0] ?? candidates[0]!;
  const slots = block.columns.map((c: ColumnDef) => ({ key: c.key, kind: c.kind, label: c.label }));
  return { item, slots, block: -1, width: 0 };
}

/** A table 2 row label among the row's label cells; a second, unknown label is a local sub-row. */
function matchActive(labels: string[], cur: TableId | null): { entry: RowEntry; unknown?: string } | null {
  for (let i = 0; i < labels.length; i++) {
    // Fuzzy only inside table 2: elsewhere a table 3 label must not drift onto a table 2 row.
    const m = matchRow(labels[i]!, { table: "active", fuzzy: cur === "active" });
    if (!m) continue;
    const rest = labels.slice(i + 1).filter((l) => !matchRow(l, { table: "active", fuzzy: false }));
    return { entry: m.entry, unknown: rest.length ? rest.join(" ") : undefined };
  }
  return null;
}

/** The table 3 row of a label row, with the group context it sets. */
function matchRequests(labels: string[], group: string | null, last: string | null): { entry: RowEntry | null; group: string | null } | null {
  let g = group;
  // Group labels update the context; `（六）其他处理` is a row of its own when nothing follows it.
  let rowLabels = labels;
  for (let i = 0; i < labels.length; i++) {
    const mg = matchGroup(labels[i]!);
    if (!mg) continue;
    const isLast = i === labels.length - 1;
    if (isLast && mg === "（六）其他处理") break;
    g = mg;
    rowLabels = labels.slice(i + 1);
  }
  if (rowLabels.length === 0) return labels.some((l) => matchGroup(l)) ? { entry: null, group: g } : null;
  const prefer = nextRows(last);
  const tries: string[] = [];
  for (let k = rowLabels.length - 1; k >= 0; k--) tries.push(rowLabels[k]!);
  if (rowLabels.length > 1) tries.push(rowLabels.join(""));
  let best: ReturnType<typeof matchRow> = null;
  for (const t of tries) {
    const m = matchRow(t, { table: "requests", group: g, prefer });
    if (m && (!best || m.score > best.score)) best = m;
    if (best?.exact) break;
  }
  if (!best) return null;
  const rowGroup = best.entry.row.group ? best.entry.row.group : null;
  return { entry: best.entry, group: rowGroup && matchGroup(rowGroup) !== "三、本年度办理结果" ? matchGroup(rowGroup) : g };
}

const nextRowsCache = new Map<string | null, ReadonlySet<string>>();

/** Rows that may follow `last` in either template (for fuzzy matching near-ties); one set per row. */
function nextRows(last: string | null): ReadonlySet<string> {
  let s = nextRowsCache.get(last);
  if (!s) nextRowsCache.set(last, (s = followers(last)));
  return s;
}

function followers(last: string | null): Set<string> {
  const s = new Set<string>();
  for (const t of TEMPLATES) {
    const keys = t.requests.rows.map((r) => r.key);
    const i = last === null ? -1 : keys.indexOf(last);
    if (i + 1 < keys.length) s.add(keys[i + 1]!);
  }
  return s;
}

function reading(table: TableId, rowName: string, slots: SlotDef[], row: Row, values: RowCell[], headerBlock: number, headerWidth = 0): Reading {
  const lastLabel = Math.max(-1, ...row.cells.map((c, i) => (!c.isValue && c.norm !== "" ? i : -1)));
  const after = row.cells.slice(lastLabel + 1).filter((c) => c.isValue && !c.fromAbove);
  const tokens = tokensOf(after.length ? after : values);
  const r: Reading = { table, rowName, slots, tokens, source: row.source, ...(row.fromText ? { boundariesLost: true } : {}) };
  const width = row.grid ? Math.max(...row.cells.map((c) => c.col + c.span)) : 0;
  const positioned = row.grid && slots.every((s) => s.col !== undefined) && (headerBlock === row.block || (headerWidth > 0 && headerWidth === width));
  if (positioned) r.byPosition = placeByColumn(tokens, slots);
  return r;
}

/** Grid rows: each value goes to the slot its columns overlap most. */
function placeByColumn(tokens: Token[], slots: SlotDef[]): (Token | undefined)[] {
  const placed: (Token | undefined)[] = slots.map(() => undefined);
  for (const t of tokens) {
    let best = -1;
    let overlap = 0;
    slots.forEach((s, i) => {
      const o = Math.min(t.col + t.span, s.col! + (s.span ?? 1)) - Math.max(t.col, s.col!);
      if (o > overlap) {
        overlap = o;
        best = i;
      }
    });
    if (best < 0) continue;
    const prev = placed[best];
    // Two cells under one header (a split cell): keep the one that says something.
    if (!prev || (prev.raw.trim() === "" && t.raw.trim() !== "")) placed[best] = t;
  }
  return placed;
}

function addReading(r: Reading, rowKey: string, out: TablesResult, seen: Map<string, Seen>) {
  const id = `${r.table}.${rowKey}`;
  const prev = seen.get(id);
  if (prev) {
    prev.repeats++;
    return;
  }
  seen.set(id, { reading: r, repeats: 0 });
  out.readings.push(r);
}

interface Seen {
  reading: Reading;
  repeats: number;
}

/** One finding per repeated row, however often it repeats; the first occurrence is used. */
function repeatedRows(seen: Map<string, Seen>): Finding[] {
  return [...seen.values()]
    .filter((x) => x.repeats > 0)
    .map(({ reading: r, repeats }) =>
      notice(duplicateRow, "warning", "repeated", { table: tableName(r.table), row: r.rowName, n: repeats + 1 }, r.slots.map((s) => s.key), r.source),
    );
}

function startParent(first: Reading, out: TablesResult, seen: Map<string, Seen>): Reading {
  const parent: Reading = { ...first, tokens: [], byPosition: undefined, parts: [] };
  const rowKey = first.slots[0]!.key.split(".")[1]!;
  addReading(parent, rowKey, out, seen);
  return parent;
}

// ---- header trees -------------------------------------------------------------------

/**
 * The leaf columns of table 3 or 4 from its header rows. Grid tables: each column's lowest
 * header cell names it. Text: groups are expanded by the next header row's labels in order
 * (`法人或其他组织` → `商业企业 … 其他`). Falls back to the statutory order.
 */
function headerSlots(rows: Row[], table: "requests" | "review"): SlotDef[] {
  const tree = table === "requests" ? F2021.requests.header : F2021.review.header;
  const leaves = leavesOf(tree);
  if (rows.every((r) => r.grid) && new Set(rows.map((r) => r.block)).size === 1) {
    const byGrid = gridLeaves(rows, tree, leaves.length);
    if (byGrid) return byGrid;
  }
  const seq = expandHeader(rows, tree);
  const found = seq.filter((n) => n.column);
  if (found.length === leaves.length && new Set(found).size === leaves.length) {
    return found.map((n) => ({ key: n.column!, kind: "count", label: n.label }));
  }
  return defaultSlots(table);
}

function gridLeaves(rows: Row[], tree: HeaderNode[], n: number): SlotDef[] | null {
  const width = Math.max(...rows.map((r) => Math.max(...r.cells.map((c) => c.col + c.span))));
  const slots: SlotDef[] = [];
  for (let col = 0; col < width; col++) {
    // Walk down the header rows, narrowing the node each row's cell names.
    let node: HeaderNode | null = null;
    let scope = tree;
    for (const r of rows) {
      const cell = r.cells.find((c) => c.col <= col && col < c.col + c.span);
      if (!cell || cell.norm === "") continue;
      const hit = scope.find((x) => nodeMatches(x, cell.norm)) ?? walkHeader(scope).find((x) => nodeMatches(x, cell.norm));
      if (!hit) continue;
      node = hit;
      scope = hit.children ?? [];
    }
    if (node?.column) {
      const last = slots[slots.length - 1];
      if (last && last.key === node.column) last.span = (last.span ?? 1) + 1;
      else slots.push({ key: node.column, kind: "count", label: node.label, col, span: 1 });
    }
  }
  return slots.length === n && new Set(slots.map((s) => s.key)).size === n ? slots : null;
}

function expandHeader(rows: Row[], tree: HeaderNode[]): HeaderNode[] {
  let seq: HeaderNode[] = [];
  const all = walkHeader(tree);
  for (const r of rows) {
    const labels = r.cells.filter((c) => !c.fromAbove && c.norm !== "" && !isBalanceNote(c.norm)).map((c) => c.norm);
    if (seq.length === 0) {
      seq = labels.map((l) => all.find((n) => nodeMatches(n, l))).filter((n): n is HeaderNode => !!n);
      continue;
    }
    const queue = [...labels];
    const next: HeaderNode[] = [];
    for (const node of seq) {
      const kids = node.children ?? [];
      const taken: HeaderNode[] = [];
      while (queue.length && taken.length < kids.length) {
        const k = kids.find((x) => !taken.includes(x) && !seq.includes(x) && nodeMatches(x, queue[0]!));
        if (!k) break;
        taken.push(k);
        queue.shift();
      }
      if (taken.length) {
        // Children already standing elsewhere in the sequence (a `总计` printed one row up) stay there.
        for (const k of kids) if (taken.includes(k) || !seq.includes(k)) next.push(...(taken.includes(k) ? [k] : []));
      } else next.push(node);
    }
    seq = next;
  }
  return seq;
}
