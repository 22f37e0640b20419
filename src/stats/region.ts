import type { Severity } from "../model/finding.js";
import { findingMeta } from "../report/messages.js";
import { StoreError, type RuleCount, type Store, type StatsReportRow } from "../store/index.js";
import { Evaluator, type Outcome } from "./evaluate.js";
import { FIGURES, type FigureDef, type ReportCount } from "./figures.js";
import { figureKeys, templatesWithout } from "./terms.js";
import type { FigureInfo, FigureReports, FigureValue, Problem, RankEntry, Ranking, RegionStats, StatsQuery } from "./types.js";

/** Every key the figures read: one list, so the store keeps one set of inputs per report. */
const KEYS = figureKeys(FIGURES);

interface Loaded {
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

async function load(store: Store, query: StatsQuery, opts: { rules?: boolean } = {}): Promise<Loaded> {
  checkQuery(query);
  const { scope, region } = await store.statsScope({ region: query.region, from: query.from, to: query.to });
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
function outcomeOf(fi: number, r: StatsReportRow, ti: number, l: Loaded): Outcome {
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

class Acc {
  value = 0;
  of = 0;
  reports = 0;
  missing = 0;
  notInTemplate = 0;

  add(o: Outcome): void {
    if (o.state === "missing") this.missing++;
    else if (o.state === "notInTemplate") this.notInTemplate++;
    else {
      this.value += o.value;
      this.of += o.of;
      this.reports++;
    }
  }
}

// Sums of amounts (万元) are decimals: rounded so that the order of adding never shows.
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * A figure's value from its accumulator: counts as they are; sums and rates null when no report
 * had the cells; a rate null too (样本不足) when its denominator is below the minimum.
 */
function valueOf(f: FigureDef, a: Acc): { value: number | null; insufficient: boolean } {
  if (f.kind === "count" || f.kind === "review") return { value: a.value, insufficient: false };
  if (!a.reports) return { value: null, insufficient: false };
  if (f.kind === "sum") return { value: round(a.value), insufficient: false };
  const of = round(a.of);
  return of < f.minimum || of <= 0 ? { value: null, insufficient: true } : { value: round(a.value) / of, insufficient: false };
}

function figureValue(f: FigureDef, a: Acc, l: Loaded): FigureValue {
  if (f.kind === "review" && !l.review) return { value: null, reports: 0, missing: 0, notInTemplate: 0, unavailable: true };
  const { value, insufficient } = valueOf(f, a);
  const base = { reports: a.reports, missing: a.missing, notInTemplate: a.notInTemplate };
  if (f.kind !== "rate") return { value, ...base };
  return { value, numerator: round(a.value), denominator: round(a.of), ...base, ...(insufficient ? { insufficient: true as const } : {}) };
}

function info(f: FigureDef): FigureInfo {
  return {
    id: f.id,
    name: f.name,
    section: f.section,
    kind: f.kind,
    unit: f.kind === "rate" ? "%" : f.unit,
    ...(f.kind === "rate" ? { minimum: f.minimum, cases: f.cases } : {}),
    notIn: templatesWithout(f),
    ranked: Boolean(f.rank),
    ...(isStock(f) ? { stock: true as const } : {}),
  };
}

function values(accs: Acc[], l: Loaded): Record<string, FigureValue> {
  return Object.fromEntries(FIGURES.map((f, i) => [f.id, figureValue(f, accs[i]!, l)]));
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Agencies ranked on figure `f`, whose accumulators sit at `slot` of each agency's. */
function rank(f: FigureDef, slot: number, agencies: Map<number, { name: string; accs: Acc[] }>, top: number): Ranking {
  const entries: { agencyId: number; agency: string; value: number; a: Acc }[] = [];
  let insufficient = 0;
  let noData = 0;
  for (const [agencyId, { name, accs }] of agencies) {
    const a = accs[slot]!;
    const v = valueOf(f, a);
    if (v.value !== null) entries.push({ agencyId, agency: name, value: v.value, a });
    else if (v.insufficient) insufficient++;
    else noData++;
  }
  entries.sort((x, y) => y.value - x.value || (x.agency < y.agency ? -1 : x.agency > y.agency ? 1 : 0) || x.agencyId - y.agencyId);
  // Equal values share a rank (1, 2, 2, 4).
  const ranks: number[] = [];
  entries.forEach((e, i) => ranks.push(i > 0 && e.value === entries[i - 1]!.value ? ranks[i - 1]! : i + 1));
  const entry = (i: number): RankEntry => {
    const { agencyId, agency, value, a } = entries[i]!;
    return { rank: ranks[i]!, agencyId, agency, value, ...(f.kind === "rate" ? { numerator: round(a.value), denominator: round(a.of) } : {}), reports: a.reports, missing: a.missing };
  };
  const n = entries.length;
  const shown = Math.min(top, n);
  return { figure: f.id, ranked: n, insufficient, noData, top: Array.from({ length: shown }, (_, i) => entry(i)), bottom: Array.from({ length: shown }, (_, i) => entry(n - 1 - i)) };
}

/**
 * Statistics of a region (an agency and everything under it, or the whole corpus) over a
 * range of years: every figure of figures.ts over all years and year by year, agencies
 * ranked, findings by rule. What `nianbao stats` prints and the web dashboard shows.
 */
export async function regionStats(store: Store, query: StatsQuery = {}): Promise<RegionStats> {
  const l = await load(store, query, { rules: true });
  const n = FIGURES.length;
  const fresh = () => Array.from({ length: n }, () => new Acc());
  const total = fresh();
  const byYear = new Map<number, Acc[]>();
  const byAgency = new Map<number, { name: string; accs: Acc[] }>();
  const ranked = FIGURES.map((f, i) => (f.rank ? i : -1)).filter((i) => i >= 0);
  // Agencies accumulate only the ranked figures: slot of each figure, or -1.
  const slotOf = FIGURES.map((_, i) => ranked.indexOf(i));
  const stock = FIGURES.map(isStock);
  for (const r of l.kept) {
    let year = byYear.get(r.year!);
    if (!year) byYear.set(r.year!, (year = fresh()));
    let agency = r.agencyId === null ? undefined : byAgency.get(r.agencyId);
    if (r.agencyId !== null && !agency) byAgency.set(r.agencyId, (agency = { name: r.agency ?? String(r.agencyId), accs: ranked.map(() => new Acc()) }));
    const ti = l.evaluator.slot(r.template);
    for (let i = 0; i < n; i++) {
      const o = outcomeOf(i, r, ti, l);
      year[i]!.add(o);
      if (stock[i]) continue;
      total[i]!.add(o);
      if (agency && slotOf[i]! >= 0) agency.accs[slotOf[i]!]!.add(o);
    }
  }
  // Stocks over the range: each agency's last year.
  for (const r of lastYears(l.kept)) {
    const ti = l.evaluator.slot(r.template);
    for (let i = 0; i < n; i++) {
      if (!stock[i]) continue;
      const o = outcomeOf(i, r, ti, l);
      total[i]!.add(o);
      if (r.agencyId !== null && slotOf[i]! >= 0) byAgency.get(r.agencyId)!.accs[slotOf[i]!]!.add(o);
    }
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const top = query.top ?? 10;
  return {
    region: l.region,
    years: { from: query.from ?? null, to: query.to ?? null, present: years },
    reports: { counted: l.kept.length, agencies: byAgency.size, duplicates: l.duplicates, undated: l.undated },
    figures: FIGURES.map(info),
    total: values(total, l),
    byYear: years.map((y) => ({ year: y, figures: values(byYear.get(y)!, l) })),
    rankings: ranked.map((i, slot) => rank(FIGURES[i]!, slot, byAgency, top)),
    problems: await problems(store, l),
  };
}

const isStock = (f: FigureDef) => f.kind === "sum" && f.stock === true;

/** Each agency's report of its last year (a report without an agency stands alone). */
function lastYears(kept: StatsReportRow[]): StatsReportRow[] {
  const last = new Map<number | string, StatsReportRow>();
  for (const r of kept) {
    const k = r.agencyId ?? `report ${r.id}`;
    const before = last.get(k);
    if (!before || before.year! < r.year!) last.set(k, r);
  }
  return [...last.values()];
}

/**
 * Findings by rule of the counted reports: the scope's counts (asked for while the reports are
 * read) less those of the reports left out — duplicates and undated ones, usually few.
 */
async function problems(store: Store, l: Loaded): Promise<Problem[]> {
  const left = [...l.duplicates, ...l.undated];
  const [all, less] = await Promise.all([l.ruleCounts, left.length ? store.ruleCounts(left) : []]);
  const key = (r: RuleCount) => `${r.rule}\u0000${r.severity}`;
  const minus = new Map(less.map((r) => [key(r), r]));
  return all
    .map((r) => ({ ...r, findings: r.findings - (minus.get(key(r))?.findings ?? 0), reports: r.reports - (minus.get(key(r))?.reports ?? 0) }))
    .filter((r) => r.findings > 0)
    .map((r) => ({ rule: r.rule, title: findingMeta(r.rule)?.title ?? r.rule, severity: r.severity as Severity, findings: r.findings, reports: r.reports }))
    .sort((a, b) => b.findings - a.findings || (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || (a.rule < b.rule ? -1 : 1));
}

/**
 * The reports behind one figure — counted, left out for a missing cell, left out by template —
 * over the query, or one year or one agency of it: a dashboard's drill-down.
 */
export async function figureReports(store: Store, query: StatsQuery, figureId: string, at: { year?: number; agencyId?: number } = {}): Promise<FigureReports> {
  const fi = FIGURES.findIndex((x) => x.id === figureId);
  const f = FIGURES[fi];
  if (!f) throw new StoreError("not-found", `没有这项统计：“${figureId}”（见 docs/stats.md）`);
  const l = await load(store, query);
  const out: FigureReports = { figure: f.id, included: [], missing: [], notInTemplate: [] };
  // A stock over several years is each agency's last year.
  const reports = isStock(f) && at.year === undefined ? lastYears(l.kept).sort((a, b) => a.id - b.id) : l.kept;
  for (const r of reports) {
    if (at.year !== undefined && r.year !== at.year) continue;
    if (at.agencyId !== undefined && r.agencyId !== at.agencyId) continue;
    const o = outcomeOf(fi, r, l.evaluator.slot(r.template), l);
    if (o.state === "missing") out.missing.push(r.id);
    else if (o.state === "notInTemplate") out.notInTemplate.push(r.id);
    else if (f.kind === "sum" || f.kind === "rate" || o.value > 0) out.included.push(r.id);
  }
  return out;
}
