import type { DefaultTreeAdapterTypes as T } from "parse5";
import { ReadError } from "../../model/errors.js";

export type Element = T.Element;
export type ChildNode = T.ChildNode;
export type ParentNode = T.ParentNode;

/** Elements whose content is never shown as text (page.ts skips them by their kind first). */
const SKIP_TAGS = new Set([
  "script", "style", "noscript", "template", "head", "title", "iframe", "frame", "object", "embed",
  "svg", "math", "canvas", "select", "option", "textarea", "input", "button", "map", "audio", "video",
]);

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
  for (const a of el.attrs) {
    if (a.name === "hidden") return false;
    if (a.name === "style" && HIDDEN_STYLE_RE.test(a.value)) return false;
  }
  return true;
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
