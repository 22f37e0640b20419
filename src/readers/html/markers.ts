import { SECTIONS } from "../../templates/common.js";
import { F2019, F2021 } from "../../templates/index.js";
import { normLabel } from "../../text/normalize.js";

// What a report looks like from the outside: its six section titles and the labels of its
// tables. Used only to find the article among the page furniture (the extractor reads them).

/** Marker bits: 1 << (section no) for section heads, TABLE_MARK for a statutory table label. */
export const TABLE_MARK = 1 << 7;
export const SECTION_MARKS = 0b1111110;

const TITLES = SECTIONS.map((s) => ({ no: s.no, labels: [s.title, ...(s.variants ?? [])].map(normLabel) }));
const PREFIX_RE = /^(?:第[一二三四五六]部分|[一二三四五六][、．.]|[1-6][、．.])/;

/** Section number a short line heads (`三、收到和处理政府信息公开申请情况`), 0 when none. */
export function sectionMark(line: string): number {
  // Every section title and variant ends in 情况 or 事项: a cheap test before normalising.
  if (line.length > 60 || !/情况|事项/.test(line)) return 0;
  let t = normLabel(line);
  if (t.length < 4 || t.length > 40) return 0;
  t = t.replace(PREFIX_RE, "").replace(/[。：:]$/, "");
  for (const s of TITLES) if (s.labels.includes(t)) return s.no;
  return 0;
}

/** Labels that only the statutory tables carry (from the templates). */
const TABLE_LABELS = new Set(
  [
    ...F2021.active.blocks.map((b) => b.caption),
    ...F2019.active.blocks.map((b) => b.caption),
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "未经复议直接起诉",
    "复议后起诉",
    ...F2021.requests.rows.map((r) => r.label),
  ].map(normLabel),
);

export function isTableLabel(line: string): boolean {
  return TABLE_LABELS.has(normLabel(line));
}

/** Marker bits of one line of text. */
export function lineMarks(line: string, inCell: boolean): number {
  const no = sectionMark(line);
  if (no) return 1 << no;
  return inCell && line.length <= 80 && isTableLabel(line) ? TABLE_MARK : 0;
}

const REPORT_TITLE_RE = /(年度报告|年报)$/;

/** A line that reads like the report's title: `某县人民政府2021年政府信息公开工作年度报告`. */
export function isTitleLine(line: string): boolean {
  if (line.length > 120 || !/年度报告|年报/.test(line)) return false;
  const t = normLabel(line);
  return t.length >= 8 && t.length <= 80 && REPORT_TITLE_RE.test(t) && /(?:19|20)\d\d|政府信息公开|政务公开/.test(t);
}

export function countBits(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}
