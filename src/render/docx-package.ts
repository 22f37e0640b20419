import type { CellStyle } from "./cells.js";
import { esc, XML_HEAD } from "./docx-xml.js";

/** The OPC package around `word/document.xml`: content types, relationships, core properties. */

const WML = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A part of `word/` other than the document: its file name, content type and relationship type. */
export interface WordPart {
  /** File name inside `word/`, e.g. `styles.xml`. */
  file: string;
  /** Content type suffix after the WordprocessingML prefix, e.g. `styles+xml`. */
  contentType: string;
  /** Relationship type after the office relationships prefix, e.g. `styles`. */
  relType: string;
  xml: string;
}

export function contentTypes(parts: WordPart[]): string {
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/>` +
    parts.map((p) => `<Override PartName="/word/${p.file}" ContentType="${WML}.${p.contentType}"/>`).join("") +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    "</Types>"
  );
}

export const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${REL_NS}">` +
  `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  "</Relationships>";

/** The document's relationships: `rId1`, `rId2`, … in the order of `parts`. */
export function documentRels(parts: WordPart[]): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${REL_NS}">` +
    parts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${OFFICE_REL}/${p.relType}" Target="${p.file}"/>`).join("") +
    "</Relationships>"
  );
}

/** The relationship id `documentRels` gives a part. */
export function relId(parts: WordPart[], file: string): string {
  return `rId${parts.findIndex((p) => p.file === file) + 1}`;
}

export function coreXml(title: string): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(title)}</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>`
  );
}

export interface DocxRenderOptions extends CellStyle {
  /** `plain` (default) or `official` (GB/T 9704 page, fonts and page numbers; see official.ts). */
  profile?: "plain" | "official";
  /** Plain profile: `text` — heads carry `一、` in their text; `auto` — Word numbering supplies it. */
  headingNumbers?: "text" | "auto";
  /** Break narrow header labels over two lines (`本年新` / `制作数量`). */
  splitHeaders?: boolean;
}

/** What a profile writes: the document, its other parts and the title for the core properties. */
export interface DocxPackage {
  title: string;
  document: string;
  parts: WordPart[];
}

