import { cleanSpaces } from "../../text/normalize.js";
import { checkAbort, collapseWhite, isShown, type ChildNode, type Element } from "./dom.js";
import { isTitleLine, lineMarks } from "./markers.js";

/**
 * The page after one walk of its tree: every visible element numbered in document order
 * (`body` is 0) with its stats, and every visible node as an event in a flat log. Finding the
 * article and reading it work on these arrays; the parse5 tree is not walked again.
 *
 * Stats of an element: its visible, non-link text ("mass": navigation and link lists weigh
 * nothing), the report markers its lines hold (section titles, statutory table labels) and
 * the tables inside it. `<br>` is an event, not an element; row groups (`tbody`, …) take no
 * number: their rows belong to the table, as in element paths.
 */
export interface Page {
  /** By element number: the element, its tag's kind bits, the walk parent (-1 for body), the last number inside it. */
  els: Element[];
  kind: number[];
  parent: number[];
  end: number[];
  depth: number[];
  mass: number[];
  marks: number[];
  tables: number[];
  /** Index of the element's OPEN and CLOSE events. */
  open: number[];
  close: number[];
  /** Events: `value * 4 + EV_*`; the value is an element number, or a text number for EV_TEXT. */
  events: number[];
  /** Text nodes as written, and with HTML white space collapsed. */
  raw: string[];
  text: string[];
  /** Lines that read like the report's title, outside links. */
  titles: TitleLine[];
  /** Elements named like a site system's article container (`#zoom`, `.TRS_Editor`). */
  known: number[];
  /** Rendered paths and same-tag sibling numbers, filled when asked for (`pathOf`). */
  paths: (string | undefined)[];
  nth: Int32Array;
  /** For elements deeper than HEAD_STEPS: their ancestor at that depth, once asked for (0: not yet). */
  heads: Int32Array;
  /** Tables judged by `isLayoutTable` (body.ts): 0 not yet, 1 layout, 2 data. */
  layout: Int8Array;
  signal?: AbortSignal;
}

export interface TitleLine {
  text: string;
  /** The element whose line it is. */
  owner: number;
  order: number;
}

export const EV_OPEN = 0;
export const EV_CLOSE = 1;
export const EV_TEXT = 2;
export const EV_BR = 3;

/** Kind bits of a tag. */
export const K_BLOCK = 1;
export const K_SKIP = 2;
export const K_PRE = 4;
export const K_TABLE = 8;
export const K_TR = 16;
export const K_CELL = 32;
export const K_CAPTION = 64;
export const K_ROWGROUP = 128;
export const K_A = 256;
export const K_BR = 512;
export const K_HR = 1024;
/** Elements that hold a line of text, never an article. */
export const K_LINE = 2048;
export const K_TABLE_PART = 4096;
/** h1–h6: the level is `kind >> K_LEVEL_SHIFT`. */
export const K_LEVEL_SHIFT = 16;

/** Elements whose content is never shown as text. */
const SKIP_TAGS = [
  "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "object", "embed",
  "svg", "math", "canvas", "select", "option", "textarea", "input", "button", "map", "audio", "video",
];

/** Elements that start and end a line of text (everything else is inline, including Word's `<o:p>`). */
const BLOCK_TAGS = [
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li",
  "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
  "listing", "xmp", "plaintext",
];

const LINE_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption", "label", "a", "b", "strong", "em"];

const KINDS = new Map<string, number>();
const add = (tags: string[], bit: number) => {
  for (const t of tags) KINDS.set(t, (KINDS.get(t) ?? 0) | bit);
};
add(SKIP_TAGS, K_SKIP);
add(BLOCK_TAGS, K_BLOCK);
add(LINE_TAGS, K_LINE);
add(["pre", "xmp", "listing", "plaintext"], K_PRE);
add(["table"], K_TABLE);
add(["tr"], K_TR);
add(["td", "th"], K_CELL);
add(["caption"], K_CAPTION);
add(["tbody", "thead", "tfoot"], K_ROWGROUP);
add(["a"], K_A);
add(["br"], K_BR);
add(["hr"], K_HR);
add(["tr", "td", "th", "caption", "colgroup", "col"], K_TABLE_PART);
for (let l = 1; l <= 6; l++) KINDS.set(`h${l}`, KINDS.get(`h${l}`)! | (l << K_LEVEL_SHIFT));

/** Kind bits of a tag (0: inline, nothing special). */
export function kindOf(tag: string): number {
  return KINDS.get(tag) ?? 0;
}

/** Lines longer than this are prose, never a section title, table label or report title. */
const LINE_CAP = 200;
const MAX_TITLES = 50;

/**
 * Walks the visible content of `body` once, without recursion (a page of 100 000 nested
 * elements cannot overflow the stack). Comments and hidden elements are never visited.
 */
