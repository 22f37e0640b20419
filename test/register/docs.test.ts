import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { withGeneratedBlocks } from "../../src/register/doc.js";

describe("docs/register.md", () => {
  it("restates the register's columns, channels and outcome rows as the code has them (npm run docs:register)", () => {
    const md = readFileSync(resolve(__dirname, "../../docs/register.md"), "utf8");
    expect(md).toBe(withGeneratedBlocks(md));
  });
});
