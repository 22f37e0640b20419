import type { ReaderInfo } from "../types.js";

export type ImageKind = "png" | "jpeg" | "tiff";

/** The kind of a page image by its magic bytes, or null. */
export function imageKind(b: Uint8Array): ImageKind | null {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return "png";
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length > 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return "tiff";
  return null;
}

/** Page images by their bytes, without loading the reader (image decoding, OCR). */
export const imageInfo: ReaderInfo = {
  id: "image",
  label: "图片（扫描件）",
  extensions: [".png", ".jpg", ".jpeg", ".tif", ".tiff"],
  sniff(bytes) {
    return imageKind(bytes) ? 0.95 : 0;
  },
};
