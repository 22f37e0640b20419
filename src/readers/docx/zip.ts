import { Inflate, inflateSync } from "fflate";
import { ReadError } from "../../model/errors.js";

/**
 * A ZIP archive read defensively: the central directory is parsed by hand so that every
 * number is checked before anything is inflated (entry count, declared sizes), and entries are
 * inflated in small steps so that the real size is counted as it grows. A zip bomb costs us at
 * most one step's output, never its declared size. The compression ratio is not a limit: a real
 * Word table of 200,000 repetitive rows compresses 229:1; what counts is what is inflated.
 */
export interface ZipLimits {
  /** Most entries an archive may list (DOCX files have tens). */
  maxEntries: number;
  /** Most bytes all entries may declare together once inflated. */
  maxTotalDeclared: number;
  /** Most bytes one part we read may inflate to. */
  maxEntryBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalDeclared: 1024 * 1024 * 1024,
  maxEntryBytes: 200 * 1024 * 1024,
};

export interface ZipEntry {
  name: string;
  crc: number;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: ZipEntry[];
  /** Part names are case-insensitive in OPC packages. */
  find(name: string): ZipEntry | undefined;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOC64 = 0x07064b50;
const SIG_CEN = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export { isZip } from "./sniff.js";

const damaged = (why: string) =>
  new ReadError("damaged", `Word 文件已损坏或不完整（${why}）：文件可能没有下载完整或在复制时被截断，请重新获取原文件`);

const bomb = (why: string) =>
  new ReadError("too-large", `拒绝读取：这个 Word 文件的压缩内容异常（${why}），可能是“压缩炸弹”，解压会耗尽内存`);

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

/** Parses the central directory; nothing is inflated yet. */
export function openZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipArchive {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => {
    const v = Number(dv.getBigUint64(o, true));
    if (!Number.isSafeInteger(v)) throw damaged("ZIP64 数值超出范围");
    return v;
  };

  // End of central directory: the last 22 bytes, or further back when there is a comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === SIG_EOCD && i + 22 + u16(i + 20) <= bytes.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged("找不到 ZIP 目录，文件末尾缺失");

  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(loc) !== SIG_LOC64) throw damaged("ZIP64 目录定位信息缺失");
    const e64 = u64(loc + 8);
    if (e64 + 56 > bytes.length || u32(e64) !== SIG_EOCD64) throw damaged("ZIP64 目录缺失");
    count = u64(e64 + 32);
    cdSize = u64(e64 + 40);
    cdOffset = u64(e64 + 48);
  }
  if (count > limits.maxEntries) throw bomb(`包含 ${count} 个条目，超过上限 ${limits.maxEntries}`);
  if (cdOffset + cdSize > bytes.length) throw damaged("ZIP 目录超出文件末尾");

  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder("utf-8");
  const gbk = new TextDecoder("gb18030");
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(p) !== SIG_CEN) throw damaged("ZIP 目录条目错误");
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    let localOffset = u32(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > bytes.length) throw damaged("ZIP 目录条目超出文件末尾");
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: UTF-8 names. Without it, Chinese zip tools write GBK.
    const name = (flags & 0x800 ? decoder : gbk).decode(rawName);
    // ZIP64 extra field: the 32-bit fields that are all ones are given here, in order.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = u16(x);
      const len = u16(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff && q + 8 <= x + 4 + len) (size = u64(q)), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) (compressedSize = u64(q)), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) localOffset = u64(q);
      }
      x += 4 + len;
    }
    total += size;
    if (total > limits.maxTotalDeclared) throw bomb(`解压后总大小超过 ${mb(limits.maxTotalDeclared)}`);
    entries.push({ name, crc, method, flags, compressedSize, size, localOffset });
    p = end;
  }

  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const key = e.name.replace(/^\/+/, "").toLowerCase();
    if (!byName.has(key)) byName.set(key, e);
  }
  return { entries, find: (n) => byName.get(n.replace(/^\/+/, "").toLowerCase()) };
}

/** The compressed bytes of an entry, located through its local header. */
function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = e.localOffset;
  if (o + 30 > bytes.length || dv.getUint32(o, true) !== SIG_LOCAL) throw damaged(`条目“${e.name}”的位置错误`);
  const start = o + 30 + dv.getUint16(o + 26, true) + dv.getUint16(o + 28, true);
  if (start + e.compressedSize > bytes.length) throw damaged(`条目“${e.name}”超出文件末尾`);
  return bytes.subarray(start, start + e.compressedSize);
}

