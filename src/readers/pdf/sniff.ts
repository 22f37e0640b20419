import type { ReaderInfo } from "../types.js";

/** Offset of `%PDF-` in the first KiB (some files carry junk before it), or -1. */
export function pdfHeaderAt(bytes: Uint8Array): number {
  const n = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return i;
  }
  return -1;
}

/** PDF by its bytes, without loading the reader (pdfjs is loaded when a PDF is read). */
export const pdfInfo: ReaderInfo = {
  id: "pdf",
  label: "PDF",
  extensions: [".pdf"],
  sniff(bytes) {
    return pdfHeaderAt(bytes) >= 0 ? 0.95 : 0;
  },
};
