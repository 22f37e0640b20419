import { agencyBase, agencyKey as nameKey, isSpecificName } from "./model/agency.js";
import type { Finding } from "./model/finding.js";
import type { Report } from "./model/report.js";
import { RULES } from "./rules/index.js";
import type { FindingInput, ReportRule, Rule, RuleContext, YearsRule } from "./rules/types.js";
import { reportRequestsTemplate } from "./rules/util.js";
import { cellDefs, templateById, TEMPLATES } from "./templates/index.js";
import { memoryStorage, type PackedStorage } from "./model/packed.js";

export interface CheckOptions {
  rules?: readonly Rule[];
}

const RANK = { info: 0, warning: 1, error: 2 } as const;

function toFinding(rule: Rule, f: FindingInput): Finding {
  // A rule may lower the severity of one finding, never raise it above its meta.
  const severity = f.severity && RANK[f.severity] < RANK[rule.meta.severity] ? f.severity : rule.meta.severity;
  return { rule: rule.meta.id, origin: "rule", ...f, severity };
}

function contextOf(report: Report): RuleContext {
  return { template: templateById(report.meta.template!), requestsLayout: reportRequestsTemplate(report) };
}

/** The findings of every single-report rule on a report; the report is not changed. */
export function runRules(report: Report, opts: CheckOptions = {}): Finding[] {
  if (!report.meta.template) return [];
  const ctx = contextOf(report);
  const out: Finding[] = [];
  for (const rule of opts.rules ?? RULES) {
    if (rule.meta.scope !== "report" || !rule.meta.templates.includes(report.meta.template)) continue;
    for (const f of (rule as ReportRule).check(report, ctx)) out.push(toFinding(rule, f));
  }
  return out;
}

/** The findings of the cross-year rules on a report and the same agency's report on the year before. */
export function runYearRules(report: Report, previous: Report, opts: CheckOptions = {}): Finding[] {
  if (!report.meta.template || !previous.meta.template) return [];
  const ctx = { ...contextOf(report), previous };
  const out: Finding[] = [];
  for (const rule of opts.rules ?? RULES) {
    if (rule.meta.scope !== "years" || !rule.meta.templates.includes(report.meta.template)) continue;
    for (const f of (rule as YearsRule).check(report, ctx)) out.push(toFinding(rule, f));
  }
  return out;
}

/** The report's findings without those of rules: what reading and extraction found. */
export function readingFindings(report: Report): Finding[] {
  return report.findings.filter((f) => f.origin !== "rule");
}

/**
 * The report checked: a new report whose rule findings are replaced by this run's, reading
 * findings kept. Checking twice gives the same findings as checking once.
 */
export function checkReport(report: Report, opts: CheckOptions = {}): Report {
  return { ...report, findings: [...readingFindings(report), ...runRules(report, opts)] };
}

/** Agency name in a form that groups one body's reports across years. */
export function agencyKey(r: Report): string | null {
  const k = nameKey(r.meta.agency);
  // A zone's committee office and the zone are one body: they share a base.
  return k === null ? null : agencyBase(k);
}

/** Patterns of the cells the cross-year rules read (their `meta.reads`), per rule list. */
const readsCache = new WeakMap<readonly Rule[], RegExp>();

function readsOf(rules: readonly Rule[]): RegExp {
  let re = readsCache.get(rules);
  if (!re) {
    const globs = rules.flatMap((r) => (r.meta.scope === "years" ? (r.meta.reads ?? []) : []));
    const alt = globs.map((g) => g.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^.]+"));
    re = new RegExp(`^(?:${alt.join("|") || "(?!)"})$`);
    readsCache.set(rules, re);
  }
  return re;
}

/**
 * What the cross-year rules need of a report, and nothing more: its agency, year and layouts
 * and the cells their `meta.reads` name. A batch keeps this of every report it has written
 * (a few hundred bytes), so the report on the next or previous year can still be compared
 * when it comes much later. The rules give the same findings on summaries as on whole reports.
 */
