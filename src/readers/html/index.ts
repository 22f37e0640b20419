import { parse } from "parse5";
import type { Block, Document, ReaderNote } from "../../model/document.js";
import { ReadError, isReadError } from "../../model/errors.js";
import { looksLikeText } from "../encoding.js";
import type { DocumentReader } from "../types.js";
import { findArticle } from "./body.js";
import { readBlocks } from "./blocks.js";
import { decodeHtml } from "./decode.js";
import { checkAbort, findFirst, textOf } from "./dom.js";
import { pathOf, walkPage } from "./page.js";
import { htmlInfo } from "./sniff.js";
import { pageTitle } from "./title.js";
import { decodingNotes } from "../text/notes.js";

/** Web pages (UTF-8, GBK, GB2312, GB18030), including Word's "save as web page". */
export const htmlReader: DocumentReader = {
  ...htmlInfo,
  read(bytes, options): Document {
    if (!looksLikeText(bytes)) throw new ReadError("binary", "这不是 HTML 网页文件（含有二进制内容）");
    const decoded = decodeHtml(bytes);
    try {
      const doc = readPage(decoded.text, options.signal);
      const bad = decodingNotes(decoded).notes ?? [];
      return bad.length ? { ...doc, notes: [...bad, ...(doc.notes ?? [])] } : doc;
    } catch (e) {
      if (isReadError(e)) throw e;
      throw new ReadError("damaged", `网页无法解析：${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
  },
};

function readPage(html: string, signal: AbortSignal | undefined): Document {
  checkAbort(signal);
  const doc = parse(html);
  checkAbort(signal);
  const titleEl = findFirst(doc, "title");
  const title = titleEl ? pageTitle(textOf(titleEl)) : undefined;
  const body = findFirst(doc, "body");
  if (!body) return { format: "html", blocks: [], ...(title ? { title } : {}) };
  // One walk of the tree; finding the article and reading it use what it recorded.
  const page = walkPage(body, signal);
  const article = findArticle(page);
  const notes: ReaderNote[] = [];
  const blocks: Block[] = readBlocks(page, article.root, { slots: 0, notes });
  if (article.title) blocks.unshift({ kind: "heading", level: 1, text: article.title.text, source: { path: pathOf(page, article.title.owner) } });
  return { format: "html", blocks, ...(title ? { title } : {}), ...(notes.length ? { notes } : {}) };
}
