import type { TemplateId } from "../model/report.js";
import { resultGroups } from "../templates/groups.js";
import { cellName, templateById, TEMPLATES } from "../templates/index.js";
import type { FigureDef, Sum, Term } from "./figures.js";
import { resolveTerm } from "./terms.js";

// Figures in words, from their definitions and the template data: docs/stats.md and the
// CLI's notes say the same thing because both come from here.

/** `2019 年版` */
export const templateShort = (id: TemplateId) => `${id} 年版`;

/** A term in Chinese, as a template has it; null when it has no such cells. */
export function termWords(term: Term, id: TemplateId): string | null {
  const t = templateById(id);
  if ("results" in term) {
    const g = resultGroups(t).find((x) => x.no === term.results);
    if (!g) return null;
    const column = t.requests.columns.find((c) => c.key === term.column)?.label ?? term.column;
    if (g.rows.length === 1) return `“${g.rows[0]!.name} · ${column}”`;
    return `“${g.label}”下 ${g.rows.length} 行（${g.rows.map((r) => r.name.replace(g.no, "")).join("、")}）的“${column}”之和`;
  }
  const keys = resolveTerm(term)[id];
  if (!keys) return null;
  return keys.map((k) => `“${cellName(k, t)}”`).join(" + ");
}

/** A term's cell keys as a template has them. */
export function termKeysIn(term: Term, id: TemplateId): string[] | null {
  return resolveTerm(term)[id];
}

function sumWith(s: Sum, each: (t: Term) => string | null): string | null {
  const plus = s.plus.map(each);
  const minus = (s.minus ?? []).map(each);
  if ([...plus, ...minus].some((x) => x === null)) return null;
  return [plus.join(" + "), ...minus.map((m) => `− ${m!.includes(" + ") ? `（${m}）` : m}`)].join(" ");
}

/** A sum in words for a template; null when the template lacks a cell of it. */
export function sumWords(s: Sum, id: TemplateId): string | null {
  return sumWith(s, (t) => termWords(t, id));
}

/** A sum in cell keys for a template (`a + b − c − d`); null when the template lacks a cell of it. */
export function sumKeys(s: Sum, id: TemplateId): string | null {
  const keys = (ts: Term[]) => ts.map((t) => termKeysIn(t, id));
  const plus = keys(s.plus);
  const minus = keys(s.minus ?? []);
  if ([...plus, ...minus].some((k) => k === null)) return null;
  const code = (k: string) => `\`${k}\``;
  return [(plus as string[][]).flat().map(code).join(" + "), ...(minus as string[][]).flat().map((k) => `− ${code(k)}`)].join(" ");
}

/** The same text for every template that has it, or one line per template. */
export function perTemplate(text: (id: TemplateId) => string | null): { ids: TemplateId[]; text: string | null }[] {
  const out: { ids: TemplateId[]; text: string | null }[] = [];
  for (const t of [...TEMPLATES].reverse()) {
    const x = text(t.id);
    const same = out.find((o) => o.text === x);
    if (same) same.ids.push(t.id);
    else out.push({ ids: [t.id], text: x });
  }
  return out;
}

/** Why a figure is missing on a template: the cells of that row there, for the reader to see what it has instead. */
export function absentWords(f: FigureDef, id: TemplateId): string {
  const t = templateById(id);
  const sums = f.kind === "rate" ? [f.value, f.of] : f.kind === "sum" ? [f.value] : [];
  const lacking = sums.flatMap((s) => [...s.plus, ...(s.minus ?? [])]).find((term) => resolveTerm(term)[id] === null);
  if (!lacking || "results" in lacking) return `${templateShort(id)}格式没有这些栏目`;
  const key = lacking.cells.find((k) => !resolveTerm({ cells: [k] })[id])!;
  const [table, row] = key.split(".");
  if (table === "active") {
    const block = t.active.blocks.find((b) => b.rows.some((r) => r.key === row));
    const r = block?.rows.find((x) => x.key === row);
    if (block && r) return `${templateShort(id)}表二“${r.name}”一行只有${block.columns.map((c) => `“${c.label}”`).join("")}，没有这一栏`;
  }
  return `${templateShort(id)}格式没有“${cellName(key)}”`;
}
