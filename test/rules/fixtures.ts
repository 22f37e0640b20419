import { parseValue } from "../../src/extract/values.js";
import { randomReport, type GenerateOptions } from "../../src/generate/random-report.js";
import type { Report, TemplateId } from "../../src/model/report.js";
import { anyCellDef } from "../../src/templates/index.js";

/** A consistent generated report (every identity holds, prose states the tables' numbers). */
export function gen(template: TemplateId, seed = 1, opts: GenerateOptions = {}): Report {
  return randomReport(seed, { template, zeroRate: 0.3, ...opts });
}

export function clone(r: Report): Report {
  return structuredClone(r);
}

/** A copy with some cells set (raw text follows the value, as canonical JSON input has it). */
export function edit(r: Report, cells: Record<string, number | null>): Report {
  const out = clone(r);
  for (const [k, v] of Object.entries(cells)) {
    out.cells[k] = v;
    out.provenance[k] = { raw: v === null ? "" : String(v) };
  }
  return out;
}

/** A copy with `delta` added to cells. */
export function add(r: Report, deltas: Record<string, number>): Report {
  return edit(r, Object.fromEntries(Object.entries(deltas).map(([k, d]) => [k, (r.cells[k] as number) + d])));
}

/** A copy with cells as a reader would have them: value read from the written text, raw text kept. */
export function written(r: Report, raws: Record<string, string>): Report {
  const out = clone(r);
  for (const [k, raw] of Object.entries(raws)) {
    const p = parseValue(raw, anyCellDef(k)!.column.kind);
    out.cells[k] = p.value;
    out.provenance[k] = { raw, kind: p.form, ...(p.unit ? { unit: p.unit } : {}), source: { line: 100 } };
  }
  return out;
}

/** A copy without the cells whose key matches. */
export function drop(r: Report, match: RegExp): Report {
  const out = clone(r);
  for (const k of Object.keys(out.cells)) {
    if (!match.test(k)) continue;
    delete out.cells[k];
    delete out.provenance[k];
  }
  return out;
}

/** A copy with section texts replaced (1–6). */
export function prose(r: Report, texts: Partial<Record<number, string>>): Report {
  const out = clone(r);
  for (const s of out.sections) if (texts[s.no] !== undefined) s.text = texts[s.no]!;
  return out;
}

export function withMeta(r: Report, meta: Partial<Report["meta"]>): Report {
  const out = clone(r);
  out.meta = { ...out.meta, ...meta };
  return out;
}

/** Every cell of table 3 (or of the tables matching `match`) set to 0. */
export function zeros(r: Report, match = /^(requests|review)\./): Report {
  return edit(r, Object.fromEntries(Object.keys(r.cells).filter((k) => match.test(k)).map((k) => [k, 0])));
}

/**
 * A 2021 report whose table 3 has the old single （六） row (as two corpus PDFs have): the three
 * 2021 sub-rows are replaced by `requests.other.*` holding their sum.
 */
export function mixed(r: Report): Report {
  const out = clone(r);
  for (const k of Object.keys(out.cells)) {
    const m = /^requests\.(other_overdue_correction|other_overdue_fee|other_misc)\.(\w+)$/.exec(k);
    if (!m) continue;
    const target = `requests.other.${m[2]}`;
    out.cells[target] = ((out.cells[target] as number | undefined) ?? 0) + (out.cells[k] as number);
    out.provenance[target] = { raw: String(out.cells[target]) };
    delete out.cells[k];
    delete out.provenance[k];
  }
  return out;
}

/** The value of a cell (fails loudly when the cell is not a number). */
export function v(r: Report, key: string): number {
  const x = r.cells[key];
  if (typeof x !== "number") throw new Error(`${key} is not a number`);
  return x;
}
