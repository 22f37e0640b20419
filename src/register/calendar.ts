import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { addDays, isIsoDate, weekday, yearOf, type IsoDate } from "./dates.js";
import { RegisterError } from "./errors.js";

/**
 * The working-day calendar: statutory holidays and the weekends worked in their place (调休),
 * year by year as the State Council announces them. A year nobody has told us about is
 * unknown, never assumed to be plain Monday–Friday.
 */
export interface CalendarYear {
  year: number;
  /** Days off: holidays on Monday–Friday (weekend days inside a holiday may be listed too). */
  holidays: IsoDate[];
  /** Working days: weekends worked in place of a holiday (调休上班); a weekday listed here is a working day. */
  workdays: IsoDate[];
  /** Where the year comes from: the notice, `chinese-days`, or the calendar file. */
  source: string;
}

interface YearDays {
  off: Set<IsoDate>;
  on: Set<IsoDate>;
  sources: string[];
}

export class WorkCalendar {
  private readonly years = new Map<number, YearDays>();

  /** Years given later amend earlier ones date by date (a calendar file corrects the package). */
  constructor(years: readonly CalendarYear[]) {
    for (const y of years) {
      let days = this.years.get(y.year);
      if (!days) this.years.set(y.year, (days = { off: new Set(), on: new Set(), sources: [] }));
      for (const d of y.holidays) days.off.add(d), days.on.delete(d);
      for (const d of y.workdays) days.on.add(d), days.off.delete(d);
      days.sources.push(y.source);
    }
  }

  /** Years the calendar covers, ascending. */
  get coverage(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  knows(year: number): boolean {
    return this.years.has(year);
  }

  /** Whether `d` is a working day; undefined when the calendar does not cover its year. */
  isWorkingDay(d: IsoDate): boolean | undefined {
    const days = this.years.get(yearOf(d));
    if (!days) return undefined;
    if (days.on.has(d)) return true;
    if (days.off.has(d)) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  }

  sources(year: number): string[] {
    return this.years.get(year)?.sources ?? [];
  }
}

const require = createRequire(import.meta.url);

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let packaged: CalendarYear[] | undefined;

/**
 * The years the npm package `chinese-days` knows (2004 onward, as far as the latest State
 * Council notice it carries), from the JSON data it ships for direct use.
 */
export function chineseDaysYears(): CalendarYear[] {
  if (packaged) return packaged;
  const data = require("chinese-days/dist/chinese-days.json") as ChineseDaysData;
  const version = (require("chinese-days/package.json") as { version: string }).version;
  const byYear = new Map<number, CalendarYear>();
  const year = (d: string) => {
    const y = yearOf(d);
    let c = byYear.get(y);
    if (!c) byYear.set(y, (c = { year: y, holidays: [], workdays: [], source: `chinese-days ${version}` }));
    return c;
  };
  for (const d of Object.keys(data.holidays)) year(d).holidays.push(d);
  for (const d of Object.keys(data.workdays)) year(d).workdays.push(d);
  packaged = [...byYear.values()].sort((a, b) => a.year - b.year);
  return packaged;
}

/** The packaged years, amended or extended by the years given (calendar files). */
export function defaultCalendar(extra: readonly CalendarYear[] = []): WorkCalendar {
  return new WorkCalendar([...chineseDaysYears(), ...extra]);
}

/**
 * `data/calendar/` of this package: calendar files put there are read by the command line.
 * Found from the nearest folder with a package.json above this module, since the module runs
 * from src/, from dist/ and from a chunk of the CLI bundle, each at another depth.
 */
export const PACKAGE_CALENDAR_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), "data", "calendar");

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/**
 * A calendar file (docs/register.md): one year, JSON,
 * `{ "year": 2027, "source": "…", "holidays": [...], "workdays": [...] }`, where each entry is a
 * date `"2027-01-01"`, a range `{ "from": "2027-02-05", "to": "2027-02-11", "name": "春节" }`
 * or `{ "date": "2027-02-14", "name": "春节" }`.
 */
export function parseCalendarFile(text: string, file: string): CalendarYear {
  const fail = (why: string) => new RegisterError(`日历文件 ${file}：${why}`, { file });
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (e) {
    throw fail(`不是有效的 JSON（${(e as Error).message}）`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw fail("内容应是一个对象，含 year、holidays、workdays");
  const o = json as Record<string, unknown>;
  const year = o.year;
  if (typeof year !== "number" || !Number.isInteger(year) || year < 1900 || year > 2999) throw fail("缺少 year（年份，如 2027）或年份无效");
  const source = typeof o.source === "string" && o.source.trim() ? `${o.source.trim()}（${basename(file)}）` : file;
  const list = (name: "holidays" | "workdays"): IsoDate[] => {
    const v = o[name];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw fail(`${name} 应是数组`);
    return v.flatMap((entry, i) => entryDates(entry, `${name} 第 ${i + 1} 项`, year, fail));
  };
  const holidays = list("holidays");
  const workdays = list("workdays");
  if (o.holidays === undefined && o.workdays === undefined) throw fail("没有 holidays 也没有 workdays：至少要列出放假日");
  const on = new Set(workdays);
  const both = holidays.find((d) => on.has(d));
  if (both) throw fail(`${both} 同时列在 holidays 和 workdays 中`);
  return { year, holidays, workdays, source };
}

function entryDates(entry: unknown, where: string, year: number, fail: (why: string) => RegisterError): IsoDate[] {
  const check = (d: unknown, what: string): IsoDate => {
    if (!isIsoDate(d)) throw fail(`${where}的${what}“${String(d)}”不是 YYYY-MM-DD 格式的有效日期`);
    if (yearOf(d) !== year) throw fail(`${where}的日期 ${d} 不在 ${year} 年内（每个文件只写一年，跨年的调休日写进那一年的文件）`);
    return d;
  };
  if (typeof entry === "string") return [check(entry, "日期")];
  if (typeof entry !== "object" || entry === null) throw fail(`${where}应是日期字符串或 { "from", "to" } 对象`);
  const e = entry as Record<string, unknown>;
  if (e.date !== undefined) return [check(e.date, "date")];
  const from = check(e.from, "from");
  const to = e.to === undefined ? from : check(e.to, "to");
  if (to < from) throw fail(`${where}的 to（${to}）早于 from（${from}）`);
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Reads calendar files: each path a `.json` file or a folder of them (read in name order). */
export async function loadCalendarFiles(paths: readonly string[]): Promise<CalendarYear[]> {
  const out: CalendarYear[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      const s = await stat(p);
      files = s.isDirectory() ? (await readdir(p)).filter((f) => f.toLowerCase().endsWith(".json")).sort().map((f) => join(p, f)) : [p];
    } catch {
      throw new RegisterError(`日历文件 ${p}：文件不存在或无法读取`, { file: p });
    }
    for (const f of files) {
      let text: string;
      try {
        text = await readFile(f, "utf8");
      } catch {
        throw new RegisterError(`日历文件 ${f}：无法读取`, { file: f });
      }
      out.push(parseCalendarFile(text, f));
    }
  }
  return out;
}

/** The calendar the command line uses: the package's years, `data/calendar/`, then the paths given. */
export async function loadCalendar(paths: readonly string[] = []): Promise<WorkCalendar> {
  const dirs = existsSync(PACKAGE_CALENDAR_DIR) ? [PACKAGE_CALENDAR_DIR] : [];
  return defaultCalendar(await loadCalendarFiles([...dirs, ...paths]));
}
