import { readFileSync } from "node:fs";
import { text } from "../support/messages.js";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReport } from "../../src/check.js";
import type { Report } from "../../src/model/report.js";
import { readReports } from "../../src/read.js";
import { clone, gen, mixed } from "./fixtures.js";
import { missing } from "../support/requires.js";
import { HAS_SHARED, SHARED } from "../support/shared.js";

/**
 * The mutation test of the issue: in a consistent report, changing any single cell of table 3
 * or 4 by ±1 must produce an error finding that cites that cell, and the unchanged report must
 * produce no error finding that cites a cell.
 */
function mutationTest(name: string, load: () => Promise<Report> | Report) {
  it(`${name}: unchanged has no cell error; every table 3/4 cell ±1 is an error citing it`, async () => {
    const base = await load();
    const fresh = checkReport(clone(base));
    expect(fresh.findings.filter((f) => f.severity === "error" && f.cells.length > 0).map(text)).toEqual([]);

    const keys = Object.keys(base.cells).filter((k) => /^(requests|review)\./.test(k) && typeof base.cells[k] === "number");
    expect(keys.length).toBeGreaterThanOrEqual(25 * 7 - 14 + 15 - 7);
    const missed: string[] = [];
    for (const key of keys) {
      for (const delta of [1, -1]) {
        const mutant = clone(base);
        mutant.cells[key] = (mutant.cells[key] as number) + delta;
        const r = checkReport(mutant);
        if (!r.findings.some((f) => f.severity === "error" && f.cells.includes(key))) missed.push(`${key}${delta > 0 ? "+1" : "-1"}`);
      }
    }
    expect(missed).toEqual([]);
  });
}

describe("mutation: every cell of tables 3 and 4 is covered by an error rule", () => {
  for (const seed of [1, 2, 3]) {
    mutationTest(`generated 2019 report, seed ${seed}`, () => gen("2019", seed));
    mutationTest(`generated 2021 report, seed ${seed}`, () => gen("2021", seed));
  }
  mutationTest("generated report with many zeros", () => gen("2021", 9, { zeroRate: 0.95 }));
  mutationTest("mixed layout (2021 table 2, single （六） row)", () => mixed(gen("2021", 4, { year: 2023 })));
  describe.skipIf(missing("../shared（真实种子报告）", HAS_SHARED))("real seed", () => {
    mutationTest("seed 000", async () => {
      const path = join(SHARED, "seeds/000_fc21e464fd18aa6f.txt");
      const [r] = await readReports(readFileSync(path), { name: path });
      return r!;
    });
  });
});
