import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { keysDoc } from "../src/templates/doc.js";

describe("generated docs are up to date", () => {
  it("docs/report-json.md matches the template data (npx tsx scripts/gen-keys-doc.ts)", () => {
    expect(readFileSync(resolve(__dirname, "../docs/report-json.md"), "utf8")).toBe(keysDoc());
  });
});
