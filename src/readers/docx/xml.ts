import { SaxesParser } from "saxes";
import { ReadError } from "../../model/errors.js";
import { ZIP_LIMITS, streamEntry, type ZipArchive, type ZipLimits } from "./zip.js";

/** Handlers of a streamed XML part; element names arrive without their prefix (`w:tc` → `tc`). */
export interface XmlHandlers {
  open(name: string, attrs: Attrs, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

const hostile = (part: string) =>
  new ReadError(
    "damaged",
    `拒绝读取：Word 文件的“${part}”中含有 DTD 或实体声明（<!DOCTYPE>/<!ENTITY>）。正常的 Word 文件从不包含这些，它们可被用来发动“实体炸弹”攻击`,
  );

const localNames = new Map<string, string>();

/**
 * Attributes looked up by local name. Copying every attribute of every tag into a new object
 * costs more than the few lookups the readers make, so the parser's object is used as is.
 */
export class Attrs {
  raw: Record<string, string> = {};
  get(name: string): string | undefined {
    const r = this.raw;
    const v = r[`w:${name}`] ?? r[name];
    if (v !== undefined) return v;
    for (const k in r) if (k.endsWith(name) && k.charCodeAt(k.length - name.length - 1) === 58) return r[k];
    return undefined;
  }
}

/** Strips the namespace prefix of an element or attribute name (names repeat: cache them). */
export function local(name: string): string {
  let l = localNames.get(name);
  if (l === undefined) {
    const i = name.indexOf(":");
    l = i < 0 ? name : name.slice(i + 1);
    if (localNames.size < 10_000) localNames.set(name, l);
  }
  return l;
}

/**
 * Streams one part of the package through saxes. DTDs are refused outright, before saxes
 * sees them (saxes expands no external entities, but a DTD has no business in OOXML).
 * Attributes are passed with prefixes stripped.
 */
export function parsePart(bytes: Uint8Array, zip: ZipArchive, partName: string, h: XmlHandlers, limits: ZipLimits = ZIP_LIMITS): boolean {
  const entry = zip.find(partName);
  if (!entry) return false;
  const parser = new SaxesParser({ position: false });
  const attrs = new Attrs();
  parser.on("doctype", () => {
    throw hostile(partName);
  });
  parser.on("error", (err) => {
    throw err instanceof ReadError
      ? err
      : new ReadError("damaged", `Word 文件已损坏：“${partName}”不是规范的 XML（${err.message.replace(/^[^:]*:\d+:\d+: /, "")}）`);
  });
  parser.on("opentag", (tag) => {
    attrs.raw = tag.attributes as Record<string, string>;
    h.open(local(tag.name), attrs, tag.isSelfClosing);
  });
  parser.on("closetag", (tag) => h.close(local(tag.name)));
  parser.on("text", (t) => h.text(t));
  parser.on("cdata", (t) => h.text(t));

  // OOXML parts are UTF-8, or UTF-16 with a byte-order mark: the first chunk tells.
  let decoder = null as TextDecoder | null;
  let tail = "";
  streamEntry(
    bytes,
    entry,
    (chunk) => {
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : "utf-8");
      const s = decoder.decode(chunk, { stream: true });
      // `<!DOCTYPE` or `<!ENTITY` may straddle two chunks: look at the seam too.
      if (/<!(DOCTYPE|ENTITY)/i.test(tail + s.slice(0, 16)) || /<!(DOCTYPE|ENTITY)/i.test(s)) throw hostile(partName);
      tail = s.slice(-16);
      parser.write(s);
    },
    limits,
  );
  const rest = decoder?.decode() ?? "";
  if (rest) parser.write(rest);
  parser.close();
  return true;
}
