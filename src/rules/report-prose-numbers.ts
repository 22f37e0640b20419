import type { Report, Section } from "../model/report.js";
import type { SourcePos } from "../model/source.js";
import type { Template } from "../templates/types.js";
import { clauseEnd, countOf, gap, NUM, proseText, sentenceStart } from "./prose.js";
import type { FindingInput, ReportRule } from "./types.js";
import { formatNumber as fmt } from "../model/finding.js";
import { cellLabel, hasProse, rowShort, say, tableOfKey } from "./util.js";

/** One reading of the tables a prose number may state: the cells and what they add up to. */
interface Reading {
  cells: string[];
  value: number;
}

/** A quantity the prose states, how it is worded, and which table readings it may stand for. */
export interface Quantity {
  id: string;
  /**
   * Words every match of the patterns below contains (one of them): prose without any is not
   * scanned. Most sections state few quantities, and each pattern is a pass over the text.
   */
  cues: string[];
  /** Patterns with a named group `n`, or none for wordings that mean zero (`未收到…申请`). */
  patterns: RegExp[];
  zero?: RegExp[];
  /** Words in the gap (group `g`) that tie the number to something else. */
  notInGap?: RegExp;
  /** The same for the zero wordings (`未发生行政复议、行政诉讼` speaks of both). */
  zeroNotInGap?: RegExp;
  /** Words right before the match that make it part of a combined statement. */
  notBefore?: RegExp;
  /** Words in the rest of the clause after the match that change its meaning. */
  notAfter?: RegExp;
  /** Sums of cells the number may equal; null when the table lacks them. Depends on nothing else. */
  readings(t: Template, verb: string): string[][] | null;
}

const U = "(?:件|条|宗|份)";
const CASES = "(?:件|起|宗|次)";
const DOCS = "(?:件|部|个|项|份)";
const TOTAL = "(?:共|合计|累计|总计|共计)?";
const g = gap;

const rq = (row: string) => `requests.${row}.total`;
const rv = (row: string) => `review.${row}.total`;

export const QUANTITIES: readonly Quantity[] = [
  {
    id: "received",
    cues: ["申请"],
    patterns: [new RegExp(`(?:收到|受理|接收|接到|新收)(?<g>${g(20)})申请${g(6)}${TOTAL}${NUM}${U}`, "g")],
    zero: [new RegExp(`(?:未|没有)(?:收到|接到|受理|接收)(?<g>${g(20)})申请(?!人)`, "g"), /无(?:依申请公开|政府信息公开申请)/g],
    notInGap: /复议|诉讼|信访|投诉|举报|来信|来访|处理费/,
    zeroNotInGap: /复议|诉讼|信访|投诉|举报|处理费/,
    notAfter: /复议|诉讼/,
    readings: () => [[rq("new_received")], [rq("new_received"), rq("carried_over")]],
  },
  {
    id: "answered",
    cues: ["办结", "答复", "办理完毕", "处理完毕", "办理完成"],
    patterns: [new RegExp(`(?:办结|答复|办理完毕|处理完毕|办理完成)(?<g>${g(8)})${TOTAL}${NUM}${U}`, "g")],
    notInGap: /率|期限|时限|复议|诉讼|工作日|超期|逾期/,
    readings: () => [[rq("total")]],
  },
  {
    id: "carried_over",
    cues: ["结转", "转结", "遗留"],
    patterns: [new RegExp(`上一?年度?(?:结转|转结|遗留)(?<g>${g(8)})${NUM}${U}`, "g")],
    readings: () => [[rq("carried_over")]],
  },
  {
    id: "carried_forward",
    cues: ["结转", "顺延", "转入", "转至", "延至", "留待"],
    patterns: [
      new RegExp(`结转(?:至|到|入)?下一?年度?(?<g>${g(10)})${NUM}${U}`, "g"),
      new RegExp(`${NUM}${U}(?<g>${g(6)})(?:结转|顺延|转入|转至|延至|留待)(?:至|到|入)?下一?年`, "g"),
    ],
    readings: () => [[rq("carried_forward")]],
  },
  {
    id: "reconsideration",
    cues: ["行政复议"],
    patterns: [new RegExp(`行政复议(?<g>${g(8)})${TOTAL}${NUM}${CASES}`, "g")],
    zero: [new RegExp(`(?:未|没有)(?:发生|出现|收到|接到|被申请|产生|涉及)(?<g>${g(20)})行政复议`, "g")],
    notInGap: /诉讼|起诉|维持|纠正|纠错|其他|尚未|审结|撤销|败诉|决定/,
    notAfter: /纠|败诉|撤销|违法|维持/,
    readings: () => [[rv("reconsideration")]],
  },
  {
    id: "suits",
    cues: ["行政诉讼"],
    patterns: [new RegExp(`行政诉讼(?<g>${g(8)})${TOTAL}${NUM}${CASES}`, "g")],
    zero: [new RegExp(`(?:未|没有)(?:发生|出现|收到|被提起|被起诉|产生|涉及)(?<g>${g(20)})行政诉讼`, "g")],
    notInGap: /复议|维持|纠正|纠错|其他|尚未|审结|撤销|败诉|判决|直接|后起诉/,
    // `复议和行政诉讼` is a combined statement; `直接提起行政诉讼`, `复议后提起行政诉讼` are one kind only.
    notBefore: /(?:复议[和及与、]?|直接(?:提起|向法院提起)?|后(?:提起)?)$/,
    notAfter: /纠|败诉|撤销|违法|维持|判决/,
    readings: () => [[rv("suit_direct"), rv("suit_after")], [rv("suit_direct")]],
  },
  {
    id: "suit_direct",
    cues: ["直接"],
    patterns: [new RegExp(`(?:直接起诉|直接提起(?:行政)?诉讼|直接向法院提起(?:行政)?诉讼)(?<g>${g(6)})${TOTAL}${NUM}${CASES}`, "g")],
    notInGap: /维持|纠正|其他|尚未|审结/,
    readings: () => [[rv("suit_direct")]],
  },
  {
    id: "suit_after",
    cues: ["复议后"],
    patterns: [new RegExp(`复议后(?:提起)?(?:行政)?(?:诉讼|起诉)(?<g>${g(6)})${TOTAL}${NUM}${CASES}`, "g")],
    notInGap: /维持|纠正|其他|尚未|审结/,
    readings: () => [[rv("suit_after")]],
  },
  {
    id: "regulations",
    cues: ["规章"],
    patterns: [new RegExp(`(?<verb>制发|制定|出台|印发|发布|公开|新增|废止|现行有效|有效)(?<g>${g(8)})规章(?:${g(3)})${TOTAL}${NUM}${DOCS}`, "g")],
    notInGap: /规范性文件|和|及|与|、|清理|备案|审查|解读/,
    notAfter: /清理|审查|备案|解读|修改|修订/,
    readings: (t, verb) => rowReadings(t, "regulations", verb),
  },
  {
    id: "normative_docs",
    cues: ["规范性文件"],
    patterns: [new RegExp(`(?<verb>制发|制定|出台|印发|发布|公开|新增|废止|现行有效|有效)(?<g>${g(8)})(?:行政)?规范性文件(?:${g(3)})${TOTAL}${NUM}${DOCS}`, "g")],
    notInGap: /规章|清理|备案|审查|解读|政策/,
    notAfter: /清理|审查|备案|解读|修改|修订/,
    readings: (t, verb) => rowReadings(t, "normative_docs", verb),
  },
];