export function yearSummary(r: Report, opts: CheckOptions = {}): Report {
  const reads = readsOf(opts.rules ?? RULES);
  const cells: Record<string, number | null> = {};
  for (const k in r.cells) if (reads.test(k)) cells[k] = r.cells[k]!;
  const requestsTemplate = r.meta.template ? reportRequestsTemplate(r).id : undefined;
  return {
    meta: { title: null, agency: r.meta.agency, year: r.meta.year, template: r.meta.template, ...(requestsTemplate ? { requestsTemplate } : {}), ...(r.meta.file !== undefined ? { file: r.meta.file } : {}) },
    sections: [],
    cells,
    provenance: {},
    findings: [],
  };
}

/**
 * One report of a batch as the cross-year rules need it: its identity in the book, made on
 * demand from the book's packed rows (the book keeps no object per report).
 */
export interface YearEntry {
  id: number;
  key: string;
  year: number;
  agency: string | null;
  template: Report["meta"]["template"];
  requestsTemplate: Report["meta"]["requestsTemplate"];
  file: string | undefined;
}

/** Every cell key the cross-year rules read, in one order, per rule list: how summaries are packed. */
const readKeysCache = new WeakMap<readonly Rule[], string[]>();

/** Every cell key of either template that the cross-year rules read (their `meta.reads`). */
export function yearReadKeys(opts: CheckOptions = {}): readonly string[] {
  return readKeys(opts.rules ?? RULES);
}

function readKeys(rules: readonly Rule[]): string[] {
  let keys = readKeysCache.get(rules);
  if (!keys) {
    const re = readsOf(rules);
    keys = [...new Set(TEMPLATES.flatMap((t) => cellDefs(t).map((d) => d.key)))].filter((k) => re.test(k));
    readKeysCache.set(rules, keys);
  }
  return keys;
}

/**
 * The reports of a batch by agency and year, kept as summaries, as they are read: which report
 * is the same agency's previous year, and which written report a newly read one is the
 * previous year of. Used whole by `checkAcrossYears` and report by report by a stream.
 *
 * Agencies: one key after removing spaces; a specific name (`洪泽区人民政府`) is also the same
 * agency as the one known name that ends with it (`淮安市洪泽区人民政府`) — one, since a name
 * that ends two known names does not say which. Streaming, "known" is what has been read so
 * far. Of two reports of one agency and year, the one read last is the one compared.
 */
export class YearBook {
  /** Per entry (by id): the fields `F` names, as numbers; strings by their number in a table. */
  private readonly rows;
  /**
   * Per entry (by id): the values of the cells the rules read (`keys()`, in that order; blank
   * and absent both NaN — the rules only use numbers) and the file's name without its folder.
   */
  private readonly arena;
  /** Agency keys; a key's number, with the year, makes the key of `byKeyYear`. */
  private readonly keyNames;
  /** Agency names, layout ids and folders: strings shared by many entries. */
  private readonly strings;
  /** The last entry of each agency key (by number) and year; earlier ones chained by `F.sameBefore`. */
  private readonly byKeyYear;
  /** Known keys that end with a given specific name (longer than it): one, or several. */
  private readonly longer;

  /** `storage`: where the book's parts are kept (in memory unless a batch gives a disk). */
  constructor(
    private readonly opts: CheckOptions = {},
    storage: PackedStorage = memoryStorage,
  ) {
    this.rows = storage.rows(F.width);
    this.arena = storage.records();
    this.keyNames = storage.strings();
    this.strings = storage.strings();
    this.byKeyYear = storage.pairs();
    this.longer = storage.tails();
  }

