import type { Document } from "../model/document.js";
import { localSubrows, notice, tablesUnread, templateMixed, templateUnknown, tooManyRows } from "./notices.js";
import { ReadError } from "../model/errors.js";
import type { Finding } from "../model/finding.js";
import type { ExtraRow, Report } from "../model/report.js";
import { anyCellDef, F2019, F2021, templateById, templateForYear } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { lowConfidenceFindings } from "./confidence.js";
import { readMeta } from "./meta.js";
import { documentRows, MAX_ROWS } from "./rows.js";
import { buildSections, findSectionHeads, sectionOfBlocks } from "./sections.js";
import { solve } from "./solve.js";
import { readTables, type TablesResult } from "./tables.js";
import { parseValue } from "./values.js";

export interface ExtractOptions {
  /** Input file name, recorded in meta. */
  file?: string;
}

/**
 * Document → canonical report. Knows nothing of formats: it reads headings, paragraphs and
 * tables, and maps them onto the template data.
 */
export function extractReport(doc: Document, opts: ExtractOptions = {}): Report {
  const heads = findSectionHeads(doc.blocks);
  const sectionOf = sectionOfBlocks(doc.blocks, heads);
  const sections = buildSections(doc.blocks, heads);
  const meta = readMeta(doc.blocks, heads, { title: doc.title, published: doc.published, publisher: doc.publisher });
  const rows = documentRows(doc.blocks, sectionOf, new Set(heads.map((h) => h.block)));
  const tables = readTables(rows);
  if (rows.length >= MAX_ROWS) {
    tables.findings.push(notice(tooManyRows, "warning", "tooMany", { max: MAX_ROWS }, []));
  }

  if (heads.length === 0 && tables.readings.length === 0) {
    throw new ReadError("not-a-report", "没有找到政府信息公开工作年度报告的内容：既没有“一、总体情况”等六个部分，也没有法定的三张表格");
  }

  const layout = chooseTemplates(tables, meta.year);
  const solved = solve(tables.readings, layout.requests, layout.requests.identities);
  const { cells, provenance } = knownCells(solved, layout.template);

  const findings: Finding[] = [];
  for (const n of doc.notes ?? []) {
    findings.push({ rule: n.kind, origin: "reader", severity: n.severity, messageId: n.messageId, data: n.data, cells: [], ...(n.source ? { source: n.source } : {}) });
  }
  // A report whose tables all failed to read would otherwise pass every check: it is an error,
  // raised here because only reading knows the tables were there to read (a rule sees only cells).
  if (!anyCellRead(provenance)) findings.push(notice(tablesUnread, "error", "none", {}, []));
  findings.push(...tables.findings, ...solved.findings, ...layoutFindings(tables, layout, cells));
  findings.push(...lowConfidenceFindings({ cells, provenance }, layout.requests));

  const extraRows: ExtraRow[] = tables.extra.map((e) => ({
    table: e.table,
    label: e.label,
    values: e.tokens.map((t) => parseValue(t.raw).value),
    raw: e.tokens.map((t) => t.raw),
    source: e.source,
  }));

  return {
    meta: { ...meta, template: layout.template.id, requestsTemplate: layout.requests.id, file: opts.file, format: doc.format },
    sections,
    cells,
    provenance,
    findings,
    ...(extraRows.length ? { extraRows } : {}),
  };
}

/** Whether some cell was read (not left undecided): usually the first one says so. */
function anyCellRead(provenance: Report["provenance"]): boolean {
  for (const key in provenance) if (!provenance[key]!.ambiguous) return true;
  return false;
}

/** The solved cells that have a definition (in any template); copied only when some have none. */
function knownCells(solved: { cells: Report["cells"]; provenance: Report["provenance"] }, t: Template) {
  const keys = Object.keys(solved.cells);
  if (keys.every((k) => anyCellDef(k, t))) return solved;
  const cells: Report["cells"] = {};
  const provenance: Report["provenance"] = {};
  for (const key of keys) {
    if (!anyCellDef(key, t)) continue;
    cells[key] = solved.cells[key] ?? null;
    provenance[key] = solved.provenance[key]!;
  }
  return { cells, provenance };
}

interface Layout {
  /** The template of table 2, which names the report's template. */
  template: Template;
  /** The layout table 3 actually uses (differs in mixed reports). */
  requests: Template;
  mixed: boolean;
  /** Where the template came from. */
  from: "active" | "requests" | "year";
}

function argmax(votes: Record<string, number>): string | null {
  let best: string | null = null;
  let n = 0;
  let tie = false;
  for (const [id, v] of Object.entries(votes)) {
    if (v > n) {
      best = id;
      n = v;
      tie = false;
    } else if (v === n) tie = true;
  }
  return tie ? null : best;
}

function chooseTemplates(t: TablesResult, year: number | null): Layout {
  const a = argmax(t.votes.active);
  const r = argmax(t.votes.requests);
  const byYear = year !== null ? templateForYear(year) : F2021;
  const template = a ? templateById(a as "2019" | "2021") : r ? templateById(r as "2019" | "2021") : byYear;
  const requests = r ? templateById(r as "2019" | "2021") : template;
  return { template, requests, mixed: template.id !== requests.id, from: a ? "active" : r ? "requests" : "year" };
}

function layoutFindings(t: TablesResult, layout: Layout, cells: Report["cells"]): Finding[] {
  const out: Finding[] = [];
  if (layout.mixed) {
    const otherKeys = Object.keys(cells).filter((k) => /^requests\.other(_|\.)/.test(k));
    const old = layout.template === F2021 && layout.requests === F2019;
    out.push(notice(templateMixed, "warning", old ? "old2019Requests" : "mixed", old ? {} : { active: layout.template.id, requests: layout.requests.id }, otherKeys));
  }
  for (const r of t.readings) {
    if (!r.parts?.length) continue;
    out.push(notice(localSubrows, "info", "summed", { row: r.rowName, parts: r.parts.map((p) => p.label).join("、") }, r.slots.map((s) => s.key), r.source));
  }
  if (layout.from === "year" && Object.keys(cells).length > 0) {
    out.push(notice(templateUnknown, "info", "byYear", { template: layout.template.id }, []));
  }
  return out;
}
