import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rng, randomReport } from "../src/generate/random-report.js";
import { convertFiles } from "../src/readers/doc/soffice.js";
import { render } from "../src/render/index.js";
import { reportToJson } from "../src/report/json.js";
import { checkReport } from "../src/check.js";
import { BIN, ROOT } from "./support/cli.js";
import { grayPng } from "./support/image-pdf.js";
import { MUTATIONS } from "./support/mutations.js";
import { writePdf } from "./support/pdf-writer.js";
import { HAS } from "./support/requires.js";
import { SHARED } from "./support/shared.js";

// The command line over mutants of every format it reads: whatever the bytes, nianbao answers
// with exit 0, 1 or 2, valid JSON, a Chinese message for what it cannot read, never a stack
// trace, never `internal`, and never hangs. NIANBAO_FUZZ_COUNT sets how many mutants (CI runs
// 200; the full run is 2,000). Mutants go through the worker pool in batches, and some one by
// one (the single-input path, without workers).

const COUNT = Number(process.env.NIANBAO_FUZZ_COUNT ?? 200);
const BATCH = 100;
const SINGLES = Math.min(20, COUNT);
/** Per-file limit given to the CLI; a batch that outlives all its files' limits has hung. */
const TIMEOUT_S = 20;

interface Base {
  ext: string;
  bytes: Uint8Array;
  /** Share of the mutants. */
  weight: number;
  text: boolean;
}

const enc = new TextEncoder();

function pdfBase(): Uint8Array {
  const texts = [
    { x: 72, y: 80, size: 14, text: "测试县人民政府2021年政府信息公开工作年度报告" },
    { x: 72, y: 120, text: "一、总体情况" },
    { x: 72, y: 140, text: "本年度共收到政府信息公开申请3件。" },
    { x: 72, y: 170, text: "二、主动公开政府信息情况" },
    { x: 72, y: 200, text: "规章 1 0 12" },
    { x: 72, y: 230, text: "三、收到和处理政府信息公开申请情况" },
    { x: 72, y: 260, text: "四、政府信息公开行政复议、行政诉讼情况" },
    { x: 72, y: 290, text: "五、存在的主要问题及改进情况" },
    { x: 72, y: 320, text: "六、其他需要报告的事项" },
  ];
  const lines = [0, 1, 2].map((k) => ({ x0: 72, y0: 190 + k * 15, x1: 400, y1: 190 + k * 15 }));
  return writePdf([{ texts, lines }], { title: "测试" });
}

function pngBase(): Uint8Array {
  const w = 64;
  const px = new Uint8Array(w * w).fill(255);
  for (let i = 0; i < w; i++) px[32 * w + i] = px[i * w + 32] = 0;
  return grayPng(w, w, px, 150);
}

async function bases(): Promise<Base[]> {
  const r = (seed: number) => randomReport(seed, { template: seed % 2 ? "2019" : "2021" });
  const out: Base[] = [
    { ext: ".txt", bytes: render(r(1), "tab-cell"), weight: 8, text: true },
    { ext: ".txt", bytes: render(r(2), "tab-row"), weight: 8, text: true },
    { ext: ".md", bytes: render(r(3), "markdown"), weight: 8, text: true },
    { ext: ".html", bytes: render(r(4), "html"), weight: 12, text: true },
    { ext: ".html", bytes: render(r(5), "html", { encoding: "gbk" }), weight: 8, text: false },
    { ext: ".docx", bytes: render(r(6), "docx"), weight: 14, text: false },
    { ext: ".json", bytes: enc.encode(JSON.stringify(reportToJson(checkReport(r(7))))), weight: 8, text: true },
    { ext: ".pdf", bytes: pdfBase(), weight: 10, text: false },
    { ext: ".png", bytes: pngBase(), weight: 2, text: false },
  ];
  const corpus = join(SHARED, "corpus");
  if (HAS.shared) {
    for (const f of readdirSync(corpus).filter((n) => n.endsWith(".pdf")).slice(0, 1)) out.push({ ext: ".pdf", bytes: readFileSync(join(corpus, f)), weight: 3, text: false });
  }
  if (HAS.libreoffice) {
    const doc = await convertFiles([{ name: "r.docx", bytes: render(r(8), "docx") }], "doc:MS Word 97");
    const bytes = doc.get("r");
    if (bytes) out.push({ ext: ".doc", bytes, weight: 3, text: false });
  }
  return out;
}

