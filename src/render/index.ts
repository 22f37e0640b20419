import type { Report } from "../model/report.js";
import { renderCollapsed } from "./collapsed.js";
import { renderCrawler, type CrawlerOptions } from "./crawler.js";
import { type DocxRenderOptions, renderDocx } from "./docx.js";
import { type HtmlOptions, renderHtml } from "./html.js";
import { type MarkdownOptions, renderMarkdown } from "./markdown.js";
import { renderText, type TextOptions } from "./text.js";

export type { CellStyle } from "./cells.js";
export { encodeGbk } from "./gbk.js";
export { htmlPage, renderHtml, type HtmlOptions } from "./html.js";
export { layoutReport, type LayoutReport, type LayoutTable } from "./layout.js";
export { renderMarkdown, type MarkdownOptions } from "./markdown.js";
export { renderText, type TextOptions } from "./text.js";
export { renderCollapsed } from "./collapsed.js";
export { renderCrawler, type CrawlerOptions } from "./crawler.js";
export { renderDocx, type DocxRenderOptions } from "./docx.js";
export { htmlFragment, type FragmentOptions } from "./html-fragment.js";
export { fontconfigXml } from "./fontconfig.js";
export { FONTS as OFFICIAL_FONTS, SIZES as OFFICIAL_SIZES, PAGE as OFFICIAL_PAGE } from "./official.js";

/** Every output a report can be rendered to, with its file extension. */
export const OUTPUTS = {
  "tab-cell": { ext: ".txt", label: "纯文本（每格一行）" },
  "tab-row": { ext: ".txt", label: "纯文本（每行一行，制表符分隔）" },
  collapsed: { ext: ".txt", label: "纯文本（单元格边界丢失，数字连写）" },
  crawler: { ext: ".txt", label: "纯文本（网页抓取存档：正文连成一行，单元格连写）" },
  markdown: { ext: ".md", label: "Markdown" },
  html: { ext: ".html", label: "网页" },
  docx: { ext: ".docx", label: "Word 文档（DOCX）" },
} as const;

export type OutputFormat = keyof typeof OUTPUTS;

export type RenderOptions = HtmlOptions & MarkdownOptions & DocxRenderOptions & Omit<TextOptions, "shape"> & CrawlerOptions;

/** Profiles: `plain` (default) writes a file as found in the wild; `official` the published document (DOCX, HTML fragment). */
export type RenderProfile = NonNullable<RenderOptions["profile"]>;

/** A report rendered to the bytes of a file in that format (text formats are UTF-8). */
export function render(r: Report, format: OutputFormat, opts: RenderOptions = {}): Uint8Array {
  if (format === "html") return renderHtml(r, opts);
  if (format === "docx") return renderDocx(r, opts);
  const text =
    format === "markdown"
      ? renderMarkdown(r, opts)
      : format === "collapsed"
        ? renderCollapsed(r, opts)
        : format === "crawler"
          ? renderCrawler(r, opts)
          : renderText(r, { ...opts, shape: format });
  return new TextEncoder().encode(text);
}