export function walkPage(body: Element, signal: AbortSignal | undefined): Page {
  const els: Element[] = [body];
  const kind: number[] = [kindOf(body.tagName)];
  const parent: number[] = [-1];
  const end: number[] = [0];
  const depth: number[] = [1];
  const mass: number[] = [0];
  const marks: number[] = [0];
  const tables: number[] = [0];
  const open: number[] = [-1];
  const close: number[] = [-1];
  const events: number[] = [];
  const raw: string[] = [];
  const text: string[] = [];
  const titles: TitleLine[] = [];
  const known: number[] = [];

  // The line being gathered in each open block element, for its markers and titles.
  const lineOwner: number[] = [0];
  const lineText: string[] = [""];
  const lineLinked: boolean[] = [false];
  const lineOrder: number[] = [0];
  let linkDepth = 0;

  const endLine = () => {
    const i = lineOwner.length - 1;
    const s = lineText[i]!;
    if (s.length > 0 && s.length <= LINE_CAP) {
      const t = cleanSpaces(s);
      if (t) {
        const owner = lineOwner[i]!;
        // Statutory table labels are looked for in table cells only: prose lines are many.
        marks[owner]! |= lineMarks(t, (kind[owner]! & K_CELL) !== 0);
        if (!lineLinked[i] && titles.length < MAX_TITLES && isTitleLine(t)) titles.push({ text: t, owner, order: lineOrder[i]! });
      }
    }
    lineText[i] = "";
    lineLinked[i] = false;
    lineOrder[i] = els.length;
  };

  // The child lists being walked: the list, where we are in it, the element it belongs to
  // (a table, for the rows of its row groups), and whether it is a row group's.
  const lists: ChildNode[][] = [body.childNodes];
  const at: number[] = [0];
  const owners: number[] = [0];
  const groups: boolean[] = [false];
  let steps = 0;

  while (lists.length > 0) {
    const top = lists.length - 1;
    const list = lists[top]!;
    const i = at[top]!;
    const owner = owners[top]!;
    if (i >= list.length) {
      lists.pop();
      at.pop();
      owners.pop();
      if (groups.pop()) continue;
      // Leaving the element `owner`.
      const k = kind[owner]!;
      if (k & K_BLOCK) {
        endLine();
        lineOwner.pop();
        lineText.pop();
        lineLinked.pop();
        lineOrder.pop();
      }
      if (k & K_A) linkDepth--;
      end[owner] = els.length - 1;
      if (k & K_TABLE) tables[owner]!++;
      close[owner] = events.length;
      events.push(owner * 4 + EV_CLOSE);
      const p = parent[owner]!;
      if (p >= 0) {
        mass[p]! += mass[owner]!;
        marks[p]! |= marks[owner]!;
        tables[p]! += tables[owner]!;
      }
      continue;
    }
    at[top] = i + 1;
    if ((++steps & 0xfff) === 0) checkAbort(signal);
    const node = list[i]!;
    if (node.nodeName === "#text") {
      const v = (node as { value: string }).value;
      const shape = textShape(v);
      const col = shape & NEEDS_COLLAPSE ? collapseWhite(v) : v;
      events.push(raw.length * 4 + EV_TEXT);
      raw.push(v);
      text.push(col);
      const l = lineText.length - 1;
      const n = shape >>> SHAPE_SHIFT;
      if (n === 0) {
        lineText[l] += " ";
        continue;
      }
      if (linkDepth === 0) mass[owner]! += n;
      if (lineText[l]!.length <= LINE_CAP) lineText[l] += col;
      if (linkDepth > 0) lineLinked[l] = true;
      continue;
    }
    const el = node as Element;
    if (el.tagName === undefined) continue;
    const k = kindOf(el.tagName);
    if (k & K_SKIP || (el.attrs.length > 0 && !isShown(el))) continue;
    if (k & K_ROWGROUP && !groups[top] && kind[owner]! & K_TABLE) {
      // Rows of every row group are numbered together in their table; the groups take no step.
      lists.push(el.childNodes);
      at.push(0);
      owners.push(owner);
      groups.push(true);
      continue;
    }
    if (k & K_BR) {
      events.push(EV_BR);
      endLine();
      continue;
    }
    const e = els.length;
    els.push(el);
    kind.push(k);
    parent.push(owner);
    end.push(e);
    depth.push(depth[owner]! + 1);
    mass.push(0);
    marks.push(0);
    tables.push(0);
    open.push(events.length);
    close.push(-1);
    events.push(e * 4 + EV_OPEN);
    if (k & K_A) linkDepth++;
    if (known.length < MAX_TITLES && el.attrs.length > 0 && isKnownContainer(el)) known.push(e);
    if (k & K_BLOCK) {
      endLine();
      lineOwner.push(e);
      lineText.push("");
      lineLinked.push(false);
      lineOrder.push(e);
    }
    lists.push(el.childNodes);
    at.push(0);
    owners.push(e);
    groups.push(false);
  }
  // `body` was left with its list, its line ended there.
  return { els, kind, parent, end, depth, mass, marks, tables, open, close, events, raw, text, titles, known, paths: new Array(els.length), nth: new Int32Array(els.length), heads: new Int32Array(els.length), layout: new Int8Array(els.length), signal };
}

