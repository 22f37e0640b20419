import { unguardFormula } from "../text/csv.js";
import { templateForYear, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import {
  applicantChoices,
  ChoiceMap,
  channelChoices,
  outcomeElsewhere,
  outcomeMap,
  reviewGroupChoices,
  reviewResultChoices,
  suitChoices,
} from "./choices.js";
import { isoFromDate, isoFromExcelSerial, parseDateText, yearOf, type IsoDate } from "./dates.js";
import { COLUMNS, type CellValue, type SheetField } from "./columns.js";
import { CHANNELS, type Application, type Consultation, type Review } from "./model.js";

// One register row ⇄ one application: reading the cells (dates, choices from the template
// data) with a Chinese message for each problem, and writing them back.

/** Text of a cell, trimmed; numbers as written (`2025001`), dates as `2025-03-01`. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return isoFromDate(v) ?? "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  return v.trim();
}

/** A CSV or spreadsheet text cell written with a leading `'` so that Excel does not run it as a formula. */
const unguard = unguardFormula;

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function parseDate(v: CellValue, name: string): Parsed<IsoDate | undefined> {
  if (v instanceof Date) {
    const d = isoFromDate(v);
    return d ? { ok: true, value: d } : { ok: false, message: `“${name}”不是有效日期` };
  }
  if (typeof v === "number") {
    const d = isoFromExcelSerial(v);
    const hint = d ? `（如果它是 Excel 的日期序号，即 ${d}，请把这一列设为日期格式）` : "";
    return { ok: false, message: `“${name}”是数字 ${v}，不是日期${hint}` };
  }
  const s = cellText(v);
  if (!s) return { ok: true, value: undefined };
  const p = parseDateText(s);
  if (p.ok) return { ok: true, value: p.date };
  return p.why === "no-such-day"
    ? { ok: false, message: `“${name}”${s} 不是真实存在的日期` }
    : { ok: false, message: `“${name}”不是日期：${s}（应写作 2025-03-01、2025/3/1 或 2025年3月1日）` };
}

/** Several dates in one cell (`2025-03-03；2025-04-01`); a blank between separators stays a gap. */
function parseDates(v: CellValue, name: string): Parsed<(IsoDate | undefined)[]> {
  if (v instanceof Date || typeof v === "number") {
    const p = parseDate(v, name);
    return p.ok ? { ok: true, value: p.value ? [p.value] : [] } : p;
  }
  const parts = cellText(v).split(/\s*[;；,，、\n]\s*/);
  while (parts.length && !parts[parts.length - 1]) parts.pop();
  const out: (IsoDate | undefined)[] = [];
  for (const part of parts) {
    const p = parseDate(part, name);
    if (!p.ok) return p;
    out.push(p.value);
  }
  return { ok: true, value: out };
}

function parseInt20(v: CellValue, name: string): Parsed<number | undefined> {
  const s = cellText(v);
  if (!s) return { ok: true, value: undefined };
  const n = Number(s.replace(/(个)?工作日$|天$/, ""));
  if (!Number.isInteger(n)) return { ok: false, message: `“${name}”不是整数：${s}` };
  return { ok: true, value: n };
}

/** Choice lists that do not depend on the year. */
const channelMap = new ChoiceMap(channelChoices());
const latest = TEMPLATES[TEMPLATES.length - 1]!;
const applicantMap = new ChoiceMap(applicantChoices(latest));
const resultMap = new ChoiceMap(reviewResultChoices(latest));
const suitMap = new ChoiceMap(suitChoices(latest));

function choiceError(name: string, s: string, map: ChoiceMap): string {
  return `“${name}”无法识别：${s}（可选：${map.choices.map((c) => c.label).join("、")}）`;
}

/** The application field a column fills (the consultation and review columns fill lists). */
function fieldOf(f: SheetField): keyof Application {
  if (f.startsWith("consult")) return "consultations";
  if (f.startsWith("reconsideration") || f.startsWith("suit")) return "reviews";
  return f as keyof Application;
}

/**
 * One data row of the register as an application, and the reasons it is not one (each a
 * complete Chinese sentence without the row number). When there are reasons, `app` holds what
 * could be read and `unread` the fields that could not, so that the row's other problems can
 * still be told (applicationProblems) without repeating these.
 */
export function rowToApplication(get: (f: SheetField) => CellValue): { app: Application; errors: string[]; unread: Set<keyof Application> } {
  const found: { field: SheetField; message: string }[] = [];
  const name = (f: SheetField) => COLUMNS.find((c) => c.field === f)!.header;
  const say = (field: SheetField) => (message: string) => found.push({ field, message });
  const text = (f: SheetField) => unguard(cellText(get(f)));
  const date = (f: SheetField) => {
    const p = parseDate(get(f), name(f));
    if (!p.ok) say(f)(p.message);
    return p.ok ? p.value : undefined;
  };
  const choice = (f: SheetField, map: ChoiceMap) => {
    const s = text(f);
    if (!s) return undefined;
    const k = map.find(s);
    if (k === undefined) say(f)(choiceError(name(f), s, map));
    return k;
  };
  /** A required field: said missing when blank, else read. */
  const must = <T>(f: SheetField, read: (f: SheetField) => T): T | undefined => {
    if (text(f)) return read(f);
    say(f)(`缺少“${name(f)}”`);
    return undefined;
  };

  const received = must("received", date);
  const replied = date("replied");
  const app: Application = {
    id: must("id", text) ?? "",
    received: received ?? "",
    channel: (must("channel", (f) => choice(f, channelMap)) ?? "") as Application["channel"],
    applicantType: must("applicantType", (f) => choice(f, applicantMap)) ?? "",
    request: must("request", text) ?? "",
    consultations: consultationsOf(get, name, say),
    reviews: reviewsOf(get, name, date, choice, say),
  };
  const set = <K extends keyof Application>(k: K, v: Application[K] | undefined) => {
    if (v !== undefined && v !== "") app[k] = v;
  };
  set("applicant", text("applicant"));
  set("correctionRequested", date("correctionRequested"));
  set("correctionReceived", date("correctionReceived"));
  set("extendedOn", date("extendedOn"));
  const extensionDays = parseInt20(get("extensionDays"), name("extensionDays"));
  if (extensionDays.ok) set("extensionDays", extensionDays.value);
  else say("extensionDays")(extensionDays.message);
  const outcomeText = text("outcome");
  if (outcomeText) {
    // The outcome rows are those of the template in force in the year of the reply.
    const t = templateForYear(yearOf(replied ?? received ?? `${latest.years.from}-01-01`));
    const outcome = outcomeMap(t).find(outcomeText);
    if (outcome === undefined) say("outcome")(outcomeError(outcomeText, t, replied ?? received));
    set("outcome", outcome);
  }
  set("replied", replied);
  set("note", text("note"));
  const unread = new Set(found.map((e) => fieldOf(e.field)));
  if (found.length === 0) return { app, errors: [], unread };
  // In column order, as the user reads the row.
  const order = (f: SheetField) => COLUMNS.findIndex((c) => c.field === f);
  return { app, errors: found.sort((x, y) => order(x.field) - order(y.field)).map((e) => e.message), unread };
}

function outcomeError(s: string, t: Template, when: IsoDate | undefined): string {
  const year = when ? `${yearOf(when)} 年度所用格式（${short(t)}）` : short(t);
  const other = outcomeElsewhere(s, t);
  if (other.length) return `“办理结果”${s} 是 ${other.map(short).join("、")}的办理结果，${year}表三没有这一行`;
  return `“办理结果”${s} 不是 ${year}表三的办理结果（可选值见模板的“选项”页）`;
}

function short(t: Template): string {
  return t.name.split("（")[0]!.replace(/\s+/g, " ");
}

type Say = (f: SheetField) => (message: string) => void;

function consultationsOf(get: (f: SheetField) => CellValue, name: (f: SheetField) => string, say: Say): Consultation[] {
  const starts = parseDates(get("consultStart"), name("consultStart"));
  const ends = parseDates(get("consultEnd"), name("consultEnd"));
  if (!starts.ok) say("consultStart")(starts.message);
  if (!ends.ok) say("consultEnd")(ends.message);
  if (!starts.ok || !ends.ok) return [];
  if (ends.value.length > starts.value.length || starts.value.includes(undefined)) {
    say("consultEnd")(`“${name("consultEnd")}”与“${name("consultStart")}”的日期没有一一对应`);
    return [];
  }
  return starts.value.map((start, i) => (ends.value[i] ? { start: start!, end: ends.value[i] } : { start: start! }));
}

function reviewsOf(
  get: (f: SheetField) => CellValue,
  name: (f: SheetField) => string,
  date: (f: SheetField) => IsoDate | undefined,
  choice: (f: SheetField, map: ChoiceMap) => string | undefined,
  say: Say,
): Review[] {
  const out: Review[] = [];
  const reconsideration = reviewGroupChoices(latest)[0]!.key;
  const one = (group: string | undefined, filedF: SheetField, resultF: SheetField, decidedF: SheetField, groupF?: SheetField) => {
    const filed = date(filedF);
    const result = choice(resultF, resultMap);
    const decided = date(decidedF);
    const given = [groupF, filedF, resultF, decidedF].filter((f): f is SheetField => !!f && cellText(get(f)) !== "");
    if (given.length === 0) return;
    for (const f of [groupF, filedF, resultF].filter((x): x is SheetField => !!x)) {
      if (!cellText(get(f))) say(f)(`填写了“${name(given[0]!)}”，但缺少“${name(f)}”`);
    }
    if (group && filed && result) out.push(decided ? { group, filed, result, decided } : { group, filed, result });
  };
  one(reconsideration, "reconsiderationFiled", "reconsiderationResult", "reconsiderationDecided");
  one(choice("suitGroup", suitMap), "suitFiled", "suitResult", "suitDecided", "suitGroup");
  return out;
}

/** The cells of one application in column order, as the writers put them down. */
export function applicationToRow(a: Application): CellValue[] {
  const t = templateForYear(yearOf(a.replied ?? a.received));
  const reconsideration = reviewGroupChoices(t)[0]!.key;
  const rec = a.reviews.find((r) => r.group === reconsideration);
  const suit = a.reviews.find((r) => r.group !== reconsideration);
  const groupLabel = (k: string) => reviewGroupChoices(t).find((c) => c.key === k)?.label ?? k;
  const resultLabel = (k: string | undefined) => (k ? reviewResultChoices(t).find((c) => c.key === k)?.label ?? k : undefined);
  const values: Record<SheetField, CellValue> = {
    id: a.id,
    received: a.received,
    channel: CHANNELS.find((c) => c.key === a.channel)?.label ?? a.channel,
    applicantType: applicantChoices(t).find((c) => c.key === a.applicantType)?.label ?? a.applicantType,
    applicant: a.applicant,
    request: a.request,
    correctionRequested: a.correctionRequested,
    correctionReceived: a.correctionReceived,
    extendedOn: a.extendedOn,
    extensionDays: a.extensionDays,
    consultStart: a.consultations.map((c) => c.start).join("；") || undefined,
    consultEnd: a.consultations.map((c) => c.end ?? "").join("；").replace(/；+$/, "") || undefined,
    outcome: a.outcome ? outcomeMap(t).label(a.outcome) ?? a.outcome : undefined,
    replied: a.replied,
    reconsiderationFiled: rec?.filed,
    reconsiderationResult: resultLabel(rec?.result),
    reconsiderationDecided: rec?.decided,
    suitGroup: suit ? groupLabel(suit.group) : undefined,
    suitFiled: suit?.filed,
    suitResult: resultLabel(suit?.result),
    suitDecided: suit?.decided,
    note: a.note,
  };
  return COLUMNS.map((c) => values[c.field]);
}

/** The sample line of the template file. */
export function sampleApplication(t: Template): Application {
  const y = t.years.to ?? Math.max(t.years.from, 2025);
  return {
    id: `${y}-001`,
    received: `${y}-03-03`,
    channel: "online",
    applicantType: "natural_person",
    applicant: "张某",
    request: `${y}年度本机关行政许可决定清单`,
    consultations: [],
    outcome: "granted",
    replied: `${y}-03-20`,
    reviews: [],
    note: "示例行，填写时请删除",
  };
}
