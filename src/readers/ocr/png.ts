import { unzlibSync } from "fflate";
import { type Gray, luma, MAX_PIXELS } from "./image.js";

/** PNG signature: \x89PNG\r\n\x1a\n. */
export function isPng(b: Uint8Array): boolean {
  return b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a;
}

export interface DecodedPng {
  image: Gray;
  /** From the pHYs chunk, when it gives pixels per metre. */
  dpi?: number;
}

/**
 * Decodes a PNG to greyscale: every colour type, bit depths 1–16, no interlacing (Adam7
 * images return null and go through the OCR engine's own decoder). Throws on damage.
 */
export function decodePng(b: Uint8Array): DecodedPng | null {
  if (!isPng(b)) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let type = 0;
  let interlace = 0;
  let palette: Uint8Array | null = null;
  let dpi: number | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= b.length) {
    const len = view.getUint32(pos);
    const name = String.fromCharCode(b[pos + 4]!, b[pos + 5]!, b[pos + 6]!, b[pos + 7]!);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (data.length < len) throw new Error("truncated PNG chunk");
    if (name === "IHDR") {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      depth = data[8]!;
      type = data[9]!;
      interlace = data[12]!;
    } else if (name === "PLTE") palette = data;
    else if (name === "pHYs" && len >= 9 && data[8] === 1) dpi = Math.round(view.getUint32(pos + 8) * 0.0254);
    else if (name === "IDAT") idat.push(data);
    else if (name === "IEND") break;
    pos += 12 + len;
  }
  if (!width || !height) throw new Error("PNG without header");
  if (width * height > MAX_PIXELS) throw new Error("PNG too large");
  if (interlace) return null;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type as 0];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth)) throw new Error("unsupported PNG type");
  let total = 0;
  for (const d of idat) total += d.length;
  const z = new Uint8Array(total);
  let o = 0;
  for (const d of idat) {
    z.set(d, o);
    o += d.length;
  }
  const bpp = Math.max(1, (channels * depth) >> 3);
  const stride = Math.ceil((width * channels * depth) / 8);
  const raw = unzlibSync(z);
  if (raw.length < (stride + 1) * height) throw new Error("truncated PNG data");
  const img: Gray = { width, height, data: new Uint8Array(width * height) };
  let prev = new Uint8Array(stride);
  let cur = new Uint8Array(stride);
  const maxV = (1 << Math.min(depth, 8)) - 1;
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const up = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const x = line[i]!;
      let v: number;
      if (f === 0) v = x;
      else if (f === 1) v = x + a;
      else if (f === 2) v = x + up;
      else if (f === 3) v = x + ((a + up) >> 1);
      else if (f === 4) {
        const p = a + up - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
      } else throw new Error("bad PNG filter");
      cur[i] = v & 255;
    }
    const sample = (idx: number): number => {
      if (depth === 8) return cur[idx]!;
      if (depth === 16) return cur[idx * 2]!;
      const bit = idx * depth;
      return (cur[bit >> 3]! >> (8 - depth - (bit & 7))) & maxV;
    };
    for (let x = 0; x < width; x++) {
      let g: number;
      if (type === 0) g = depth < 8 ? Math.round((sample(x) * 255) / maxV) : sample(x);
      else if (type === 3) {
        const k = sample(x) * 3;
        g = palette && k + 2 < palette.length ? luma(palette[k]!, palette[k + 1]!, palette[k + 2]!) : 0;
      } else if (type === 2) g = luma(sample(x * 3), sample(x * 3 + 1), sample(x * 3 + 2));
      else if (type === 4) g = blendWhite(sample(x * 2), sample(x * 2 + 1));
      else g = blendWhite(luma(sample(x * 4), sample(x * 4 + 1), sample(x * 4 + 2)), sample(x * 4 + 3));
      img.data[y * width + x] = g;
    }
    [prev, cur] = [cur, prev];
  }
  return { image: img, dpi };
}

/** Transparent pixels are paper. */
function blendWhite(v: number, alpha: number): number {
  return Math.round((v * alpha + 255 * (255 - alpha)) / 255);
}
