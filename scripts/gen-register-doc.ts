// Refreshes the generated blocks of docs/register.md (columns, channels, outcome rows) from the code.
// Run: npm run docs:register   (a test fails when the page is stale)
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { withGeneratedBlocks } from "../src/register/doc.js";

const path = resolve(import.meta.dirname, "../docs/register.md");
writeFileSync(path, withGeneratedBlocks(readFileSync(path, "utf8")));
console.log(`已更新 ${path}`);
