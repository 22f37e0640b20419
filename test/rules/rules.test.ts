import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { CASES } from "./cases/index.js";
import { ruleTester } from "./rule-tester.js";

describe("every rule is tested", () => {
  it("has valid and invalid cases for each rule, and no cases for unknown rules", () => {
    for (const rule of RULES) {
      const c = CASES[rule.meta.id];
      expect(c, `cases for ${rule.meta.id}`).toBeDefined();
      expect(c!.valid.length, `${rule.meta.id} valid cases`).toBeGreaterThan(0);
      expect(c!.invalid.length, `${rule.meta.id} invalid cases`).toBeGreaterThan(0);
    }
    expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it("has complete Chinese metadata and message templates", () => {
    const ids = new Set<string>();
    for (const { meta } of RULES) {
      expect(meta.id).toMatch(/^[a-z]+(-[a-z]+)+$/);
      expect(ids.has(meta.id), meta.id).toBe(false);
      ids.add(meta.id);
      expect(meta.title).toMatch(/[\u4e00-\u9fff]/);
      expect(meta.description.length).toBeGreaterThan(40);
      expect(meta.templates.length).toBeGreaterThan(0);
      expect(meta.basis.length).toBeGreaterThan(0);
      expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
    }
  });
});

for (const rule of RULES) {
  const c = CASES[rule.meta.id];
  if (c) ruleTester(rule, c);
}
