import { ReadError } from "../../model/errors.js";

/**
 * The Compound File Binary format (OLE2), read just far enough to list its streams and read
 * a few bytes of one: enough to tell a Word 97–2003 document from a WPS or Works file, an
 * encrypted OOXML package (`EncryptionInfo` + `EncryptedPackage`) or an Excel workbook.
 * Every sector number and chain is checked, so a damaged file fails cleanly.
 */
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOle(b: Uint8Array): boolean {
  return b.length >= 8 && OLE_MAGIC.every((x, i) => b[i] === x);
}

export interface CfbEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface Cfb {
  entries: CfbEntry[];
  has(name: string): boolean;
  /** The first `n` bytes of a stream (all of it when shorter). */
  read(name: string, n?: number): Uint8Array | null;
}

const END = 0xfffffffe;
const FREE = 0xffffffff;
const MAX_ENTRIES = 100_000;

const damaged = (why: string) => new ReadError("damaged", `文件已损坏（Office 复合文档结构错误：${why}），无法读取`);

export function openCfb(bytes: Uint8Array): Cfb {
  if (!isOle(bytes) || bytes.length < 512) throw damaged("文件头不完整");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (o: number) => {
    if (o + 4 > bytes.length) throw damaged("读取超出文件末尾");
    return dv.getUint32(o, true);
  };
  const shift = dv.getUint16(30, true);
  if (shift !== 9 && shift !== 12) throw damaged("扇区大小无效");
  const sector = 1 << shift;
  const miniShift = dv.getUint16(32, true);
  if (miniShift !== 6) throw damaged("小扇区大小无效");
  const nSectors = Math.floor((bytes.length - sector) / sector) + 1;
  const offset = (s: number) => (s + 1) * sector;

  // FAT sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(76 + i * 4);
    if (s !== FREE && s !== END) fatSectors.push(s);
  }
  let difat = u32(68);
  for (let guard = 0; difat !== END && difat !== FREE && guard < nSectors; guard++) {
    const per = sector / 4 - 1;
    for (let i = 0; i < per; i++) {
      const s = u32(offset(difat) + i * 4);
      if (s !== FREE && s !== END) fatSectors.push(s);
    }
    difat = u32(offset(difat) + per * 4);
  }
  if (fatSectors.length > nSectors) throw damaged("FAT 表过大");
  const fat = new Uint32Array(fatSectors.length * (sector / 4));
  fatSectors.forEach((s, k) => {
    if (offset(s) + sector > bytes.length) throw damaged("FAT 扇区超出文件末尾");
    for (let i = 0; i < sector / 4; i++) fat[k * (sector / 4) + i] = dv.getUint32(offset(s) + i * 4, true);
  });

  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END; s = table[s]!) {
      if (s === FREE || s >= table.length || out.length >= limit) throw damaged("扇区链错误");
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, max: number): Uint8Array => {
    const sectors = chain(start, fat, nSectors);
    const n = Math.min(max, sectors.length * sector);
    const out = new Uint8Array(n);
    let o = 0;
    for (const s of sectors) {
      if (o >= n) break;
      const from = offset(s);
      if (from >= bytes.length) throw damaged("扇区超出文件末尾");
      const part = bytes.subarray(from, Math.min(from + sector, bytes.length, from + (n - o)));
      out.set(part, o);
      o += part.length;
    }
    return out.subarray(0, o);
  };

  const dir = readChain(u32(48), MAX_ENTRIES * 128);
  const entries: CfbEntry[] = [];
  const ddv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  for (let o = 0; o + 128 <= dir.length; o += 128) {
    const type = dir[o + 66]!;
    if (type !== 1 && type !== 2 && type !== 5) continue;
    const nameLen = Math.min(64, ddv.getUint16(o + 64, true));
    let name = "";
    for (let i = 0; i + 1 < nameLen - 1; i += 2) name += String.fromCharCode(ddv.getUint16(o + i, true));
    const size = ddv.getUint32(o + 120, true) + (shift === 12 ? ddv.getUint32(o + 124, true) * 2 ** 32 : 0);
    entries.push({ name, type, start: ddv.getUint32(o + 116, true), size });
  }
  const root = entries.find((e) => e.type === 5);
  if (!root) throw damaged("缺少根目录，文件可能不完整");
  const cutoff = u32(56);

  let mini: { fat: Uint32Array; data: Uint8Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const mfStart = u32(60);
    const mf = mfStart === END ? new Uint8Array(0) : readChain(mfStart, nSectors * sector);
    const table = new Uint32Array(mf.length / 4);
    const mdv = new DataView(mf.buffer, mf.byteOffset, mf.byteLength);
    for (let i = 0; i < table.length; i++) table[i] = mdv.getUint32(i * 4, true);
    mini = { fat: table, data: readChain(root.start, root.size) };
    return mini;
  };

  const find = (name: string) => entries.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());
  return {
    entries,
    has: (name) => find(name) !== undefined,
    read(name, n = Infinity) {
      const e = find(name);
      if (!e) return null;
      const want = Math.min(n, e.size);
      if (e.size >= cutoff) return readChain(e.start, want);
      const m = miniStream();
      const sectors = chain(e.start, m.fat, m.fat.length);
      const out = new Uint8Array(want);
      let o = 0;
      for (const s of sectors) {
        if (o >= want) break;
        const part = m.data.subarray(s * 64, Math.min(s * 64 + 64, m.data.length, s * 64 + (want - o)));
        out.set(part, o);
        o += part.length;
      }
      return out.subarray(0, o);
    },
  };
}

/** What an OLE compound file holds, by its stream names. */
export type OleKind = "encrypted-ooxml" | "word" | "works" | "excel" | "powerpoint" | "other";

export function oleKind(c: Cfb): OleKind {
  if (c.has("EncryptionInfo") || c.has("EncryptedPackage")) return "encrypted-ooxml";
  if (c.has("WordDocument")) return "word";
  // Microsoft Works word processor (`.wps`); LibreOffice reads it through libwps.
  if (c.has("CONTENTS") || c.has("MN0")) return "works";
  if (c.has("Workbook") || c.has("Book")) return "excel";
  if (c.has("PowerPoint Document")) return "powerpoint";
  return "other";
}

/** Quick look for sniffing: never throws. */
export function peekOleKind(bytes: Uint8Array): OleKind | null {
  if (!isOle(bytes)) return null;
  try {
    return oleKind(openCfb(bytes));
  } catch {
    return null;
  }
}

/** Word 97–2003 FIB flag `fEncrypted` (password to open). */
export function wordIsEncrypted(c: Cfb): boolean {
  const fib = c.read("WordDocument", 12);
  if (!fib || fib.length < 12) return false;
  const ident = fib[0]! | (fib[1]! << 8);
  const flags = fib[10]! | (fib[11]! << 8);
  return ident === 0xa5ec && (flags & 0x0100) !== 0;
}
