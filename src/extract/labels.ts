import { TEMPLATES } from "../templates/index.js";
import { REQUEST_GROUP_LABELS } from "../templates/common.js";
import type { ActiveBlock, ColumnDef, HeaderNode, RowDef } from "../templates/types.js";
import { remember } from "../text/memo.js";
import { normLabel } from "../text/normalize.js";
import { labelSimilarity } from "../text/similarity.js";

/**
 * Label matching for table rows, columns and headers, built once from the template data.
 * Labels are compared in normalised form (no spaces, full-width brackets), then by their
 * core (no numbering prefix, no trailing note in brackets), then fuzzily for typos.
 */

/** `（二）部分公开（区分处理的…）` → `部分公开`; `1.属于国家秘密` → `属于国家秘密`. */
export function labelCore(norm: string): string {
  return norm.length > 64 ? coreOf(norm) : remember(cores, norm, () => coreOf(norm));
}

const cores = new Map<string, string>();

function coreOf(norm: string): string {
  return norm
    .replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.|\d{1,2}）|（\d{1,2}）)+/, "")
    .replace(/（[^（）]*）$/, "")
    .replace(/[：:。.，]$/, "");
}

export interface RowEntry {
  table: "active" | "requests";
  row: RowDef;
  /** Normalised label and variants, with their cores (computed once). */
  norms: { norm: string; core: string }[];
  /** Index in the union order (for "expected next row" preference). */
  order: number;
  /** Table 2 only: the block item (1, 5, 6, 8, 9) the row belongs to. */
  item?: number;
  /** Templates that have this row. */
  templates: string[];
}

function addAll(map: Map<string, RowEntry[]>, key: string, e: RowEntry) {
  if (!key) return;
  const list = map.get(key) ?? [];
  if (!list.some((x) => x.row.key === e.row.key && x.table === e.table)) list.push(e);
  map.set(key, list);
}

interface RowIndex {
  entries: RowEntry[];
  exact: Map<string, RowEntry[]>;
  core: Map<string, RowEntry[]>;
}

function buildRowIndex(): RowIndex {
  const entries: RowEntry[] = [];
  const find = (table: string, key: string) => entries.find((e) => e.table === table && e.row.key === key);
  for (const t of TEMPLATES) {
    for (const b of t.active.blocks) {
      for (const row of b.rows) {
        const e = find("active", row.key);
        if (e) {
          if (!e.templates.includes(t.id)) e.templates.push(t.id);
          // Same key, another template's label (规范性文件 / 行政规范性文件): keep both spellings.
          if (e.row.label !== row.label) e.row = { ...e.row, variants: [...(e.row.variants ?? []), row.label, ...(row.variants ?? [])] };
        } else entries.push({ table: "active", row, norms: [], order: entries.length, item: b.item, templates: [t.id] });
      }
    }
    for (const row of t.requests.rows) {
      const e = find("requests", row.key);
      if (e) {
        if (!e.templates.includes(t.id)) e.templates.push(t.id);
      } else entries.push({ table: "requests", row, norms: [], order: entries.length, templates: [t.id] });
    }
  }
  // Keep requests rows in statutory order: 2019's single （六） row sits where 2021's three do.
  const exact = new Map<string, RowEntry[]>();
  const core = new Map<string, RowEntry[]>();
  for (const e of entries) {
    e.norms = [e.row.label, ...(e.row.variants ?? [])].map((l) => ({ norm: normLabel(l), core: labelCore(normLabel(l)) }));
    for (const l of [e.row.label, ...(e.row.variants ?? [])]) {
      const n = normLabel(l);
      addAll(exact, n, e);
      if (e.row.group && !e.row.label.startsWith("（")) addAll(exact, normLabel(e.row.group) + n, e);
      addAll(core, labelCore(n), e);
    }
  }
  return { entries, exact, core };
}

const ROWS = buildRowIndex();
const GROUPS = new Set(REQUEST_GROUP_LABELS.map(normLabel));
const GROUP_CORES = new Map(REQUEST_GROUP_LABELS.map((g) => [labelCore(normLabel(g)), normLabel(g)]));

export function rowEntries(): RowEntry[] {
  return ROWS.entries;
}

/** `（三）不予公开` etc.: a row-spanning group label of table 3 (its normalised form), or null. */
export function matchGroup(norm: string): string | null {
  if (GROUPS.has(norm)) return norm;
  return GROUP_CORES.get(labelCore(norm)) ?? null;
}

export interface RowMatch {
  entry: RowEntry;
  score: number;
  /** The label cells (indices) the match used. */
  exact: boolean;
}

export interface MatchRowOptions {
  table?: "active" | "requests";
  group?: string | null;
  prefer?: ReadonlySet<string>;
  /** Allow fuzzy matching (default true). */
  fuzzy?: boolean;
}

const rowCache = new Map<string, RowMatch | null>();
const preferKeys = new WeakMap<ReadonlySet<string>, string>();

/** The `prefer` set as part of a cache key (callers pass the same few sets again and again). */
function preferKey(prefer: ReadonlySet<string>): string {
  let k = preferKeys.get(prefer);
  if (k === undefined) preferKeys.set(prefer, (k = [...prefer].join(",")));
  return k;
}

/**
 * Best row for a label. `prefer` lists rows expected here (the row after the previous one,
 * rows of the current group), which wins near-ties and lets a typo still land. Memoised:
 * the same labels come back in every report.
 */
export function matchRow(norm: string, opts: MatchRowOptions = {}): RowMatch | null {
  if (!norm) return null;
  const key = `${norm}\u0001${opts.table ?? ""}\u0001${opts.group ?? ""}\u0001${opts.fuzzy === false ? 0 : 1}\u0001${opts.prefer ? preferKey(opts.prefer) : ""}`;
  return remember(rowCache, key, () => matchRowUncached(norm, opts));
}