  /** Adds a report as read; null when it has no agency, year or layout (nothing to compare). */
  add(r: Report): YearEntry | null {
    const key = agencyKey(r);
    // A year is kept as a 32-bit integer; one that is not (a hostile JSON input) has no neighbour.
    if (!key || r.meta.year === null || !r.meta.template || !Number.isInteger(r.meta.year) || Math.abs(r.meta.year) >= 2 ** 31 - 1) return null;
    const summary = yearSummary(r, this.opts);
    const m = summary.meta;
    const known = this.keyNames.find(key) !== undefined;
    const keyId = this.keyNames.id(key);
    const file = m.file;
    const cut = file === undefined ? -1 : Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1;
    const str = (s: string | null | undefined) => (s === null || s === undefined ? -1 : this.strings.id(s));
    const before = this.byKeyYear.get(keyId, m.year!);
    // The name is most often the key itself: no second copy then.
    const id = this.rows.push(keyId, m.year!, m.agency === key ? SAME_AS_KEY : str(m.agency), str(m.template), str(m.requestsTemplate), file === undefined ? -1 : str(file.slice(0, cut)), 0, -1, before);
    this.byKeyYear.set(keyId, m.year!, id);
    const keys = this.keys();
    const values = new Float64Array(keys.length);
    keys.forEach((k, i) => {
      const v = summary.cells[k];
      values[i] = typeof v === "number" ? v : NaN;
    });
    this.arena.push(values, file?.slice(cut));
    if (!known) {
      for (let k = 1; k < key.length - 1; k++) {
        const tail = key.slice(k);
        if (isSpecificName(tail)) this.longer.add(tail, key);
      }
    }
    return { id, key: this.keyNames.at(keyId), year: m.year!, agency: m.agency, template: m.template, requestsTemplate: m.requestsTemplate, file };
  }

  /** The entry with this id (a new object each time: compare ids, not entries). */
  entry(id: number): YearEntry {
    const str = (field: number) => {
      const s = this.rows.get(id, field);
      return s < 0 ? undefined : this.strings.at(s);
    };
    const dir = str(F.dir);
    const key = this.keyNames.at(this.rows.get(id, F.key));
    return {
      id,
      key,
      year: this.rows.get(id, F.year),
      agency: this.rows.get(id, F.agency) === SAME_AS_KEY ? key : (str(F.agency) ?? null),
      template: (str(F.template) ?? null) as YearEntry["template"],
      requestsTemplate: str(F.requestsTemplate) as YearEntry["requestsTemplate"],
      file: dir === undefined ? undefined : dir + (this.arena.text(id) ?? ""),
    };
  }

  /** Written out (streaming): its cross-year findings can no longer be added to it. */
  isWritten(id: number): boolean {
    return this.rows.get(id, F.written) === 1;
  }

  markWritten(id: number): void {
    this.rows.set(id, F.written, 1);
  }

  /** The entry it was compared with as its previous year, if any. */
  comparedWith(id: number): number | undefined {
    const p = this.rows.get(id, F.previous);
    return p < 0 ? undefined : p;
  }

  setComparedWith(id: number, previous: number): void {
    this.rows.set(id, F.previous, previous);
  }

  /** The agency's keys: this one, and the one it is joined with, if any. */
  private agency(key: string): string[] {
    const out = [key];
    const up = isSpecificName(key) ? this.longer.get(key) : undefined;
    if (typeof up === "string") out.push(up);
    for (let k = 1; k < key.length - 1; k++) {
      const tail = key.slice(k);
      if (this.keyNames.find(tail) !== undefined && typeof this.longer.get(tail) === "string" && isSpecificName(tail)) out.push(tail);
    }
    return out;
  }

  /** The same agency's report on the year before, as known now. */
  previousOf(e: YearEntry): YearEntry | null {
    const id = this.previousId(e.key, e.year);
    return id === null ? null : this.entry(id);
  }

  private previousId(key: string, year: number): number | null {
    for (const k of this.agency(key)) {
      const keyId = this.keyNames.find(k);
      const last = keyId === undefined ? -1 : this.byKeyYear.get(keyId, year - 1);
      if (last >= 0) return last;
    }
    return null;
  }

  /** The entries of an agency key and year, in the order they came. */
  private idsOf(key: string, year: number): readonly number[] {
    const keyId = this.keyNames.find(key);
    const ids: number[] = [];
    for (let id = keyId === undefined ? -1 : this.byKeyYear.get(keyId, year); id >= 0; id = this.rows.get(id, F.sameBefore)) ids.push(id);
    return ids.reverse();
  }

