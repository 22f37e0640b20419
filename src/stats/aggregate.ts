import type { Outcome } from "./evaluate.js";
import { FIGURES, type FigureDef } from "./figures.js";
import { isStock } from "./load.js";
import { templatesWithout } from "./terms.js";
import type { FigureInfo, FigureValue, RankEntry, Ranking } from "./types.js";

// Adding up outcomes into figure values and agency rankings: how a value, a rate and 样本不足
// are decided, once.

export class Acc {
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

export function figureValue(f: FigureDef, a: Acc, reviewKept: boolean): FigureValue {
  if (f.kind === "review" && !reviewKept) return { value: null, reports: 0, missing: 0, notInTemplate: 0, unavailable: true };
  const { value, insufficient } = valueOf(f, a);
  const base = { reports: a.reports, missing: a.missing, notInTemplate: a.notInTemplate };
  if (f.kind !== "rate") return { value, ...base };
  return { value, numerator: round(a.value), denominator: round(a.of), ...base, ...(insufficient ? { insufficient: true as const } : {}) };
}

export function info(f: FigureDef): FigureInfo {
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

export function values(accs: Acc[], reviewKept: boolean): Record<string, FigureValue> {
  return Object.fromEntries(FIGURES.map((f, i) => [f.id, figureValue(f, accs[i]!, reviewKept)]));
}

/** Agencies ranked on figure `f`, whose accumulators sit at `slot` of each agency's. */
export function rank(f: FigureDef, slot: number, agencies: Map<number, { name: string; accs: Acc[] }>, top: number): Ranking {
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
