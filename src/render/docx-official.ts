import type { Report } from "../model/report.js";
import { relId, type DocxPackage, type DocxRenderOptions, type WordPart } from "./docx-package.js";
import { officialWeights } from "./columns.js";
import { esc, mmTwips, ptTwips, runs, tableXml, W_NS, XML_HEAD, type TableLook } from "./docx-xml.js";
import { layoutReport } from "./layout.js";
import { FONTS, LINE_PT, PAGE, PAGE_NUMBER_GAP_MM, pageNumberText, SIZES, subheadLength, type FontRole, type FontRoleId } from "./official.js";
import { titleLines } from "./title.js";

/**
 * The official profile of the DOCX writer: the published document in the GB/T 9704 layout
 * (`official.ts` holds the numbers). Paragraph styles carry the fonts and sizes, so a clerk who
 * edits the file in Word keeps them: `Title` (2号 小标宋, centred), `Heading1` (3号 黑体), the
 * body `Normal` (3号 仿宋, fixed 28.95 pt lines, first line indented two characters), the
 * character style `Subhead` (楷体, for `（一）…`), `TableText` (五号 宋体) and `Footer`
 * (4号 宋体 page numbers, odd pages right and even pages left).
 */
export function officeDocx(report: Report, opts: DocxRenderOptions): DocxPackage {
  const doc = layoutReport(report, { asWritten: true, unitWhereUnlabelled: true, presentPartsOnly: true, omitTableText: true, ...opts });
  const look: TableLook = { width: TABLE_WIDTH, weights: officialWeights, splitNarrow: opts.splitHeaders === true, repeatHeader: true, paraStyle: "TableText" };
  const body: string[] = [];
  body.push(paragraph("Title", runs(titleLines(doc.title).join("\n"))));
  for (const s of doc.sections) {
    body.push(paragraph("Heading1", runs(s.heading)));
    for (const p of s.paragraphs) body.push(paragraph(null, proseRuns(p.replace(/^[\s\u3000]+/, ""))));
    if (s.table) body.push(tableXml(s.table, look), paragraph("AfterTable", ""));
  }
  const parts: WordPart[] = [
    { file: "styles.xml", contentType: "styles+xml", relType: "styles", xml: styles() },
    { file: "settings.xml", contentType: "settings+xml", relType: "settings", xml: SETTINGS },
    { file: "fontTable.xml", contentType: "fontTable+xml", relType: "fontTable", xml: fontTable() },
    { file: "footer1.xml", contentType: "footer+xml", relType: "footer", xml: footer("right") },
    { file: "footer2.xml", contentType: "footer+xml", relType: "footer", xml: footer("left") },
  ];
  const sectPr =
    `<w:sectPr><w:footerReference w:type="default" r:id="${relId(parts, "footer1.xml")}"/><w:footerReference w:type="even" r:id="${relId(parts, "footer2.xml")}"/>` +
    `<w:pgSz w:w="${mmTwips(PAGE.width)}" w:h="${mmTwips(PAGE.height)}"/>` +
    `<w:pgMar w:top="${mmTwips(PAGE.top)}" w:right="${mmTwips(PAGE.right)}" w:bottom="${mmTwips(PAGE.bottom)}" w:left="${mmTwips(PAGE.left)}" w:header="851" w:footer="${FOOTER_TWIPS}" w:gutter="0"/>` +
    `<w:pgNumType w:start="1"/><w:cols w:space="425"/></w:sectPr>`;
  const document = `${XML_HEAD}<w:document ${W_NS}><w:body>${body.join("")}${sectPr}</w:body></w:document>`;
  return { title: doc.title, document, parts };
}

/** The text block's width: A4 less the left and right margins (156 mm). */
const TABLE_WIDTH = mmTwips(PAGE.width) - mmTwips(PAGE.left) - mmTwips(PAGE.right) - 1;

/**
 * The footer's distance from the page's bottom edge: its line of 4号 text starts 7 mm below the
 * text block (GB/T 9704 §7.5), and Word measures the footer from its bottom.
 */
const FOOTER_TWIPS = mmTwips(PAGE.bottom - PAGE_NUMBER_GAP_MM) - ptTwips(SIZES.pageNumber * 1.2);

/** `w:rFonts` naming a role's font in every script slot (digits too, as GB/T 9704 prints them). */
function rFonts(role: FontRole): string {
  const n = esc(role.name);
  return `<w:rFonts w:ascii="${n}" w:eastAsia="${n}" w:hAnsi="${n}" w:cs="${n}" w:hint="eastAsia"/>`;
}

function runProps(id: FontRoleId): string {
  const half = Math.round(SIZES[id] * 2);
  return `${rFonts(FONTS[id])}<w:sz w:val="${half}"/><w:szCs w:val="${half}"/>`;
}

