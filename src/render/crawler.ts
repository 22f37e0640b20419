import type { Report } from "../model/report.js";
import { rng } from "../text/random.js";
import type { CellStyle } from "./cells.js";
import { layoutReport, type LayoutTable } from "./layout.js";

/**
 * A report as a web crawler saves a page: a header of the page's fields (`标题:`, `发布时间:`,
 * …, a `正文` separator), then the whole body on one line. Section headings run on into the
 * text, and a table is its cells' text one after another with nothing between them, so that
 * labels run into each other and every row's numbers into one run of digits
 * (`一、本年新收政府信息公开申请数量2100000 21二、上年结转…`). Empty cells vanish.
 */
export interface CrawlerOptions extends CellStyle {
  /** Write the crawler's header above the body (default true); without it, the title is the first line. */
  crawlerHeader?: boolean;
  /** Fill the header's `发布机构` with the agency (crawled pages often leave it empty). */
  publisher?: boolean;
  /**
   * Spaces between cells: `none` (everything glued), `stray` (a space here and there, as real
   * pages leave between some cells), `all` (one between every cell and piece of text).
   */
  spacing?: "none" | "stray" | "all";
  /** Where stray spaces fall (the same seed gives the same text). */
  seed?: number;
}

export function renderCrawler(r: Report, opts: CrawlerOptions = {}): string {
  const doc = layoutReport(r, opts);
  const spacing = opts.spacing ?? "none";
  const stray = rng(opts.seed ?? 1);
  // Where two pieces meet: nothing, sometimes a space, or always one.
  const join = (pieces: string[]) => {
    const kept = pieces.filter((p) => p !== "");
    if (spacing === "all") return kept.join(" ");
    return kept.reduce((acc, p) => acc + (acc !== "" && spacing === "stray" && stray() < 0.15 ? " " : "") + p, "");
  };
  const body = join(doc.sections.flatMap((s) => [s.heading, ...s.paragraphs, ...(s.table ? [join(tableCells(s.table))] : [])]));
  if (opts.crawlerHeader === false) return `${doc.title}\n${body}\n`;
  const year = r.meta.year ?? 2021;
  const day = String(10 + Math.floor(stray() * 18)).padStart(2, "0");
  const header = [
    `标题: ${doc.title}`,
    `发布时间: ${year + 1}-01-${day} 09:30`,
    "文号: ",
    `发布机构: ${opts.publisher ? (r.meta.agency ?? "") : ""}`,
    "栏目: 政府信息公开年报",
    `原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/${year + 1}01/t${year + 1}01${day}_1.htm`,
    "==================== 正文 ====================",
  ];
  return `${header.join("\n")}\n${body}\n`;
}

/** A table's cell texts in reading order: row after row, each cell once (where its span starts). */
function tableCells(t: LayoutTable): string[] {
  return t.rows.flatMap((row) => row.map((c) => c.text));
}
