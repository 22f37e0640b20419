import type { Block } from "../model/document.js";
import type { ReportMeta } from "../model/report.js";
import { cleanSpaces, stripArtefacts, toHalfWidth } from "../text/normalize.js";
import type { SectionHead } from "./sections.js";

const TITLE_RE = /(年度报告|年报|工作报告)\s*$/;
const AGENCY_END_RE = /(人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|办|署|院|镇|乡|街道|街道办事处|中心|所|站|会|馆|队|处|司|集团|公司)$/;
const YEAR_RE = /(20\d{2}|19\d{2})\s*年/g;

interface TitleInfo {
  title: string | null;
  agency: string | null;
  year: number | null;
}

const CJK = "[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]";
const SPACE_BY_CJK = new RegExp(`\\s+(?=${CJK})|(?<=${CJK})\\s+`, "g");

/** A Chinese title has no spaces beside its characters; PDF font runs leave some (`2023 年`). */
const tight = (title: string) => title.replace(SPACE_BY_CJK, "");

/** Title, agency and year from the report's heading lines (and the container title as fallback). */
export function readTitle(blocks: Block[], heads: SectionHead[], containerTitle?: string): TitleInfo {
  const limit = Math.min(blocks.length, heads[0]?.block ?? 12, 12);
  const lines: string[] = [];
  for (let i = 0; i < limit; i++) {
    const b = blocks[i]!;
    if (b.kind === "table") break;
    const t = tight(cleanSpaces(stripArtefacts(b.text)).replace(/^#+\s*/, ""));
    if (t) lines.push(t);
  }
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (t.length > 80 || !TITLE_RE.test(t)) continue;
    let title = t;
    // A title broken over two lines: agency on the first, `2020年政府信息公开工作年度报告` on the second.
    const prev = lines[i - 1];
    if (prev && prev.length <= 40 && AGENCY_END_RE.test(prev) && !/[，。；：]/.test(prev) && !agencyOf(t)) title = prev + t;
    return { title, agency: agencyOf(title), year: yearOf(title) };
  }
  if (containerTitle) {
    const t = tight(cleanSpaces(containerTitle));
    if (TITLE_RE.test(t) || /政府信息公开/.test(t)) return { title: t, agency: agencyOf(t), year: yearOf(t) };
  }
  return { title: null, agency: null, year: null };
}

/** `舞钢市尚店镇人民政府2021年政府信息公开工作年度报告` → `舞钢市尚店镇人民政府`. */
export function agencyOf(title: string): string | null {
  const t = toHalfWidth(title).replace(/\s+/g, "");
  // The year is a number of its own followed by 年 or by the subject: a number inside the name
  // (`某某1999县第1局`, `第2012号`) is part of the name.
  const m = /^(.*?)(?:关于)?(?:(?<!\d)(?:19|20)\d{2}(?:年度?|(?=度?(?:政府信息公开|信息公开|政务公开)))|政府信息公开|信息公开|政务公开)/.exec(t);
  let a = m?.[1] ?? "";
  a = a.replace(/[《〈“"【\[]/g, "").replace(/(关于|的)$/, "");
  if (a.length < 2 || a.length > 40) return null;
  return a;
}

export function yearOf(text: string): number | null {
  const m = /(20\d{2})\s*年/.exec(toHalfWidth(text)) ?? /(20\d{2})/.exec(toHalfWidth(text));
  return m ? Number(m[1]) : null;
}

/** `2020年1月1日至2020年12月31日` (the statistical period the preamble often states). */
export function periodYear(text: string): number | null {
  const t = toHalfWidth(text).replace(/\s+/g, "");
  const m = /(20\d{2})年1月1日(?:起)?(?:至|到|-|—|~)(?:(20\d{2})年)?12月31日/.exec(t);
  if (!m) return null;
  if (m[2] && m[2] !== m[1]) return null;
  return Number(m[1]);
}

/** The year most often named in the preamble and section 一 (reports speak of their own year). */
export function bodyYear(texts: string[]): number | null {
  const counts = new Map<number, number>();
  for (const text of texts) {
    for (const m of toHalfWidth(text).matchAll(YEAR_RE)) {
      const y = Number(m[1]);
      if (y >= 2008 && y <= 2100) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
  }
  let best: number | null = null;
  let n = 0;
  for (const [y, c] of counts) {
    if (c > n || (c === n && best !== null && y < best)) {
      best = y;
      n = c;
    }
  }
  return best;
}

/** What the container (a crawled page's fields, a PDF's info) says beside the text. */
export interface ContainerMeta {
  title?: string;
  published?: string;
  publisher?: string;
}

/**
 * The agency: the one the title names, unless the container's publisher is the same agency
 * named in full (title `区公安局…`, publisher `平潭综合实验区公安局`) or the title names none.
 */
export function chooseAgency(fromTitle: string | null, publisher: string | undefined): string | null {
  const p = publisher ? tight(cleanSpaces(publisher)) : "";
  if (!p || p.length > 40) return fromTitle;
  if (!fromTitle || (p.length > fromTitle.length && p.endsWith(fromTitle))) return p;
  return fromTitle;
}

/** Meta without the template (the tables decide that). */
export function readMeta(blocks: Block[], heads: SectionHead[], container: ContainerMeta = {}): Omit<ReportMeta, "template"> {
  const titled = readTitle(blocks, heads, container.title);
  const info = { ...titled, agency: chooseAgency(titled.agency, container.publisher) };
  const published = container.published ? { published: container.published } : {};
  return { ...yearMeta(blocks, heads, info), ...published };
}

function yearMeta(blocks: Block[], heads: SectionHead[], info: TitleInfo): Omit<ReportMeta, "template"> {
  if (info.year !== null) return { title: info.title, agency: info.agency, year: info.year, yearFrom: "title" };
  const end = heads.find((h) => h.no >= 2)?.block ?? Math.min(blocks.length, 40);
  const texts: string[] = [];
  for (let i = 0; i < end; i++) {
    const b = blocks[i]!;
    if (b.kind !== "table") texts.push(b.text);
  }
  const joined = texts.join("\n");
  const p = periodYear(joined);
  if (p !== null) return { title: info.title, agency: info.agency, year: p, yearFrom: "period" };
  const y = bodyYear(texts);
  return { title: info.title, agency: info.agency, year: y, yearFrom: y === null ? undefined : "body" };
}
