import { describe, expect, it } from "vitest";
import { checkReport } from "../src/check.js";
import { isComplete, randomReport } from "../src/generate/random-report.js";

describe("random report generator", () => {
  it("is deterministic for a seed", () => {
    expect(randomReport(7)).toEqual(randomReport(7));
    expect(randomReport(7).cells).not.toEqual(randomReport(8).cells);
  });

  it("fills every cell of its template and keeps every identity", () => {
    for (let seed = 1; seed <= 200; seed++) {
      for (const template of ["2019", "2021"] as const) {
        const r = checkReport(randomReport(seed, { template, zeroRate: 0.3 }));
        expect(isComplete(r)).toBe(true);
        expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
      }
    }
  });
});
