import type { TemplateId } from "../model/report.js";
import { ROW_CORRESPONDENCES } from "../templates/crosswalk.js";
import { resultGroups } from "../templates/groups.js";
import { cellDef, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import type { FigureDef, Sum, Term } from "./figures.js";

/**
 * A term as each template has it: the cell keys to add up in a report on that template, or
 * null when that template has no such cells.
 */
export type ResolvedTerm = Record<TemplateId, string[] | null>;

const cache = new WeakMap<Term, ResolvedTerm>();

export function resolveTerm(term: Term): ResolvedTerm {
  let r = cache.get(term);
  if (!r) {
    r = Object.fromEntries(TEMPLATES.map((t) => [t.id, keysIn(term, t)])) as ResolvedTerm;
    cache.set(term, r);
  }
  return r;
}

function keysIn(term: Term, t: Template): string[] | null {
  if ("results" in term) {
    const g = resultGroups(t).find((x) => x.no === term.results);
    return g ? g.rows.map((row) => `requests.${row.key}.${term.column}`) : null;
  }
  const out: string[] = [];
  for (const key of term.cells) {
    const keys = cellDef(t, key) ? [key] : counterpart(key, t);
    if (!keys) return null;
    out.push(...keys);
  }
  return out;
}

/** A key the template lacks, through the crosswalk: the rows that stand for its row there, same column. */
function counterpart(key: string, t: Template): string[] | null {
  const [table, row, ...rest] = key.split(".");
  const column = rest.join(".");
  for (const c of ROW_CORRESPONDENCES) {
    if (c.table !== table) continue;
    const [a, b] = c.groups;
    const other = a.includes(row!) && a.length === 1 ? b : b.includes(row!) && b.length === 1 ? a : null;
    if (!other) continue;
    const keys = other.map((r) => `${table}.${r}.${column}`);
    if (keys.every((k) => cellDef(t, k))) return keys;
  }
  return null;
}

/** Every key a term may read, in any template. */
export function termKeys(term: Term): string[] {
  return [...new Set(Object.values(resolveTerm(term)).flatMap((k) => k ?? []))];
}

export function sumTerms(s: Sum): Term[] {
  return [...s.plus, ...(s.minus ?? [])];
}

/** Every term of a figure (none for report and review counts). */
export function figureTerms(f: FigureDef): Term[] {
  if (f.kind === "sum") return sumTerms(f.value);
  if (f.kind === "rate") return [...sumTerms(f.value), ...sumTerms(f.of)];
  return [];
}

/** Every cell key the figures may read. */
export function figureKeys(figures: readonly FigureDef[]): string[] {
  return [...new Set(figures.flatMap((f) => figureTerms(f).flatMap(termKeys)))];
}

/** The templates a figure does not exist for (some term has no cells there). */
export function templatesWithout(f: FigureDef): TemplateId[] {
  return TEMPLATES.filter((t) => figureTerms(f).some((term) => resolveTerm(term)[t.id] === null)).map((t) => t.id);
}
