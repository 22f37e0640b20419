import { describe, expect, it } from "vitest";
import { IntPairMap, IntRows, RecordArena, StringTable } from "../../src/model/packed.js";

describe("packed storage for a batch's summaries", () => {
  it("gives back every kind of number and text it was given, across many chunks", () => {
    const arena = new RecordArena();
    const odd = [NaN, 0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 46 - 1, 2 ** 46, -1, -0.5, 0.25, 1e300, Infinity, -Infinity];
    const texts = [undefined, "", "\ufeff开头.txt", "某某市人民政府2023年政府信息公开工作年度报告.html", "x".repeat(1_500_000)];
    const records: { values: number[]; text: string | undefined }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const values = Array.from({ length: 30 }, (_, k) => (k === 0 ? i : odd[(i + k) % odd.length]!));
      const text = i % 7_000 === 6_999 ? texts[4] : texts[i % 4];
      records.push({ values, text });
      expect(arena.push(values, text)).toBe(i);
    }
    for (let i = 0; i < records.length; i += 1) {
      const got = arena.read(i, 30);
      expect(got.text).toBe(records[i]!.text);
      expect(got.values).toEqual(records[i]!.values);
    }
  });

  it("keeps rows of integers, updated in place, as they grow", () => {
    const rows = new IntRows(3);
    for (let i = 0; i < 5_000; i++) expect(rows.push(i, -i, 7)).toBe(i);
    rows.set(4_321, 2, -1);
    expect(rows.length).toBe(5_000);
    expect([rows.get(4_321, 0), rows.get(4_321, 1), rows.get(4_321, 2), rows.get(4_322, 2)]).toEqual([4_321, -4_321, -1, 7]);
  });

  it("numbers each string once", () => {
    const t = new StringTable();
    expect([t.id("甲"), t.id("乙"), t.id("甲")]).toEqual([0, 1, 0]);
    expect([t.find("乙"), t.find("丙"), t.at(1), t.size]).toEqual([1, undefined, "乙", 2]);
  });

  it("gives back every string of a list as it went in, unpaired surrogates and long paths too", () => {
    const list = new RecordArena();
    const strings = ["", "a.txt", "某某市人民政府2023年报告.html", "\ud800x\udfff", "😀", "路".repeat(10_000), "\n\u001b[31m", "\ufeffbom.txt", "路".repeat(30_000), "x\udbff"];
    for (let i = 0; i < 3_000; i++) expect(list.push([i], strings[i % strings.length]!)).toBe(i);
    for (let i = 0; i < 3_000; i++) expect(list.read(i, 1)).toEqual({ values: [i], text: strings[i % strings.length] });
  });

  it("maps pairs of integers, past many growths, like a Map would", () => {
    const pairs = new IntPairMap();
    const model = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const a = (i * 7919) % 5_003;
      const b = 1_990 + (i % 40) - (i % 3 === 0 ? 2 ** 30 : 0);
      pairs.set(a, b, i);
      model.set(`${a},${b}`, i);
    }
    for (const [k, v] of model) {
      const [a, b] = k.split(",").map(Number);
      expect(pairs.get(a!, b!)).toBe(v);
    }
    expect([pairs.get(5_004, 2000), pairs.get(0, 0), pairs.get(-1, -1)]).toEqual([-1, -1, -1]);
  });
});
