import { cleanSpaces } from "../../text/normalize.js";
import { BLOCK_TAGS, attr, collapseWhite, isElement, isText, walk, type Element, type PathNode, type WalkLimits } from "./dom.js";
import { countBits, isTitleLine, lineMarks, SECTION_MARKS, TABLE_MARK } from "./markers.js";

/**
 * Finding the article on a government page. Every element gets its amount of visible,
 * non-link text ("mass") and the report markers it holds (section titles, statutory table
 * labels). From `<body>` we walk down into the child that holds every marker (or, on a
 * page without markers, most of the text) until no single child does. Known containers
 * such as `#zoom` or `.TRS_Editor` are found this way without naming them; their names
 * are a hint only on a page without markers, where a wordy sidebar could outweigh them.
 */
export interface ElementStats {
  path: PathNode;
  /** Visible characters (not white space) outside links: navigation and link lists weigh nothing. */
  mass: number;
  marks: number;
  /** Tables inside (nested ones included). */
  tables: number;
  /** Pre-order index, and the last index inside it. */
  order: number;
  end: number;
}

export interface TitleLine {
  text: string;
  path: PathNode;
  order: number;
}

export interface PageStats {
  of: Map<Element, ElementStats>;
  /** Elements named like a site system's article container (`#zoom`, `.TRS_Editor`). */
  known: Element[];
  titles: TitleLine[];
}

const LINE_CAP = 200;
const CELL_TAGS = new Set(["td", "th"]);
const MAX_TITLES = 50;

interface LineBuf {
  owner: Element;
  path: PathNode;
  text: string;
  linked: boolean;
  order: number;
}

/** One iterative pass over the page: the stats of every visible element. */
export function pageStats(body: Element, bodyPath: PathNode, limits: WalkLimits): PageStats {
  const of = new Map<Element, ElementStats>();
  const titles: TitleLine[] = [];
  const known: Element[] = [];
  const open: ElementStats[] = [];
  const lines: LineBuf[] = [];
  let order = 0;
  let linkDepth = 0;
  const bodyStats: ElementStats = { path: bodyPath, mass: 0, marks: 0, tables: 0, order: order++, end: 0 };
  of.set(body, bodyStats);
  open.push(bodyStats);
  lines.push({ owner: body, path: bodyPath, text: "", linked: false, order: 0 });

  const endLine = () => {
    const l = lines[lines.length - 1]!;
    const t = l.text.length <= LINE_CAP ? cleanSpaces(l.text) : "";
    if (t) {
      // Statutory table labels are looked for in table cells only: prose lines are many.
      of.get(l.owner)!.marks |= lineMarks(t, CELL_TAGS.has(l.owner.tagName));
      if (!l.linked && titles.length < MAX_TITLES && isTitleLine(t)) titles.push({ text: t, path: l.path, order: l.order });
    }
    l.text = "";
    l.linked = false;
    l.order = order;
  };

  walk(
    body,
    bodyPath,
    {
      enter(node, path) {
        if (isText(node)) {
          const n = node.value.replace(/[\s\u00a0\u3000\u2000-\u200b\ufeff]/g, "").length;
          if (n === 0) {
            lines[lines.length - 1]!.text += " ";
            return false;
          }
          if (linkDepth === 0) open[open.length - 1]!.mass += n;
          const l = lines[lines.length - 1]!;
          if (l.text.length <= LINE_CAP) l.text += collapseWhite(node.value);
          if (linkDepth > 0) l.linked = true;
          return false;
        }
        if (!isElement(node)) return false;
        const tag = node.tagName;
        if (tag === "br") {
          endLine();
          return false;
        }
        const s: ElementStats = { path, mass: 0, marks: 0, tables: 0, order: order++, end: 0 };
        of.set(node, s);
        open.push(s);
        if (tag === "a") linkDepth++;
        if (known.length < MAX_TITLES && isKnownContainer(node)) known.push(node);
        if (BLOCK_TAGS.has(tag)) {
          endLine();
          lines.push({ owner: node, path, text: "", linked: false, order: s.order });
        }
        return true;
      },
      leave(el) {
        if (BLOCK_TAGS.has(el.tagName)) {
          endLine();
          lines.pop();
        }
        if (el.tagName === "a") linkDepth--;
        const s = open.pop()!;
        s.end = order - 1;
        if (el.tagName === "table") s.tables++;
        const parent = open[open.length - 1]!;
        parent.mass += s.mass;
        parent.marks |= s.marks;
        parent.tables += s.tables;
      },
    },
    limits,
  );
  endLine();
  bodyStats.end = order - 1;
  return { of, titles, known };
}

