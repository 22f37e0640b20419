import { afterEach, describe, expect, it, vi } from "vitest";
import { rng } from "../../src/generate/random-report.js";
import { memoryStorage, packNumbers, unpackNumbers, type PackedStorage } from "../../src/model/packed.js";
import { scratchStorage } from "../../src/store/scratch-book.js";

// The cross-year book's parts in a temporary SQLite file answer exactly as the in-memory ones:
// the same random operations on both, every answer compared.

let open: PackedStorage[] = [];
afterEach(() => {
  for (const s of open) s.close();
  open = [];
});
function both(): [PackedStorage, PackedStorage] {
  const disk = scratchStorage();
  open.push(disk);
  return [memoryStorage, disk];
}

describe("the cross-year book on disk", () => {
  it("rows: pushed, read and updated field by field as in memory", () => {
    const rand = rng(1);
    const [m, d] = both().map((s) => s.rows(9));
    for (let op = 0; op < 5000; op++) {
      const r = rand();
      if (r < 0.3 || m!.length === 0) {
        const values = Array.from({ length: 9 }, () => Math.floor(rand() * 2000) - 2);
        expect(d!.push(...values)).toBe(m!.push(...values));
      } else {
        const row = Math.floor(rand() * m!.length);
        const field = Math.floor(rand() * 9);
        if (r < 0.6) {
          const v = Math.floor(rand() * 100000) - 5;
          m!.set(row, field, v);
          d!.set(row, field, v);
        }
        expect(d!.get(row, field)).toBe(m!.get(row, field));
      }
      expect(d!.length).toBe(m!.length);
    }
  });

  it("strings: the same numbers for the same strings; unknown ones not found", () => {
    const rand = rng(2);
    const [m, d] = both().map((s) => s.strings());
    const pool = Array.from({ length: 3000 }, (_, i) => `测试${i % 7}县第${i}局`);
    for (let op = 0; op < 20000; op++) {
      const s = pool[Math.floor(rand() * pool.length)]!;
      if (rand() < 0.3) expect(d!.id(s)).toBe(m!.id(s));
      else expect(d!.find(s)).toBe(m!.find(s));
      const id = m!.find(s);
      if (id !== undefined) expect(d!.at(id)).toBe(s);
    }
  });

  it("strings: memory stays bounded however many new strings come (only SQLite keeps them all)", () => {
    const disk = scratchStorage();
    open.push(disk);
    const table = disk.strings();
    let largest = 0;
    const set = Map.prototype.set;
    const spy = vi.spyOn(Map.prototype, "set").mockImplementation(function (this: Map<unknown, unknown>, k, v) {
      const r = set.call(this, k, v);
      largest = Math.max(largest, this.size);
      return r;
    });
    try {
      // One new agency after another, each looked up again at once (its next year).
      for (let i = 0; i < 20_000; i++) {
        const name = `测试${i}县人民政府`;
        expect(table.id(name)).toBe(i);
        expect(table.find(name)).toBe(i);
      }
    } finally {
      spy.mockRestore();
    }
    expect(table.find("测试0县人民政府")).toBe(0);
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThanOrEqual(1024);
  });

  it("records: numbers (NaN, integers, fractions, negatives, huge) and the text read back", () => {
    const rand = rng(3);
    const [m, d] = both().map((s) => s.records());
    const value = () => {
      const r = rand();
      return r < 0.2 ? NaN : r < 0.8 ? Math.floor(rand() * 5000) : r < 0.9 ? -Math.floor(rand() * 50) : r < 0.95 ? rand() * 100 : 2 ** 50;
    };
    for (let i = 0; i < 500; i++) {
      const values = Array.from({ length: 40 }, value);
      const text = rand() < 0.2 ? undefined : `报告${i}.txt`;
      expect(d!.push(values, text)).toBe(m!.push(values, text));
    }
    for (let i = 0; i < 500; i++) {
      expect(d!.read(i, 40)).toEqual(m!.read(i, 40));
      expect(d!.text(i)).toBe(m!.text(i));
    }
  });

  it("pairs: set, overwritten and looked up; absent ones are -1", () => {
    const rand = rng(4);
    const [m, d] = both().map((s) => s.pairs());
    for (let op = 0; op < 10000; op++) {
      const a = Math.floor(rand() * 300);
      const b = 2018 + Math.floor(rand() * 8);
      if (rand() < 0.4) {
        const v = Math.floor(rand() * 1e6);
        m!.set(a, b, v);
        d!.set(a, b, v);
      } else expect(d!.get(a, b)).toBe(m!.get(a, b));
    }
  });

  it("tails: one known longer name, several, or none", () => {
    const [m, d] = both().map((s) => s.tails());
    for (const t of [m!, d!]) {
      t.add("洪泽区人民政府", "淮安市洪泽区人民政府");
      t.add("城关镇人民政府", "甲县城关镇人民政府");
      t.add("城关镇人民政府", "乙县城关镇人民政府");
    }
    for (const tail of ["洪泽区人民政府", "城关镇人民政府", "清河区人民政府"]) expect(d!.get(tail)).toEqual(m!.get(tail));
    expect(d!.get("洪泽区人民政府")).toBe("淮安市洪泽区人民政府");
    expect(d!.get("城关镇人民政府")).toEqual(new Set(["甲县城关镇人民政府", "乙县城关镇人民政府"]));
    expect(d!.get("清河区人民政府")).toBeUndefined();
  });

  it("numbers pack to a few bytes each and unpack to themselves", () => {
    const values = [NaN, 0, 1, 127, 128, 16383, 16384, 2 ** 46 - 1, 2 ** 46, -1, 0.5, 1e300];
    const bytes = packNumbers(values);
    // An integer n is kept as n + 2 (0 and 1 mark NaN and a float), seven bits a byte.
    expect(bytes.length).toBe(1 + 1 + 1 + 2 + 2 + 3 + 3 + 7 + 9 + 9 + 9 + 9);
    expect(unpackNumbers(bytes, values.length)).toEqual(values);
  });
});
