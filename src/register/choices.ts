import { applicantColumns, resultRows, reviewResults } from "../templates/groups.js";
import { TEMPLATES } from "../templates/index.js";
import type { RowDef, Template } from "../templates/types.js";
import { normLabel } from "../text/normalize.js";
import { CHANNELS } from "./model.js";

/**
 * The values a register field may take, read from the template data: table 3's applicant
 * columns and result rows, table 4's rows and result columns. Nothing here is a hand-written
 * list of rows; a new template brings its own.
 */
export interface Choice {
  key: string;
  /** What the spreadsheet shows and the drop-down offers. */
  label: string;
  /** Other spellings accepted on import. */
  forms: string[];
}

// Table 3's applicant columns and result rows and table 4's result columns come from the
// template data through templates/groups.ts, as statistics read them.
export { applicantColumns, resultRows, reviewResults };

export function reviewGroups(t: Template): RowDef[] {
  return t.review.rows;
}

/** `1.属于国家秘密` → `属于国家秘密`; `（二）部分公开（区分处理的…）` → `部分公开`. */
function bare(s: string): string {
  return s.replace(/^（[一二三四五六七八九十]+）/, "").replace(/^\d+[.、．]/, "").replace(/（[^）]*）$/, "");
}

export function applicantChoices(t: Template): Choice[] {
  return applicantColumns(t).map((c) => ({ key: c.key, label: c.label, forms: [c.key, c.label, ...(c.variants ?? [])] }));
}

export function outcomeChoices(t: Template): Choice[] {
  return resultRows(t).map((r) => ({
    key: r.key,
    label: r.name,
    forms: [r.key, r.name, r.label, bare(r.name), bare(r.label), ...(r.variants ?? []).flatMap((v) => [v, bare(v)]), ...(r.group ? [r.group + r.label] : [])],
  }));
}

export function reviewGroupChoices(t: Template): Choice[] {
  return reviewGroups(t).map((r) => ({ key: r.key, label: r.label, forms: [r.key, r.label, r.name] }));
}

/** Suit types only: the groups other than 行政复议 (the first row of table 4). */
export function suitChoices(t: Template): Choice[] {
  return reviewGroupChoices(t).slice(1);
}

export function reviewResultChoices(t: Template): Choice[] {
  return reviewResults(t).map((c) => ({
    key: c.key,
    label: c.label,
    forms: [c.key, c.label, ...(c.variants ?? []), c.label.replace(/^结果/, "").replace(/结果$/, "")],
  }));
}

export function channelChoices(): Choice[] {
  return CHANNELS.map((c) => ({ key: c.key, label: c.label, forms: [c.key, c.label, ...c.variants] }));
}

/**
 * Looks a typed value up among choices: exact key, label or accepted spelling after the same
 * normalisation the report reader uses (spaces, brackets, `1、` → `1.`). A spelling that fits
 * two choices fits none.
 */
export class ChoiceMap {
  private readonly byForm = new Map<string, string | null>();
  constructor(readonly choices: Choice[]) {
    for (const c of choices) {
      for (const f of new Set(c.forms.map(norm))) {
        if (!f) continue;
        const had = this.byForm.get(f);
        this.byForm.set(f, had === undefined || had === c.key ? c.key : null);
      }
    }
  }
  find(text: string): string | undefined {
    return this.byForm.get(norm(text)) ?? undefined;
  }
  label(key: string): string | undefined {
    return this.choices.find((c) => c.key === key)?.label;
  }
}

function norm(s: string): string {
  return normLabel(s.trim()).toLowerCase();
}

const outcomeMaps = new WeakMap<Template, ChoiceMap>();

export function outcomeMap(t: Template): ChoiceMap {
  let m = outcomeMaps.get(t);
  if (!m) outcomeMaps.set(t, (m = new ChoiceMap(outcomeChoices(t))));
  return m;
}

/** Templates other than `t` whose result rows have this spelling (to say why it is refused). */
export function outcomeElsewhere(text: string, t: Template): Template[] {
  return TEMPLATES.filter((x) => x !== t && outcomeMap(x).find(text) !== undefined && outcomeMap(t).find(text) === undefined);
}
