import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/cli.js";

// The command line's young generation (src/cli/heap.ts), seen from outside in a process of its
// own: held at 2 × 8 MB in a long run where V8 alone takes it to 2 × 16 MB, and not grown at
// all while the inputs are listed.

/**
 * A program that allocates with survivors (as a batch does), yielding to timers, and prints its
 * young generation's size in MB: after a first phase (run inside `withoutYoungGrowth` in mode
 * "listing") and at the end (with `capYoungGeneration` called first in mode "capped").
 */
const CHURN = `
const v8 = await import("node:v8");
const heap = await import(${JSON.stringify(resolve(ROOT, "dist/cli/heap.js"))});
const mode = process.argv[1];
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size / 1048576;
let keep = [];
async function churn(rounds) {
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < 10000; i++) { keep.push({ i, s: "x" + i }); if (keep.length > 200000) keep = []; }
    await new Promise((r) => setTimeout(r, 5));
  }
}
if (mode === "listing") await heap.withoutYoungGrowth(() => churn(100));
const afterFirst = young();
if (mode === "capped") heap.capYoungGeneration();
await churn(300);
console.log(JSON.stringify({ afterFirst, end: young() }));
`;

function run(mode: "default" | "capped" | "listing"): { afterFirst: number; end: number } {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", CHURN, mode], { encoding: "utf8", timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("the command line's young generation", () => {
  it("V8 alone grows it to 32 MB in a long run", () => {
    expect(run("default").end).toBe(32);
  });

  it("capYoungGeneration stops it at 16 MB", () => {
    expect(run("capped").end).toBeLessThanOrEqual(16);
  });

  it("withoutYoungGrowth keeps it where it was while the work runs, and lets it grow after", () => {
    const { afterFirst, end } = run("listing");
    expect(afterFirst).toBeLessThanOrEqual(2);
    expect(end).toBe(32);
  });
});