/**
 * A count of 规章 or 规范性文件 may be any column of its table 2 row (制发、现行有效、新公开…): the
 * prose rarely says which. The 2019 template has no 废止 column, so a 废止 count is not compared.
 */
function rowReadings(t: Template, row: string, verb: string): string[][] | null {
  const block = t.active.blocks.find((b) => b.rows.some((x) => x.key === row));
  if (!block) return null;
  if (verb === "废止" && !block.columns.some((c) => c.key === "repealed")) return null;
  return block.columns.map((c) => [`active.${row}.${c.key}`]);
}

/**
 * The readings of a quantity for a template and verb, laid out once: built afresh, every cell
 * key would be a new string that the lookup in the report must first intern.
 */
function readingsFor(q: Quantity, t: Template, verb: string): string[][] | null {
  let byTemplate = readingsCache.get(q);
  if (!byTemplate) readingsCache.set(q, (byTemplate = new Map()));
  const key = `${t.id}/${verb}`;
  let sums = byTemplate.get(key);
  if (sums === undefined) byTemplate.set(key, (sums = q.readings(t, verb)));
  return sums;
}

const readingsCache = new WeakMap<Quantity, Map<string, string[][] | null>>();

/** Sentences about another year, a part of the year or a part of the whole are not compared. */
const OTHER_SCOPE = /其中|季度|上半年|下半年|去年|同期|月份|截至|截止/;
const YEAR = /(\d{4})年/g;

const NUMERALS = "一二三四五六";

const meta: ReportRule["meta"] = {
  id: "report-prose-numbers",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "report",
  basis: ["R-3"],
  title: "正文里的数字与表格一致",
  description:
    "正文常把表格里的数再说一遍：收到（受理）多少件申请、上年结转多少件、办结（答复）多少件、结转下年度多少件，行政复议多少件、行政诉讼多少件，制发或公开了多少件规章、规范性文件。这些数应与表格一致。“收到 N 件”可以是本年新收，也可以是新收加上年结转；“行政诉讼 N 件”是直接起诉与复议后起诉之和；规章、规范性文件的件数只要等于表二该行任一栏即可。只比较能确定是哪个量的数字：说的是别的年度、季度、“其中”某一部分，或者与其他量合在一起说的，都不比较，宁可不报也不误报。“未收到政府信息公开申请”“未发生行政复议”按 0 件比较。全角数字、“共”“合计”“累计”、件/条/宗/起 等写法都能识别。",
  messages: {
    differs: "第{section}部分写“{quote}”，与{table}不一致：{readings}，相差 {d}",
    zero: "第{section}部分写“{quote}”（即 0 件），与{table}不一致：{readings}",
  },
};

