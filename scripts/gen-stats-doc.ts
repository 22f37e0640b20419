// Writes docs/stats.md: every statistic's definition, from src/stats/figures.ts and the template data.
// Run: npm run docs:stats   (a test fails when the file is stale)
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { statsDoc } from "../src/stats/doc.js";

const out = resolve(import.meta.dirname, "../docs/stats.md");
writeFileSync(out, statsDoc());
console.log(`已写入 ${out}`);
