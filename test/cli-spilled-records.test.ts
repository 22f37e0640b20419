import { readdirSync, readlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { FileList } from "../src/cli/inputs.js";
import { SPILL_BLOCK, SpilledRecords } from "../src/cli/spilled-records.js";

/** This process's open files that are deleted temporary lists. */
function openLists(): string[] {
  return readdirSync("/proc/self/fd")
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((l) => l.includes("nianbao-list-"));
}

const ourLeftovers = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`nianbao-list-${process.pid}-`));

describe("input lists kept out of memory", () => {
  it("gives back 200,000 names in order, holding one block in memory and no file anyone can see", () => {
    const list = new SpilledRecords();
    const names = Array.from({ length: 200_000 }, (_, i) => [i % 7, `某省/某市人民政府办公室-${i}-政府信息公开工作年度报告.html`] as [number, string]);
    for (const [n, s] of names) list.push(n, s);
    expect(list.length).toBe(200_000);
    // Some 16 MB of names: all but the newest block are in the file.
    expect(list.heldBytes).toBe(SPILL_BLOCK);
    if (process.platform === "linux") expect(openLists()).toEqual([expect.stringMatching(/nianbao-list-\d+-\d+ \(deleted\)$/)]);
    expect(ourLeftovers()).toEqual([]);
    expect([...list]).toEqual(names);
    // Read twice: the file is read again, not used up.
    expect([...list]).toEqual(names);
    list.close();
    if (process.platform === "linux") expect(openLists()).toEqual([]);
  });

  it("keeps names UTF-8 cannot carry, names longer than a block, empty names, and a few names without a file", () => {
    const odd: [number, string][] = [
      [1, "坏\uD800名.txt"],
      [2, "x".repeat(SPILL_BLOCK * 2)],
      [0, ""],
      [3, "\uFEFF前有 BOM.txt"],
      [4, "甲 乙\n丙.txt"],
    ];
    const list = new SpilledRecords();
    for (const r of odd) list.push(...r);
    expect([...list]).toEqual(odd);
    list.close();
    const few = new SpilledRecords();
    few.push(5, "a.txt");
    if (process.platform === "linux") expect(openLists()).toEqual([]);
    expect([...few]).toEqual([[5, "a.txt"]]);
    few.close();
  });

  it("keeps the blocks in memory where the temporary folder cannot be written", () => {
    const was = process.env.TMPDIR;
    process.env.TMPDIR = "/nonexistent/nianbao-test";
    try {
      const list = new SpilledRecords();
      const names = Array.from({ length: 20_000 }, (_, i) => [1, `报告-${i}.txt`] as [number, string]);
      for (const [n, s] of names) list.push(n, s);
      expect(list.heldBytes).toBeGreaterThan(SPILL_BLOCK);
      expect([...list]).toEqual(names);
      list.close();
    } finally {
      if (was === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = was;
    }
  });

  it("is what a batch's file list keeps its paths in", () => {
    const files = new FileList();
    const dir = files.folder("/reports/2024");
    for (let i = 0; i < 50_000; i++) files.addIn(dir, `${i}.txt`);
    files.add("-");
    if (process.platform === "linux") expect(openLists()).toHaveLength(1);
    const all = [...files];
    expect(all.length).toBe(50_001);
    expect(all.slice(0, 2)).toEqual(["/reports/2024/0.txt", "/reports/2024/1.txt"]);
    expect(all.at(-1)).toBe("-");
    files.close();
    if (process.platform === "linux") expect(openLists()).toEqual([]);
  });
});
