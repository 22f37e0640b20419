import type { DefaultTreeAdapterTypes as T } from "parse5";
import { ReadError } from "../../model/errors.js";

export type Element = T.Element;
export type ChildNode = T.ChildNode;
export type ParentNode = T.ParentNode;

/** Elements whose content is never shown as text. */
const SKIP_TAGS = new Set([
  "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "object", "embed",
  "svg", "math", "canvas", "select", "option", "textarea", "input", "button", "map", "audio", "video",
]);

/** Elements that start and end a line of text (everything else is inline, including Word's `<o:p>`). */
export const BLOCK_TAGS = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
  "listing", "xmp", "plaintext",
]);

export const HEADING_RE = /^h([1-6])$/;

export function isElement(n: ChildNode | ParentNode): n is Element {
  return "tagName" in n;
}

export function isText(n: ChildNode): n is T.TextNode {
  return n.nodeName === "#text";
}

export function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

const HIDDEN_STYLE_RE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\s*(?:!important\s*)?(?:;|$)/i;

/** Shown to a reader? Skipped tags, the `hidden` attribute and inline `display:none` say no. */
export function isShown(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return false;
  if (attr(el, "hidden") !== undefined) return false;
  const style = attr(el, "style");
  return !(style && HIDDEN_STYLE_RE.test(style));
}

/**
 * Element path for source positions: `body>div[2]>table[1]>tr[3]>td[2]` (1-based index among
 * siblings of the same tag). Row groups are left out, so `tr[n]` counts the rows of the
 * table whether or not the page wrote `<tbody>`. Paths of very deep elements keep their
 * first and last steps, so a page of 100 000 nested divs cannot make each path huge.
 */
export interface PathNode {
  seg: string;
  parent: PathNode | null;
  depth: number;
  /** Rendered path of the first HEAD_STEPS steps. */
  head: string;
}

const HEAD_STEPS = 6;
const TAIL_STEPS = 10;

export function rootPath(seg: string): PathNode {
  return { seg, parent: null, depth: 1, head: seg };
}

export function childPath(parent: PathNode, seg: string): PathNode {
  const depth = parent.depth + 1;
  return { seg, parent, depth, head: depth <= HEAD_STEPS ? `${parent.head}>${seg}` : parent.head };
}

export function pathString(p: PathNode): string {
  if (p.depth <= HEAD_STEPS + TAIL_STEPS) {
    const segs: string[] = [];
    for (let n: PathNode | null = p; n; n = n.parent) segs.push(n.seg);
    return segs.reverse().join(">");
  }
  const tail: string[] = [];
  let n: PathNode | null = p;
  for (let i = 0; i < TAIL_STEPS && n; i++, n = n.parent) tail.push(n.seg);
  return `${p.head}>…>${tail.reverse().join(">")}`;
}

const ROW_GROUPS = new Set(["tbody", "thead", "tfoot"]);

/**
 * Visible child nodes of an element with their paths (row groups flattened into their
 * table, as `pathString` describes).
 */
export function visibleChildren(el: ParentNode, path: PathNode): Visit[] {
  const out: Visit[] = [];
  let counts: Map<string, number> | null = null;
  const add = (nodes: ChildNode[], basePath: PathNode) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        if (isText(node)) out.push({ node, path: basePath });
        continue;
      }
      if (!isShown(node)) continue;
      const tag = node.tagName;
      counts ??= new Map();
      const n = (counts.get(tag) ?? 0) + 1;
      counts.set(tag, n);
      out.push({ node, path: childPath(basePath, `${tag}[${n}]`) });
    }
  };
  if (isElement(el) && el.tagName === "table") {
    // Rows of every row group are numbered together; the groups themselves take no step.
    for (const node of el.childNodes) {
      if (isElement(node) && ROW_GROUPS.has(node.tagName)) {
        if (isShown(node)) add(node.childNodes, path);
      } else add([node], path);
    }
  } else add(el.childNodes, path);
  return out;
}

export interface Visit {
  node: ChildNode;
  path: PathNode;
}

export interface Visitor {
  /**
   * Called for every visible node in document order. Return false to skip an element's
   * content, or a list of nodes to visit in its place (a data table's nested tables).
   */
  enter(node: ChildNode, path: PathNode): boolean | Visit[];
  /** Called after an entered element's content. */
  leave?(el: Element, path: PathNode): void;
}

export interface WalkLimits {
  signal?: AbortSignal;
  /**
   * Children lists of the elements already walked, for the next walk of the same page (the
   * page is walked to find the article, then to read it). Per page, so it is dropped with it.
   */
  children?: Map<ParentNode, { path: PathNode; visits: Visit[] }>;
}

/** `visibleChildren`, answered from the walk cache when the element was seen at the same path. */
function childrenOf(el: ParentNode, path: PathNode, limits: WalkLimits): Visit[] {
  const cache = limits.children;
  if (!cache) return visibleChildren(el, path);
  const hit = cache.get(el);
  if (hit && hit.path === path) return hit.visits;
  const visits = visibleChildren(el, path);
  cache.set(el, { path, visits });
  return visits;
}

/**
 * Walks the visible content of `root` without recursion, so that a page of 100 000 nested
 * elements cannot overflow the stack. Comments and hidden elements are never visited.
 */
export function walk(root: Element, path: PathNode, v: Visitor, limits: WalkLimits = {}): void {
  // Parallel arrays instead of frame objects: pages have hundreds of thousands of nodes.
  const nodes: ChildNode[] = [];
  const paths: PathNode[] = [];
  const leaving: boolean[] = [];
  const push = (list: Visit[]) => {
    for (let i = list.length - 1; i >= 0; i--) {
      nodes.push(list[i]!.node);
      paths.push(list[i]!.path);
      leaving.push(false);
    }
  };
  push(childrenOf(root, path, limits));
  let steps = 0;
  while (nodes.length) {
    const node = nodes.pop()!;
    const p = paths.pop()!;
    const leave = leaving.pop()!;
    if ((++steps & 0xfff) === 0) checkAbort(limits.signal);
    if (leave) {
      v.leave?.(node as Element, p);
      continue;
    }
    const go = v.enter(node, p);
    if (Array.isArray(go)) {
      push(go);
      continue;
    }
    if (!go || !isElement(node)) continue;
    nodes.push(node);
    paths.push(p);
    leaving.push(true);
    push(childrenOf(node, p, limits));
  }
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ReadError("timeout", "读取网页超时，已停止");
}

/** Collapses HTML white space (space, tab, CR, LF, FF) the way a browser shows it; NBSP and U+3000 stay. */
export function collapseWhite(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, " ");
}

/** First element with this tag in document order (iterative). */
export function findFirst(root: ParentNode, tag: string): Element | null {
  const stack: ChildNode[] = [...root.childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.tagName === tag) return n;
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return null;
}

/** All text of an element, white space collapsed (for `<title>`). */
export function textOf(el: Element): string {
  let s = "";
  const stack: ChildNode[] = [...el.childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) s += n.value;
    else if (isElement(n)) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return collapseWhite(s).trim();
}
