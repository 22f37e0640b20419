import type { DocCell } from "../../model/document.js";
import type { HeaderNode } from "../../templates/types.js";
import { rawOf, type GlueStream } from "./glue-norm.js";
import type { GlueToken } from "./glue-tokens.js";
import { vocab } from "./vocab.js";

/**
 * The rows of a glued table, rebuilt from its tokens as a text table copied row by row would
 * have them: a caption row, header rows, and data rows of labels followed by their numbers.
 * A run of digits stays one cell: only the table identities can say where it splits.
 */
export function tableRows(s: GlueStream, tokens: GlueToken[], line: number): DocCell[][] {
  const rows: DocCell[][] = [];
  const cell = (tok: GlueToken): DocCell => ({ text: rawOf(s, tok.a, tok.b), rowspan: 1, colspan: 1, source: { line } });
  let labels: GlueToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind !== "number") {
      labels.push(tokens[i++]!);
      continue;
    }
    const numbers: GlueToken[] = [];
    while (i < tokens.length && tokens[i]!.kind === "number") numbers.push(tokens[i++]!);
    const start = dataRowStart(labels);
    for (const r of labelRows(labels.slice(0, start))) rows.push(r.map(cell));
    rows.push([...labels.slice(start), ...numbers].map(cell));
    labels = [];
  }
  for (const r of labelRows(labels)) rows.push(r.map(cell));
  return rows;
}

const opensGroup = (t: GlueToken) => t.label?.opensGroup === true;

/**
 * Where the labels of the row the numbers belong to begin: its row label, the group labels
 * before it (`（三）不予公开1.属于国家秘密`) and unmatched text next to them (a label with a typo).
 */
function dataRowStart(labels: GlueToken[]): number {
  let j = labels.length;
  while (j > 0 && ["row", "group", "other"].includes(labels[j - 1]!.kind)) j--;
  // Row labels before the last one are rows whose cells were all blank: they stand alone.
  let last = -1;
  for (let k = labels.length - 1; k >= j; k--) {
    if (labels[k]!.kind === "row" && !opensGroup(labels[k]!)) {
      last = k;
      break;
    }
  }
  if (last < 0) return j;
  let d = last;
  while (d > j && (opensGroup(labels[d - 1]!) || labels[d - 1]!.kind === "other")) d--;
  return d;
}

type Kind = "caption" | "columns" | "header" | "row";

function kindOf(t: GlueToken): Kind | null {
  if (t.kind === "caption" || t.kind === "columns" || t.kind === "header") return t.kind;
  if (t.kind === "row" || t.kind === "group") return "row";
  return null;
}

/**
 * Labels without numbers into rows: a caption alone, table 2's header words in one row, a tree
 * header in one row per level, each row label (with its group) in a row of its own. Unmatched
 * text joins the row it stands in.
 */
function labelRows(labels: GlueToken[]): GlueToken[][] {
  const rows: GlueToken[][] = [];
  let cur: GlueToken[] = [];
  let kind: Kind | null = null;
  let level = new LevelSplitter();
  const open = (k: Kind | null) => {
    if (cur.length) rows.push(cur);
    cur = [];
    // A new header starts a new tree; the next level of the same header keeps it.
    if (k === "header" && kind !== "header") level = new LevelSplitter();
    kind = k;
  };
  for (const t of labels) {
    const k = kindOf(t);
    if (k === null) {
      cur.push(t);
      continue;
    }
    if (k !== kind || k === "caption") open(k);
    else if (k === "header" && level.startsRow(t)) open(k);
    else if (k === "row" && !cur.every((x) => opensGroup(x) || x.kind === "other")) open(k);
    if (k === "header") level.add(t);
    cur.push(t);
    if (k === "caption") open(null);
  }
  if (cur.length) rows.push(cur);
  return rows;
}

/**
 * A tree header read left to right, row after row (`申请人情况` `自然人 法人或其他组织 总计`
 * `商业企业 …`): a label that is a child of one already in the current row starts the next row.
 * Labels naming several nodes (`结果维持` under each of table 4's groups) take the node whose
 * parent stands in the row above.
 */
class LevelSplitter {
  private row: HeaderNode[] = [];
  private above: HeaderNode[] = [];
  private fresh = true;

  startsRow(t: GlueToken): boolean {
    if (this.fresh) return false;
    const parent = vocab().parent;
    return (t.label?.nodes ?? []).some((n) => this.row.includes(parent.get(n)!));
  }

  add(t: GlueToken) {
    const nodes = t.label?.nodes ?? [];
    const parent = vocab().parent;
    const child = nodes.find((n) => this.row.includes(parent.get(n)!));
    if (child && !this.fresh) {
      this.above = this.row;
      this.row = [child];
      return;
    }
    this.fresh = false;
    const node = nodes.find((n) => (this.above.length ? this.above.includes(parent.get(n)!) : parent.get(n) === undefined)) ?? nodes[0];
    if (node) this.row.push(node);
  }
}
