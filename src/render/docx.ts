import { strToU8, zipSync } from "fflate";
import type { Report } from "../model/report.js";
import { templateById } from "../templates/index.js";
import type { HeaderNode, MatrixTable, Template } from "../templates/types.js";
import { spread } from "./layout.js";

/**
 * A canonical report as a Word document (DOCX): title, the six parts as Heading 1, their prose,
 * and the three statutory tables with the official merges written the way Word writes them
 * (`w:gridSpan` for column spans, `w:vMerge` restart/continue for row spans). Layout comes
 * from the template data, so a new template renders without code changes.
 */
export interface DocxRenderOptions {
  /** `text`: heads carry `一、` in their text; `auto`: Word numbering supplies it. */
  headingNumbers?: "text" | "auto";
}

const NUMERALS = "一二三四五六七八九十";

/** A cell placed on the table grid (0-based row/column, spans ≥ 1). */
export interface Placed {
  r: number;
  c: number;
  rs: number;
  cs: number;
  text: string;
  /** Label cells are left-aligned; values and headers centred. */
  label?: boolean;
}

export interface Layout {
  rows: number;
  cols: number;
  cells: Placed[];
  /** Relative widths of the grid columns. */
  widths: number[];
}

export function renderDocx(report: Report, opts: DocxRenderOptions = {}): Uint8Array {
  const t = templateById(report.meta.template ?? "2021");
  const auto = opts.headingNumbers === "auto";
  const body: string[] = [];
  if (report.meta.title) body.push(para(report.meta.title, { style: "Title" }));
  t.sections.forEach((s, i) => {
    const head = auto ? s.title : `${NUMERALS[i]}、${s.title}`;
    body.push(para(head, { style: "Heading1", numbered: auto }));
    const text = report.sections.find((x) => x.no === s.no)?.text ?? "";
    for (const line of text.split("\n")) if (line.trim()) body.push(para(line, { indent: true }));
    const layout = s.no === 2 ? activeLayout(t, report) : s.no === 3 ? requestsLayout(t, report) : s.no === 4 ? reviewLayout(t, report) : null;
    if (layout) body.push(tableXml(layout), para(""));
  });

  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypes(auto)),
    "_rels/.rels": strToU8(ROOT_RELS),
    "docProps/core.xml": strToU8(coreXml(report.meta.title ?? "")),
    "word/_rels/document.xml.rels": strToU8(documentRels(auto)),
    "word/document.xml": strToU8(documentXml(body.join(""))),
    "word/styles.xml": strToU8(STYLES),
  };
  if (auto) files["word/numbering.xml"] = strToU8(NUMBERING);
  return zipSync(files, { level: 6, mtime: new Date("2024-01-01T00:00:00Z") });
}

// ---- table layouts from the template -------------------------------------------------

function cellText(report: Report, key: string, unit: string): string {
  const raw = report.provenance[key]?.raw;
  const v = report.cells[key];
  const text = raw ?? (v === null || v === undefined ? "" : String(v));
  // A header without a unit (F2019 `采购总金额`) leaves the unit to the cell, as filers do.
  return unit && /^[+\-]?\d[\d.,]*$/.test(text.trim()) ? text + unit : text;
}

/**
 * Table 2: blocks stacked on a grid as wide as the widest block; a narrower block's cells are
 * spread over it unevenly (`spread`), as in real reports, whose blocks' columns do not line up.
 */
export function activeLayout(t: Template, report: Report): Layout {
  const w = Math.max(...t.active.blocks.map((b) => b.columns.length));
  const cells: Placed[] = [];
  let r = 0;
  for (const b of t.active.blocks) {
    const spans = spread(b.columns.length, w);
    const at = spans.map((_, j) => 1 + spans.slice(0, j).reduce((a, x) => a + x, 0));
    cells.push({ r: r++, c: 0, rs: 1, cs: 1 + w, text: b.caption });
    cells.push({ r, c: 0, rs: 1, cs: 1, text: t.active.corner ?? "" });
    b.columns.forEach((col, j) => cells.push({ r, c: at[j]!, rs: 1, cs: spans[j]!, text: col.label }));
    r++;
    for (const row of b.rows) {
      cells.push({ r, c: 0, rs: 1, cs: 1, text: row.label, label: true });
      b.columns.forEach((col, j) => {
        const unit = col.kind === "amount" && !col.label.includes("万元") ? "万元" : "";
        cells.push({ r, c: at[j]!, rs: 1, cs: spans[j]!, text: cellText(report, `active.${row.key}.${col.key}`, unit) });
      });
      r++;
    }
  }
  return { rows: r, cols: 1 + w, cells, widths: [3, ...Array<number>(w).fill(6 / w)] };
}

interface HeaderPlacement {
  cells: Placed[];
  leaves: HeaderNode[];
  depth: number;
}

