import type { Block } from "../../model/document.js";
import { cleanSpaces, hasCjk } from "../../text/normalize.js";
import { isLayoutTable, type PageStats } from "./body.js";
import { BLOCK_TAGS, HEADING_RE, collapseWhite, isElement, isText, pathString, walk, type Element, type PathNode } from "./dom.js";
import { readTable, type TableBudget } from "./tables.js";

const PRE_TAGS = new Set(["pre", "xmp", "listing", "plaintext"]);

/**
 * The article's content as blocks, in reading order: h1–h6 → headings; every line of text
 * (a paragraph, a div's own text, a list item, each `<br>`-separated line) → a paragraph,
 * as the text reader makes one block per line; data tables → grid tables, with the tables
 * nested in their cells after them; layout tables → their cells read as page content.
 */
export function readBlocks(root: Element, path: PathNode, stats: PageStats, budget: TableBudget): Block[] {
  const blocks: Block[] = [];
  const blockPaths: PathNode[] = [path];
  const headings: { level: number; path: PathNode; lines: string[] }[] = [];
  let line = "";
  let linePath: PathNode | null = null;
  let pre = 0;

  const flush = () => {
    const t = line.replace(/^ +| +$/g, "");
    const p = linePath;
    line = "";
    linePath = null;
    if (!p || cleanSpaces(t) === "") return;
    const h = headings[headings.length - 1];
    if (h) h.lines.push(t);
    else blocks.push({ kind: "paragraph", text: t, source: { path: pathString(p) } });
  };
  const append = (s: string) => {
    if (s === "") return;
    if (line.endsWith(" ") && s.startsWith(" ")) s = s.slice(1);
    line += s;
    linePath ??= blockPaths[blockPaths.length - 1]!;
  };

  walk(
    root,
    path,
    {
      enter(node, p) {
        if (isText(node)) {
          if (pre > 0) {
            node.value.split(/\r\n|\r|\n/).forEach((piece, i) => {
              if (i > 0) flush();
              append(piece);
            });
          } else append(collapseWhite(node.value));
          return false;
        }
        if (!isElement(node)) return false;
        const tag = node.tagName;
        if (tag === "br" || tag === "hr") {
          flush();
          return false;
        }
        if (tag === "table" && !isLayoutTable(node, stats)) {
          flush();
          const t = readTable(node, p, budget);
          blocks.push(...t.blocks);
          return t.nested;
        }
        const h = HEADING_RE.exec(tag);
        if (h) {
          flush();
          headings.push({ level: Number(h[1]), path: p, lines: [] });
        }
        if (BLOCK_TAGS.has(tag)) {
          flush();
          blockPaths.push(p);
        }
        if (PRE_TAGS.has(tag)) pre++;
        return true;
      },
      leave(el: Element) {
        const tag = el.tagName;
        if (PRE_TAGS.has(tag)) pre--;
        if (BLOCK_TAGS.has(tag)) {
          flush();
          blockPaths.pop();
        }
        if (HEADING_RE.test(tag)) {
          const h = headings.pop()!;
          const text = joinLines(h.lines);
          if (text) blocks.push({ kind: "heading", level: h.level, text, source: { path: pathString(h.path) } });
        }
      },
    },
    budget.limits,
  );
  flush();
  return blocks;
}

/** A heading broken with `<br>` is one heading: CJK lines join directly, others with a space. */
function joinLines(lines: string[]): string {
  let out = "";
  for (const l of lines) {
    if (out && !(hasCjk(out.slice(-1)) && hasCjk(l.slice(0, 1)))) out += " ";
    out += l;
  }
  return out;
}
