// Calendar dates as ISO strings (`2025-03-01`): no time zone can shift them, they sort as text,
// and they are what the register, the calendar file and the JSON output all say.

export type IsoDate = string;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(y: number, m: number): number {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** `2025-03-01` from its parts; null when the day does not exist (2025-02-30). */
export function isoFromParts(y: number, m: number, d: number): IsoDate | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** True for a real date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== "string") return false;
  const m = ISO_RE.exec(s);
  return m !== null && isoFromParts(+m[1]!, +m[2]!, +m[3]!) === s;
}

/** The date `n` calendar days after (or before, n < 0) `d`. */
export function addDays(d: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: IsoDate): number {
  return new Date(`${d}T00:00:00Z`).getUTCDay();
}

export function yearOf(d: IsoDate): number {
  return +d.slice(0, 4);
}

/** The calendar date of a Date read from a spreadsheet (exceljs gives dates at UTC midnight). */
export function isoFromDate(d: Date): IsoDate | null {
  if (Number.isNaN(d.getTime())) return null;
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A Date at UTC midnight, as exceljs writes an Excel date without a time. */
export function dateFromIso(d: IsoDate): Date {
  return new Date(`${d}T00:00:00Z`);
}

/** The date an Excel serial number stands for (1900 date system), for messages. */
export function isoFromExcelSerial(n: number): IsoDate | null {
  if (!Number.isFinite(n) || n < 61 || n > 401_768) return null;
  return isoFromDate(new Date(Math.round((n - 25_569) * DAY_MS)));
}

/**
 * The forms of a date people type into a register: `2025-03-01`, `2025/3/1`, `2025.3.1`,
 * `2025年3月1日`, `20250301`, each optionally followed by a time (`2025-03-01 10:30`), which is
 * dropped. Full-width digits are accepted.
 */
const TEXT_RE = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|(\d{2})(\d{2}))(?:(?:\s+|T)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?Z?)?$/;

export type DateParse = { ok: true; date: IsoDate } | { ok: false; why: "format" | "no-such-day" };

export function parseDateText(text: string): DateParse {
  const s = text.trim().replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = TEXT_RE.exec(s);
  if (!m) return { ok: false, why: "format" };
  const y = +m[1]!;
  const mo = +(m[2] ?? m[4] ?? m[6])!;
  const d = +(m[3] ?? m[5] ?? m[7])!;
  const iso = isoFromParts(y, mo, d);
  return iso ? { ok: true, date: iso } : { ok: false, why: "no-such-day" };
}

/** `2025年3月1日` for messages and text output. */
export function chineseDate(d: IsoDate): string {
  return `${+d.slice(0, 4)}年${+d.slice(5, 7)}月${+d.slice(8, 10)}日`;
}
