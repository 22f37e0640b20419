import type { Severity } from "../model/finding.js";
import { findingMeta } from "../report/messages.js";
import { StoreError, type RuleCount, type Store } from "../store/index.js";
import { Acc, info, rank, values } from "./aggregate.js";
import { FIGURES } from "./figures.js";
import { isStock, lastYears, load, outcomeOf, type Loaded } from "./load.js";
import type { FigureReports, Problem, RegionStats, RuleReports, StatsQuery } from "./types.js";

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

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
    total: values(total, l.review !== null),
    byYear: years.map((y) => ({ year: y, figures: values(byYear.get(y)!, l.review !== null) })),
    rankings: ranked.map((i, slot) => rank(FIGURES[i]!, slot, byAgency, top)),
    problems: await problems(store, l),
  };
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

/**
 * The reports behind a row of the problems list (regionStats' `problems`): the counted reports
 * (one per agency and year, years known) with findings of the rule, of one severity when given.
 */
export async function ruleReports(store: Store, query: StatsQuery, rule: string, severity?: Severity): Promise<RuleReports> {
  const l = await load(store, query);
  return { rule, severity: severity ?? null, reports: await store.ruleReports(l.kept.map((r) => r.id), rule, severity) };
}
