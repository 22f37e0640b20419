import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkReports } from "../src/check.js";
import { rng } from "../src/generate/random-report.js";
import { isReadError } from "../src/model/errors.js";
import { readReports } from "../src/read.js";
import { seeds } from "./support/shared.js";
import { MUTATIONS } from "./support/mutations.js";
import { REVIEW_HEADER, reportText, requests2021, row } from "./support/text-report.js";

// Random and mutated inputs: reading never throws anything but a ReadError that is a verdict on
// the file (never `internal`, nianbao's own bug), and never takes more than a second of CPU on
// one input. CPU time, not the wall clock: a loaded machine stretches the wall clock (100,000
// nested divs took 1.2–1.8 s on a busy 2-core machine), a quadratic blow-up stretches both by
// orders of magnitude. The CLI over mutants of every format: fuzz-cli.test.ts.

const enc = new TextEncoder();
/** CPU one small random or mutated input may take (they take milliseconds). */
const CPU_LIMIT_MS = 1000;
/** CPU one hostile input may take: the slowest, 100,000 nested divs, takes 0.8–0.9 s. */
const HOSTILE_CPU_LIMIT_MS = 2500;

function bases(): Uint8Array[] {
  const out = seeds().map((s) => readFileSync(s.path) as Uint8Array);
  out.push(enc.encode(reportText({ 3: requests2021((i) => [i, 0, 1, 0, 0, 0, i + 1]), 4: [...REVIEW_HEADER, row(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)].join("\n") })));
  return out;
}

const pick = <T>(xs: T[], rand: () => number) => xs[Math.floor(rand() * xs.length)]!;

const HOSTILE: [string, () => Uint8Array][] = [
  ["one 2 MB line of digits", () => enc.encode("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 " + "1".repeat(2_000_000))],
  ["a table of 20,000 rows", () => enc.encode("三、收到和处理政府信息公开申请情况\n" + Array.from({ length: 20_000 }, (_, i) => row("（一）予以公开", i, 0, 0, 0, 0, 0, i)).join("\n"))],
  ["prose of 30,000 claims without a full stop", () => enc.encode("一、总体情况\n" + "收到申请共1件".repeat(30_000))],
  ["prose of 300,000 comma-separated digits", () => enc.encode("一、总体情况\n" + "1,".repeat(300_000))],
  ["20,000 tabs on a line", () => enc.encode("二、主动公开政府信息情况\n规章" + "\t0".repeat(20_000))],
  ["100,000 nested divs", () => enc.encode("<!doctype html><html><body>" + "<div>".repeat(100_000) + "一、总体情况" + "</div>".repeat(100_000) + "</body></html>")],
  ["a cell spanning 100,000 rows", () => enc.encode(`<html><body><p>三、收到和处理政府信息公开申请情况</p><table><tr><td rowspan="100000" colspan="100000">一、本年新收政府信息公开申请数量</td><td>1</td></tr></table></body></html>`)],
  ["only section heads", () => enc.encode("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项")],
  ["NUL bytes", () => new Uint8Array(1000)],
  ["UTF-16 with BOM", () => new Uint8Array([0xff, 0xfe, ...Array.from(enc.encode("x")).flatMap((c) => [c, 0])])],
  ["a JSON array of junk", () => enc.encode('[{"meta":{"template":"2021","year":2021},"cells":{"requests.total.total":"x"}}]')],
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Reads and checks the bytes; returns the CPU milliseconds it took. Fails on anything but a ReadError about the file. */
async function attempt(bytes: Uint8Array, what: string): Promise<number> {
  const t0 = cpuMs();
  try {
    checkReports(await readReports(bytes, { name: "fuzz" }));
  } catch (e) {
    if (!isReadError(e)) throw e;
    // `internal` is nianbao's own bug met while reading, never a verdict on the file.
    expect(e.code, `${what}: ${e.message}`).not.toBe("internal");
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  }
  return cpuMs() - t0;
}

describe("fuzz: reading never throws uncaught, never fails as nianbao's own bug, and stays within its CPU budget", () => {
  it("random bytes", async () => {
    const rand = rng(1);
    for (let k = 0; k < 200; k++) {
      const bytes = new Uint8Array(Math.floor(rand() * 5000)).map(() => Math.floor(rand() * 256));
      expect(await attempt(bytes, `random #${k}`)).toBeLessThan(CPU_LIMIT_MS);
    }
  });

  it("mutated reports", async () => {
    const rand = rng(2);
    const list = bases();
    for (let k = 0; k < 400; k++) {
      const name = pick(Object.keys(MUTATIONS), rand);
      const input = MUTATIONS[name]!(pick(list, rand), rand);
      expect(await attempt(input, `${name} #${k}`), `${name} #${k}`).toBeLessThan(CPU_LIMIT_MS);
    }
  });

  for (const [name, make] of HOSTILE) {
    it(`hostile input: ${name}`, async () => {
      expect(await attempt(make(), name)).toBeLessThan(HOSTILE_CPU_LIMIT_MS);
    });
  }
});
