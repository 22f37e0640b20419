import type { Envelope, LateFindings } from "../pipeline/index.js";
import { findingMessage } from "../report/messages.js";
import { errorToJson, reportToJson } from "../report/json.js";
import { BatchTally, lateFindingsToText, outcomeOf, reportToText, type TextOptions } from "../report/text.js";
import { escapeControls } from "../text/escape.js";

/**
 * Where a batch's results go, one envelope at a time, written at once and dropped: text blocks,
 * a JSON array written element by element (byte for byte what JSON.stringify(all, null, 2)
 * would give), or JSON Lines. `end` writes what closes the output.
 */
export interface Output {
  envelope(e: Envelope): void;
  late(l: LateFindings): void;
  end(): void;
}

export type OutputFormat = "text" | "json" | "jsonl";

export interface OutputOptions extends TextOptions {
  format: OutputFormat;
  /** One input file: JSON prints its report as an object, not an array of one. */
  single: boolean;
  /** More than one input: text ends with the batch summary. */
  batch: boolean;
  write(s: string): void;
}

export function createOutput(o: OutputOptions): Output {
  return o.format === "text" ? new TextOutput(o) : o.format === "jsonl" ? new JsonLinesOutput(o) : o.single ? new SingleJsonOutput(o) : new JsonArrayOutput(o);
}

/** A cross-year supplement as JSON: `{ meta, supplement: { findings } }`, beside `{ meta, error }`. */
function lateToJson(l: LateFindings): object {
  const { agency, year, template } = l.report.meta;
  const findings = l.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: findingMessage(f), cells: f.cells, ...rest(f) }));
  return { meta: { file: l.file, agency, year, template }, supplement: { kind: "years", findings } };
}

function rest(f: LateFindings["findings"][number]): object {
  const { rule: _r, severity: _s, cells: _c, ...others } = f;
  return others;
}

function items(e: Envelope): object[] {
  return e.error ? [errorToJson(e.file, e.error.code, e.error.message)] : e.reports.map(reportToJson);
}

class TextOutput implements Output {
  private first = true;
  private readonly tally = new BatchTally();
  constructor(private readonly o: OutputOptions) {}

  private block(text: string) {
    // The report's own words may hold control characters too: shown, never obeyed.
    this.o.write(`${this.first ? "" : "\n"}${escapeControls(text, true)}\n`);
    this.first = false;
  }

  envelope(e: Envelope) {
    if (e.error) this.tally.fail();
    for (const r of e.reports) {
      this.tally.add(outcomeOf(r.findings));
      this.block(reportToText(r, this.o));
    }
  }

  late(l: LateFindings) {
    this.tally.change(l.worstBefore === "info" ? null : l.worstBefore, worse(l));
    this.block(lateFindingsToText({ ...l.report, meta: { ...l.report.meta, file: l.file } }, l.findings, this.o));
  }

  end() {
    if (this.o.batch) this.o.write(`\n${this.tally.summary()}\n`);
  }
}

function worse(l: LateFindings): "error" | "warning" | null {
  const all = [l.worstBefore, ...l.findings.map((f) => f.severity)];
  return all.includes("error") ? "error" : all.includes("warning") ? "warning" : null;
}

/** The array opened at the first element, so an empty batch prints `[]` as before. */
class JsonArrayOutput implements Output {
  private n = 0;
  constructor(private readonly o: OutputOptions) {}

  private item(x: object) {
    // JSON.stringify(array, null, 2) indents each element's lines by two more spaces; strings never hold a raw newline.
    this.o.write(`${this.n++ === 0 ? "[\n  " : ",\n  "}${JSON.stringify(x, null, 2).replace(/\n/g, "\n  ")}`);
  }

  envelope(e: Envelope) {
    for (const x of items(e)) this.item(x);
  }

  late(l: LateFindings) {
    this.item(lateToJson(l));
  }

  end() {
    this.o.write(this.n === 0 ? "[]\n" : "\n]\n");
  }
}

/** One input: its report alone (or its array, for a JSON input of several); nothing when it failed. */
class SingleJsonOutput implements Output {
  private readonly list: object[] = [];
  private failed = false;
  constructor(private readonly o: OutputOptions) {}

  envelope(e: Envelope) {
    if (e.error) this.failed = true;
    else this.list.push(...items(e));
  }

  late(l: LateFindings) {
    this.list.push(lateToJson(l));
  }

  end() {
    // A single input that fails prints nothing on stdout: nothing half-written.
    if (this.failed && this.list.length === 0) return;
    this.o.write(JSON.stringify(this.list.length === 1 ? this.list[0] : this.list, null, 2) + "\n");
  }
}

class JsonLinesOutput implements Output {
  constructor(private readonly o: OutputOptions) {}

  envelope(e: Envelope) {
    for (const x of items(e)) this.o.write(JSON.stringify(x) + "\n");
  }

  late(l: LateFindings) {
    this.o.write(JSON.stringify(lateToJson(l)) + "\n");
  }

  end() {}
}
