/**
 * Compact storage for what a batch keeps of every report (the cross-year summaries of 100,000
 * reports): rows of small integers in one growing typed array, strings that repeat stored once,
 * and per-report numbers and text as bytes in an arena — no object per report, so memory grows
 * by one to two hundred bytes a report (measured with the cross-year summaries), not by the
 * kilobyte a few objects and a Float64Array row would cost. Runs in the browser too (no Node module).
 */

/** Rows of `width` 32-bit integers, appended and updated in place. */
export class IntRows {
  private data: Int32Array;
  private rows = 0;

  constructor(private readonly width: number) {
    this.data = new Int32Array(width * 16);
  }

  get length(): number {
    return this.rows;
  }

  /** Appends a row; returns its index. */
  push(...values: number[]): number {
    if ((this.rows + 1) * this.width > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values, this.rows * this.width);
    return this.rows++;
  }

  get(row: number, field: number): number {
    return this.data[row * this.width + field]!;
  }

  set(row: number, field: number, value: number): void {
    this.data[row * this.width + field] = value;
  }
}

/** Each distinct string once, with a dense number. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];

  get size(): number {
    return this.list.length;
  }

  /** The string's number, added if new. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      this.ids.set(s, (id = this.list.length));
      this.list.push(s);
    }
    return id;
  }

  /** The string's number, or undefined if it was never added. */
  find(s: string): number | undefined {
    return this.ids.get(s);
  }

  at(id: number): string {
    return this.list[id]!;
  }
}

/** A string UTF-8 cannot carry as it is (`isWellFormed` is newer than browsers the filing page must serve). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The largest chunk of an arena; the first is small (a book is often made for one report). */
const CHUNK = 1 << 20;
const FIRST_CHUNK = 4096;
const encoder = new TextEncoder();
// ignoreBOM: a string that starts with U+FEFF comes back with it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Records of numbers (NaN for none) and one optional string, as bytes. A non-negative integer —
 * what almost every report cell holds — takes one to three bytes; anything else nine.
 */
export class RecordArena {
  private readonly chunks: Uint8Array[] = [];
  /** Strings with an unpaired surrogate (UTF-8 would change them), kept as they are, by record. */
  private readonly aside = new Map<number, string>();
  private used = CHUNK;
  /** Where each record starts: chunk × CHUNK + offset (exact in a double far past any batch). */
  private starts = new Float64Array(16);
  private count = 0;
  private scratch = new Uint8Array(256);

  /** Appends a record; returns its index. */
  push(values: ArrayLike<number>, text: string | undefined): number {
    if (text !== undefined && LONE_SURROGATE.test(text)) {
      this.aside.set(this.count, text);
      text = undefined;
    }
    const textBytes = text === undefined ? null : encoder.encode(text);
    const need = values.length * 9 + 10 + (textBytes?.length ?? 0);
    if (this.scratch.length < need) this.scratch = new Uint8Array(need);
    // The text first: reading it alone (a file name) skips the numbers.
    let n = writeVarint(this.scratch, 0, textBytes === null ? 0 : textBytes.length + 1);
    if (textBytes) {
      this.scratch.set(textBytes, n);
      n += textBytes.length;
    }
    n = writeNumbers(this.scratch, n, values);
    if (!this.chunks.length || this.used + n > this.chunks[this.chunks.length - 1]!.length) {
      const size = Math.min(CHUNK, FIRST_CHUNK * 2 ** this.chunks.length);
      this.chunks.push(new Uint8Array(Math.max(size, n)));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    this.chunks[chunk]!.set(this.scratch.subarray(0, n), this.used);
    if (this.count === this.starts.length) {
      const grown = new Float64Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[this.count] = chunk * CHUNK + this.used;
    this.used += n;
    return this.count++;
  }

  /** The record's string. */
  text(record: number): string | undefined {
    return this.aside.get(record) ?? this.reader(record).text();
  }

  /** The record's `n` numbers and its string. */
  read(record: number, n: number): { values: number[]; text: string | undefined } {
    const at = this.reader(record);
    // Read either way: the numbers come after it.
    const stored = at.text();
    const text = this.aside.get(record) ?? stored;
    return { values: at.numbers(n), text };
  }

  private reader(record: number): ByteReader {
    const start = this.starts[record]!;
    return new ByteReader(this.chunks[Math.floor(start / CHUNK)]!, start % CHUNK);
  }
}

/** `n` and the bytes after it: seven bits a byte, low first. Returns where it ended. */
export function writeVarint(out: Uint8Array, n: number, u: number): number {
  while (u >= 128) {
    out[n++] = (u % 128) | 128;
    u = Math.floor(u / 128);
  }
  out[n++] = u;
  return n;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

/**
 * Numbers as bytes from `n` on: NaN one byte, a non-negative integer (almost every report
 * cell) one to three, anything else nine. Returns where they ended.
 */
function writeNumbers(out: Uint8Array, n: number, values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) n = writeVarint(out, n, 0);
    else if (Number.isInteger(v) && v >= 0 && v < 2 ** 46) n = writeVarint(out, n, v + 2);
    else {
      out[n++] = 1;
      f64[0] = v;
      out.set(f64Bytes, n);
      n += 8;
    }
  }
  return n;
}

/** Reads what `writeVarint`, `writeNumbers` and a record's text wrote, in order. */
export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    /** Where the next read starts (a reader of many records stops at the end of the bytes). */
    public at: number,
  ) {}

  varint(): number {
    let u = 0;
    let scale = 1;
    for (;;) {
      const b = this.bytes[this.at++]!;
      u += (b & 127) * scale;
      if (b < 128) return u;
      scale *= 128;
    }
  }

  text(): string | undefined {
    const len = this.varint();
    if (len === 0) return undefined;
    this.at += len - 1;
    return decoder.decode(this.bytes.subarray(this.at - len + 1, this.at));
  }

  numbers(count: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const u = this.varint();
      if (u === 0) out.push(NaN);
      else if (u > 1) out.push(u - 2);
      else {
        f64Bytes.set(this.bytes.subarray(this.at, this.at + 8));
        this.at += 8;
        out.push(f64[0]!);
      }
    }
    return out;
  }
}

