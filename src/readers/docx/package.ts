import { parsePart } from "./xml.js";
import type { ZipArchive } from "./zip.js";

/** The parts of a WordprocessingML package we read, found through its relationships. */
export interface WordPackage {
  document: string;
  styles?: string;
  numbering?: string;
  core?: string;
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** Relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`). */
export function relsOf(bytes: Uint8Array, zip: ZipArchive, part: string): Rel[] {
  const slash = part.lastIndexOf("/");
  const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const rels: Rel[] = [];
  parsePart(bytes, zip, relsName, {
    open(name, a) {
      const type = a.get("Type");
      const target = a.get("Target");
      if (name === "Relationship" && a.get("TargetMode") !== "External" && type && target) {
        rels.push({ id: a.get("Id") ?? "", type, target: resolvePart(part, target) });
      }
    },
    close() {},
    text() {},
  });
  return rels;
}

/** A relationship target relative to the part that names it, as a package path without `/`. */
export function resolvePart(source: string, target: string): string {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.replace(/^\/+/, "").split("/")) {
    if (seg === "..") base.pop();
    else if (seg !== "." && seg !== "") base.push(seg);
  }
  return base.join("/");
}

// Transitional and Strict OOXML spell relationship types with different URIs; the last
// path segment is the same.
const typeIs = (r: Rel, kind: string) => r.type.endsWith(`/${kind}`);

/** The main document and the parts it needs; null when this is not a Word package. */
export function findParts(bytes: Uint8Array, zip: ZipArchive): WordPackage | null {
  const root = relsOf(bytes, zip, "");
  let document = root.find((r) => typeIs(r, "officeDocument"))?.target;
  if (!document || !zip.find(document)) document = zip.find("word/document.xml") ? "word/document.xml" : undefined;
  if (!document) return null;
  const rels = relsOf(bytes, zip, document);
  const pick = (kind: string, fallback: string) => {
    const t = rels.find((r) => typeIs(r, kind))?.target;
    return t && zip.find(t) ? t : zip.find(fallback) ? fallback : undefined;
  };
  const core = root.find((r) => typeIs(r, "core-properties"))?.target;
  return {
    document,
    styles: pick("styles", "word/styles.xml"),
    numbering: pick("numbering", "word/numbering.xml"),
    core: core && zip.find(core) ? core : zip.find("docProps/core.xml") ? "docProps/core.xml" : undefined,
  };
}

/** `dc:title` of the core properties, when set. */
export function readCoreTitle(bytes: Uint8Array, zip: ZipArchive, part: string | undefined): string | undefined {
  if (!part) return undefined;
  let inTitle = false;
  let title = "";
  parsePart(bytes, zip, part, {
    open(name) {
      inTitle = name === "title";
    },
    close() {
      inTitle = false;
    },
    text(t) {
      if (inTitle && title.length < 1000) title += t;
    },
  });
  return title.trim() || undefined;
}
