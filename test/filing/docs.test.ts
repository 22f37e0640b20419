import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { withGuidanceBlock } from "../../src/filing/doc.js";
import { guidanceFor, SECTION_GUIDANCE } from "../../src/templates/guidance.js";
import { TEMPLATES } from "../../src/templates/index.js";

describe("the filing form's guidance", () => {
  it("docs/filing.md restates it as the code has it (npm run docs:filing)", () => {
    const md = readFileSync(resolve(__dirname, "../../docs/filing.md"), "utf8");
    expect(md).toBe(withGuidanceBlock(md));
  });

  it("every part of every template has guidance, each point citing format.md", () => {
    for (const t of TEMPLATES) {
      const g = guidanceFor(t.id);
      expect(g.sections.map((s) => s.no)).toEqual(t.sections.map((s) => s.no));
      for (const s of g.sections) expect(s.points.length).toBeGreaterThan(0);
    }
    for (const p of SECTION_GUIDANCE.flatMap((s) => s.points)) expect(p.basis).toMatch(/^format\.md §\d/);
    // The fee statement is asked of 2021-format reports only (the 办法 dates from 2020-11).
    expect(guidanceFor("2019").sections[5]!.points.some((p) => p.text.includes("信息处理费"))).toBe(false);
    expect(guidanceFor("2021").sections[5]!.points.some((p) => p.text.includes("信息处理费"))).toBe(true);
  });
});
