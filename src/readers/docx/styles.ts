import { parsePart } from "./xml.js";
import type { ZipArchive } from "./zip.js";

interface RawStyle {
  name?: string;
  basedOn?: string;
  outline?: number;
  numId?: string;
  ilvl?: number;
}

/** What a paragraph style means to us: a heading level, and numbering it brings along. */
export interface ParaStyle {
  /** 1-based heading level, or 0 for body text. */
  level: number;
  numId?: string;
  ilvl?: number;
}

export interface Styles {
  get(id: string | undefined): ParaStyle;
}

/** Built-in names are English in the file whatever the UI language; some tools write `标题 1`. */
const HEADING_NAME_RE = /^(?:heading|标题)\s*([1-9])$/i;

/**
 * Paragraph styles from `styles.xml`, resolved through `basedOn`: a style is a heading when it
 * (or a style it is based on) has an outline level, or is one of the built-in heading styles.
 */
export function readStyles(bytes: Uint8Array, zip: ZipArchive, part: string | undefined): Styles {
  const raw = new Map<string, RawStyle>();
  let defaultId: string | undefined;
  if (part) {
    let cur: RawStyle | null = null;
    let inPPr = false;
    parsePart(bytes, zip, part, {
      open(name, a, selfClosing) {
        if (name === "style") {
          const id = a.get("styleId");
          if (a.get("type") !== "paragraph" || !id) return;
          cur = {};
          raw.set(id, cur);
          if (a.get("default") === "1" || a.get("default") === "true") defaultId = id;
          return;
        }
        if (!cur) return;
        if (name === "name") cur.name = a.get("val");
        else if (name === "basedOn") cur.basedOn = a.get("val");
        else if (name === "pPr") inPPr = !selfClosing;
        else if (inPPr && name === "outlineLvl") cur.outline = Number(a.get("val"));
        else if (inPPr && name === "numId") cur.numId = a.get("val");
        else if (inPPr && name === "ilvl") cur.ilvl = Number(a.get("val"));
      },
      close(name) {
        if (name === "style") cur = null;
        else if (name === "pPr") inPPr = false;
      },
      text() {},
    });
  }

  const cache = new Map<string, ParaStyle>();
  const resolve = (id: string, seen: Set<string>): ParaStyle => {
    const hit = cache.get(id);
    if (hit) return hit;
    const s = raw.get(id);
    if (!s || seen.has(id)) return { level: 0 };
    seen.add(id);
    const base = s.basedOn ? resolve(s.basedOn, seen) : { level: 0 };
    const named = HEADING_NAME_RE.exec(s.name ?? "");
    let level = base.level;
    if (s.outline !== undefined && Number.isInteger(s.outline)) level = s.outline >= 0 && s.outline < 9 ? s.outline + 1 : 0;
    else if (named) level = Number(named[1]);
    else if (/^title$/i.test(s.name ?? "")) level = 1;
    const out: ParaStyle = { level, numId: s.numId ?? base.numId, ilvl: s.ilvl ?? base.ilvl };
    cache.set(id, out);
    return out;
  };
  return {
    get(id) {
      const key = id ?? defaultId;
      return key ? resolve(key, new Set()) : { level: 0 };
    },
  };
}