const NEEDS_COLLAPSE = 1;
const SHAPE_SHIFT = 1;

/**
 * One pass over a text node: how many characters are not white space (the node's mass; NBSP,
 * U+3000 and zero-width spaces count as white) and whether HTML white space must be collapsed
 * (tab, CR, LF, FF, or two spaces in a row).
 */
function textShape(s: string): number {
  let n = 0;
  let collapse = 0;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (prevSpace) collapse = NEEDS_COLLAPSE;
      prevSpace = true;
      continue;
    }
    prevSpace = false;
    if (c <= 0x0d && c >= 0x09) {
      // \t \n \r \f collapse; \v (0x0b) is white but stays.
      if (c !== 0x0b) collapse = NEEDS_COLLAPSE;
      continue;
    }
    if (c < 0x80 ? false : isWideWhite(c)) continue;
    n++;
  }
  return (n << SHAPE_SHIFT) | collapse;
}

/** Non-ASCII characters a page's text is weighed without: `\s`, NBSP, U+3000, U+2000–U+200B, BOM. */
function isWideWhite(c: number): boolean {
  return (
    c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b) || c === 0xfeff || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f
  );
}

/** Article containers of the common site systems (TRS, Hanweb, …): a hint when a page has no report markers. */
const KNOWN_CONTAINER_RE = /^(?:zoom|trs_editor|article|article-content|content|pages_content|view|ccontent|con_text|textcontent|zw)$/i;
const WHITE_RE = /\s/;

function isKnownContainer(el: Element): boolean {
  for (const a of el.attrs) {
    if (a.name !== "id" && a.name !== "class") continue;
    const v = a.value;
    if (!WHITE_RE.test(v) ? KNOWN_CONTAINER_RE.test(v) : v.split(/\s+/).some((n) => KNOWN_CONTAINER_RE.test(n))) return true;
  }
  return false;
}

/** The element numbers of an element's visible children, in order. */
export function childrenOf(page: Page, e: number): number[] {
  const out: number[] = [];
  const last = page.end[e]!;
  for (let c = e + 1; c <= last; c = page.end[c]! + 1) out.push(c);
  return out;
}

const HEAD_STEPS = 6;
const TAIL_STEPS = 10;

/**
 * Element path for source positions: `body>div[2]>table[1]>tr[3]>td[2]` (1-based index among
 * visible siblings of the same tag). Row groups are left out, so `tr[n]` counts the rows of
 * the table whether or not the page wrote `<tbody>`. Paths of very deep elements keep their
 * first and last steps, so a page of 100 000 nested divs cannot make each path huge.
 */
export function pathOf(page: Page, e: number): string {
  const d = page.depth[e]!;
  if (d <= HEAD_STEPS + TAIL_STEPS) return shallowPath(page, e);
  const tail: string[] = [];
  let n = e;
  for (let i = 0; i < TAIL_STEPS; i++, n = page.parent[n]!) tail.push(seg(page, n));
  return `${shallowPath(page, headOf(page, n))}>…>${tail.reverse().join(">")}`;
}

/** The ancestor at depth HEAD_STEPS, kept for every element on the way up (deep pages ask for many). */
function headOf(page: Page, e: number): number {
  const climbed: number[] = [];
  let n = e;
  while (page.depth[n]! > HEAD_STEPS && page.heads[n] === 0) {
    climbed.push(n);
    n = page.parent[n]!;
  }
  const head = page.depth[n]! > HEAD_STEPS ? page.heads[n]! : n;
  for (const c of climbed) page.heads[c] = head;
  return head;
}

/** The path of an element at most 16 steps deep, kept once made (its children's paths start with it). */
function shallowPath(page: Page, e: number): string {
  let p = page.paths[e];
  if (p === undefined) {
    const up = page.parent[e]!;
    p = up < 0 ? page.els[e]!.tagName : `${shallowPath(page, up)}>${seg(page, e)}`;
    page.paths[e] = p;
  }
  return p;
}

function seg(page: Page, e: number): string {
  if (page.nth[e] === 0) numberSiblings(page, page.parent[e]!);
  return `${page.els[e]!.tagName}[${page.nth[e]}]`;
}

/** Numbers the children of `p` among their same-tag siblings, all at once (a parent may have 100 000 children). */
function numberSiblings(page: Page, p: number): void {
  const counts = new Map<string, number>();
  const last = page.end[p]!;
  for (let c = p + 1; c <= last; c = page.end[c]! + 1) {
    const tag = page.els[c]!.tagName;
    const n = (counts.get(tag) ?? 0) + 1;
    counts.set(tag, n);
    page.nth[c] = n;
  }
}
