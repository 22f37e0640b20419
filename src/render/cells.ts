import { parseValue } from "../extract/values.js";
import type { CellProvenance } from "../model/report.js";
import type { ValueKind } from "../templates/types.js";

/** How values are written into table cells. Every option mirrors a habit of real reports. */
export interface CellStyle {
  /** Leave zero cells of tables 3 and 4 empty, as the Shanghai 2019 page does. */
  blankZeros?: boolean;
  /** Unit written into amount cells: none, `万元` (`75.77万元`), or `元` (the value × 10000: `251000元`). */
  amountUnit?: "" | "万元" | "元";
  /** Full-width digits and signs (`１２．５`), as typed with a Chinese input method. */
  fullWidthDigits?: boolean;
  /** Thousands separators (`1,234`). */
  thousands?: boolean;
  /**
   * Write each cell as the source wrote it (`/`, `无`, `3件`, `００`, `251000元`) when that text
   * reads back as the same value (or as the same absence of one); otherwise write the value.
   * Blank, 0 and `/` stay three facts, and so do the findings about how a cell was written.
   */
  asWritten?: boolean;
  /**
   * Write `万元` into amount cells whose column header names no unit (2019 `采购总金额`), as
   * filers do, so the number cannot be read as 元. Headers with a unit keep bare numbers.
   */
  unitWhereUnlabelled?: boolean;
}

/** The style for one column: `unitWhereUnlabelled` turned into an `amountUnit` where it applies. */
export function columnStyle(style: CellStyle, kind: ValueKind, label: string): CellStyle {
  if (!style.unitWhereUnlabelled || style.amountUnit || kind !== "amount" || /元/.test(label)) return style;
  return { ...style, amountUnit: "万元" };
}

/** Tables whose zero cells `blankZeros` leaves empty. */
const BLANKABLE = new Set(["requests", "review"]);

/** The text of one value cell. A null value (blank in the source) is an empty cell. */
export function valueText(value: number | null | undefined, kind: ValueKind, table: string, style: CellStyle = {}): string {
  if (value === null || value === undefined) return "";
  if (value === 0 && style.blankZeros && BLANKABLE.has(table)) return "";
  let unit = "";
  let v = value;
  if (kind === "amount" && style.amountUnit) {
    unit = style.amountUnit;
    // 元 values are whole numbers: amounts are kept to 4 decimals of 万元.
    if (unit === "元") v = Math.round(value * 10000);
  }
  let text = numberText(v, style.thousands === true);
  if (style.fullWidthDigits) text = toFullWidth(text);
  return text + unit;
}

/**
 * The text of a value cell given its provenance: the source's own text under `asWritten` when
 * it reads back as the same value, else `valueText`. Cells without reader provenance (typed or
 * generated data), inferred and undecided cells have no text of their own: a value is written
 * as a number, an undecided cell stays empty.
 */
export function cellValueText(
  value: number | null | undefined,
  prov: CellProvenance | undefined,
  kind: ValueKind,
  table: string,
  style: CellStyle = {},
): string {
  if (value === 0 && style.blankZeros && BLANKABLE.has(table)) return "";
  // Only text a reader took from a source (it records the `kind` of text) is the source's own.
  if (style.asWritten && prov && prov.kind !== undefined && !prov.inferred && !prov.ambiguous && !prov.summedFrom && prov.raw.trim() !== "") {
    const back = parseValue(prov.raw, kind).value;
    const same = value === null || value === undefined ? back === null : back !== null && Math.abs(back - value) < 1e-9;
    if (same) return prov.raw.trim();
  }
  return valueText(value, kind, table, style);
}

function numberText(v: number, thousands: boolean): string {
  // Float noise (0.1 + 0.2) must not reach the page: amounts have at most 4 decimals.
  const s = String(Math.round(v * 1e6) / 1e6);
  if (!thousands) return s;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (m[3] ?? "");
}

/** ASCII digits, `.`, `,`, `+`, `-` to their full-width forms. */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9.,+\-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/**
 * A label broken over two lines, as narrow table columns show it (`本年新` / `制作数量`):
 * before a trailing bracketed note, else in the middle. Short labels stay whole.
 */
export function splitLabel(label: string): string {
  const chars = [...label];
  if (chars.length < 4) return label;
  const note = label.indexOf("（");
  const at = note >= 2 ? [...label.slice(0, note)].length : Math.floor(chars.length / 2);
  return chars.slice(0, at).join("") + "\n" + chars.slice(at).join("");
}
