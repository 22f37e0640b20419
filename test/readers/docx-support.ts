import { strToU8, zipSync } from "fflate";
import { createDeflateRaw } from "node:zlib";
import { crc32 } from "../../src/readers/docx/zip.js";

/** Fixtures for the Word readers, made in memory: packages, raw zips, compound files. */

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

export const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const DOC_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>';

export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

export function stylesXml(styles: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${styles}</w:styles>`;
}

export function numberingXml(defs: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${defs}</w:numbering>`;
}

/** A Word package around a body; styles and numbering parts when given. */
export function docx(body: string, parts: { styles?: string; numbering?: string; documentXml?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(ROOT_RELS),
    "word/document.xml": strToU8(parts.documentXml ?? documentXml(body)),
    "word/_rels/document.xml.rels": strToU8(DOC_RELS),
  };
  if (parts.styles) files["word/styles.xml"] = strToU8(stylesXml(parts.styles));
  if (parts.numbering) files["word/numbering.xml"] = strToU8(numberingXml(parts.numbering));
  return zipSync(files);
}

export const p = (text: string, ppr = "") => `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ""}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
export const tc = (inner: string, tcpr = "") => `<w:tc>${tcpr ? `<w:tcPr>${tcpr}</w:tcPr>` : ""}${inner.startsWith("<") ? inner : p(inner)}</w:tc>`;
export const tr = (cells: string, trpr = "") => `<w:tr>${trpr ? `<w:trPr>${trpr}</w:trPr>` : ""}${cells}</w:tr>`;
export const tbl = (cols: number, rows: string) =>
  `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>${rows}</w:tbl>`;

// ---- raw ZIP, for archives that lie --------------------------------------------------------

export interface RawEntry {
  name: string;
  /** Bytes as stored (already deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Declared uncompressed size. */
  size: number;
  /** CRC-32 of the inflated bytes (default: of `data` for stored entries, else 0). */
  crc?: number;
  /** Declared compressed size (default: data length). */
  compressedSize?: number;
  flags?: number;
}

/** A ZIP written by hand, sizes and CRCs as declared (so it can lie). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const crcOf = (e: RawEntry) => e.crc ?? (e.method === 0 ? crc32(e.data) : 0);
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const lh = new Uint8Array(30 + name.length);
    const lv = new DataView(lh.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, (e.flags ?? 0) | 0x800, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, crcOf(e), true);
    lv.setUint32(18, e.compressedSize ?? e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, name.length, true);
    lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, (e.flags ?? 0) | 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, crcOf(e), true);
    cv.setUint32(20, e.compressedSize ?? e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    ch.set(name, 46);
    locals.push(lh, e.data);
    centrals.push(ch);
    offset += lh.length + e.data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(entries.length, 0xffff), true);
  ev.setUint16(10, Math.min(entries.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...locals, ...centrals, eocd];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) out.set(c, o), (o += c.length);
  return out;
}

/** `n` bytes of zeros deflated in a stream (never held inflated): about n/1000 bytes. */
export async function deflatedZeros(n: number): Promise<Uint8Array> {
  const z = createDeflateRaw({ level: 9, memLevel: 9 });
  const parts: Buffer[] = [];
  z.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => z.on("end", resolve));
  const chunk = Buffer.alloc(1 << 20);
  for (let left = n; left > 0; left -= chunk.length) {
    if (!z.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

// ---- OLE compound file -----------------------------------------------------------------------

/**
 * A minimal compound file (version 3, 512-byte sectors) holding the given streams. Streams are
 * padded to 4096 bytes so that they live in regular sectors (no mini stream needed).
 */
export function compoundFile(streams: [string, Uint8Array][]): Uint8Array {
  const S = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const padded = streams.map(([name, data]) => {
    const size = Math.max(4096, data.length);
    const buf = new Uint8Array(Math.ceil(size / S) * S);
    buf.set(data);
    return { name, buf, size };
  });
  const dataSectors = padded.reduce((n, s) => n + s.buf.length / S, 0);
  const dirSectors = Math.ceil((streams.length + 1) / 4);
  let fatSectors = 1;
  while (fatSectors * 128 < fatSectors + dirSectors + dataSectors) fatSectors++;
  const total = fatSectors + dirSectors + dataSectors;
  const out = new Uint8Array(S * (1 + total));
  const dv = new DataView(out.buffer);
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].forEach((b, i) => (out[i] = b));
  dv.setUint16(24, 0x3e, true);
  dv.setUint16(26, 3, true);
  dv.setUint16(28, 0xfffe, true);
  dv.setUint16(30, 9, true);
  dv.setUint16(32, 6, true);
  dv.setUint32(44, fatSectors, true);
  dv.setUint32(48, fatSectors, true);
  dv.setUint32(56, 4096, true);
  dv.setUint32(60, END, true);
  dv.setUint32(68, END, true);
  for (let i = 0; i < 109; i++) dv.setUint32(76 + i * 4, i < fatSectors ? i : FREE, true);

  const fat = new Uint32Array(fatSectors * 128).fill(FREE);
  for (let i = 0; i < fatSectors; i++) fat[i] = 0xfffffffd;
  const chain = (start: number, n: number) => {
    for (let i = 0; i < n; i++) fat[start + i] = i === n - 1 ? END : start + i + 1;
  };
  chain(fatSectors, dirSectors);
  let next = fatSectors + dirSectors;
  const starts: number[] = [];
  for (const s of padded) {
    starts.push(next);
    chain(next, s.buf.length / S);
    out.set(s.buf, S * (1 + next));
    next += s.buf.length / S;
  }
  fat.forEach((v, i) => dv.setUint32(S + i * 4, v, true));

  const dirAt = S * (1 + fatSectors);
  const entry = (i: number, name: string, type: number, start: number, size: number, child: number, right: number) => {
    const o = dirAt + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(o + k * 2, name.charCodeAt(k), true);
    dv.setUint16(o + 64, (name.length + 1) * 2, true);
    out[o + 66] = type;
    out[o + 67] = 1;
    dv.setUint32(o + 68, FREE, true);
    dv.setUint32(o + 72, right, true);
    dv.setUint32(o + 76, child, true);
    dv.setUint32(o + 116, start, true);
    dv.setUint32(o + 120, size, true);
  };
  entry(0, "Root Entry", 5, END, 0, padded.length ? 1 : FREE, FREE);
  padded.forEach((s, i) => entry(i + 1, s.name, 2, starts[i]!, s.size, FREE, i + 2 <= padded.length ? i + 2 : FREE));
  return out;
}

/** Chinese text somewhere in a message. */
export const CHINESE = /[\u4e00-\u9fff]/;