/** A header tree on the grid: each node spans its leaves; leaves reach down to the last header row. */
function placeHeader(tree: HeaderNode[], c0: number): HeaderPlacement {
  const depthOf = (n: HeaderNode): number => 1 + Math.max(0, ...(n.children ?? []).map(depthOf));
  const depth = Math.max(...tree.map(depthOf));
  const cells: Placed[] = [];
  const leaves: HeaderNode[] = [];
  const walk = (nodes: HeaderNode[], r: number, c: number): number => {
    for (const n of nodes) {
      if (n.children?.length) {
        const start = c;
        c = walk(n.children, r + 1, c);
        cells.push({ r, c: start, rs: 1, cs: c - start, text: n.label });
      } else {
        cells.push({ r, c, rs: depth - r, cs: 1, text: n.label });
        leaves.push(n);
        c++;
      }
    }
    return c;
  };
  walk(tree, 0, c0);
  return { cells, leaves, depth };
}

/** Table 3: label columns nested by row groups (三、本年度办理结果 › （三）不予公开 › 1.…). */
export function requestsLayout(t: Template, report: Report): Layout {
  const m = t.requests;
  const ranges = groupRanges(m);
  const chains = m.rows.map((_, i) =>
    [...ranges.entries()]
      .filter(([, g]) => g.first <= i && i <= g.last)
      .sort((a, b) => b[1].last - b[1].first - (a[1].last - a[1].first))
      .map(([label]) => label),
  );
  const labelCols = 1 + Math.max(0, ...chains.map((c) => c.length));
  const head = placeHeader(m.header, labelCols);
  const cells: Placed[] = [{ r: 0, c: 0, rs: head.depth, cs: labelCols, text: m.corner ?? "" }, ...head.cells];
  m.rows.forEach((row, i) => {
    const r = head.depth + i;
    chains[i]!.forEach((g, k) => {
      const range = ranges.get(g)!;
      if (range.first === i) cells.push({ r, c: k, rs: range.last - range.first + 1, cs: 1, text: g });
    });
    const depth = chains[i]!.length;
    cells.push({ r, c: depth, rs: 1, cs: labelCols - depth, text: row.label, label: true });
    head.leaves.forEach((leaf, j) => cells.push({ r, c: labelCols + j, rs: 1, cs: 1, text: cellText(report, `${m.id}.${row.key}.${leaf.column}`, "") }));
  });
  const widths = [...Array<number>(labelCols).fill(1.2), ...head.leaves.map(() => 1)];
  return { rows: head.depth + m.rows.length, cols: labelCols + head.leaves.length, cells, widths };
}

/** Rows each group label covers; groups are contiguous, outer groups contain inner ones. */
function groupRanges(m: MatrixTable): Map<string, { first: number; last: number }> {
  const out = new Map<string, { first: number; last: number }>();
  m.rows.forEach((row, i) => {
    if (!row.group) return;
    const g = out.get(row.group);
    if (g) g.last = i;
    else out.set(row.group, { first: i, last: i });
  });
  return out;
}

/** Table 4: one header tree over all its columns, one row of values, no row label. */
export function reviewLayout(t: Template, report: Report): Layout {
  const m = t.review;
  const head = placeHeader(m.header, 0);
  const cells = [...head.cells];
  head.leaves.forEach((leaf, j) => cells.push({ r: head.depth, c: j, rs: 1, cs: 1, text: cellText(report, `${m.id}.${leaf.column}`, "") }));
  return { rows: head.depth + 1, cols: head.leaves.length, cells, widths: head.leaves.map(() => 1) };
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

/** Placed cells → `w:tbl`: a row span is a `restart` cell and `continue` cells below it. */
export function tableXml(l: Layout): string {
  const sum = l.widths.reduce((a, b) => a + b, 0);
  const tw = l.widths.map((w) => Math.round((w / sum) * TABLE_WIDTH));
  const start = new Map<string, Placed>();
  for (const p of l.cells) start.set(`${p.r}:${p.c}`, p);
  const covering = (r: number, c: number) => l.cells.find((p) => p.c === c && p.r < r && r < p.r + p.rs);
  const rows: string[] = [];
  for (let r = 0; r < l.rows; r++) {
    const tcs: string[] = [];
    for (let c = 0; c < l.cols; ) {
      const own = start.get(`${r}:${c}`);
      const above = own ? undefined : covering(r, c);
      const p = own ?? above;
      const cs = p?.cs ?? 1;
      const width = tw.slice(c, c + cs).reduce((a, b) => a + b, 0);
      const pr = [`<w:tcW w:w="${width}" w:type="dxa"/>`];
      if (cs > 1) pr.push(`<w:gridSpan w:val="${cs}"/>`);
      if (own && own.rs > 1) pr.push('<w:vMerge w:val="restart"/>');
      if (above) pr.push("<w:vMerge/>");
      pr.push('<w:vAlign w:val="center"/>');
      const text = own?.text ?? "";
      const jc = own?.label ? "left" : "center";
      tcs.push(`<w:tc><w:tcPr>${pr.join("")}</w:tcPr><w:p><w:pPr><w:jc w:val="${jc}"/></w:pPr>${text ? runs(text) : ""}</w:p></w:tc>`);
      c += cs;
    }
    rows.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${tcs.join("")}</w:tr>`);
  }
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
