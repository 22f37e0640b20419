// Writes docs/rules.md: the rule catalogue, from the rules' metadata.
// Run: npm run docs:rules   (a test fails when the file is stale)
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { rulesDoc } from "../src/report/rules-doc.js";

const out = resolve(import.meta.dirname, "../docs/rules.md");
writeFileSync(out, rulesDoc());
console.log(`已写入 ${out}`);
