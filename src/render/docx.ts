import { strToU8, zipSync } from "fflate";
import type { Report } from "../model/report.js";
import { officeDocx } from "./docx-official.js";
import { contentTypes, coreXml, documentRels, ROOT_RELS, type DocxPackage, type DocxRenderOptions, type WordPart } from "./docx-package.js";
import { labelColumns } from "./columns.js";
import { esc, runs, tableXml, W_NS, XML_HEAD, type TableLook } from "./docx-xml.js";
import { type GridSlot, layoutReport, type LayoutTable } from "./layout.js";

export { esc };
export type { DocxRenderOptions };

/**
 * A canonical report as a Word document (DOCX): title, the six parts, their prose, and the three
 * statutory tables with the official merges written the way Word writes them (`w:gridSpan` for
 * column spans, `w:vMerge` restart/continue for row spans). The layout is `layoutReport`'s, from
 * the template data, shared with the HTML, Markdown and text outputs.
 *
 * Two profiles, one writer: `plain` (the default) is a plain Word file as many agencies' own
 * look; `official` is the published document in the GB/T 9704 layout (`official.ts`).
 */

/** The DOCX file's bytes. */
export function renderDocx(report: Report, opts: DocxRenderOptions = {}): Uint8Array {
  const pkg = opts.profile === "official" ? officeDocx(report, opts) : plainDocx(report, opts);
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypes(pkg.parts)),
    "_rels/.rels": strToU8(ROOT_RELS),
    "docProps/core.xml": strToU8(coreXml(pkg.title)),
    "word/_rels/document.xml.rels": strToU8(documentRels(pkg.parts)),
    "word/document.xml": strToU8(pkg.document),
  };
  for (const p of pkg.parts) files[`word/${p.file}`] = strToU8(p.xml);
  return zipSync(files, { level: 6, mtime: new Date("2024-01-01T00:00:00Z") });
}

// ---- the plain profile ----------------------------------------------------------------

function plainDocx(report: Report, opts: DocxRenderOptions): DocxPackage {
  const doc = layoutReport(report, opts);
  const auto = opts.headingNumbers === "auto";
  const look: TableLook = { width: TABLE_WIDTH, weights: columnWeights, splitNarrow: opts.splitHeaders === true, repeatHeader: false };
  const body: string[] = [];
  if (doc.title) body.push(para(doc.title, { style: "Title" }));
  for (const s of doc.sections) {
    const title = doc.template.sections.find((x) => x.no === s.no)!.title;
    body.push(para(auto ? title : s.heading, { style: "Heading1", numbered: auto }));
    for (const line of s.paragraphs) body.push(para(line, { indent: true }));
    if (s.table) body.push(tableXml(s.table, look), para(""));
  }
  const parts: WordPart[] = [{ file: "styles.xml", contentType: "styles+xml", relType: "styles", xml: STYLES }];
  if (auto) parts.push({ file: "numbering.xml", contentType: "numbering+xml", relType: "numbering", xml: NUMBERING });
  return { title: doc.title, document: documentXml(body.join("")), parts };
}

function para(text: string, o: { style?: string; numbered?: boolean; indent?: boolean } = {}): string {
  const ppr: string[] = [];
  if (o.style) ppr.push(`<w:pStyle w:val="${o.style}"/>`);
  if (o.numbered) ppr.push('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
  if (o.indent) ppr.push('<w:ind w:firstLineChars="200" w:firstLine="420"/>');
  return `<w:p>${ppr.length ? `<w:pPr>${ppr.join("")}</w:pPr>` : ""}${text ? runs(text) : ""}</w:p>`;
}

const TABLE_WIDTH = 9638; // A4 minus 2 cm margins, in twentieths of a point

/**
 * Relative widths of the grid columns: label columns (a label, group or corner cell of their
 * own) wider than value columns — table 2's label column takes a third of the table.
 */
function columnWeights(t: LayoutTable, grid: GridSlot[][]): number[] {
  const labelWidth = t.id === "active" ? (t.width - 1) / 2 : 1.2;
  return labelColumns(t, grid).map((l) => (l ? labelWidth : 1));
}

function documentXml(body: string): string {
  return (
    `${XML_HEAD}<w:document ${W_NS}><w:body>${body}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1134" w:bottom="1440" w:left="1134" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    "</w:body></w:document>"
  );
}

const FONTS = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="SimSun" w:hAnsi="Times New Roman" w:hint="eastAsia"/>';

const STYLES =
  `${XML_HEAD}<w:styles ${W_NS}>` +
  `<w:docDefaults><w:rPrDefault><w:rPr>${FONTS}<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="100"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>' +
  '<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>' +
  '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>' +
  "</w:styles>";

const NUMBERING =
  `${XML_HEAD}<w:numbering ${W_NS}>` +
  '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
