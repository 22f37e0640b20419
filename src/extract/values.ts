import type { ValueKind } from "../templates/types.js";
import { cleanSpaces, stripSpaces, toHalfWidth } from "../text/normalize.js";

export type ValueForm = "number" | "blank" | "dash" | "none" | "text";

export interface ParsedValue {
  value: number | null;
  /** blank / `/` `—` / `无` are different facts and stay apart here. */
  form: ValueForm;
  /** Unit written in the cell (`件`, `万元`, `元`). */
  unit?: string;
  /** Irregular forms worth a note: `00`, `+408`, `3,001`, `1.5` in a count, a stray unit. */
  flags: ValueFlag[];
}

export type ValueFlag = "leading-zeros" | "signed" | "thousands" | "decimal-in-count" | "unit-converted" | "unit" | "negative";

const DASHES = new Set(["/", "\\", "-", "--", "—", "——", "–", "－", "―", "~", "~~", "×", "x", "X", "*", "不适用"]);
const NONE = new Set(["无", "没有", "暂无"]);

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
/**
 * `0`, `7`, `3119`: a count written exactly as the template expects (no padding, sign or unit),
 * at most 15 digits. A loop, not a regex: it runs for every cell, and most cells are 1–3 digits,
 * where calling into the regex engine costs more than the test.
 */
export function isPlainCount(raw: string): boolean {
  const n = raw.length;
  if (n === 0 || n > 15) return false;
  const first = raw.charCodeAt(0);
  if (first === 48) return n === 1;
  if (first < 49 || first > 57) return false;
  for (let i = 1; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const LABEL_START_RE = /^\s*[\u4e00-\u9fff（【“《]/;
const UNIT_RE = /(万元|元|件|个|项|条|宗|笔|次|人次)$/;

/** Reads a table cell's text into a value; never throws, never guesses a number from text. */
export function parseValue(raw: string, kind: ValueKind = "count"): ParsedValue {
  // Most cells are plain digits or empty: skip the normalisation passes for them.
  if (raw === "") return { value: null, form: "blank", flags: [] };
  if (isPlainCount(raw)) return { value: Number(raw), form: "number", flags: [] };
  // Labels (`（一）予以公开`, `规章`): text that starts with a Chinese character or bracket is never
  // a number, unless it is one of the words for none or not applicable.
  if (LABEL_START_RE.test(raw)) {
    const t = stripSpaces(raw).replace(/。$/, "");
    if (!NONE.has(t) && !DASHES.has(t) && !UNIT_RE.test(t)) return { value: null, form: "text", flags: [] };
  }
  let t = stripSpaces(toHalfWidth(raw)).replace(/，/g, ",").replace(/。$/, "");
  if (t === "") return { value: null, form: "blank", flags: [] };
  if (DASHES.has(t)) return { value: null, form: "dash", flags: [] };
  if (NONE.has(t)) return { value: null, form: "none", flags: [] };
  const flags: ValueFlag[] = [];
  let unit: string | undefined;
  const u = UNIT_RE.exec(t);
  if (u) {
    unit = u[1];
    t = t.slice(0, u.index);
  }
  const m = NUMBER_RE.exec(t);
  if (!m) return { value: null, form: "text", flags: [], unit };
  const [, sign, intPart, frac] = m;
  if (intPart!.includes(",")) flags.push("thousands");
  const digits = intPart!.replace(/,/g, "");
  if (digits.length > 1 && digits.startsWith("0") && !frac) flags.push("leading-zeros");
  if (sign === "+") flags.push("signed");
  if (sign === "-") flags.push("negative");
  let value = Number(`${sign === "-" ? "-" : ""}${digits}${frac ? "." + frac : ""}`);
  if (!Number.isFinite(value)) return { value: null, form: "text", flags: [], unit };
  if (frac && kind !== "amount") flags.push("decimal-in-count");
  if (unit) {
    if (kind === "amount" && unit === "元") {
      value = round(value / 10000);
      flags.push("unit-converted");
    } else if (kind === "amount" ? unit !== "万元" : unit === "万元" || unit === "元") {
      flags.push("unit");
    }
  }
  return { value, form: "number", unit, flags };
}

function round(v: number): number {
  return Math.round(v * 1e10) / 1e10;
}

/** A cell that holds a value (or a value's absence) rather than a label. */
export function isValueText(raw: string): boolean {
  return parseValue(raw, "amount").form !== "text";
}

/** A pure run of ASCII/full-width digits that may hide several cells (`801000081`). */
export function isDigitRun(raw: string): boolean {
  return /^\d{2,}$/.test(cleanSpaces(toHalfWidth(raw)));
}