function matchRowUncached(norm: string, opts: MatchRowOptions): RowMatch | null {
  const ok = (e: RowEntry) => !opts.table || e.table === opts.table;
  const pick = (list: RowEntry[] | undefined): RowEntry | undefined => {
    const cands = (list ?? []).filter(ok);
    if (cands.length <= 1) return cands[0];
    // Several rows share a core (e.g. `其他`): the current group decides.
    return cands.find((e) => opts.group && e.row.group && normLabel(e.row.group) === opts.group) ?? cands[0];
  };
  const hit = pick(ROWS.exact.get(norm)) ?? pick(ROWS.core.get(labelCore(norm)));
  if (hit) return { entry: hit, score: 1, exact: true };
  if (opts.fuzzy === false || norm.length < 2 || norm.length > 80) return null;
  let best: RowEntry | null = null;
  let bestScore = 0;
  let second = 0;
  const core = labelCore(norm);
  for (const e of ROWS.entries) {
    if (!ok(e)) continue;
    let s = 0;
    for (const n of e.norms) s = Math.max(s, labelSimilarity(norm, n.norm), labelSimilarity(core, n.core));
    if (opts.prefer?.has(e.row.key)) s += 0.08;
    if (s > bestScore) {
      second = bestScore;
      bestScore = s;
      best = e;
    } else if (s > second) second = s;
  }
  if (best && bestScore >= 0.66 && bestScore - second >= 0.04) return { entry: best, score: Math.min(bestScore, 0.99), exact: false };
  return null;
}

// ---- columns of table 2 -------------------------------------------------------------

export interface ActiveColumnEntry {
  column: ColumnDef;
  item: number;
  templates: string[];
  /** Normalised label and variants, the template's own label first, with their cores. */
  norms: string[];
  cores: string[];
}

const ACTIVE_COLUMNS: ActiveColumnEntry[] = [];
for (const t of TEMPLATES) {
  for (const b of t.active.blocks) {
    for (const column of b.columns) {
      const e = ACTIVE_COLUMNS.find((x) => x.item === b.item && x.column.key === column.key && x.column.label === column.label);
      if (e) e.templates.push(t.id);
      else {
        const norms = [column.label, ...(column.variants ?? [])].map(normLabel);
        ACTIVE_COLUMNS.push({ column, item: b.item, templates: [t.id], norms, cores: norms.map(labelCore) });
      }
    }
  }
}

const columnCache = new Map<string, ActiveColumnEntry | null>();

/** Columns of table 2 that carry this header label, for the given block item if known (memoised). */
export function matchActiveColumn(norm: string, item: number | null): ActiveColumnEntry | null {
  if (!norm) return null;
  return remember(columnCache, `${norm}\u0001${item ?? ""}`, () => matchActiveColumnUncached(norm, item));
}

function matchActiveColumnUncached(norm: string, item: number | null): ActiveColumnEntry | null {
  const cands = ACTIVE_COLUMNS.filter((c) => item === null || c.item === item);
  const core = labelCore(norm);
  // A template's own label beats another template's variant (本年处理决定数量 is 2021's label, a 2019 variant).
  const exact = cands.find((c) => c.norms[0] === norm) ?? cands.find((c) => c.norms.includes(norm)) ?? cands.find((c) => c.cores.includes(core));
  if (exact) return exact;
  let best: ActiveColumnEntry | null = null;
  let bestScore = 0;
  for (const c of cands) {
    for (const l of c.norms) {
      const s = labelSimilarity(norm, l);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
  }
  return bestScore >= 0.7 ? best : null;
}

export function isActiveHeaderStart(norm: string): boolean {
  return norm === "信息内容" || norm === "项目" || norm === "内容";
}

/** `第二十条第（六）项` → 6. */
export function matchCaption(norm: string): number | null {
  const m = /第二十条第?（?([一二三四五六七八九十]+|\d+)）?项/.exec(norm);
  if (!m) return null;
  const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : "一二三四五六七八九十".indexOf(m[1]!) + 1;
  return n > 0 ? n : null;
}

/** Block of the template with that item number. */
export function blockOf(blocks: ActiveBlock[], item: number): ActiveBlock | undefined {
  return blocks.find((b) => b.item === item);
}

// ---- header trees (tables 3 and 4) ----------------------------------------------------

function nodeLabels(n: HeaderNode): string[] {
  return [n.label, ...(n.variants ?? [])].map(normLabel);
}

export function nodeMatches(n: HeaderNode, norm: string): boolean {
  if (!norm) return false;
  const labels = nodeLabels(n);
  if (labels.includes(norm)) return true;
  const core = labelCore(norm);
  return labels.some((l) => l === core || labelCore(l) === core);
}

/** Every node of a header tree, depth first. */
export function walkHeader(nodes: HeaderNode[], out: HeaderNode[] = []): HeaderNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.children) walkHeader(n.children, out);
  }
  return out;
}

export function leavesOf(nodes: HeaderNode[]): HeaderNode[] {
  return walkHeader(nodes).filter((n) => n.column);
}

/** Labels that identify a header row of table 3 or 4 on their own. */
export const REQUESTS_HEADER_MARKS = ["申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构"].map(normLabel);
export const REVIEW_HEADER_MARKS = ["行政复议", "行政诉讼", "结果维持", "结果维护", "结果纠正", "其他结果", "尚未审结", "未经复议直接起诉", "复议后起诉"].map(normLabel);

export function isBalanceNote(norm: string): boolean {
  return norm.includes("勾稽关系") || norm.includes("第一项加第二项");
}
