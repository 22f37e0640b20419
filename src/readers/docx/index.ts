import { readerNote, type Document, type ReaderNote } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import { isOle, peekOleKind } from "../doc/cfb.js";
import { sniffHtml } from "../html/sniff.js";
import { htmlReader } from "../html/index.js";
import type { DocumentReader, ReadOptions } from "../types.js";
import { BodyWalker, MAX_TABLE_ROWS } from "./body.js";
import { readNumbering } from "./numbering.js";
import { mhtHtml } from "./mht.js";
import { docxNotes } from "./notes.js";
import { findParts, readCoreTitle, relsOf } from "./package.js";
import { readStyles } from "./styles.js";
import { parsePart } from "./xml.js";
import { docxInfo } from "./sniff.js";
import { isZip, openZip, readEntry, type ZipLimits, ZIP_LIMITS } from "./zip.js";

export { isZip } from "./zip.js";

/** Password-protected OOXML is an OLE compound file holding the encrypted package. */
export const ENCRYPTED_MESSAGE =
  "文件已加密（设置了打开密码），无法读取：请在 Word 或 WPS 中打开，取消“用密码进行加密”后另存为 DOCX，再读取";

/** Word 2007+ documents (Office Open XML), read with our own zip and XML code. */
export const docxReader: DocumentReader & { readDocx(bytes: Uint8Array, options?: ReadOptions, limits?: ZipLimits, chunks?: ChunkRef[]): Document } = {
  ...docxInfo,
  read(bytes, options) {
    const chunks: ChunkRef[] = [];
    const doc = this.readDocx(bytes, options, ZIP_LIMITS, chunks);
    return chunks.length ? withChunks(doc, chunks, options) : doc;
  },
  /** The document without its alternative-format chunks (synchronous); those are listed in `chunks`. */
  readDocx(bytes, options = {}, limits = ZIP_LIMITS, chunks = []) {
    if (isOle(bytes)) {
      const kind = peekOleKind(bytes);
      if (kind === "encrypted-ooxml") throw new ReadError("encrypted", ENCRYPTED_MESSAGE);
      throw new ReadError("unsupported", "这是旧版 Office 复合文档（DOC/WPS 等），不是 DOCX：请按 DOC 格式读取");
    }
    if (!isZip(bytes)) {
      throw new ReadError("damaged", "文件不是有效的 Word 文档（DOCX 文件应是 ZIP 格式，这个文件不是）：文件可能已损坏，或只是改了扩展名");
    }
    const zip = openZip(bytes, limits);
    const parts = findParts(bytes, zip);
    if (!parts) {
      const odt = zip.find("content.xml") && zip.find("mimetype");
      throw new ReadError(
        "unsupported",
        odt
          ? "这是 OpenDocument 文本（ODT）文件，不是 Word 文档：请用 WPS 或 LibreOffice 另存为 DOCX 后再读取"
          : zip.find("xl/workbook.xml")
            ? "这是 Excel 表格文件（XLSX），不是 Word 文档：年度报告请提供 Word、PDF 或网页格式"
            : zip.find("ppt/presentation.xml")
              ? "这是 PowerPoint 演示文稿（PPTX），不是 Word 文档"
              : "这是一个 ZIP 压缩包，但不是 Word 文档（缺少 word/document.xml）",
      );
    }
    checkAbort(options);
    const styles = readStyles(bytes, zip, parts.styles);
    const numbering = readNumbering(bytes, zip, parts.numbering);
    const walker = new BodyWalker(styles, numbering);
    parsePart(bytes, zip, parts.document, walker, limits);
    checkAbort(options);
    const title = readCoreTitle(bytes, zip, parts.core);
    const notes: ReaderNote[] = [];
    if (walker.altChunks.length) {
      const targets = new Map(relsOf(bytes, zip, parts.document).map((r) => [r.id, r.target]));
      for (const c of walker.altChunks) {
        const target = targets.get(c.id);
        const entry = target ? zip.find(target) : undefined;
        if (entry) chunks.push({ at: c.at, part: target!, bytes: readEntry(bytes, entry, limits) });
        else walker.skippedChunks++;
      }
    }
    if (walker.skippedChunks) {
      notes.push(readerNote(docxNotes, "warning", "altChunkSkipped", { n: walker.skippedChunks }));
    }
    if (walker.droppedRows) notes.push(readerNote(docxNotes, "warning", "tableTooLarge", { rows: MAX_TABLE_ROWS, dropped: walker.droppedRows }));
    const { inserted, deleted } = walker.revisions;
    if (inserted + deleted > 0) {
      notes.push(readerNote(docxNotes, "warning", "revisions", { inserted, deleted }));
    }
    return { format: "docx", blocks: walker.blocks, ...(title ? { title } : {}), ...(notes.length ? { notes } : {}) };
  },
};

/** An alternative-format part (`w:altChunk`) and the body position it stands at. */
interface ChunkRef {
  at: number;
  part: string;
  bytes: Uint8Array;
}

/**
 * Web systems "export to Word" by wrapping their HTML page (often as MHT) in a DOCX through
 * `w:altChunk`; Word shows it inline. The HTML reader reads each chunk and its blocks take
 * the chunk's place.
 */
async function withChunks(doc: Document, chunks: ChunkRef[], options: ReadOptions): Promise<Document> {
  const blocks = [...doc.blocks];
  const notes = [...(doc.notes ?? [])];
  // From the last chunk back, so that earlier positions stay valid.
  for (const c of [...chunks].sort((a, b) => b.at - a.at)) {
    const page = mhtHtml(c.bytes) ?? (sniffHtml(c.bytes, c.part) >= 0.7 ? c.bytes : null);
    if (!page) {
      notes.push(readerNote(docxNotes, "warning", "embeddedNotHtml", { part: c.part }));
      continue;
    }
    const inner = await htmlReader.read(page, { ...options, name: c.part });
    blocks.splice(c.at, 0, ...inner.blocks);
    notes.push(...(inner.notes ?? []));
    if (!doc.title && inner.title) doc = { ...doc, title: inner.title };
  }
  return { ...doc, blocks, ...(notes.length ? { notes } : {}) };
}

function checkAbort(options: ReadOptions) {
  if (options.signal?.aborted) throw new ReadError("timeout", "读取已取消或超时");
}
