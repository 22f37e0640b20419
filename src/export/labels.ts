import type { Severity } from "../model/finding.js";
import type { TemplateId } from "../model/report.js";
import { anyCellDef, cellDefs, TEMPLATES, templateById } from "../templates/index.js";
import { displayWidth } from "../text/width.js";

export const SEVERITY_NAME: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

const TABLE_SHORT = { active: "表二", requests: "表三", review: "表四" } as const;

/** A cell's place in the statutory tables, in the words of the template data. */
export interface CellLabels {
  /** `三、收到和处理政府信息公开申请情况` */
  table: string;
  /** `（三）1.属于国家秘密`, or `规章` under its table-2 block. */
  row: string;
  /** `自然人`, `本年制发件数` */
  column: string;
  /** One line for a column header: `表三 （一）予以公开 · 自然人`. */
  label: string;
}

export function cellLabels(key: string, template?: TemplateId | string | null): CellLabels | null {
  const prefer = template === "2019" || template === "2021" ? templateById(template) : undefined;
  const d = anyCellDef(key, prefer);
  if (!d) return null;
  const t = prefer ?? TEMPLATES[TEMPLATES.length - 1]!;
  const table = d.table === "active" ? t.active.title : t[d.table].title;
  const row = d.block ? `${d.block} ${d.row.name}` : d.row.name;
  const column = d.column.label;
  return { table, row, column, label: `${TABLE_SHORT[d.table]} ${row} · ${column}` };
}

/** Every cell key of every template, newest template's order first: the columns of the wide data export. */
export function allCellKeys(): string[] {
  const seen = new Set<string>();
  for (const t of [...TEMPLATES].reverse()) for (const d of cellDefs(t)) seen.add(d.key);
  return [...seen];
}

/** A column width (Excel characters) that fits the longest text, within bounds. */
export function fitWidth(texts: Iterable<string>, min = 6, max = 60): number {
  let w = min;
  for (const t of texts) w = Math.max(w, displayWidth(t) + 2);
  return Math.min(w, max);
}