interface Claim {
  q: Quantity;
  source?: SourcePos;
  n: number;
  quote: string;
  section: number;
  verb: string;
}

const STATES_COUNT = /[\d０-９未没无]/;

/** The numbers the prose ties to a quantity (see QUANTITIES), with what was written. */
export function proseClaims(r: Report): Claim[] {
  const out: Claim[] = [];
  for (const s of r.sections) {
    // Only prose with a digit or a word of negation can state a count.
    if (!STATES_COUNT.test(s.text)) continue;
    const text = proseText(s.text);
    const counts = /\d/.test(text);
    const zeros = /[未没无]/.test(text);
    if (!counts && !zeros) continue;
    for (const q of QUANTITIES) {
      if (!q.cues.some((c) => text.includes(c))) continue;
      if (counts) for (const re of q.patterns) scan(out, text, q, re, false, s, r.meta.year);
      if (zeros) for (const re of q.zero ?? []) scan(out, text, q, re, true, s, r.meta.year);
    }
  }
  return out;
}

/** Adds the claims one pattern finds in one section's text. */
function scan(out: Claim[], text: string, q: Quantity, re: RegExp, zero: boolean, s: Section, year: number | null): void {
  const notInGap = zero ? q.zeroNotInGap : q.notInGap;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const gp = m.groups ?? {};
    if (notInGap && gp.g && notInGap.test(gp.g)) continue;
    if (q.notBefore && q.notBefore.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const end = m.index + m[0].length;
    if (q.notAfter && q.notAfter.test(text.slice(end, clauseEnd(text, end)))) continue;
    if (!sameScope(text, m.index, year)) continue;
    out.push({ q, n: zero ? 0 : countOf(gp.n!), quote: m[0], section: s.no, verb: gp.verb ?? "", source: s.source });
  }
}

/** The sentence up to the match speaks of the report's year and of the whole. */
function sameScope(text: string, at: number, year: number | null): boolean {
  const before = text.slice(sentenceStart(text, at), at);
  if (OTHER_SCOPE.test(before)) return false;
  if (year === null) return true;
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(before); m; m = YEAR.exec(before)) if (Number(m[1]) !== year) return false;
  return true;
}

/** `“（七）总计 · 总计”`; a sum down one column of table 3 as `“一+二”（总计列）`. */
function readingLabel(keys: string[], t: Template): string {
  if (keys.length === 1) return cellLabel(keys[0]!, t);
  const parts = keys.map((k) => k.split("."));
  const column = parts[0]![2];
  if (parts.every((p) => p[0] === "requests" && p[2] === column)) {
    const rows = parts.map((p) => t.requests.rows.find((r) => r.key === p[1]));
    const col = t.requests.columns.find((c) => c.key === column);
    if (col && rows.every(Boolean)) return `“${rows.map((r) => rowShort(r!)).join("+")}”（${col.label}列）`;
  }
  return keys.map((k) => cellLabel(k, t)).join("+");
}

export const reportProseNumbers: ReportRule = {
  meta,
  check(r, ctx) {
    if (!hasProse(r)) return [];
    const out: FindingInput[] = [];
    const seen = new Set<string>();
    for (const c of proseClaims(r)) {
      const id = `${c.q.id}:${c.n}:${c.verb}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const sums = readingsFor(c.q, ctx.template, c.verb);
      if (!sums) continue;
      const readings: Reading[] = [];
      for (const keys of sums) {
        if (!keys.every((k) => typeof r.cells[k] === "number")) continue;
        readings.push({ cells: keys, value: keys.reduce((s, k) => s + (r.cells[k] as number), 0) });
      }
      if (readings.length === 0 || readings.some((x) => Math.abs(x.value - c.n) < 1e-9)) continue;
      const first = readings[0]!;
      const shown = [...new Set(readings.map((x) => x.value))]
        .map((v) => `${readings.filter((x) => x.value === v).map((x) => readingLabel(x.cells, ctx.template)).join("、")}为 ${fmt(v)}`)
        .join("；");
      const data = {
        section: NUMERALS[c.section - 1] ?? String(c.section),
        quote: c.quote,
        table: tableOfKey(ctx.template, first.cells[0]!),
        readings: shown,
        d: Math.abs(c.n - first.value),
      };
      const cells = [...new Set(readings.flatMap((x) => x.cells))];
      out.push({
        ...say(meta, c.n === 0 && !/\d/.test(c.quote) ? "zero" : "differs", data),
        formula: `正文所写件数 = ${readings.map((x) => readingLabel(x.cells, ctx.template)).join(" 或 ")}`,
        left: c.n,
        right: first.value,
        difference: c.n - first.value,
        cells,
        ...(c.source ? { source: c.source } : {}),
      });
    }
    return out;
  },
};
