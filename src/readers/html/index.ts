import { parse } from "parse5";
import type { Block, Document, ReaderNote } from "../../model/document.js";
import { ReadError, isReadError } from "../../model/errors.js";
import { looksLikeText } from "../encoding.js";
import type { DocumentReader } from "../types.js";
import { findArticle, pageStats } from "./body.js";
import { readBlocks } from "./blocks.js";
import { decodeHtml } from "./decode.js";
import { checkAbort, findFirst, pathString, rootPath, textOf } from "./dom.js";
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
  const limits = { signal, children: new Map() };
  const bodyPath = rootPath("body");
  const stats = pageStats(body, bodyPath, limits);
  const article = findArticle(body, stats);
  const notes: ReaderNote[] = [];
  const blocks: Block[] = readBlocks(article.root, article.path, stats, { slots: 0, notes, limits });
  if (article.title) blocks.unshift({ kind: "heading", level: 1, text: article.title.text, source: { path: pathString(article.title.path) } });
  return { format: "html", blocks, ...(title ? { title } : {}), ...(notes.length ? { notes } : {}) };
}
