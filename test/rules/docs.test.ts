import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesDoc } from "../../src/report/rules-doc.js";
import { RULES } from "../../src/rules/index.js";
import { EXTRACT_NOTICES } from "../../src/extract/notices.js";
import { READER_NOTICES } from "../../src/readers/notices.js";

describe("docs/rules.md", () => {
  const doc = rulesDoc();

  it("is up to date with the rules' metadata (regenerate: npm run docs:rules)", () => {
    expect(readFileSync(resolve(__dirname, "../../docs/rules.md"), "utf8")).toBe(doc);
  });

  it("lists every rule with its severity, templates, title, explanation and messages", () => {
    for (const { meta } of RULES) {
      expect(doc).toContain(`### ${meta.id}\n`);
      expect(doc).toContain(meta.title);
      expect(doc).toContain(meta.description);
      for (const m of Object.values(meta.messages)) expect(doc).toContain(m);
    }
    for (const meta of [...EXTRACT_NOTICES, ...READER_NOTICES]) {
      expect(doc).toContain(`### ${meta.id}\n`);
      expect(doc).toContain(meta.description);
      for (const m of Object.values(meta.messages)) expect(doc).toContain(m);
    }
    expect(doc).toContain("| [`requests-column-balance`](#requests-column-balance) | 错误 | 2019 年版、2021 年版 | T3-A |");
  });
});