/** Input step: at most ~16 MB of output per step even at deflate's 1032:1 ceiling. */
const STEP = 16 * 1024;
/** Compressed entries up to this size are inflated in one call (at most ~66 MB of work). */
const SMALL = 64 * 1024;

/**
 * Inflates one entry, handing the output to `sink` chunk by chunk. Stops with a ReadError as
 * soon as the output passes the declared size or the limit.
 */
export function streamEntry(bytes: Uint8Array, e: ZipEntry, sink: (chunk: Uint8Array) => void, limits: ZipLimits = ZIP_LIMITS): void {
  if (e.flags & 0x1) throw new ReadError("encrypted", "Word 文件已加密（ZIP 内容设置了密码），无法读取：请去掉密码后另存再试");
  if (e.size > limits.maxEntryBytes) throw bomb(`“${e.name}”解压后 ${mb(e.size)}，超过上限 ${mb(limits.maxEntryBytes)}`);
  const data = entryData(bytes, e);
  if (e.method === 0) {
    if (data.length !== e.size) throw damaged(`条目“${e.name}”长度不符`);
    if (crc32(data) !== e.crc) throw damaged(`条目“${e.name}”校验和不符`);
    sink(data);
    return;
  }
  if (e.method !== 8) throw new ReadError("unsupported", `Word 文件使用了不支持的压缩方式（${e.method}）`);
  if (data.length <= SMALL) {
    // Small entries in one go into a buffer one byte longer than declared: a longer real size
    // fills that byte; what goes past it is dropped, and the work is bounded by SMALL × 1032.
    let whole: Uint8Array;
    try {
      whole = inflateSync(data, { out: new Uint8Array(e.size + 1) });
    } catch (err) {
      throw damaged(`条目“${e.name}”解压失败：${(err as Error).message}`);
    }
    if (whole.length > e.size) throw bomb(`“${e.name}”解压后的实际大小超过声明的 ${e.size} 字节`);
    if (whole.length !== e.size) throw damaged(`条目“${e.name}”解压后长度 ${whole.length} 与声明的 ${e.size} 不符`);
    if (crc32(whole) !== e.crc) throw damaged(`条目“${e.name}”校验和不符`);
    sink(whole);
    return;
  }
  let out = 0;
  let crc = CRC_INIT;
  const cap = Math.min(e.size, limits.maxEntryBytes);
  // What the sink throws is the reader's own problem, not damage to the file.
  let sinkError: unknown = undefined;
  const inflater = new Inflate((chunk) => {
    out += chunk.length;
    if (out > cap) {
      throw out > e.size
        ? bomb(`“${e.name}”解压后的实际大小超过声明的 ${e.size} 字节`)
        : bomb(`“${e.name}”解压后超过 ${mb(limits.maxEntryBytes)}`);
    }
    crc = crcUpdate(crc, chunk);
    try {
      sink(chunk);
    } catch (err) {
      sinkError = err;
      throw err;
    }
  });
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, Math.min(i + STEP, data.length)), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ReadError || err === sinkError) throw err;
    throw damaged(`条目“${e.name}”解压失败：${(err as Error).message}`);
  }
  if (out !== e.size) throw damaged(`条目“${e.name}”解压后长度 ${out} 与声明的 ${e.size} 不符`);
  // A flipped bit can inflate to other, valid-looking text (a 5 read as 7): the CRC catches it.
  if ((crc ^ CRC_INIT) >>> 0 !== e.crc) throw damaged(`条目“${e.name}”校验和不符`);
}

const CRC_INIT = 0xffffffff;
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crcUpdate(crc: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) crc = CRC_TABLE[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

/** CRC-32 as ZIP stores it. */
export function crc32(b: Uint8Array): number {
  return (crcUpdate(CRC_INIT, b) ^ CRC_INIT) >>> 0;
}

/** A whole small part (relationships, styles) as bytes. */
export function readEntry(bytes: Uint8Array, e: ZipEntry, limits: ZipLimits = ZIP_LIMITS): Uint8Array {
  const chunks: Uint8Array[] = [];
  let n = 0;
  streamEntry(
    bytes,
    e,
    (c) => {
      chunks.push(c);
      n += c.length;
    },
    limits,
  );
  if (chunks.length === 1) return chunks[0]!;
  const all = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) all.set(c, o), (o += c.length);
  return all;
}
