import { said, type MessageData } from "../model/finding.js";
import type { Report } from "../model/report.js";
import { cellName, templateById, TEMPLATES } from "../templates/index.js";
import type { MatrixTable, RowDef, Template } from "../templates/types.js";
import type { FindingInput, RuleMeta } from "./types.js";

/** The rule's message `id` with its `data`, checked against `meta.messages`; the text is filled at the edge. */
export function say(meta: RuleMeta, id: string, data: MessageData = {}): Said {
  return said(meta, id, data);
}

export type Said = { messageId: string; data: MessageData };

/** A finding about arithmetic: both sides and the difference (left − right). */
export function arithmetic(message: Said, formula: string, left: number, right: number, cells: string[]): FindingInput {
  return { ...message, formula, left: round(left), right: round(right), difference: round(left - right), cells };
}

export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The value of a cell when it is a number (blank, "/" and absent cells are not numbers). */
export function num(r: Report, key: string): number | undefined {
  const v = r.cells[key];
  return typeof v === "number" ? v : undefined;
}

/** `表二`, `表三`, `表四`, from a table title such as `三、收到和处理政府信息公开申请情况`. */
export function tableName(title: string): string {
  return `表${title.split("、")[0]}`;
}

/** The short table name of a cell key (`requests.granted.total` → `表三`). */
export function tableOfKey(t: Template, key: string): string {
  const id = key.split(".")[0];
  return tableName(id === "active" ? t.active.title : id === "requests" ? t.requests.title : t.review.title);
}

/** `“（一）予以公开 · 总计”` — a cell named with its row and column labels, from the template data. */
export function cellLabel(key: string, t?: Template): string {
  return `“${cellName(key, t)}”`;
}

/** Several cells, named; long lists are cut with a count. */
export function cellList(keys: string[], t: Template, max = 6, describe?: (key: string) => string): string {
  const shown = keys.slice(0, max).map((k) => cellLabel(k, t) + (describe ? describe(k) : ""));
  return shown.join("、") + (keys.length > max ? ` 等 ${keys.length} 处` : "");
}

/** `一` for `一、本年新收政府信息公开申请数量`; `（七）总计` stays as it is. */
export function rowShort(row: RowDef): string {
  const m = /^([一二三四五六七八九十]+)、/.exec(row.name);
  return m ? m[1]! : row.name;
}

/** `（一）` for `（一）予以公开`, `（六）` for `（六）3.其他`. */
export function rowGroupNo(row: RowDef): string {
  const m = /^（[一二三四五六七八九十]+）/.exec(row.name);
  return m ? m[0] : row.name;
}

/**
 * The template whose table 3 rows a report has: the layout the extractor recorded, or, for
 * data typed by hand that does not say, the one its keys show.
 */
export function reportRequestsTemplate(r: Report): Template {
  const t = templateById(r.meta.template ?? "2021");
  return r.meta.requestsTemplate ? templateById(r.meta.requestsTemplate) : requestsTemplate(r, t);
}

/**
 * The template whose table 3 rows the report actually has: a mixed report (2021 table 2 with
 * the old single （六） row) keeps `requests.other.*` and is added up with those rows.
 */
export function requestsTemplate(r: Report, t: Template, all: readonly Template[] = TEMPLATES): Template {
  const { old, new: fresh } = otherKeys(all);
  const hasOld = old.some((k) => k in r.cells);
  const hasNew = fresh.some((k) => k in r.cells);
  if (hasOld && !hasNew) return all.find((x) => x.requests.rows.some((row) => row.key === "other")) ?? t;
  if (hasNew && !hasOld) return all.find((x) => x.requests.rows.some((row) => row.key === "other_misc")) ?? t;
  return t;
}

const otherKeysCache = new WeakMap<readonly Template[], { old: string[]; new: string[] }>();

/** The keys of the old single （六） row and of the 2021 （六） rows, in any of the templates. */
function otherKeys(all: readonly Template[]): { old: string[]; new: string[] } {
  let k = otherKeysCache.get(all);
  if (!k) {
    const keys = new Set(all.flatMap((t) => matrixKeys(t.requests)));
    k = { old: [...keys].filter((x) => x.startsWith("requests.other.")), new: [...keys].filter((x) => x.startsWith("requests.other_")) };
    otherKeysCache.set(all, k);
  }
  return k;
}

/** Every cell key of a matrix table, row by row. */
export function matrixKeys(m: MatrixTable): string[] {
  let keys = keysCache.get(m);
  if (!keys) keysCache.set(m, (keys = m.rows.flatMap((row) => m.columns.map((c) => `${m.id}.${row.key}.${c.key}`))));
  return keys;
}

const keysCache = new WeakMap<MatrixTable, string[]>();

/** True when the report has prose to check (canonical JSON input may carry only cells). */
export function hasProse(r: Report): boolean {
  return r.sections.some((s) => NOT_SPACE.test(s.text));
}

const NOT_SPACE = /\S/;

/** The three statutory tables of a report as the rules see them: short name and cell keys, in reading order. */
export interface TableKeys {
  id: "active" | "requests" | "review";
  name: string;
  keys: string[];
}

const tablesCache = new WeakMap<Template, WeakMap<Template, TableKeys[]>>();

export function reportTables(t: Template, requestsLayout: Template): TableKeys[] {
  let byLayout = tablesCache.get(t);
  if (!byLayout) tablesCache.set(t, (byLayout = new WeakMap()));
  let tables = byLayout.get(requestsLayout);
  if (!tables) byLayout.set(requestsLayout, (tables = buildTables(t, requestsLayout)));
  return tables;
}

function buildTables(t: Template, requestsLayout: Template): TableKeys[] {
  const active = t.active.blocks.flatMap((b) => b.rows.flatMap((row) => b.columns.map((c) => `active.${row.key}.${c.key}`)));
  return [
    { id: "active", name: tableName(t.active.title), keys: active },
    { id: "requests", name: tableName(t.requests.title), keys: matrixKeys(requestsLayout.requests) },
    { id: "review", name: tableName(t.review.title), keys: matrixKeys(t.review) },
  ];
}

/** The raw text as it is shown in messages: trimmed, cut when long. */
export function shownRaw(raw: string): string {
  const t = raw.replace(/\s+/g, " ").trim();
  return t.length > 16 ? `${t.slice(0, 15)}…` : t;
}
