import type { Report } from "../model/report.js";
import type { IdentityDef, MatrixTable, Template } from "../templates/types.js";
import type { FindingInput } from "./types.js";

/** Short names used in formulas: `一`, `二`, `（七）总计`, `四`, column labels. */
const ROW_SHORT: Record<string, string> = {
  new_received: "一",
  carried_over: "二",
  total: "（七）总计",
  carried_forward: "四",
};

function matrixOf(t: Template, idn: IdentityDef): MatrixTable {
  return idn.table === "requests" ? t.requests : t.review;
}

/** The template whose table 3 rows the report actually has (a mixed report keeps its single （六） row). */
export function requestsTemplate(r: Report, t: Template, all: readonly Template[]): Template {
  const hasOld = Object.keys(r.cells).some((k) => k.startsWith("requests.other."));
  const hasNew = Object.keys(r.cells).some((k) => k.startsWith("requests.other_"));
  if (hasOld && !hasNew) return all.find((x) => x.requests.rows.some((row) => row.key === "other")) ?? t;
  if (hasNew && !hasOld) return all.find((x) => x.requests.rows.some((row) => row.key === "other_misc")) ?? t;
  return t;
}

/**
 * Checks one identity of the template over every column (or row) it applies to. A side with a
 * blank or missing cell is skipped: blank cells are their own finding, not a guess of 0.
 */
export function checkIdentity(r: Report, t: Template, idn: IdentityDef): FindingInput[] {
  const m = matrixOf(t, idn);
  const out: FindingInput[] = [];
  const outer = idn.over === "columns" ? m.columns : m.rows;
  for (const o of outer) {
    const keysOf = (names: string[]) => names.map((x) => (idn.over === "columns" ? `${m.id}.${x}.${o.key}` : `${m.id}.${o.key}.${x}`));
    const left = keysOf(idn.left);
    const right = keysOf(idn.right);
    const all = [...left, ...right];
    if (all.some((k) => typeof r.cells[k] !== "number")) continue;
    const sum = (keys: string[]) => keys.reduce((s, k) => s + (r.cells[k] as number), 0);
    const l = sum(left);
    const rt = sum(right);
    if (Math.abs(l - rt) < 1e-9) continue;
    out.push({ ...describe(m, idn, o.key, l, rt), cells: all });
  }
  return out;
}

function describe(m: MatrixTable, idn: IdentityDef, outer: string, l: number, r: number): Omit<FindingInput, "cells"> {
  const diff = l - r;
  const d = Math.abs(diff);
  if (idn.over === "columns") {
    const col = m.columns.find((c) => c.key === outer)!.label;
    const side = (names: string[]) => (names.length > 4 ? "各办理结果之和" : names.map((n) => ROW_SHORT[n] ?? n).join("+"));
    const ls = side(idn.left);
    const rs = side(idn.right);
    return {
      message: `${col}列：${ls} = ${l}，${rs} = ${r}，相差 ${d}`,
      formula: `${ls} = ${rs}`,
      left: l,
      right: r,
      difference: diff,
    };
  }
  const row = m.rows.find((x) => x.key === outer)!;
  if (m.id === "requests") {
    return {
      message: `${row.name}：各申请人列之和为 ${r}，总计列为 ${l}，相差 ${d}`,
      formula: "总计 = 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他",
      left: l,
      right: r,
      difference: diff,
    };
  }
  return {
    message: `${row.name}：结果维持+结果纠正+其他结果+尚未审结 = ${r}，总计为 ${l}，相差 ${d}`,
    formula: "总计 = 结果维持+结果纠正+其他结果+尚未审结",
    left: l,
    right: r,
    difference: diff,
  };
}
