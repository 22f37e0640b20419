import { YearBook, type CheckOptions, type YearEntry } from "../check.js";
import type { Finding, Severity } from "../model/finding.js";
import type { Report } from "../model/report.js";
import type { Envelope } from "./envelope.js";
import { memoryStorage, type PackedStorage } from "../model/packed.js";

/**
 * Cross-year findings for a report whose previous year was read only after it had been written:
 * they belong to it (the rules report on the later year), but it is gone.
 */
export interface LateFindings {
  /** The input the report came from. */
  file: string;
  /** Its summary (agency, year, layouts, the cells the cross-year rules read). */
  report: Report;
  findings: Finding[];
  /** The worst severity among the findings it was written with (null: none). */
  worstBefore: Severity | null;
}

export interface CrossYearOptions extends CheckOptions {
  /** How many inputs a report may wait for its previous year before it is written anyway. */
  lookahead?: number;
  /**
   * Where the summaries are kept: in memory by default; a temporary file for a large batch
   * (`store/scratch-book.ts`), so that memory stays the same whatever the batch's size.
   */
  storage?: PackedStorage;
}

/** Default wait: a reversed pair within this many inputs still gets its findings in place. */
export const DEFAULT_LOOKAHEAD = 32;

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Worst severities as numbers (their index) for the packed per-entry column; -1: not written alone. */
const SEVERITY: readonly (Severity | null)[] = [null, "info", "warning", "error"];
const UNSET = -1;

export function worstSeverity(findings: Finding[], start: Severity | null = null): Severity | null {
  let w = start;
  for (const f of findings) if (w === null || RANK[f.severity] > RANK[w]) w = f.severity;
  return w;
}

interface Held {
  envelope: Envelope;
  entries: (YearEntry | null)[];
  seq: number;
}

/**
 * The cross-year rules over a stream of envelopes in input order, keeping memory flat: each
 * report is written as soon as it has been compared with the same agency's previous year, then
 * dropped; the batch keeps only its summary (`yearSummary`).
 *
 * The previous year may come later. A report with no previous year read yet waits for up to
 * `lookahead` more inputs (the pair is usually close: one agency's files side by side). Past
 * that it is written without, and if its previous year comes after all, the pair is still
 * compared — from the two summaries — and the findings come out at the end as `LateFindings`,
 * naming the report. For inputs in year order (`2023年报/ 2024年报/`, names sorted by year),
 * or pairs within the lookahead, every finding is on its report, as `checkAcrossYears` gives.
 */
export class CrossYearStream {
  private readonly book: YearBook;
  private readonly lookahead: number;
  private readonly held: Held[] = [];
  private readonly late: LateFindings[] = [];
  /** Worst severity each written report went out with, by entry id (for late findings; `SEVERITY` codes). */
  private readonly worst;
  private pushed = 0;

  constructor(opts: CrossYearOptions = {}) {
    const storage = opts.storage ?? memoryStorage;
    this.book = new YearBook(opts, storage);
    this.worst = storage.rows(1);
    this.lookahead = opts.lookahead ?? DEFAULT_LOOKAHEAD;
  }

  /** Adds the next envelope; returns those now ready to write, in input order. */
  push(envelope: Envelope): Envelope[] {
    const entries = envelope.reports.map((r) => this.book.add(r));
    for (const e of entries) if (e) this.worst.push(UNSET);
    for (const e of entries) {
      if (!e) continue;
      for (const waiting of this.book.waitingFor(e)) {
        this.book.setComparedWith(waiting.id, e.id);
        const summary = this.book.summary(waiting);
        const findings = this.book.findings(summary, e);
        if (findings.length) this.late.push({ file: summary.meta.file ?? "", report: summary, findings, worstBefore: SEVERITY[this.worst.get(waiting.id, 0)] ?? null });
      }
    }
    this.held.push({ envelope, entries, seq: this.pushed++ });
    return this.release(false);
  }

  /** The input is over: everything still held, and the findings that came too late. */
  end(): { envelopes: Envelope[]; late: LateFindings[] } {
    return { envelopes: this.release(true), late: this.late.splice(0) };
  }

  private ready(h: Held): boolean {
    return this.pushed - h.seq > this.lookahead || h.entries.every((e) => !e || this.book.previousOf(e) !== null);
  }

  private release(all: boolean): Envelope[] {
    const out: Envelope[] = [];
    while (this.held.length && (all || this.ready(this.held[0]!))) {
      const { envelope, entries } = this.held.shift()!;
      const reports = envelope.reports.map((r, i) => {
        const e = entries[i];
        if (!e) return r;
        const previous = this.book.previousOf(e);
        this.book.markWritten(e.id);
        let checked = r;
        if (previous) {
          this.book.setComparedWith(e.id, previous.id);
          const found = this.book.findings(r, previous);
          if (found.length) checked = { ...r, findings: [...r.findings, ...found] };
        } else this.worst.set(e.id, 0, SEVERITY.indexOf(worstSeverity(checked.findings)));
        return checked;
      });
      out.push(reports.every((r, i) => r === envelope.reports[i]) ? envelope : { ...envelope, reports });
    }
    return out;
  }
}
