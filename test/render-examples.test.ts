import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReports } from "../src/check.js";
import type { Report } from "../src/model/report.js";
import { readReportFile } from "../src/read.js";
import { EXAMPLES_DIR, examples } from "../scripts/make-examples.js";

// examples/ is what `scripts/make-examples.ts` writes, and `check` finds every planted problem.

describe("examples/", () => {
  it("holds exactly what the script generates (regenerate after changing a renderer)", () => {
    const made = examples();
    const onDisk = readdirSync(EXAMPLES_DIR).filter((f) => /^\d{2}-/.test(f)).sort();
    expect(onDisk).toEqual(made.map((e) => e.name).sort());
    for (const e of made) expect(Buffer.from(e.bytes).equals(readFileSync(join(EXAMPLES_DIR, e.name))), e.name).toBe(true);
  });

  it("check reports the planted problems and nothing above a hint in the clean ones", async () => {
    const reports: Report[] = [];
    for (const f of readdirSync(EXAMPLES_DIR).filter((x) => /^\d{2}-/.test(x)).sort()) {
      reports.push(...(await readReportFile(join(EXAMPLES_DIR, f), { name: f })));
    }
    const checked = checkReports(reports);
    const by = (prefix: string) => checked.find((r) => r.meta.file!.startsWith(prefix))!;
    const serious = (r: Report) => r.findings.filter((f) => f.severity !== "info");
    for (const clean of ["01-", "02-", "03-", "05-", "06-", "09-", "14-"]) expect(serious(by(clean)), clean).toEqual([]);

    const identity = by("11-").findings.filter((f) => f.severity === "error");
    expect(identity.map((f) => f.rule).sort()).toEqual(["requests-column-results", "requests-row-total"]);
    expect(identity.every((f) => f.cells.includes("requests.granted.natural_person") && f.difference !== undefined && Math.abs(f.difference) === 2)).toBe(true);

    const blank = serious(by("12-"));
    expect(blank.map((f) => [f.rule, f.cells])).toEqual([["cells-blank", ["requests.partial.commercial"]]]);

    const prose = serious(by("13-"));
    expect(prose.map((f) => f.rule)).toEqual(["report-prose-numbers"]);
    expect(prose[0]!.cells).toContain("requests.new_received.total");

    const years = serious(by("15-"));
    expect(years.map((f) => f.rule)).toEqual(["years-carried-over", "years-carried-over"]);
    expect(years.flatMap((f) => f.cells)).toContain("requests.carried_over.natural_person");

    // Blank zeros are blanks, not zeros; the lost boundaries of 08 leave cells empty, never guessed.
    expect(serious(by("04-")).map((f) => f.rule)).toEqual(["cells-blank", "cells-blank"]);
    const collapsed = by("08-");
    for (const f of serious(collapsed)) for (const k of f.cells) if (k.startsWith("requests.")) expect(collapsed.cells[k] ?? null, k).toBeNull();

    // The crawled page: tables 3 and 4 come back whole; only table 2's undecidable runs are warned about.
    const crawled = by("10-");
    expect(serious(crawled).map((f) => [f.rule, f.severity])).toEqual([
      ["digit-run", "warning"],
      ["digit-run", "warning"],
    ]);
    expect(Object.entries(crawled.cells).filter(([k, v]) => !k.startsWith("active.") && typeof v !== "number")).toEqual([]);
    expect(crawled.meta.published).toMatch(/^2024-01-\d\d$/);
  });
});
