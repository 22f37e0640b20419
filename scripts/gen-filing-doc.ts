// Refreshes the guidance table of docs/filing.md from src/templates/guidance.ts.
// Run: npm run docs:filing   (a test fails when the page is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { withGuidanceBlock } from "../src/filing/doc.js";

const path = resolve(import.meta.dirname, "../docs/filing.md");
writeFileSync(path, withGuidanceBlock(readFileSync(path, "utf8")));
console.log(`已更新 ${path}`);