const TABLE_PARTS = new Set(["tr", "td", "th", "caption", "colgroup", "col"]);

/**
 * A table used to lay out a page rather than to hold data: one of its cells holds two
 * section titles, a section title and a table, a whole article's worth of text, or it is a
 * one-column frame around other tables. Its cells are read as page content.
 */
export function isLayoutTable(table: Element, stats: PageStats): boolean {
  let maxCells = 0;
  let nestedTables = false;
  for (const row of rowsOf(table)) {
    let cells = 0;
    for (const cell of row.childNodes) {
      if (!isElement(cell) || !CELL_TAGS.has(cell.tagName)) continue;
      const s = stats.of.get(cell);
      if (!s) continue;
      cells++;
      const sections = countBits(s.marks & SECTION_MARKS);
      if (sections >= 2 || (sections >= 1 && s.tables > 0) || s.mass > 2000) return true;
      if (s.tables > 0) nestedTables = true;
    }
    maxCells = Math.max(maxCells, cells);
  }
  return maxCells <= 1 && nestedTables;
}

function* rowsOf(table: Element): Generator<Element> {
  for (const n of table.childNodes) {
    if (!isElement(n)) continue;
    if (n.tagName === "tr") yield n;
    else if (n.tagName === "tbody" || n.tagName === "thead" || n.tagName === "tfoot") {
      for (const r of n.childNodes) if (isElement(r) && r.tagName === "tr") yield r;
    }
  }
}

export interface Article {
  root: Element;
  path: PathNode;
  /** The report title, when the page shows it above the article rather than inside. */
  title?: TitleLine;
}

/** Walks down from `<body>` to the element that holds the report. */
export function findArticle(body: Element, stats: PageStats): Article {
  let node = body;
  let s = stats.of.get(body)!;
  if ((s.marks & (SECTION_MARKS | TABLE_MARK)) === 0) {
    // No report markers: a known container holding a fair share of the text is the article.
    let best: ElementStats | null = null;
    for (const el of stats.known) {
      const ks = stats.of.get(el)!;
      if (ks.mass >= 0.3 * s.mass && (!best || ks.mass > best.mass)) {
        best = ks;
        node = el;
      }
    }
    if (best) s = best;
  }
  for (;;) {
    const want = s.marks & (SECTION_MARKS | TABLE_MARK);
    let next: Element | null = null;
    let nextStats: ElementStats | null = null;
    for (const child of descendable(node, stats)) {
      const cs = stats.of.get(child)!;
      // A child with every marker must also hold most of the text: on a page with a single
      // section title, the <p> that holds it is not the article.
      const fits = want ? (cs.marks & want) === want && cs.mass >= 0.5 * s.mass : cs.mass >= 0.6 * s.mass;
      if (fits && (!nextStats || cs.mass > nextStats.mass)) {
        next = child;
        nextStats = cs;
      }
    }
    if (!next || !nextStats || nextStats.mass === 0) break;
    node = next;
    s = nextStats;
  }
  const article: Article = { root: node, path: s.path };
  const inside = stats.titles.some((t) => t.order >= s.order && t.order <= s.end);
  if (!inside) {
    const before = stats.titles.filter((t) => t.order < s.order);
    if (before.length) article.title = before[before.length - 1];
  }
  return article;
}

/** Article containers of the common site systems (TRS, Hanweb, …): a hint when a page has no report markers. */
const KNOWN_CONTAINER_RE = /^(?:zoom|trs_editor|article|article-content|content|pages_content|view|ccontent|con_text|textcontent|zw)$/i;

function isKnownContainer(el: Element): boolean {
  const names = `${attr(el, "id") ?? ""} ${attr(el, "class") ?? ""}`.split(/\s+/);
  return names.some((n) => KNOWN_CONTAINER_RE.test(n));
}

/** Elements that hold a line of text, never an article. */
const LINE_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption", "label", "a", "b", "strong", "em"]);

/** Children a search may enter: containers, never the inside of a data table. */
function descendable(node: Element, stats: PageStats): Element[] {
  const out: Element[] = [];
  const kids = node.tagName === "table" ? [...rowsOf(node)] : node.childNodes.filter(isElement);
  for (const k of kids) {
    if (!stats.of.has(k) || LINE_TAGS.has(k.tagName)) continue;
    if (k.tagName === "table" && !isLayoutTable(k, stats)) continue;
    if (TABLE_PARTS.has(k.tagName) && node.tagName !== "table" && node.tagName !== "tr") continue;
    out.push(k);
  }
  return out;
}
