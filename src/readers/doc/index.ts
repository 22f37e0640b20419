import type { Document } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import { ENCRYPTED_MESSAGE } from "../docx/index.js";
import { htmlReader } from "../html/index.js";
import type { DocumentReader, ReadOptions } from "../types.js";
import { isOle, oleKind, openCfb, wordIsEncrypted } from "./cfb.js";
import { docInfo, isRtf, isWordXml } from "./sniff.js";
import { convertFiles, type ConvertOptions } from "./soffice.js";

/** What LibreOffice is asked to open, by content; also the Document's format. */
type Kind = "doc" | "wps" | "rtf" | "wordml";


/** A DTD in XML we hand to LibreOffice could make it read local files (XXE): refuse it. */
function refuseDtd(b: Uint8Array) {
  if (/<!(DOCTYPE|ENTITY)/i.test(new TextDecoder("utf-8").decode(b))) {
    throw new ReadError("damaged", "拒绝读取：这个 Word XML 文件含有 DTD 或实体声明（<!DOCTYPE>/<!ENTITY>），正常的 Word 文件从不包含这些，它们可被用来读取本机文件或发动“实体炸弹”攻击");
  }
}

/** The kind of a binary Word file; throws a clear ReadError for what we cannot read. */
export function classify(bytes: Uint8Array, name?: string): Kind {
  if (isRtf(bytes)) return "rtf";
  if (isWordXml(bytes)) {
    refuseDtd(bytes);
    return "wordml";
  }
  if (!isOle(bytes)) {
    throw new ReadError("damaged", "文件不是有效的 DOC/WPS 文档（缺少 Office 复合文档的文件头）：文件可能已损坏，或只是改了扩展名");
  }
  const cfb = openCfb(bytes);
  switch (oleKind(cfb)) {
    case "encrypted-ooxml":
      throw new ReadError("encrypted", ENCRYPTED_MESSAGE);
    case "word":
      if (wordIsEncrypted(cfb)) {
        throw new ReadError("encrypted", "DOC 文件已加密（设置了打开密码），无法读取：请在 Word 或 WPS 中取消密码后另存，再读取");
      }
      // Kingsoft WPS files are Word binary documents under another extension.
      return name && /\.wps$/i.test(name) ? "wps" : "doc";
    case "works":
      return "wps";
    case "excel":
      throw new ReadError("unsupported", "这是 Excel 表格文件（XLS），不是 Word 文档：年度报告请提供 Word、PDF 或网页格式");
    case "powerpoint":
      throw new ReadError("unsupported", "这是 PowerPoint 演示文稿（PPT），不是 Word 文档");
    default:
      throw new ReadError("unsupported", "这是 Office 复合文档，但其中没有 Word 正文（WordDocument），无法读取");
  }
}

/**
 * Word 97–2003 (DOC), WPS, RTF and Word 2003 XML files: LibreOffice converts them to HTML (under a
 * time limit; alone, or in the caller's batches when it passes `convertDoc`), and the HTML reader reads that. Source positions are element paths in
 * the converted HTML.
 */
export const docReader: DocumentReader & { convertOptions?: ConvertOptions } = {
  ...docInfo,
  async read(bytes: Uint8Array, options: ReadOptions): Promise<Document> {
    const kind = classify(bytes, options.name);
    const ext = kind === "wordml" ? "xml" : kind;
    const file = { name: `input.${ext}`, bytes };
    const timeoutMs = options.timeoutMs ?? docReader.convertOptions?.timeoutMs;
    // Many files at once go through the caller's LibreOffice batches; one alone gets its own run.
    const html = options.convertDoc
      ? await options.convertDoc(file, { timeoutMs, signal: options.signal })
      : (await convertFiles([file], "html", { ...docReader.convertOptions, timeoutMs, signal: options.signal })).get("input");
    if (!html || html.length === 0) {
      throw new ReadError("damaged", "LibreOffice 无法打开这个文件：文件可能已损坏、已加密，或不是 Word/WPS 文档");
    }
    // LibreOffice's output is a web page: the HTML reader reads it.
    const doc = await htmlReader.read(html, { ...options, name: options.name });
    return { ...doc, format: kind };
  },
};
