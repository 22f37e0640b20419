import { zlibSync } from "fflate";
import { crc32 } from "../../src/readers/docx/zip.js";

/**
 * A minimal PDF writer for scanned-report fixtures: one page per PNG image and nothing else —
 * no fonts, no text layer — as a scanner or a "print to image" produces. The PNG's compressed
 * data is embedded as is (FlateDecode with the PNG predictor), so no re-encoding is needed.
 */
export interface PageImage {
  png: Uint8Array;
  /** Resolution the image was made at: sets the page size in points. */
  dpi: number;
}

interface PngInfo {
  width: number;
  height: number;
  colors: number;
  idat: Uint8Array;
}

function pngInfo(png: Uint8Array): PngInfo {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colors = 0;
  const parts: Uint8Array[] = [];
  while (pos + 8 <= png.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const depth = data[8];
      const colorType = data[9];
      if (depth !== 8 || data[12] !== 0 || (colorType !== 0 && colorType !== 2)) throw new Error("image-pdf: only 8-bit grey or RGB, non-interlaced PNGs");
      colors = colorType === 2 ? 3 : 1;
    } else if (type === "IDAT") parts.push(data);
    pos += 12 + len;
  }
  const idat = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    idat.set(p, o);
    o += p.length;
  }
  return { width, height, colors, idat };
}

export function imagePdf(pages: PageImage[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Uint8Array | string) => {
    const u = typeof b === "string" ? enc.encode(b) : b;
    chunks.push(u);
    size += u.length;
  };
  const obj = (n: number, body: (Uint8Array | string)[]) => {
    offsets[n] = size;
    push(`${n} 0 obj\n`);
    for (const b of body) push(b);
    push("\nendobj\n");
  };
  push("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  // Objects: 1 catalog, 2 pages, then per page: page, content, image.
  const kids = pages.map((_, i) => `${3 + i * 3} 0 R`).join(" ");
  obj(1, ["<< /Type /Catalog /Pages 2 0 R >>"]);
  obj(2, [`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`]);
  pages.forEach((p, i) => {
    const info = pngInfo(p.png);
    const w = (info.width * 72) / p.dpi;
    const h = (info.height * 72) / p.dpi;
    const n = 3 + i * 3;
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} 0 0 cm /Im0 Do Q`;
    obj(n, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`]);
    obj(n + 1, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
    obj(n + 2, [
      `<< /Type /XObject /Subtype /Image /Width ${info.width} /Height ${info.height} /ColorSpace /${info.colors === 3 ? "DeviceRGB" : "DeviceGray"} /BitsPerComponent 8 ` +
        `/Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors ${info.colors} /BitsPerComponent 8 /Columns ${info.width} >> /Length ${info.idat.length} >>\nstream\n`,
      info.idat,
      "\nendstream",
    ]);
  });
  const count = 3 + pages.length * 3;
  const xref = size;
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, "0")} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** An 8-bit greyscale PNG of raw pixels (0 black … 255 white), for synthetic page images. */
export function grayPng(width: number, height: number, pixels: Uint8Array, dpi?: number): Uint8Array {
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const chunks: Uint8Array[] = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    chunks.push(out);
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8);
  chunk("IHDR", ihdr);
  if (dpi) {
    const phys = new Uint8Array(9);
    const ppm = Math.round(dpi / 0.0254);
    new DataView(phys.buffer).setUint32(0, ppm);
    new DataView(phys.buffer).setUint32(4, ppm);
    phys[8] = 1;
    chunk("pHYs", phys);
  }
  chunk("IDAT", zlibSync(raw));
  chunk("IEND", new Uint8Array(0));
  const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

