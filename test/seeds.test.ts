import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkReports } from "../src/check.js";
import { readReports } from "../src/read.js";
import { missing } from "./support/requires.js";
import { accepts, HAS_SHARED, seeds } from "./support/shared.js";

// The five real seed reports: every gold cell, the meta, and the findings a reviewer needs.
describe.skipIf(missing("../shared（真实种子报告）", HAS_SHARED))("real seed reports", () => {
  for (const s of seeds()) {
    it(`${s.name}: every cell, year, template, source errors`, async () => {
      const [report] = checkReports(await readReports(readFileSync(s.path), { name: s.name }));
      const wrong = Object.entries(s.gold.cells).filter(([k, v]) => !accepts(v, report!.cells[k])).map(([k]) => k);
      expect(wrong).toEqual([]);
      expect(report!.meta.year).toBe(s.gold.meta.year);
      expect(report!.meta.template).toBe(s.gold.meta.template);
      expect(s.gold.meta.agency).toContain(report!.meta.agency);
      for (const key of s.gold.must_flag ?? []) {
        expect(report!.findings.some((f) => f.severity === "error" && f.cells.includes(key)), `error citing ${key}`).toBe(true);
      }
      for (const table of s.gold.must_warn_tables ?? []) {
        expect(report!.findings.some((f) => f.severity !== "info" && f.cells.some((c) => c.startsWith(table + ".")))).toBe(true);
      }
      if (s.gold.must_be_clean) expect(report!.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(report!.sections.map((x) => x.no)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  }
});
