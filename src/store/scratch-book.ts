import BetterSqlite3 from "better-sqlite3";
import { packNumbers, unpackNumbers, type PackedStorage } from "../model/packed.js";
import { keep, remember } from "../text/memo.js";

/**
 * How many answers each string table keeps at hand: an agency's files come one after another,
 * so a few suffice. 4,096 (and a 4 MB page cache) filled only after some 20,000 reports, and a
 * batch of 100,000 peaked 5 MB higher than one of 10,000 for no speed that could be measured.
 */
const CACHED = 1024;

/**
 * The parts of a book of summaries (`YearBook`, `CrossYearStream`) in a private temporary SQLite
 * database: what a batch keeps of every report goes to disk, and the main thread holds only
 * SQLite's page cache and a few bounded caches — the same memory for 10,000 reports as for a
 * million. SQLite makes the file itself, removes it from the folder as soon as it is open, and
 * it is gone when the connection closes or the process ends, however it ends.
 *
 * Each part answers as the in-memory class of its name in `model/packed.ts` does (the tests run
 * the same book on both).
 */
export function scratchStorage(): PackedStorage {
  // "": a private temporary on-disk database (sqlite3_open's documented meaning).
  const db = new BetterSqlite3("");
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("locking_mode = EXCLUSIVE");
  db.pragma("cache_size = -1024"); // KiB
  // One transaction for the book's life: no commit per row (nothing here outlives the batch).
  db.exec("BEGIN");
  let tables = 0;
  const table = (prefix: string) => `${prefix}_${tables++}`;

  return {
    rows(width) {
      const name = table("rows");
      const fields = Array.from({ length: width }, (_, i) => `f${i}`);
      db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, ${fields.map((f) => `${f} INTEGER NOT NULL`).join(", ")})`);
      const insert = db.prepare(`INSERT INTO ${name} (id, ${fields.join(", ")}) VALUES (?, ${fields.map(() => "?").join(", ")})`);
      const select = db.prepare(`SELECT ${fields.join(", ")} FROM ${name} WHERE id = ?`).raw();
      const updates = fields.map((f) => db.prepare(`UPDATE ${name} SET ${f} = ? WHERE id = ?`));
      let count = 0;
      // The row last read: a book reads several fields of one row in a row.
      let cachedId = -1;
      let cached: number[] = [];
      return {
        get length() {
          return count;
        },
        push(...values: number[]) {
          insert.run(count, ...values);
          return count++;
        },
        get(row: number, field: number) {
          if (row !== cachedId) {
            cached = select.get(row) as number[];
            cachedId = row;
          }
          return cached[field]!;
        },
        set(row: number, field: number, value: number) {
          updates[field]!.run(value, row);
          if (row === cachedId) cached[field] = value;
        },
      };
    },

    strings() {
      const name = table("strings");
      db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE)`);
      const insert = db.prepare(`INSERT INTO ${name} (id, s) VALUES (?, ?)`);
      const byText = db.prepare(`SELECT id FROM ${name} WHERE s = ?`).pluck();
      const byId = db.prepare(`SELECT s FROM ${name} WHERE id = ?`).pluck();
      const seen = new BloomFilter();
      // Bounded caches of the last few thousand answers (-1: not there).
      const ids = new Map<string, number>();
      const texts = new Map<string, string>();
      let count = 0;
      const find = (s: string): number | undefined => {
        if (!seen.mayHave(s)) return undefined;
        const id = remember(ids, s, () => (byText.get(s) as number | undefined) ?? -1, CACHED);
        return id < 0 ? undefined : id;
      };
      return {
        id(s: string) {
          const found = find(s);
          if (found !== undefined) return found;
          insert.run(count, s);
          seen.add(s);
          // Within the bound too: added with a plain `set`, every new string stayed until a
          // lookup missed, which with one agency after another was seldom (a batch's main thread
          // grew by some 30 bytes a report).
          keep(ids, s, count, CACHED);
          return count++;
        },
        find,
        at(id: number) {
          return remember(texts, String(id), () => byId.get(id) as string, CACHED);
        },
      };
    },

    records() {
      const name = table("records");
      db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY, t TEXT, v BLOB NOT NULL)`);
      const insert = db.prepare(`INSERT INTO ${name} (id, t, v) VALUES (?, ?, ?)`);
      const text = db.prepare(`SELECT t FROM ${name} WHERE id = ?`).pluck();
      const read = db.prepare(`SELECT t, v FROM ${name} WHERE id = ?`).raw();
      let count = 0;
      return {
        push(values: ArrayLike<number>, t: string | undefined) {
          insert.run(count, t ?? null, packNumbers(values));
          return count++;
        },
        text(record: number) {
          return (text.get(record) as string | null) ?? undefined;
        },
        read(record: number, n: number) {
          const [t, v] = read.get(record) as [string | null, Buffer];
          return { values: unpackNumbers(v, n), text: t ?? undefined };
        },
      };
    },

    pairs() {
      const name = table("pairs");
      db.exec(`CREATE TABLE ${name} (a INTEGER NOT NULL, b INTEGER NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID`);
      const select = db.prepare(`SELECT v FROM ${name} WHERE a = ? AND b = ?`).pluck();
      const upsert = db.prepare(`INSERT INTO ${name} (a, b, v) VALUES (?, ?, ?) ON CONFLICT (a, b) DO UPDATE SET v = excluded.v`);
      return {
        get(a: number, b: number) {
          return (select.get(a, b) as number | undefined) ?? -1;
        },
        set(a: number, b: number, v: number) {
          upsert.run(a, b, v);
        },
      };
    },

    tails() {
      const name = table("tails");
      db.exec(`CREATE TABLE ${name} (tail TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tail, key)) WITHOUT ROWID`);
      const select = db.prepare(`SELECT key FROM ${name} WHERE tail = ?`).pluck();
      const insert = db.prepare(`INSERT OR IGNORE INTO ${name} (tail, key) VALUES (?, ?)`);
      const seen = new BloomFilter();
      return {
        get(tail: string) {
          if (!seen.mayHave(tail)) return undefined;
          const keys = select.all(tail) as string[];
          return keys.length === 0 ? undefined : keys.length === 1 ? keys[0] : new Set(keys);
        },
        add(tail: string, key: string) {
          insert.run(tail, key);
          seen.add(tail);
        },
      };
    },

    close() {
      if (db.open) db.close();
    },
  };
}

/**
 * "Certainly not there" for most strings a book looks up that it never stored (an agency name's
 * tails), without a query: 8 Mbit, three probes; about 1 % false positives at 800,000 strings.
 */
class BloomFilter {
  private readonly bits = new Uint8Array(1 << 20);

  add(s: string): void {
    const [h1, h2] = hashes(s);
    for (let i = 0; i < 3; i++) {
      const bit = (h1 + i * h2) >>> 0 & 0x7fffff;
      this.bits[bit >>> 3]! |= 1 << (bit & 7);
    }
  }

  mayHave(s: string): boolean {
    const [h1, h2] = hashes(s);
    for (let i = 0; i < 3; i++) {
      const bit = (h1 + i * h2) >>> 0 & 0x7fffff;
      if ((this.bits[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** Two 32-bit FNV-1a hashes of the string's UTF-16 units (different offsets). */
function hashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, (b >>> 0) | 1];
}
