import type { Block, TableBlock } from "../../model/document.js";
import { ReadError } from "../../model/errors.js";
import type { Numbering } from "./numbering.js";
import type { Styles } from "./styles.js";
import { buildTable, type RawCell, type RawRow } from "./tables.js";
import type { Attrs, XmlHandlers } from "./xml.js";

/** Where blocks go: the body, a table cell, or a text box. */
interface Container {
  kind: "body" | "cell" | "txbx";
  blocks: Block[];
  path: string;
  p: number;
  tbl: number;
}

interface Cell extends Container {
  kind: "cell";
  span: number;
  vMerge: RawCell["vMerge"];
  hMerge: RawCell["hMerge"];
  deleted: boolean;
}

interface Row {
  cells: { raw: RawCell; blocks: Block[] }[];
  before: number;
  after: number;
  deleted: boolean;
  path: string;
  tc: number;
}

interface Table {
  rows: Row[];
  path: string;
  tr: number;
}

interface Para {
  parts: string[];
  style?: string;
  outline?: number;
  numId?: string;
  ilvl?: number;
  path: string;
}

/** Nested tables deeper than this are refused (real documents nest two or three levels). */
export const MAX_TABLE_DEPTH = 40;

/**
 * Subtrees whose text is not part of the accepted document: deletions and moves away
 * (tracked changes), field instructions, old properties of formatting changes, the
 * fallback copy of alternate content, and control properties.
 */
const SKIP = new Set([
  "del",
  "moveFrom",
  "delText",
  "instrText",
  "delInstrText",
  "rPrChange",
  "pPrChange",
  "tblPrChange",
  "trPrChange",
  "tcPrChange",
  "sectPrChange",
  "tblGridChange",
  "numberingChange",
  "Fallback",
  "sdtPr",
  "sdtEndPr",
  "sectPr",
  "footnoteReference",
  "endnoteReference",
  "commentReference",
]);

/** Elements whose content is drawing markup: only text boxes inside them are document text. */
const DRAWING = new Set(["drawing", "pict", "object"]);

const on = (v: string | undefined) => v === undefined || (v !== "0" && v !== "false" && v !== "off");

/**
 * Walks `word/document.xml` as a stream of SAX events and builds the blocks: headings (by
 * paragraph style or outline level), paragraphs, and tables (spans expanded). Tracked changes
 * are read as accepted: insertions kept, deletions and moves away dropped.
 */
/** Rows one table may keep (as the HTML reader's limit): the statutory tables have a few dozen. */
export const MAX_TABLE_ROWS = 1000;

export class BodyWalker implements XmlHandlers {
  private depth = 0;
  private skipAt = -1;
  private skipRoot = "";
  private drawingAt: number[] = [];
  private readonly containers: Container[] = [{ kind: "body", blocks: [], path: "body", p: 0, tbl: 0 }];
  private readonly tables: Table[] = [];
  private readonly paras: Para[] = [];
  private readonly sdts: { placeholder: boolean }[] = [];
  /** Complex fields: true while between `begin` and `separate` (the instruction part). */
  private readonly fields: boolean[] = [];
  private inPPr = false;
  private inTrPr = false;
  private inTcPr = false;
  private inRun = 0;
  private inText = false;
  private hidden = false;
  /** `w:altChunk` parts (HTML, MHT) to be read and put at their place in the body. */
  readonly altChunks: { at: number; id: string }[] = [];
  /** Alternative-format parts inside tables or text boxes, which we do not read. */
  skippedChunks = 0;
  /** Table rows past MAX_TABLE_ROWS, read and dropped (told to the user once). */
  droppedRows = 0;
  /** Tracked changes met: insertions kept, deletions dropped (told to the user once). */
  readonly revisions = { inserted: 0, deleted: 0 };

  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  get blocks(): Block[] {
    return this.containers[0]!.blocks;
  }

  private get container(): Container {
    return this.containers[this.containers.length - 1]!;
  }

