// Writes docs/report-json.md: the canonical cell keys of both templates, from the template data.
// Run: npx tsx scripts/gen-keys-doc.ts   (a test fails when the file is stale)
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { keysDoc } from "../src/templates/doc.js";

const out = resolve(import.meta.dirname, "../docs/report-json.md");
writeFileSync(out, keysDoc());
console.log(`已写入 ${out}`);
