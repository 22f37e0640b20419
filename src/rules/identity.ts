import type { Report } from "../model/report.js";
import type { HeaderNode, IdentityDef, MatrixTable, Template } from "../templates/types.js";
import type { FindingInput, RuleContext, RuleMeta } from "./types.js";
import { arithmetic, rowGroupNo, rowShort, say, tableName } from "./util.js";

export { requestsTemplate } from "./util.js";

/**
 * Runs one identity of the template data (`Template.identities`) over every column or row it
 * applies to. Table 3 identities use the rows the report actually has (`ctx.requestsLayout`).
 * A side with a blank or missing cell is skipped: blanks are their own finding
 * (`cells-blank`), never a silent 0.
 *
 * Messages: `column` for identities over columns, `row` for identities over rows; placeholders
 * {table} {column} {row} {left} {right} {l} {r} {d}.
 */
export function identityFindings(r: Report, ctx: RuleContext, id: string, meta: RuleMeta): FindingInput[] {
  const plan = planOf(ctx.requestsLayout, ctx.template, id);
  const out: FindingInput[] = [];
  for (const p of plan.items) {
    const l = sum(r, p.left);
    const rt = sum(r, p.right);
    if (l === undefined || rt === undefined || Math.abs(l - rt) < 1e-9) continue;
    const data = { ...p.labels, left: plan.left, right: plan.right, l, r: rt, d: Math.abs(l - rt) };
    out.push(arithmetic(say(meta, plan.message, data), plan.formula, l, rt, [...p.cells]));
  }
  return out;
}

/** Sum of cells, or undefined when one is not a number. */
function sum(r: Report, keys: string[]): number | undefined {
  let s = 0;
  for (const k of keys) {
    const v = r.cells[k];
    if (typeof v !== "number") return undefined;
    s += v;
  }
  return s;
}

/** An identity laid out once per template: the keys of each column or row, and its labels. */
interface Plan {
  message: "column" | "row";
  formula: string;
  left: string;
  right: string;
  items: { left: string[]; right: string[]; cells: string[]; labels: { table: string; column: string; row: string } }[];
}

const plans = new WeakMap<Template, Map<string, Plan>>();

function planOf(layout: Template, template: Template, id: string): Plan {
  let byId = plans.get(layout);
  if (!byId) plans.set(layout, (byId = new Map()));
  const key = `${template.id}/${id}`;
  let plan = byId.get(key);
  if (!plan) byId.set(key, (plan = makePlan(layout, template, id)));
  return plan;
}

function makePlan(layout: Template, template: Template, id: string): Plan {
  const idn = layout.identities.find((i) => i.id === id) ?? template.identities.find((i) => i.id === id);
  if (!idn) throw new Error(`template ${layout.id} has no identity ${id}`);
  const m = idn.table === "requests" ? layout.requests : template.review;
  const outer = idn.over === "columns" ? m.columns : m.rows;
  const table = tableName(m.title);
  return {
    message: idn.over === "columns" ? "column" : "row",
    formula: idn.title,
    left: sideLabel(m, idn, idn.left),
    right: sideLabel(m, idn, idn.right),
    items: outer.map((o) => {
      const key = (x: string) => (idn.over === "columns" ? `${m.id}.${x}.${o.key}` : `${m.id}.${o.key}.${x}`);
      const left = idn.left.map(key);
      const right = idn.right.map(key);
      const labels = { table, column: idn.over === "columns" ? o.label : "", row: idn.over === "rows" ? ("name" in o ? o.name : o.label) : "" };
      return { left, right, cells: [...left, ...right], labels };
    }),
  };
}

/** How one side of an identity is named in a message: `一+二`, `（一）至（六）各项之和`, `自然人+法人或其他组织`. */
function sideLabel(m: MatrixTable, idn: IdentityDef, names: string[]): string {
  if (idn.over === "columns") {
    const rows = names.map((n) => m.rows.find((r) => r.key === n)!);
    if (rows.length <= 3) return rows.map(rowShort).join("+");
    return `${rowGroupNo(rows[0]!)}至${rowGroupNo(rows[rows.length - 1]!)}各项之和`;
  }
  const set = new Set(names);
  if (m.layout === "rows") {
    const covered = coverLabels(m.header, set);
    if (covered) return covered.join("+");
  }
  return names.map((n) => m.columns.find((c) => c.key === n)!.label).join("+");
}

/** Header nodes whose leaves are exactly the given columns, coarsest first (`自然人`, `法人或其他组织`). */
function coverLabels(nodes: HeaderNode[], cols: Set<string>): string[] | null {
  const leaves = (n: HeaderNode): string[] => (n.column ? [n.column] : (n.children ?? []).flatMap(leaves));
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (n: HeaderNode) => {
    const l = leaves(n);
    if (l.length > 0 && l.every((c) => cols.has(c))) {
      out.push(n.label);
      l.forEach((c) => seen.add(c));
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  nodes.forEach(walk);
  return seen.size === cols.size ? out : null;
}

