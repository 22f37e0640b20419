/**
 * The header a web crawler writes above the page text it saved:
 *
 *     标题: 平潭综合实验区公安局2021年政府信息公开工作年度报告
 *     发布时间: 2022-01-14 17:29
 *     文号:
 *     发布机构:
 *     原文链接: https://…
 *     ==================== 正文 ====================
 *     （the whole body, usually on one line）
 *
 * The fields are the page's metadata; the body below the separator is the report.
 */
export interface CrawlerHeader {
  title?: string;
  /** `YYYY-MM-DD`. */
  published?: string;
  publisher?: string;
  /** Number of lines (header and separator) above the body. */
  lines: number;
}

/** The separator is found within this many lines, or the text has no crawler header. */
const MAX_HEADER_LINES = 40;
const SEPARATOR_RE = /^\s*={3,}\s*正文\s*={3,}\s*$/;
const FIELD_START_RE = /^\ufeff?\s*[\u4e00-\u9fffA-Za-z]{1,12}\s*[:：]/;
const FIELD_RE = /^\s*([\u4e00-\u9fffA-Za-z]{1,12})\s*[:：]\s*(.*?)\s*$/;
const DATE_RE = /((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;

const TITLE_KEYS = new Set(["标题", "title"]);
const DATE_KEYS = new Set(["发布时间", "发布日期", "成文日期", "时间", "日期"]);
const PUBLISHER_KEYS = new Set(["发布机构", "发文机关", "发布单位", "来源"]);

/** The crawler header at the top of the text, or null. */
export function crawlerHeader(text: string): CrawlerHeader | null {
  // Cheap refusal first: every crawled file starts with its fields.
  if (!FIELD_START_RE.test(text.slice(0, 40))) return null;
  const lines = text.split(/\r\n|\r|\n/, MAX_HEADER_LINES);
  const sep = lines.findIndex((l) => SEPARATOR_RE.test(l));
  if (sep < 1) return null;
  const out: CrawlerHeader = { lines: sep + 1 };
  let fields = 0;
  for (const l of lines.slice(0, sep)) {
    const m = l.length < 2000 ? FIELD_RE.exec(l.replace(/^\ufeff/, "")) : null;
    if (!m) continue;
    fields++;
    const key = m[1]!.toLowerCase();
    const value = m[2]!;
    if (!value) continue;
    if (TITLE_KEYS.has(key)) out.title ??= value;
    else if (DATE_KEYS.has(key)) out.published ??= isoDate(value);
    else if (PUBLISHER_KEYS.has(key)) out.publisher ??= value;
  }
  if (out.published === undefined) delete out.published;
  // A header is mostly `key: value` lines.
  return fields >= 2 && fields * 2 >= sep ? out : null;
}

function isoDate(v: string): string | undefined {
  const m = DATE_RE.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