  /** Written reports of the year after `e` whose previous year `e` is and that went out without one. */
  waitingFor(e: YearEntry): YearEntry[] {
    const out: YearEntry[] = [];
    for (const k of this.agency(e.key)) {
      // The next year's reports of this key all have the same previous year: `e` or another.
      if (this.previousId(k, e.year + 1) !== e.id) continue;
      for (const id of this.idsOf(k, e.year + 1)) {
        if (this.isWritten(id) && this.comparedWith(id) === undefined) out.push(this.entry(id));
      }
    }
    return out;
  }

  /** An entry's summary (`yearSummary`), unpacked. */
  summary(e: YearEntry): Report {
    const keys = this.keys();
    const { values } = this.arena.read(e.id, keys.length);
    const cells: Record<string, number | null> = {};
    keys.forEach((k, i) => {
      const v = values[i]!;
      if (!Number.isNaN(v)) cells[k] = v;
    });
    const meta: Report["meta"] = { title: null, agency: e.agency, year: e.year, template: e.template, ...(e.requestsTemplate ? { requestsTemplate: e.requestsTemplate } : {}), ...(e.file !== undefined ? { file: e.file } : {}) };
    return { meta, sections: [], cells, provenance: {}, findings: [] };
  }

  /** The cross-year findings of a report against its previous year's summary. */
  findings(r: Report, previous: YearEntry): Finding[] {
    return runYearRules(r, this.summary(previous), this.opts);
  }

  private keys(): string[] {
    return readKeys(this.opts.rules ?? RULES);
  }

  /** Groups of entries by agency (for `agencyGroups`). */
  groups(): YearEntry[][] {
    const byAgency = new Map<string, YearEntry[]>();
    for (let id = 0; id < this.rows.length; id++) {
      const e = this.entry(id);
      const name = this.agency(e.key).sort((a, b) => b.length - a.length)[0]!;
      byAgency.set(name, [...(byAgency.get(name) ?? []), e]);
    }
    // The longer name's reports first, as the names were joined.
    return [...byAgency.values()].map((g) => g.sort((a, b) => b.key.length - a.key.length));
  }
}

/** A row's agency name when it is the agency key. */
const SAME_AS_KEY = -2;

/** The fields of a YearBook row. */
const F = { key: 0, year: 1, agency: 2, template: 3, requestsTemplate: 4, dir: 5, written: 6, previous: 7, sameBefore: 8, width: 9 } as const;

/**
 * Groups reports by agency, names joined by the shared naming rule (src/model/agency.ts):
 * `淮安市洪泽区人民政府` and `洪泽区人民政府` are one agency when the shorter name is specific
 * and fits only one longer name in the batch.
 */
export function agencyGroups(reports: Report[]): Report[][] {
  const book = new YearBook();
  const byId = new Map<number, Report>();
  for (const r of reports) {
    const e = book.add(r);
    if (e) byId.set(e.id, r);
  }
  return book.groups().map((g) => g.map((e) => byId.get(e.id)!));
}

/**
 * Adds the cross-year findings to a batch of checked reports: each pair of consecutive years
 * of the same agency, reported on the later year. Returns new reports in the same order.
 */
export function checkAcrossYears(reports: Report[], opts: CheckOptions = {}): Report[] {
  // One report has no other year to be compared with (a server checking one upload).
  if (reports.length < 2) return [...reports];
  const book = new YearBook(opts);
  const entries = reports.map((r) => book.add(r));
  return reports.map((r, i) => {
    const e = entries[i];
    const previous = e ? book.previousOf(e) : null;
    if (!previous) return r;
    const found = book.findings(r, previous);
    return found.length ? { ...r, findings: [...r.findings, ...found] } : r;
  });
}

/** Checks a batch: each report on its own, then across years. Returns new reports in the same order. */
export function checkReports(reports: Report[], opts: CheckOptions = {}): Report[] {
  return checkAcrossYears(
    reports.map((r) => checkReport(r, opts)),
    opts,
  );
}
