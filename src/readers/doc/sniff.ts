import type { ReaderInfo } from "../types.js";
import { isOle, peekOleKind } from "./cfb.js";

export const isRtf = (b: Uint8Array) => b.length >= 5 && b[0] === 0x7b && b[1] === 0x5c && b[2] === 0x72 && b[3] === 0x74 && b[4] === 0x66; // {\rtf

/** Word 2003 XML (`<w:wordDocument>`), which some systems publish under a .doc name. */
export function isWordXml(b: Uint8Array): boolean {
  // `<?xml` at the start, behind a BOM or not: web pages (`<!DOCTYPE`, `<html`) stop here undecoded.
  const at = b[0] === 0x3c ? 0 : b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf && b[3] === 0x3c ? 3 : -1;
  if (at < 0 || b[at + 1] !== 0x3f || b[at + 2] !== 0x78 || b[at + 3] !== 0x6d || b[at + 4] !== 0x6c) return false;
  const head = new TextDecoder("utf-8").decode(b.subarray(0, 4096));
  return /^\uFEFF?<\?xml/.test(head) && /progid="Word\.Document"|<w:wordDocument[\s>]/.test(head);
}

/** DOC, WPS, RTF and Word 2003 XML by their bytes, without loading the reader (and the HTML reader it hands to). */
export const docInfo: ReaderInfo = {
  id: "doc",
  label: "Word 97–2003 文档（DOC/WPS）",
  extensions: [".doc", ".wps", ".dot", ".rtf"],
  sniff(bytes, name) {
    if (isRtf(bytes) || isWordXml(bytes)) return 0.9;
    if (isOle(bytes)) {
      const kind = peekOleKind(bytes);
      if (kind === "word" || kind === "works") return 0.95;
      // Other compound files (or damaged ones) come here for a clear message.
      return kind === "encrypted-ooxml" ? 0.5 : 0.6;
    }
    return name && /\.(doc|wps|dot)$/i.test(name) ? 0.05 : 0;
  },
};
