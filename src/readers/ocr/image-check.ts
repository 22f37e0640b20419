import { ReadError } from "../../model/errors.js";
import { MAX_PIXELS } from "./image.js";

/**
 * What can be told of an image file from its headers alone, before any decoder sees it: its
 * size, and whether a JPEG is whole. A picture too large to be a page is refused as too large,
 * with the limit; a JPEG cut short is refused before the decoder prints its English warnings.
 */
export function checkImage(kind: "png" | "jpeg" | "tiff", b: Uint8Array): void {
  const size = kind === "png" ? pngSize(b) : kind === "jpeg" ? jpegSize(b) : tiffSize(b);
  const label = kind.toUpperCase();
  if (size && size.width * size.height > MAX_PIXELS) {
    throw new ReadError(
      "too-large",
      `${label} 图片太大（${size.width}×${size.height} 像素），超过上限 ${MAX_PIXELS / 1e4} 万像素：一页报告的扫描图像（A3、600 dpi）约 7000 万像素`,
    );
  }
  if (kind === "jpeg" && !jpegEnds(b)) throw new ReadError("damaged", "JPEG 图片不完整（缺少文件结尾标记），可能在下载或复制时被截断");
}

function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** The frame header (SOF0–SOF15 but DHT, JPG and DAC) gives the size. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      return { height: (b[i + 5]! << 8) | b[i + 6]!, width: (b[i + 7]! << 8) | b[i + 8]! };
    }
    if (m === 0xda || len < 2) return null;
    i += 2 + len;
  }
  return null;
}

/** An end-of-image marker near the end (writers may pad after it). */
function jpegEnds(b: Uint8Array): boolean {
  for (let i = b.length - 2; i >= Math.max(0, b.length - 4096); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/** ImageWidth (256) and ImageLength (257) of the first directory. */
function tiffSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 8) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b[0] === 0x49;
  const ifd = v.getUint32(4, le);
  if (ifd + 2 > b.length) return null;
  const n = v.getUint16(ifd, le);
  let width = 0;
  let height = 0;
  for (let k = 0; k < n && ifd + 2 + k * 12 + 12 <= b.length; k++) {
    const at = ifd + 2 + k * 12;
    const tag = v.getUint16(at, le);
    const type = v.getUint16(at + 2, le);
    const value = type === 3 ? v.getUint16(at + 8, le) : v.getUint32(at + 8, le);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? { width, height } : null;
}
