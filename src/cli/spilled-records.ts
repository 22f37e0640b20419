import { closeSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ByteReader, LONE_SURROGATE, writeVarint } from "../model/packed.js";

/** What the records keep in memory at most (one block), and what is read back at a time. */
export const SPILL_BLOCK = 64 << 10;

const encoder = new TextEncoder();
/** Temporary files made by this process, for unique names. */
let made = 0;

/**
 * Records of a small number and a string, appended and then read back in order: the newest
 * block in memory, the full ones before it in a temporary file deleted as soon as it is open
 * (nothing is left behind, however the process ends). The input files of a batch: held in
 * memory, their names were the one part of a batch's memory that grew with the folder (3.5 MB
 * at 100,000 files, 35 MB at a million).
 */
export class SpilledRecords implements Iterable<[number, string]> {
  private block = new Uint8Array(SPILL_BLOCK);
  private used = 0;
  private count = 0;
  /** The full blocks in order: where each is in the file, or its bytes where no file could be made. */
  private readonly blocks: ({ offset: number; size: number } | Uint8Array)[] = [];
  /** The file's descriptor; null where none can be made or deleted (no writable temporary folder). */
  private fd: number | null | undefined;
  private fileBytes = 0;
  /** Strings with an unpaired surrogate (UTF-8 would change them), kept as they are. */
  private readonly aside = new Map<number, string>();

  get length(): number {
    return this.count;
  }

  /** Bytes held in memory (the file's are not). */
  get heldBytes(): number {
    return this.block.length + this.blocks.reduce<number>((n, b) => n + (b instanceof Uint8Array ? b.buffer.byteLength : 0), 0);
  }

  push(n: number, text: string): void {
    if (LONE_SURROGATE.test(text)) {
      this.aside.set(this.count, text);
      text = "";
    }
    const bytes = encoder.encode(text);
    const need = bytes.length + 20;
    if (this.used + need > this.block.length) this.flush(need);
    let at = writeVarint(this.block, this.used, n);
    at = writeVarint(this.block, at, bytes.length + 1);
    this.block.set(bytes, at);
    this.used = at + bytes.length;
    this.count++;
  }

  *[Symbol.iterator](): Iterator<[number, string]> {
    const counter = { index: 0 };
    let buffer = new Uint8Array(0);
    for (const block of this.blocks) {
      if (block instanceof Uint8Array) {
        yield* this.decode(block, counter);
        continue;
      }
      if (buffer.length < block.size) buffer = new Uint8Array(Math.max(block.size, SPILL_BLOCK));
      readAll(this.fd!, buffer, block.size, block.offset);
      yield* this.decode(buffer.subarray(0, block.size), counter);
    }
    yield* this.decode(this.block.subarray(0, this.used), counter);
  }

  /** Closes the file (already deleted). */
  close(): void {
    if (this.fd != null) closeSync(this.fd);
    this.fd = null;
  }

  /** The block out of memory; the next one big enough for `need` bytes. */
  private flush(need: number): void {
    const full = this.block.subarray(0, this.used);
    this.block = new Uint8Array(Math.max(SPILL_BLOCK, need));
    this.used = 0;
    if (full.length === 0) return;
    if (this.fd === undefined) this.fd = openDeleted();
    if (this.fd !== null) {
      try {
        writeAll(this.fd, full, this.fileBytes);
        this.blocks.push({ offset: this.fileBytes, size: full.length });
        this.fileBytes += full.length;
        return;
      } catch {
        // A full disk: this block stays in memory, as all do without a file.
      }
    }
    this.blocks.push(full);
  }

  private *decode(bytes: Uint8Array, counter: { index: number }): Generator<[number, string]> {
    const r = new ByteReader(bytes, 0);
    while (r.at < bytes.length) {
      const n = r.varint();
      const text = r.text() ?? "";
      yield [n, this.aside.get(counter.index++) ?? text];
    }
  }
}

/** A new temporary file, already deleted: only this descriptor reaches it. Null where that cannot be. */
function openDeleted(): number | null {
  const path = join(tmpdir(), `nianbao-list-${process.pid}-${++made}`);
  let fd: number;
  try {
    fd = openSync(path, "wx+", 0o600);
  } catch {
    return null;
  }
  try {
    unlinkSync(path);
    return fd;
  } catch {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // not ours to remove any more
    }
    return null;
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function readAll(fd: number, into: Uint8Array, size: number, position: number): void {
  for (let done = 0; done < size; ) {
    const n = readSync(fd, into, done, size - done, position + done);
    if (n === 0) throw new Error(`临时文件列表被截断（应有 ${size} 字节，只读到 ${done} 字节）`);
    done += n;
  }
}
