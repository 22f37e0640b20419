import { getEventListeners } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Envelope, ManyOptions } from "../src/pipeline/index.js";
import { reportText, requests2021 } from "./support/text-report.js";

// The worker pool as built (dist/: global setup builds it; from the sources processMany has no
// worker module and reads on its own thread). A worker that crashes, hangs or leaves a
// rejection behind costs its file, never the batch; order is kept; work in flight is bounded.

const DIST = resolve(__dirname, "../dist/pipeline/index.js");
const { processMany } = (await import(pathToFileURL(DIST).href)) as typeof import("../src/pipeline/index.js");
const { LOOKAHEAD } = (await import(pathToFileURL(resolve(__dirname, "../dist/pipeline/many.js")).href)) as typeof import("../src/pipeline/many.js");

const dir = mkdtempSync(join(tmpdir(), "nianbao-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const good = (n: number) => file(`good-${n}.txt`, reportText({ 3: requests2021((i) => [i + n, 0, 0, 0, 0, 0, i + n]) }, `测试${n}县人民政府2021年政府信息公开工作年度报告`));

// A worker module that misbehaves on purpose for some file names, and is the real one otherwise.
const faulty = join(dir, "faulty-worker.mjs");
writeFileSync(
  faulty,
  `import task from ${JSON.stringify(pathToFileURL(resolve(__dirname, "../dist/pipeline/worker.js")).href)};
export default async function (t) {
  const name = typeof t.input === "string" ? t.input : t.input.name;
  if (name.endsWith("hang.txt")) for (;;) {}
  if (name.endsWith("crash.txt")) process.exit(3);
  const running = task(t);
  // A library's promise rejected with no one to hear it, while the file is being read.
  if (name.endsWith("stray.txt")) Promise.reject(new Error("被遗忘的 promise"));
  return running;
}
`,
);

async function all(inputs: Iterable<string> | AsyncIterable<string>, opts: ManyOptions): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for await (const e of processMany(inputs, opts)) out.push(e);
  return out;
}

describe("processMany on the worker pool", () => {
  it("keeps the order of the inputs whatever finishes first", async () => {
    const files = Array.from({ length: 12 }, (_, i) => good(i));
    const envs = await all(files, { jobs: 3 });
    expect(envs.map((e) => e.file)).toEqual(files);
    expect(envs.every((e) => !e.error && e.reports.length === 1)).toBe(true);
  });

  it("leaves nothing attached to the caller's signal once each input is done (a batch of 100,000 files must not hold 100,000 things)", async () => {
    const stop = new AbortController();
    const files = Array.from({ length: 12 }, (_, i) => good(40 + i));
    const envs = await all(files, { jobs: 2, signal: stop.signal });
    expect(envs.every((e) => !e.error)).toBe(true);
    expect(getEventListeners(stop.signal, "abort")).toEqual([]);
    // AbortSignal.any keeps each signal it makes in the source signal's dependants (Node 20).
    const dependants = Object.getOwnPropertySymbols(stop.signal).find((k) => k.description === "kDependantSignals");
    expect(dependants === undefined ? 0 : ((stop.signal as unknown as Record<symbol, Set<unknown>>)[dependants]?.size ?? 0)).toBe(0);
  });

  it("a worker that hangs, crashes or leaves a rejection behind costs its file, not the batch", async () => {
    const files = [good(20), file("hang.txt", "x"), good(21), file("crash.txt", "x"), file("stray.txt", "x"), good(22)];
    const t0 = Date.now();
    const envs = await all(files, { jobs: 2, timeoutMs: 1000, workerUrl: pathToFileURL(faulty).href });
    expect(envs.map((e) => e.file)).toEqual(files);
    const [g1, hang, g2, crash, stray, g3] = envs;
    for (const g of [g1, g2, g3]) expect(g!.error).toBeUndefined();
    expect(hang!.error).toMatchObject({ code: "timeout" });
    expect(hang!.error!.message).toMatch(/读取超过 \d+ 秒仍未完成，已停止/);
    expect(crash!.error).toMatchObject({ code: "internal" });
    expect(crash!.error!.message).toMatch(/工作线程意外退出/);
    expect(stray!.error).toMatchObject({ code: "internal" });
    expect(stray!.error!.message).toMatch(/未处理的异步错误（被遗忘的 promise）/);
    // The hung worker was given the per-file limit and the margin, not more.
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it("starts no more than a bounded number of inputs ahead of what has been taken", async () => {
    const files = Array.from({ length: 6 }, (_, i) => good(30 + i));
    let asked = 0;
    async function* slowSource() {
      for (let i = 0; i < 200; i++) {
        asked++;
        yield files[i % files.length]!;
      }
    }
    let taken = 0;
    for await (const _ of processMany(slowSource(), { jobs: 2 })) {
      taken++;
      // Each worker may be four envelopes ahead of the consumer, one input waits to start, and
      // LOOKAHEAD paths are taken early (so that the Word files among them are converted together).
      expect(asked - taken).toBeLessThanOrEqual(2 * 4 + 2 + LOOKAHEAD);
      if (taken === 40) break;
    }
    expect(taken).toBe(40);
  }, 60_000);

  it("takes inputs given as bytes early only up to a bound on their size", async () => {
    const bytes = new TextEncoder().encode(reportText({ 3: requests2021((i) => [i, 0, 0, 0, 0, 0, i]) }, "测试县人民政府2021年政府信息公开工作年度报告"));
    const padded = new Uint8Array(2 * 1024 * 1024);
    padded.set(bytes);
    padded.fill(0x20, bytes.length);
    let asked = 0;
    async function* source() {
      for (let i = 0; i < 40; i++) {
        asked++;
        yield { name: `r${i}.txt`, bytes: padded };
      }
    }
    let taken = 0;
    for await (const env of processMany(source(), { jobs: 2 })) {
      expect(env.error).toBeUndefined();
      taken++;
      // 16 MB of 2 MB inputs wait at most, besides those started and finished.
      expect(asked - taken).toBeLessThanOrEqual(2 * 4 + 2 + 8 + 1);
    }
    expect(taken).toBe(40);
  }, 60_000);

  it("one input is read without starting any worker", async () => {
    const envs = await all([good(40)], { jobs: 2, workerUrl: "file:///nonexistent/worker.mjs" });
    expect(envs).toHaveLength(1);
    expect(envs[0]!.error).toBeUndefined();
  });
});