  open(name: string, a: Attrs): void {
    this.depth++;
    if (this.skipAt >= 0) {
      if (this.skipRoot === "sdtPr" && name === "showingPlcHdr" && this.sdts.length) this.sdts[this.sdts.length - 1]!.placeholder = on(a.get("val"));
      return;
    }
    if (this.drawingAt.length && this.drawingAt[this.drawingAt.length - 1]! > 0) {
      if (name === "txbxContent") this.openTextBox();
      return;
    }
    if (DRAWING.has(name)) {
      this.drawingAt.push(this.depth);
      return;
    }
    if (name === "ins" || name === "moveTo") this.revisions.inserted++;
    else if (name === "del" || name === "moveFrom") this.revisions.deleted++;
    if (SKIP.has(name)) {
      // A deleted table row is marked inside its properties; the row itself goes at its end.
      if (name === "del" && this.inTrPr) this.tables[this.tables.length - 1]!.rows.at(-1)!.deleted = true;
      this.skip(name);
      return;
    }
    const para = this.paras[this.paras.length - 1];
    if (this.inPPr && para) {
      if (name === "pStyle") para.style = a.get("val");
      else if (name === "outlineLvl") para.outline = Number(a.get("val"));
      else if (name === "numId") para.numId = a.get("val");
      else if (name === "ilvl") para.ilvl = Number(a.get("val"));
      else if (name === "rPr") this.skip(name);
      return;
    }
    if (this.inTrPr) {
      const row = this.tables[this.tables.length - 1]!.rows.at(-1)!;
      if (name === "gridBefore") row.before = count(a.get("val"));
      else if (name === "gridAfter") row.after = count(a.get("val"));
      return;
    }
    if (this.inTcPr) {
      const cell = this.container as Cell;
      if (name === "gridSpan") cell.span = Math.max(1, count(a.get("val")));
      else if (name === "vMerge") cell.vMerge = a.get("val") === "restart" ? "restart" : "continue";
      else if (name === "hMerge") cell.hMerge = a.get("val") === "restart" ? "restart" : "continue";
      else if (name === "cellDel") cell.deleted = true;
      return;
    }
    switch (name) {
      case "p":
        this.openPara();
        break;
      case "pPr":
        this.inPPr = true;
        break;
      case "r":
        this.inRun++;
        this.hidden = false;
        break;
      case "vanish":
        if (this.inRun) this.hidden = on(a.get("val"));
        break;
      case "t":
        this.inText = true;
        break;
      case "tab":
      case "ptab":
        if (this.inRun) this.add("\t");
        break;
      case "br":
      case "cr":
        if (this.inRun) this.add("\n");
        break;
      case "noBreakHyphen":
        if (this.inRun) this.add("-");
        break;
      case "sym": {
        const code = parseInt(a.get("char") ?? "", 16);
        // Symbol-font glyphs live in the private use area and mean nothing as text.
        if (this.inRun && code > 0 && code < 0xe000) this.add(String.fromCharCode(code));
        break;
      }
      case "fldChar":
        if (a.get("fldCharType") === "begin") this.fields.push(true);
        else if (a.get("fldCharType") === "separate" && this.fields.length) this.fields[this.fields.length - 1] = false;
        else if (a.get("fldCharType") === "end") this.fields.pop();
        break;
      case "sdt":
        this.sdts.push({ placeholder: false });
        break;
      case "sdtContent":
        // A control still showing its prompt (`单击此处输入文字`) holds no content.
        if (this.sdts.at(-1)?.placeholder) this.skip(name);
        break;
      case "tbl":
        this.openTable();
        break;
      case "tr":
        this.openRow();
        break;
      case "trPr":
        this.inTrPr = true;
        break;
      case "tc":
        this.openCell();
        break;
      case "tcPr":
        this.inTcPr = true;
        break;
      case "txbxContent":
        this.openTextBox();
        break;
      case "altChunk": {
        const id = a.get("id");
        if (id && this.container.kind === "body") this.altChunks.push({ at: this.container.blocks.length, id });
        else this.skippedChunks++;
        break;
      }
    }
  }

  close(name: string): void {
    const d = this.depth--;
    if (this.skipAt >= 0) {
      if (d === this.skipAt) this.skipAt = -1;
      return;
    }
    if (this.drawingAt.length) {
      const top = this.drawingAt[this.drawingAt.length - 1]!;
      if (top === d) {
        this.drawingAt.pop();
        return;
      }
      if (top === -d) {
        // End of a text box: its blocks join the container around the drawing.
        this.drawingAt.pop();
        const box = this.containers.pop()!;
        this.container.blocks.push(...box.blocks);
        return;
      }
      if (top > 0) return;
    }
    switch (name) {
      case "p":
        this.closePara();
        break;
      case "pPr":
        this.inPPr = false;
        break;
      case "r":
        this.inRun = Math.max(0, this.inRun - 1);
        this.hidden = false;
        break;
      case "t":
        this.inText = false;
        break;
      case "sdt":
        this.sdts.pop();
        break;
      case "trPr":
        this.inTrPr = false;
        break;
      case "tcPr":
        this.inTcPr = false;
        break;
      case "tc":
        this.closeCell();
        break;
      case "tr":
        this.closeRow();
        break;
      case "tbl":
        this.closeTable();
        break;
    }
  }

