import { describe, expect, it } from "vitest";
import { Lookahead } from "../src/pipeline/lookahead.js";

// processMany takes inputs from their source a little ahead of their turn (so that Word files
// can be converted together); the order, the numbering and the source's errors stay as they were.

function source(items: number[], failAt?: number) {
  let pulled = 0;
  return {
    pulled: () => pulled,
    pull: async () => {
      await new Promise((r) => setTimeout(r, 1));
      if (pulled === failAt) throw new Error("源读取失败");
      return pulled < items.length ? items[pulled++]! : null;
    },
  };
}

describe("inputs taken ahead", () => {
  it("come out in order, numbered, each shown once as it is taken; no more than the window is taken early", async () => {
    const s = source([10, 11, 12, 13, 14, 15, 16]);
    const seen: [number, number][] = [];
    const ahead = new Lookahead(s.pull, 3, (item, seq) => seen.push([item, seq]));
    const first = await ahead.next();
    expect(first).toEqual({ item: 10, seq: 0 });
    await new Promise((r) => setTimeout(r, 50));
    // Three wait (11, 12, 13); 14 is not taken before its turn comes near.
    expect(s.pulled()).toBe(4);
    const rest = [];
    for (let got = await ahead.next(); got; got = await ahead.next()) rest.push(got);
    expect(rest.map((g) => g.item)).toEqual([11, 12, 13, 14, 15, 16]);
    expect(rest.map((g) => g.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen).toEqual([10, 11, 12, 13, 14, 15, 16].map((x, i) => [x, i]));
  });

  it("gives the source's error in its place, after the inputs before it", async () => {
    const s = source([1, 2, 3, 4], 2);
    const ahead = new Lookahead(s.pull, 8, () => {});
    expect((await ahead.next())?.item).toBe(1);
    expect((await ahead.next())?.item).toBe(2);
    await expect(ahead.next()).rejects.toThrow("源读取失败");
  });

  it("ends with null for an empty source", async () => {
    expect(await new Lookahead(source([]).pull, 4, () => {}).next()).toBeNull();
  });
});