interface Mutant {
  file: string;
  what: string;
}

let dir = "";
let mutants: Mutant[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "nianbao-fuzz-cli-"));
  const list = await bases();
  const total = list.reduce((n, b) => n + b.weight, 0);
  const rand = rng(20261206);
  const binary = ["flip", "truncate", "insert"];
  mutants = Array.from({ length: COUNT }, (_, k) => {
    let x = rand() * total;
    const base = list.find((b) => (x -= b.weight) < 0) ?? list[0]!;
    const names = base.text ? Object.keys(MUTATIONS) : binary;
    const m = names[Math.floor(rand() * names.length)]!;
    const file = join(dir, `m${String(k).padStart(4, "0")}${base.ext}`);
    writeFileSync(file, MUTATIONS[m]!(base.bytes, rand));
    return { file, what: `${m} of ${base.ext}` };
  });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(files: string[], timeoutMs: number) {
  return spawnSync(process.execPath, [BIN, "check", "--format", "json", "--timeout", String(TIMEOUT_S), ...files], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 256 << 20,
    env: { ...process.env, NIANBAO_NO_PROGRESS: "1" },
  });
}

/** What a user must never see, whatever the input. */
function expectComposed(r: ReturnType<typeof run>, what: string) {
  expect(r.error, `${what}: the CLI did not finish (hang)`).toBeUndefined();
  expect(r.signal, `${what}: killed by ${r.signal}`).toBeNull();
  expect([0, 1, 2], `${what}: exit ${r.status}\n${r.stderr.slice(-2000)}`).toContain(r.status);
  expect(r.stderr, `${what}: stack trace`).not.toMatch(/\n\s+at |TypeError|ReferenceError|RangeError|SyntaxError|UnhandledPromiseRejection/);
  expect(r.stderr, `${what}: nianbao's own bug`).not.toMatch(/内部错误/);
  for (const line of r.stderr.split("\n").filter(Boolean)) expect(line, what).toMatch(/[\u4e00-\u9fff]/);
}

describe(`fuzz: the CLI over ${COUNT} mutants of every format`, () => {
  it(
    "in batches through the worker pool: exit 0/1/2, one valid JSON item per input, no stack trace, no internal error, no hang",
    () => {
      for (let i = 0; i < mutants.length; i += BATCH) {
        const batch = mutants.slice(i, i + BATCH);
        const r = run(
          batch.map((m) => m.file),
          (TIMEOUT_S + 15) * 1000 * Math.ceil(batch.length / 2),
        );
        const what = `mutants ${i}–${i + batch.length - 1}`;
        expectComposed(r, what);
        const items = JSON.parse(r.stdout) as { meta: { file?: string }; error?: { code: string; message: string } }[];
        expect(Array.isArray(items)).toBe(true);
        const seen = new Set(items.map((x) => x.meta.file));
        for (const m of batch) expect(seen.has(m.file), `${m.what}: ${m.file} missing from the output`).toBe(true);
        for (const x of items) {
          if (!x.error) continue;
          expect(x.error.code, `${x.meta.file}: ${x.error.message}`).not.toBe("internal");
          expect(x.error.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    },
    Math.max(600_000, COUNT * 3_000),
  );

  it(
    "one at a time (no workers): exit 0/1/2, valid JSON or nothing, no stack trace, no hang",
    () => {
      for (const m of mutants.slice(0, SINGLES)) {
        const r = run([m.file], (TIMEOUT_S + 15) * 1000);
        expectComposed(r, m.what);
        if (r.stdout !== "") expect(() => JSON.parse(r.stdout), m.what).not.toThrow();
        else expect(r.status, `${m.what}: nothing printed`).toBe(2);
      }
    },
    SINGLES * 40_000,
  );
});
