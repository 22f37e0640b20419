import { templateForYear, TEMPLATES } from "../templates/index.js";
import type { Template } from "../templates/types.js";
import { normLabel } from "../text/normalize.js";
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
import { CHANNELS, type Application, type Consultation, type Review } from "./model.js";

/**
 * The register as a spreadsheet: one column per field, Chinese headers. The XLSX and CSV
 * readers and writers all go through these definitions.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

type FieldKind = "text" | "date" | "dates" | "int" | "choice";

export interface SheetColumn {
  field: SheetField;
  header: string;
  /** Other headers accepted on import. */
  variants?: string[];
  required?: boolean;
  kind: FieldKind;
  width: number;
  /** What to write, for the template's 填写说明 sheet. */
  note: string;
}

export type SheetField =
  | "id"
  | "received"
  | "channel"
  | "applicantType"
  | "applicant"
  | "request"
  | "correctionRequested"
  | "correctionReceived"
  | "extendedOn"
  | "extensionDays"
  | "consultStart"
  | "consultEnd"
  | "outcome"
  | "replied"
  | "reconsiderationFiled"
  | "reconsiderationResult"
  | "reconsiderationDecided"
  | "suitGroup"
  | "suitFiled"
  | "suitResult"
  | "suitDecided"
  | "note";

const receiptNote = CHANNELS.map((c) => `${c.label}：${c.receipt}`).join("；");

export const COLUMNS: readonly SheetColumn[] = [
  { field: "id", header: "登记编号", variants: ["编号", "申请编号", "登记号"], required: true, kind: "text", width: 14, note: "每条申请一个编号，不得重复" },
  {
    field: "received",
    header: "收到申请日期",
    variants: ["收到日期", "收到申请之日", "收到申请时间", "收到时间"],
    required: true,
    kind: "date",
    width: 14,
    note: `《政府信息公开条例》第三十一条规定的收到申请之日。${receiptNote}`,
  },
  { field: "channel", header: "提交方式", variants: ["申请方式", "提交渠道", "申请渠道", "收到方式"], required: true, kind: "choice", width: 10, note: "从下拉列表中选择" },
  { field: "applicantType", header: "申请人类型", variants: ["申请人情况", "申请人类别"], required: true, kind: "choice", width: 14, note: "表三的申请人列：自然人，或法人和其他组织的五类之一" },
  { field: "applicant", header: "申请人", variants: ["申请人姓名或名称", "申请人名称", "申请人姓名"], kind: "text", width: 14, note: "可不填；统计不使用" },
  { field: "request", header: "申请内容", variants: ["申请公开的内容", "申请事项", "申请公开的政府信息", "所需信息"], required: true, kind: "text", width: 40, note: "申请公开的政府信息的名称或描述" },
  { field: "correctionRequested", header: "补正告知日期", variants: ["告知补正日期"], kind: "date", width: 14, note: "第三十条：收到申请之日起 7 个工作日内一次性告知补正" },
  { field: "correctionReceived", header: "补正收到日期", variants: ["收到补正日期"], kind: "date", width: 14, note: "第三十条：答复期限自收到补正的申请之日起计算" },
  { field: "extendedOn", header: "延期告知日期", variants: ["延期日期", "延长答复告知日期"], kind: "date", width: 14, note: "第三十三条：经政府信息公开工作机构负责人同意并告知申请人的日期" },
  { field: "extensionDays", header: "延长工作日数", variants: ["延长天数", "延期工作日数"], kind: "int", width: 12, note: "1 至 20；延期了但不填时按 20 计算" },
  {
    field: "consultStart",
    header: "征求意见开始日期",
    variants: ["征求意见日期"],
    kind: "dates",
    width: 16,
    note: "征求第三方或其他机关意见的发函日期；多次征求意见时按顺序写多个日期，用“；”分隔",
  },
  { field: "consultEnd", header: "征求意见结束日期", variants: ["收到意见日期"], kind: "dates", width: 16, note: "收到意见的日期，与开始日期一一对应；尚未收到的不填" },
  { field: "outcome", header: "办理结果", variants: ["答复结果", "处理结果", "办理结果（表三）"], kind: "choice", width: 30, note: "表三的办理结果，按答复所在年度的报告格式；未答复的不填" },
  { field: "replied", header: "答复日期", variants: ["办结日期", "答复时间"], kind: "date", width: 14, note: "作出答复的日期；未答复的不填" },
  { field: "reconsiderationFiled", header: "行政复议申请日期", variants: ["复议申请日期"], kind: "date", width: 16, note: "申请人就本申请申请行政复议的日期；计入该年度表四" },
  { field: "reconsiderationResult", header: "行政复议结果", variants: ["复议结果"], kind: "choice", width: 12, note: "结果维持、结果纠正、其他结果、尚未审结" },
  { field: "reconsiderationDecided", header: "行政复议结案日期", variants: ["复议结案日期"], kind: "date", width: 16, note: "晚于当年 12 月 31 日的，在当年表四中计为尚未审结" },
  { field: "suitGroup", header: "行政诉讼类型", variants: ["诉讼类型"], kind: "choice", width: 16, note: "未经复议直接起诉或复议后起诉" },
  { field: "suitFiled", header: "起诉日期", variants: ["行政诉讼起诉日期"], kind: "date", width: 14, note: "计入该年度表四" },
  { field: "suitResult", header: "行政诉讼结果", variants: ["诉讼结果"], kind: "choice", width: 12, note: "结果维持、结果纠正、其他结果、尚未审结" },
  { field: "suitDecided", header: "行政诉讼结案日期", variants: ["诉讼结案日期"], kind: "date", width: 16, note: "晚于当年 12 月 31 日的，在当年表四中计为尚未审结" },
  { field: "note", header: "备注", kind: "text", width: 20, note: "" },
];

const byHeader = new Map<string, SheetColumn>();
for (const c of COLUMNS) for (const h of [c.header, ...(c.variants ?? [])]) byHeader.set(normLabel(h), c);

/** Where each field is in a header row (0-based), or null when this row is no register header. */
export function mapHeader(cells: readonly CellValue[]): { at: Map<SheetField, number>; missing: SheetColumn[] } | null {
  const at = new Map<SheetField, number>();
  cells.forEach((v, i) => {
    const c = typeof v === "string" ? byHeader.get(normLabel(v.replace(/[*＊]/g, ""))) : undefined;
    if (c && !at.has(c.field)) at.set(c.field, i);
  });
  // 登记编号 and two more of our headers: a lone 登记编号 in a note or a list of options is no header.
  if (!at.has("id") || at.size < 3) return null;
  return { at, missing: COLUMNS.filter((c) => c.required && !at.has(c.field)) };
}

/** Text of a cell, trimmed; numbers as written (`2025001`), dates as `2025-03-01`. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return isoFromDate(v) ?? "";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  return v.trim();
}

/** A CSV or spreadsheet text cell written with a leading `'` so that Excel does not run it as a formula. */
const GUARDED = /^'[=+\-@\t\r]/;

function unguard(s: string): string {
  return GUARDED.test(s) ? s.slice(1) : s;
}

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

/**
 * One data row of the register as an application, or the reasons it is not one (each a
 * complete Chinese sentence without the row number).
 */
export function rowToApplication(get: (f: SheetField) => CellValue): { app?: Application; errors: string[] } {
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
  if (found.length === 0) return { app, errors: [] };
  // In column order, as the user reads the row.
  const order = (f: SheetField) => COLUMNS.findIndex((c) => c.field === f);
  return { errors: found.sort((x, y) => order(x.field) - order(y.field)).map((e) => e.message) };
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