function paragraph(style: string | null, content: string): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${content}</w:p>`;
}

/** A prose paragraph: a leading `（一）…` head in the 楷体 character style, the rest in the body font. */
function proseRuns(p: string): string {
  const n = subheadLength(p);
  if (n === 0) return runs(p);
  const chars = [...p];
  const head = chars.slice(0, n).join("");
  const rest = chars.slice(n).join("");
  return runs(head, '<w:rStyle w:val="Subhead"/>') + (rest ? runs(rest) : "");
}

const LINE = ptTwips(LINE_PT);
const CHAR2 = ptTwips(SIZES.body * 2);

function styles(): string {
  const exact = `<w:spacing w:before="0" w:after="0" w:line="${LINE}" w:lineRule="exact"/>`;
  const single = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>';
  const indent = `<w:ind w:firstLineChars="200" w:firstLine="${CHAR2}"/>`;
  const noIndent = '<w:ind w:firstLineChars="0" w:firstLine="0"/>';
  const style = (type: string, id: string, name: string, inner: string, extra = "") =>
    `<w:style w:type="${type}" w:styleId="${id}"${extra}><w:name w:val="${name}"/>${inner}</w:style>`;
  return (
    `${XML_HEAD}<w:styles ${W_NS}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr>${runProps("body")}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>${exact}</w:pPr></w:pPrDefault></w:docDefaults>` +
    style("paragraph", "Normal", "Normal", `<w:qFormat/><w:pPr>${indent}<w:jc w:val="both"/></w:pPr>`, ' w:default="1"') +
    style(
      "paragraph",
      "Title",
      "Title",
      `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="${LINE}" w:line="${ptTwips(SIZES.title * 1.5)}" w:lineRule="exact"/>${noIndent}<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>${runProps("title")}</w:rPr>`,
    ) +
    style(
      "paragraph",
      "Heading1",
      "heading 1",
      `<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>${runProps("heading1")}</w:rPr>`,
    ) +
    style("character", "Subhead", "Subhead", `<w:qFormat/><w:rPr>${runProps("heading2")}</w:rPr>`) +
    style("paragraph", "TableText", "Table Text", `<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>${single}${noIndent}<w:jc w:val="center"/></w:pPr><w:rPr>${runProps("table")}</w:rPr>`) +
    style("paragraph", "AfterTable", "After Table", `<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="${LINE / 2}" w:lineRule="exact"/>${noIndent}</w:pPr>`) +
    style("paragraph", "Footer", "footer", `<w:basedOn w:val="Normal"/><w:pPr>${single}${noIndent}</w:pPr><w:rPr>${runProps("pageNumber")}</w:rPr>`) +
    style(
      "table",
      "TableNormal",
      "Normal Table",
      '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
      ' w:default="1"',
    ) +
    style(
      "table",
      "TableGrid",
      "Table Grid",
      `<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="45" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="45" w:type="dxa"/></w:tblCellMar></w:tblPr>`,
    ) +
    "</w:styles>"
  );
}

const SETTINGS =
  `${XML_HEAD}<w:settings ${W_NS}><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>` +
  '<w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** Every font the profile names, with the alternate Word substitutes when it is missing. */
function fontTable(): string {
  const seen = new Set<string>();
  const fonts: string[] = [];
  for (const role of Object.values(FONTS) as FontRole[]) {
    if (seen.has(role.name)) continue;
    seen.add(role.name);
    fonts.push(
      `<w:font w:name="${esc(role.name)}"><w:altName w:val="${esc(role.alternates[0]!)}"/><w:panose1 w:val="${role.panose}"/>` +
        `<w:charset w:val="86"/><w:family w:val="${role.family}"/><w:pitch w:val="variable"/></w:font>`,
    );
  }
  return `${XML_HEAD}<w:fonts ${W_NS}>${fonts.join("")}</w:fonts>`;
}

/**
 * A footer with the page number `— N —`: odd pages right, even pages left, each one character
 * in from the edge of the text block (GB/T 9704 §7.5).
 */
function footer(side: "left" | "right"): string {
  const [before, after] = pageNumberText("\u0000").split("\u0000") as [string, string];
  const field =
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  const oneChar = ptTwips(SIZES.pageNumber);
  return (
    `${XML_HEAD}<w:ftr ${W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:ind w:${side}="${oneChar}"/><w:jc w:val="${side}"/></w:pPr>` +
    `<w:r><w:t xml:space="preserve">${esc(before)}</w:t></w:r>${field}<w:r><w:t xml:space="preserve">${esc(after)}</w:t></w:r></w:p></w:ftr>`
  );
}
