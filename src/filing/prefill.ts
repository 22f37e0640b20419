import { yearSummary } from "../check.js";
import type { Draft, DerivedCell, DraftCell, DraftPrevious, PrefillNote } from "../model/draft.js";
import type { Report } from "../model/report.js";
import { RULES } from "../rules/index.js";
import type { YearsContext } from "../rules/types.js";
import { reportRequestsTemplate } from "../rules/util.js";
import { isYearsIdentityRule, type YearsIdentity } from "../rules/years-identity.js";
import { cellName, templateById, templateForYear } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { numberRaw, recompute } from "./derive.js";
import { draftTitle } from "./report.js";

export interface DraftInput {
  agency: string;
  year: number;
  /** The agency's report of the year before, from the corpus. */
  previous?: { report: Report; id?: number | null } | null;
  /** Tables 3 and 4 counted from the agency's register (template of `year`), and the register's size. */
  register?: { cells: Record<string, number>; applications: number } | null;
}

/**
 * A new draft for an agency and year: the template of the year, tables 3 and 4 from the
 * register when given, and what last year's report settles — found from the cross-year rules'
 * own identities (`identities()` of the years-* rules, the same data they check), not from a
 * second mapping:
 *
 * - an identity whose other side is all last year's cells fills this year's cell
 *   (上年结转 ← last year's 结转下年度; 2019 上一年项目数量 ← last year's 上一年项目数量 + 本年增/减);
 * - one whose other side also has this year's cells makes a derived cell, recomputed as the
 *   clerk types them (现行有效件数 = last year's 现行有效件数 + 本年制发 − 本年废止);
 * - what the identities would fill if last year had used this year's template, but cannot
 *   (a change of template: 2020's report has no 现行有效件数), is said, cell by cell.
 */
export function createDraft(input: DraftInput): Draft {
  const t = templateForYear(input.year);
  const cells: Record<string, DraftCell> = {};
  const prefill: PrefillNote[] = [];
  const derived: DerivedCell[] = [];
  if (input.register) {
    for (const [key, v] of Object.entries(input.register.cells)) cells[key] = { raw: String(v), origin: "register" };
    prefill.push({ kind: "register", text: `表三、表四由依申请公开登记台账计算（台账中 ${input.register.applications} 条登记）；每个单元格来自哪些申请，可用 nianbao register table 查看` });
  }
  let previous: DraftPrevious | null = null;
  const prev = input.previous?.report;
  if (prev && prev.meta.template && prev.meta.year !== null) {
    const summary = yearSummary(prev);
    previous = {
      reportId: input.previous?.id ?? null,
      year: prev.meta.year,
      template: prev.meta.template,
      ...(summary.meta.requestsTemplate ? { requestsTemplate: summary.meta.requestsTemplate } : {}),
      agency: prev.meta.agency,
      cells: summary.cells,
    };
    carryOver(t, input, prev, cells, derived, prefill);
  } else {
    prefill.push({ kind: "info", text: `报告库中没有该机关 ${input.year - 1} 年度的报告：上年结转、现行有效件数等请按实际填写` });
  }
  const draft: Draft = {
    agency: input.agency,
    year: input.year,
    template: t.id,
    title: draftTitle(input.agency, input.year),
    sections: t.sections.map((s) => ({ no: s.no, text: "" })),
    cells,
    derived,
    previous,
    register: input.register ? { applications: input.register.applications } : null,
    prefill,
  };
  return { ...draft, cells: recompute(draft, cells) };
}

/** The cross-year identities for this year's template against `previous`, by the rule that declares them. */
function identitiesAgainst(t: Template, year: number, agency: string, previous: Report): { rule: string; x: YearsIdentity }[] {
  const current: Report = { meta: { title: null, agency, year, template: t.id }, sections: [], cells: {}, provenance: {}, findings: [] };
  const ctx: YearsContext = { template: t, requestsLayout: reportRequestsTemplate(current), previous };
  const out: { rule: string; x: YearsIdentity }[] = [];
  for (const rule of RULES) {
    if (!isYearsIdentityRule(rule) || !rule.meta.templates.includes(t.id)) continue;
    for (const x of rule.identities(current, ctx)) out.push({ rule: rule.meta.id, x });
  }
  return out;
}

/** An identity that settles one of this year's cells: `this.key = Σ …`. */
function target(x: YearsIdentity): string | null {
  const [only, ...rest] = x.left;
  return only && rest.length === 0 && only.year === "this" && only.sign === 1 ? only.key : null;
}

function carryOver(t: Template, input: DraftInput, prev: Report, cells: Record<string, DraftCell>, derived: DerivedCell[], notes: PrefillNote[]): void {
  const py = prev.meta.year!;
  const name = (key: string) => cellName(key, t);
  const found = identitiesAgainst(t, input.year, input.agency, prev);
  const targets = new Set<string>();
  for (const { rule, x } of found) {
    const key = target(x);
    if (!key) continue;
    targets.add(key);
    const last = x.right.filter((term) => term.year === "last");
    const here = x.right.filter((term) => term.year === "this");
    const blank = last.find((term) => typeof prev.cells[term.key] !== "number");
    if (blank) {
      notes.push({ key, kind: "not-carried", text: `${name(key)}：${py} 年报告的${blank.label.replace(/^上年/, "")}是空白或不是数字，无法由上年推算，请按实际填写` });
      continue;
    }
    const base = last.reduce((s, term) => s + term.sign * (prev.cells[term.key] as number), 0);
    if (here.length === 0) {
      if (cells[key]?.origin === "register") {
        const counted = Number(cells[key]!.raw);
        if (counted !== base) notes.push({ key, kind: "info", text: `${name(key)}：台账计算为 ${counted}，${py} 年报告（${x.formula}）为 ${numberRaw(base)}，不一致；检查时会提示` });
        continue;
      }
      cells[key] = { raw: numberRaw(base), origin: "last-year" };
      notes.push({ key, kind: "filled", text: `${name(key)}：${numberRaw(base)}（${x.formula}，取自 ${py} 年报告）` });
      continue;
    }
    const formula = `${x.left[0]!.label} = ${x.right.map((term, i) => `${i === 0 ? (term.sign < 0 ? "−" : "") : term.sign < 0 ? " − " : " + "}${term.label}${term.year === "last" ? `（${py} 年报告：${numberRaw(prev.cells[term.key] as number)}）` : ""}`).join("")}`;
    derived.push({ key, rule, base, terms: here.map((term) => ({ key: term.key, sign: term.sign, label: term.label })), formula });
    notes.push({ key, kind: "derived", text: `${name(key)}：随填写自动计算，${formula}` });
  }
  // What the same identities would settle had last year used this year's template.
  const same: Report = { ...prev, meta: { ...prev.meta, template: t.id, requestsTemplate: undefined } };
  for (const { x } of identitiesAgainst(t, input.year, input.agency, same)) {
    const key = target(x);
    if (!key || targets.has(key)) continue;
    const wanted = x.right.filter((term) => term.year === "last").map((term) => `“${term.label.replace(/^上年/, "")}”`);
    notes.push({
      key,
      kind: "not-carried",
      text: `${name(key)}：${py} 年报告使用 ${templateName(prev)}，没有${wanted.join("、")}，无法由上年推算，请按实际填写`,
    });
  }
}

/** `2019 年版格式`. */
function templateName(r: Report): string {
  return templateById(r.meta.template!).name.split("（")[0]!;
}
