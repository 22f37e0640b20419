import { StoreError, type RuleCount, type Store, type StatsReportRow } from "../store/index.js";
import { Evaluator, type Outcome } from "./evaluate.js";
import { FIGURES, type FigureDef, type ReportCount } from "./figures.js";
import { figureKeys } from "./terms.js";
import type { RegionStats, StatsQuery } from "./types.js";

// What statistics read from the store, once per query: the reports (one per agency and year),
// their cells, the review states; and what a figure makes of one report.

/** Every key the figures read: one list, so the store keeps one set of inputs per report. */
const KEYS = figureKeys(FIGURES);

export interface Loaded {
  /** Findings by rule of the whole scope, duplicates and undated reports included. */
  ruleCounts: Promise<RuleCount[]>;
  region: RegionStats["region"];
  /** One report per agency and year (the latest imported), years known. */
  kept: StatsReportRow[];
  duplicates: number[];
  undated: number[];
  review: { reviewed: Set<number>; returned: Set<number> } | null;
  evaluator: Evaluator;
}

function checkQuery(q: StatsQuery): void {
  for (const [name, v] of [["起始年度", q.from], ["截止年度", q.to]] as const) {
    if (v !== undefined && v !== null && !(Number.isInteger(v) && v >= 2008 && v <= 2100)) throw new StoreError("invalid", `${name}“${v}”不是年度，例如 2024`);
  }
  if (q.from != null && q.to != null && q.from > q.to) throw new StoreError("invalid", `起始年度 ${q.from} 晚于截止年度 ${q.to}`);
  if (q.top !== undefined && !(Number.isInteger(q.top) && q.top > 0)) throw new StoreError("invalid", `排名显示的机关数“${q.top}”应为正整数`);
}

export async function load(store: Store, query: StatsQuery, opts: { rules?: boolean } = {}): Promise<Loaded> {
  checkQuery(query);
  const { scope, region } = await store.statsScope({ region: query.region, agencyId: query.agencyId, from: query.from, to: query.to });
  const ruleCounts = opts.rules ? store.ruleCounts(scope) : Promise.resolve([]);
  // Not left pending if reading the reports fails.
  ruleCounts.catch(() => {});
  const rows = await store.statsReports(scope, KEYS);
  const undated = rows.filter((r) => r.year === null).map((r) => r.id);
  // One report per agency and year: the same report imported twice (its PDF and its Word
  // file) must not be counted twice. The latest import stands.
  const latest = new Map<string, StatsReportRow>();
  const kept: StatsReportRow[] = [];
  for (const r of rows) {
    if (r.year === null) continue;
    if (r.agencyId === null) kept.push(r);
    else {
      const k = `${r.agencyId}:${r.year}`;
      const before = latest.get(k);
      if (!before || before.id < r.id) latest.set(k, r);
    }
  }
  kept.push(...latest.values());
  kept.sort((a, b) => a.id - b.id);
  const keptIds = new Set(kept.map((r) => r.id));
  const duplicates = rows.filter((r) => r.year !== null && !keptIds.has(r.id)).map((r) => r.id);
  const states = await store.reviewCounts(kept.map((r) => r.id));
  const review = states ? { reviewed: new Set(states.reviewed), returned: new Set(states.returned) } : null;
  return { region, kept, duplicates, undated, review, ruleCounts, evaluator: new Evaluator(KEYS, FIGURES) };
}

const COUNTED: Outcome = { state: "in", value: 0, of: 0 };

/** What figure `fi` makes of one report (a count is "in" with the report's contribution); `ti` is the report's template slot. */
export function outcomeOf(fi: number, r: StatsReportRow, ti: number, l: Loaded): Outcome {
  const f = FIGURES[fi]!;
  if (f.kind === "sum" || f.kind === "rate") return l.evaluator.evaluate(fi, ti, r.values);
  COUNTED.value = f.kind === "review" ? (l.review?.[f.count].has(r.id) ? 1 : 0) : reportCount(f.count, r);
  return COUNTED;
}

function reportCount(c: ReportCount, r: StatsReportRow): number {
  switch (c) {
    case "reports":
      return 1;
    case "withErrors":
      return r.errors > 0 ? 1 : 0;
    case "withWarnings":
      return r.warnings > 0 ? 1 : 0;
    case "errors":
      return r.errors;
    case "warnings":
      return r.warnings;
  }
}

export const isStock = (f: FigureDef) => f.kind === "sum" && f.stock === true;

/** Each agency's report of its last year (a report without an agency stands alone). */
export function lastYears(kept: StatsReportRow[]): StatsReportRow[] {
  const last = new Map<number | string, StatsReportRow>();
  for (const r of kept) {
    const k = r.agencyId ?? `report ${r.id}`;
    const before = last.get(k);
    if (!before || before.year! < r.year!) last.set(k, r);
  }
  return [...last.values()];
}