/**
 * A map from a pair of 32-bit integers to one (-1: none), in typed arrays: a few bytes a pair
 * rather than a Map entry and a boxed number key (about 50 bytes) for each.
 */
export class IntPairMap {
  private a = new Int32Array(16);
  private b = new Int32Array(16);
  private v = new Int32Array(16).fill(-1);
  private count = 0;

  get(a: number, b: number): number {
    const mask = this.v.length - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      if (this.v[i] === -1) return -1;
      if (this.a[i] === a && this.b[i] === b) return this.v[i]!;
    }
  }

  /** Sets the pair's value (not -1). */
  set(a: number, b: number, value: number): void {
    const mask = this.v.length - 1;
    for (let i = slot(a, b, mask); ; i = (i + 1) & mask) {
      if (this.v[i] === -1) {
        this.a[i] = a;
        this.b[i] = b;
        this.v[i] = value;
        if (++this.count * 2 > this.v.length) this.grow();
        return;
      }
      if (this.a[i] === a && this.b[i] === b) {
        this.v[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { a, b, v } = this;
    this.a = new Int32Array(v.length * 2);
    this.b = new Int32Array(v.length * 2);
    this.v = new Int32Array(v.length * 2).fill(-1);
    this.count = 0;
    for (let i = 0; i < v.length; i++) if (v[i] !== -1) this.set(a[i]!, b[i]!, v[i]!);
  }
}

function slot(a: number, b: number, mask: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0 & mask;
}

/** Known names that end with a given specific name: one, or several. */
export class TailIndex {
  private readonly map = new Map<string, string | Set<string>>();

  get(tail: string): string | Set<string> | undefined {
    return this.map.get(tail);
  }

  add(tail: string, key: string): void {
    const up = this.map.get(tail);
    this.map.set(tail, up === undefined ? key : typeof up === "string" ? (up === key ? up : new Set([up, key])) : up.add(key));
  }
}

/**
 * Where a book of summaries keeps its parts. In memory by default; a batch of any size can
 * give one on disk (`store/scratch-book.ts`), so that the main thread's memory does not grow
 * with the number of reports. Each part has the methods of the in-memory class of its name.
 */
export interface PackedStorage {
  rows(width: number): Pick<IntRows, "length" | "push" | "get" | "set">;
  strings(): Pick<StringTable, "id" | "find" | "at">;
  records(): Pick<RecordArena, "push" | "text" | "read">;
  pairs(): Pick<IntPairMap, "get" | "set">;
  tails(): Pick<TailIndex, "get" | "add">;
  /** Releases what the parts hold (a temporary file); the parts are not used after. */
  close(): void;
}

export const memoryStorage: PackedStorage = {
  rows: (width) => new IntRows(width),
  strings: () => new StringTable(),
  records: () => new RecordArena(),
  pairs: () => new IntPairMap(),
  tails: () => new TailIndex(),
  close: () => {},
};

/** Numbers as bytes, as the arena keeps them (for a book kept elsewhere: `store/scratch-book.ts`). */
export function packNumbers(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 9);
  return out.subarray(0, writeNumbers(out, 0, values));
}

/** The first `count` numbers of `packNumbers`'s bytes. */
export function unpackNumbers(bytes: Uint8Array, count: number): number[] {
  return new ByteReader(bytes, 0).numbers(count);
}
