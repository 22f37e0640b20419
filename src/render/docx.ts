import { strToU8, zipSync } from "fflate";
import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { type CellRole, cellText, type GridSlot, layoutReport, type LayoutTable, slotGrid } from "./layout.js";

/**
 * A canonical report as a Word document (DOCX): title, the six parts as Heading 1, their prose,
 * and the three statutory tables with the official merges written the way Word writes them
 * (`w:gridSpan` for column spans, `w:vMerge` restart/continue for row spans). The layout is
 * `layoutReport`'s, from the template data, shared with the HTML, Markdown and text outputs.
 */
export interface DocxRenderOptions extends CellStyle {
  /** `text`: heads carry `一、` in their text; `auto`: Word numbering supplies it. */
  headingNumbers?: "text" | "auto";
  /** Break narrow header labels over two lines (`本年新` / `制作数量`). */
  splitHeaders?: boolean;
}

/** The DOCX file's bytes. */
export function renderDocx(report: Report, opts: DocxRenderOptions = {}): Uint8Array {
  const doc = layoutReport(report, opts);
  const auto = opts.headingNumbers === "auto";
  const body: string[] = [];
  if (doc.title) body.push(para(doc.title, { style: "Title" }));
  doc.sections.forEach((s, i) => {
    body.push(para(auto ? doc.template.sections[i]!.title : s.heading, { style: "Heading1", numbered: auto }));
    for (const line of s.paragraphs) body.push(para(line, { indent: true }));
    if (s.table) body.push(tableXml(s.table, opts.splitHeaders === true), para(""));
  });

  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypes(auto)),
    "_rels/.rels": strToU8(ROOT_RELS),
    "docProps/core.xml": strToU8(coreXml(doc.title)),
    "word/_rels/document.xml.rels": strToU8(documentRels(auto)),
    "word/document.xml": strToU8(documentXml(body.join(""))),
    "word/styles.xml": strToU8(STYLES),
  };
  if (auto) files["word/numbering.xml"] = strToU8(NUMBERING);
  return zipSync(files, { level: 6, mtime: new Date("2024-01-01T00:00:00Z") });
}

// ---- WordprocessingML -----------------------------------------------------------------

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Text content escaped for XML; characters XML cannot hold are dropped. */
export function esc(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function runs(text: string, bold = false): string {
  const rpr = bold ? "<w:rPr><w:b/></w:rPr>" : "";
  return text
    .split("\n")
    .map((line, i) => `<w:r>${rpr}${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${esc(line)}</w:t></w:r>`)
    .join("");
}

function para(text: string, o: { style?: string; numbered?: boolean; indent?: boolean; center?: boolean } = {}): string {
  const ppr: string[] = [];
  if (o.style) ppr.push(`<w:pStyle w:val="${o.style}"/>`);
  if (o.numbered) ppr.push('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
  if (o.indent) ppr.push('<w:ind w:firstLineChars="200" w:firstLine="420"/>');
  if (o.center) ppr.push('<w:jc w:val="center"/>');
  return `<w:p>${ppr.length ? `<w:pPr>${ppr.join("")}</w:pPr>` : ""}${text ? runs(text) : ""}</w:p>`;
}

const TABLE_WIDTH = 9638; // A4 minus 2 cm margins, in twentieths of a point

const LABELS = new Set<CellRole>(["label", "group", "corner"]);

/**
 * Relative widths of the grid columns: label columns (a label, group or corner cell of their
 * own) wider than value columns — table 2's label column takes a third of the table.
 */
function columnWidths(t: LayoutTable, grid: GridSlot[][]): number[] {
  const label = Array.from({ length: t.width }, (_, c) => grid.some((row) => LABELS.has(row[c]!.cell.role) && row[c]!.cell.colspan === 1));
  const labelWidth = t.id === "active" ? (t.width - 1) / 2 : 1.2;
  return label.map((l) => (l ? labelWidth : 1));
}

/** A laid-out table → `w:tbl`: a column span is a `gridSpan`, a row span a `restart` cell and `continue` cells below it. */
function tableXml(t: LayoutTable, splitNarrow: boolean): string {
  const grid = slotGrid(t);
  const weights = columnWidths(t, grid);
  const sum = weights.reduce((a, b) => a + b, 0);
  const tw = weights.map((w) => Math.round((w / sum) * TABLE_WIDTH));
  const rows = grid.map((slots) => {
    const tcs: string[] = [];
    slots.forEach((slot, c) => {
      if (slot.fromLeft) return;
      const { cell } = slot;
      const width = tw.slice(c, c + cell.colspan).reduce((a, b) => a + b, 0);
      const pr = [`<w:tcW w:w="${width}" w:type="dxa"/>`];
      if (cell.colspan > 1) pr.push(`<w:gridSpan w:val="${cell.colspan}"/>`);
      if (slot.fromAbove) pr.push("<w:vMerge/>");
      else if (cell.rowspan > 1) pr.push('<w:vMerge w:val="restart"/>');
      pr.push('<w:vAlign w:val="center"/>');
      const text = slot.fromAbove ? "" : cellText(cell, splitNarrow);
      const jc = cell.role === "label" ? "left" : "center";
      tcs.push(`<w:tc><w:tcPr>${pr.join("")}</w:tcPr><w:p><w:pPr><w:jc w:val="${jc}"/></w:pPr>${text ? runs(text) : ""}</w:p></w:tc>`);
    });
    return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${tcs.join("")}</w:tr>`;
  });
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map(border).join("");
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="${TABLE_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr>` +
    `<w:tblGrid>${tw.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>${rows.join("")}</w:tbl>`
  );
}

function documentXml(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W_NS}><w:body>${body}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1134" w:bottom="1440" w:left="1134" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>' +
    "</w:body></w:document>"
  );
}

function contentTypes(numbering: boolean): string {
  const wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${wml}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${wml}.styles+xml"/>` +
    (numbering ? `<Override PartName="/word/numbering.xml" ContentType="${wml}.numbering+xml"/>` : "") +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    "</Types>"
  );
}

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const ROOT_RELS =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">` +
  `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  "</Relationships>";

function documentRels(numbering: boolean): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">` +
    `<Relationship Id="rId1" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
    (numbering ? `<Relationship Id="rId2" Type="${OFFICE_REL}/numbering" Target="numbering.xml"/>` : "") +
    "</Relationships>"
  );
}

function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(title)}</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>`
  );
}

const FONTS = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="SimSun" w:hAnsi="Times New Roman" w:hint="eastAsia"/>';

const STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${W_NS}>` +
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
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${W_NS}>` +
  '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>';