  text(t: string): void {
    if (this.inText && this.skipAt < 0 && !(this.drawingAt.length && this.drawingAt[this.drawingAt.length - 1]! > 0)) this.add(t);
  }

  private skip(name: string) {
    this.skipAt = this.depth;
    this.skipRoot = name;
  }

  private add(s: string) {
    if (this.hidden || this.fields.includes(true)) return;
    this.paras[this.paras.length - 1]?.parts.push(s);
  }

  private openTextBox() {
    // Negative depth marks "inside a text box": normal reading resumes until it closes.
    this.drawingAt.push(-this.depth);
    const host = this.paras[this.paras.length - 1]?.path ?? this.container.path;
    this.containers.push({ kind: "txbx", blocks: [], path: `${host}>txbxContent`, p: 0, tbl: 0 });
  }

  private openPara() {
    const c = this.container;
    this.paras.push({ parts: [], path: `${c.path}>p[${++c.p}]` });
  }

  private closePara() {
    const p = this.paras.pop();
    if (!p) return;
    const style = this.styles.get(p.style);
    const numId = p.numId ?? style.numId;
    const ilvl = p.numId !== undefined ? (p.ilvl ?? 0) : (p.ilvl ?? style.ilvl ?? 0);
    const label = this.numbering.next(numId, ilvl);
    const text = label + p.parts.join("");
    if (text.trim() === "" && this.container.kind !== "cell") return;
    if (text === "") return;
    const level = p.outline !== undefined && Number.isInteger(p.outline) ? (p.outline >= 0 && p.outline < 9 ? p.outline + 1 : 0) : style.level;
    const source = { path: p.path };
    this.container.blocks.push(level > 0 ? { kind: "heading", level, text, source } : { kind: "paragraph", text, source });
  }

  private openTable() {
    if (this.tables.length >= MAX_TABLE_DEPTH) throw new ReadError("damaged", `Word 文件中的表格嵌套超过 ${MAX_TABLE_DEPTH} 层，文件异常`);
    const c = this.container;
    this.tables.push({ rows: [], path: `${c.path}>tbl[${++c.tbl}]`, tr: 0 });
  }

  private openRow() {
    const t = this.tables[this.tables.length - 1];
    if (!t) return;
    t.rows.push({ cells: [], before: 0, after: 0, deleted: false, path: `${t.path}>tr[${++t.tr}]`, tc: 0 });
  }

  private openCell() {
    const row = this.tables[this.tables.length - 1]?.rows.at(-1);
    if (!row) return;
    const cell: Cell = { kind: "cell", blocks: [], path: `${row.path}>tc[${++row.tc}]`, p: 0, tbl: 0, span: 1, vMerge: null, hMerge: null, deleted: false };
    this.containers.push(cell);
  }

  private closeCell() {
    const cell = this.container;
    if (cell.kind !== "cell") return;
    this.containers.pop();
    const c = cell as Cell;
    const row = this.tables[this.tables.length - 1]?.rows.at(-1);
    if (!row || c.deleted) return;
    const text = c.blocks
      .filter((b) => b.kind !== "table")
      .map((b) => (b as { text: string }).text)
      .filter((t) => t !== "")
      .join("\n");
    row.cells.push({ raw: { text, span: c.span, vMerge: c.vMerge, hMerge: c.hMerge, source: { path: c.path } }, blocks: c.blocks });
  }

  private closeRow() {
    const t = this.tables[this.tables.length - 1];
    const row = t?.rows.at(-1);
    if (row?.deleted) t!.rows.pop();
    else if (t && t.rows.length > MAX_TABLE_ROWS) {
      // The statutory tables have a few dozen rows; past the limit rows are read and dropped,
      // so a huge table costs time, not memory.
      t.rows.pop();
      this.droppedRows++;
    }
  }

  private closeTable() {
    const t = this.tables.pop();
    if (!t || t.rows.length === 0) return;
    const out = this.container.blocks;
    const cells = t.rows.flatMap((r) => r.cells);
    // A one-cell table is a frame around content (a layout device): read what is inside.
    if (t.rows.length === 1 && cells.length === 1 && t.rows[0]!.before === 0 && t.rows[0]!.after === 0) {
      out.push(...cells[0]!.blocks);
      return;
    }
    const rows: RawRow[] = t.rows.map((r) => ({ cells: r.cells.map((c) => c.raw), before: r.before, after: r.after, source: { path: r.path } }));
    const table: TableBlock = buildTable(rows, { path: t.path });
    out.push(table);
    // Tables nested in cells follow the table they sit in, as blocks of their own.
    for (const c of cells) for (const b of c.blocks) if (b.kind === "table") out.push(b);
  }
}

function count(v: string | undefined): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}
