import { REQUEST_GROUP_LABELS } from "../../templates/common.js";
import { TEMPLATES } from "../../templates/index.js";
import type { HeaderNode } from "../../templates/types.js";
import { glueNorm } from "./glue-norm.js";

/**
 * What glued text is searched for, all taken from the template data (both templates, with
 * their variants): the six section titles, and every label a table prints. Built once.
 *
 * Kinds say where a label stands in a table, which is what the splitter needs to rebuild rows:
 * - `caption`: a table 2 block caption (`第二十条第（一）项`), a row of its own;
 * - `columns`: table 2's header words (the corner `信息内容` and the column labels), one row;
 * - `header`: tables 3 and 4's header tree labels and table 3's corner note, rows by tree level;
 * - `group`: a table 3 group label (`（三）不予公开`), which starts the row after it;
 * - `row`: a row label of table 2 or 3, which the row's numbers follow.
 */
export type LabelKind = "caption" | "columns" | "header" | "group" | "row";

export interface VocabLabel {
  /** The label in glued-text normal form (see glueNorm). */
  norm: string;
  kind: LabelKind;
  /** Header tree nodes this label names (ambiguous labels such as `结果维持` name several). */
  nodes?: HeaderNode[];
  /** Short words (`其他`, `总计`) that only count as labels inside a run of header labels. */
  weak?: boolean;
  /** A table 3 group label (also 2019's row `（六）其他处理`): a row label that follows belongs under it. */
  opensGroup?: boolean;
}

export interface SectionTitle {
  no: number;
  norm: string;
}

export interface Vocab {
  /** Labels by their first character, longest first. */
  byFirst: Map<string, VocabLabel[]>;
  all: VocabLabel[];
  sections: SectionTitle[];
  /** Parent of every header tree node (undefined for the top level). */
  parent: Map<HeaderNode, HeaderNode | undefined>;
}

let built: Vocab | null = null;

export function vocab(): Vocab {
  return (built ??= buildVocab());
}

function buildVocab(): Vocab {
  const labels = new Map<string, VocabLabel>();
  const add = (text: string, kind: LabelKind, node?: HeaderNode) => {
    const norm = glueNorm(text);
    if (!norm) return;
    const prev = labels.get(norm);
    if (prev) {
      // A label of two kinds (2019's row `（六）其他处理` is 2021's group): a row label wins, a node is added.
      if (kind === "row" && prev.kind === "group") prev.kind = "row";
      if (node) (prev.nodes ??= []).includes(node) || prev.nodes.push(node);
      return;
    }
    labels.set(norm, { norm, kind, ...(node ? { nodes: [node] } : {}), ...(norm.length <= 2 && kind === "header" ? { weak: true } : {}) });
  };
  const parent = new Map<HeaderNode, HeaderNode | undefined>();
  const walk = (nodes: HeaderNode[], up: HeaderNode | undefined) => {
    for (const n of nodes) {
      parent.set(n, up);
      for (const l of [n.label, ...(n.variants ?? [])]) add(l, "header", n);
      if (n.children) walk(n.children, n);
    }
  };
  const sections: SectionTitle[] = [];
  for (const t of TEMPLATES) {
    for (const s of t.sections) {
      for (const title of [s.title, ...(s.variants ?? [])]) {
        const norm = glueNorm(title);
        if (!sections.some((x) => x.no === s.no && x.norm === norm)) sections.push({ no: s.no, norm });
      }
    }
    for (const b of t.active.blocks) {
      add(b.caption, "caption");
      for (const c of b.columns) for (const l of [c.label, ...(c.variants ?? [])]) add(l, "columns");
      for (const r of b.rows) for (const l of [r.label, ...(r.variants ?? [])]) add(l, "row");
    }
    if (t.active.corner) add(t.active.corner, "columns");
    for (const r of t.requests.rows) for (const l of [r.label, ...(r.variants ?? [])]) add(l, "row");
    if (t.requests.corner) add(t.requests.corner, "header");
    if (!parent.has(t.requests.header[0]!)) walk(t.requests.header, undefined);
    if (!parent.has(t.review.header[0]!)) walk(t.review.header, undefined);
  }
  for (const g of REQUEST_GROUP_LABELS) {
    add(g, "group");
    labels.get(glueNorm(g))!.opensGroup = true;
  }
  const all = [...labels.values()];
  const byFirst = new Map<string, VocabLabel[]>();
  for (const l of all) {
    const list = byFirst.get(l.norm[0]!) ?? [];
    list.push(l);
    byFirst.set(l.norm[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.norm.length - a.norm.length);
  // Longest titles first, so that a variant that extends another wins.
  sections.sort((a, b) => b.norm.length - a.norm.length);
  return { byFirst, all, sections, parent };
}
