import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./support/cli.js";

// The built CLI reads a folder in its worker threads. A pool looks its worker module up beside
// its own module (`new URL("./worker.js", import.meta.url)`); once code splitting moved that
// module into dist/bundle/chunks/, the lookup found nothing and every file was read on the main
// thread, silently: 2 cores, one used. Global setup builds dist/ first.

const BUNDLE = join(ROOT, "dist/bundle");
const dir = mkdtempSync(join(tmpdir(), "nianbao-bundle-workers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modules(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? modules(join(d, e.name)) : e.name.endsWith(".js") ? [join(d, e.name)] : []));
}

/** Threads that wrote a CPU profile while the built CLI ran (`--cpu-prof` is inherited by worker threads). */
function threadsOf(args: string[]): number {
  const out = mkdtempSync(join(dir, "prof-"));
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", out, BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NIANBAO_NO_PROGRESS: "1" } });
  expect(r.stderr).not.toMatch(/内部错误/);
  return readdirSync(out).filter((f) => f.endsWith(".cpuprofile")).length;
}

describe("the bundle's worker pools", () => {
  it("every worker module a bundled module looks up is there beside it", () => {
    const lookups: string[] = [];
    for (const m of modules(BUNDLE)) {
      for (const [, name] of readFileSync(m, "utf8").matchAll(/new URL\("\.\/([\w-]+\.js)", import\.meta\.url\)/g)) {
        lookups.push(name!);
        expect(existsSync(join(dirname(m), name!)), `${m} looks up ./${name}`).toBe(true);
      }
    }
    expect(lookups).toEqual(expect.arrayContaining(["worker.js", "import-worker.js"]));
  });

  it("nianbao check and nianbao import read a folder in worker threads", () => {
    const examples = join(ROOT, "examples");
    expect(threadsOf(["check", "--format", "jsonl", "--jobs", "2", examples])).toBeGreaterThanOrEqual(3);
    expect(threadsOf(["import", "--jobs", "2", "--db", join(dir, "corpus.db"), examples])).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
