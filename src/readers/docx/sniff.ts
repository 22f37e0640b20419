import { isOle, peekOleKind } from "../doc/cfb.js";
import { latin1 } from "../latin1.js";
import type { ReaderInfo } from "../types.js";

/** A ZIP local file header (or an empty or spanned archive's marker). */
export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8);
}

const WORD_ZIP_RE = /word\/document\d*\.xml|word\/_rels|\[Content_Types\]\.xml/;

/** Word 2007+ (DOCX) by its bytes, without loading the reader (the zip and XML code). */
export const docxInfo: ReaderInfo = {
  id: "docx",
  label: "Word 文档（DOCX）",
  extensions: [".docx", ".docm", ".dotx", ".dotm"],
  sniff(bytes, name) {
    if (isZip(bytes)) {
      // Part names sit in the local headers at the front and in the directory at the end.
      const look = latin1(bytes.subarray(0, 4096)) + latin1(bytes.subarray(Math.max(0, bytes.length - 65536)));
      return /word\//.test(look) ? 0.95 : WORD_ZIP_RE.test(look) ? 0.7 : 0.5;
    }
    if (isOle(bytes)) return peekOleKind(bytes) === "encrypted-ooxml" ? 0.95 : 0;
    return name && /\.(docx|docm|dotx)$/i.test(name) ? 0.05 : 0;
  },
};
