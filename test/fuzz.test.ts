import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkReports } from "../src/check.js";
import { rng } from "../src/generate/random-report.js";
import { isReadError } from "../src/model/errors.js";
import { readReports } from "../src/read.js";
import { seeds } from "./support/shared.js";
import { REVIEW_HEADER, reportText, requests2021, row } from "./support/text-report.js";

// Random and mutated inputs: reading never throws anything but a ReadError, and never takes
// more than a second on one input.

const enc = new TextEncoder();

function bases(): Uint8Array[] {
  const out = seeds().map((s) => readFileSync(s.path) as Uint8Array);
  out.push(enc.encode(reportText({ 3: requests2021((i) => [i, 0, 1, 0, 0, 0, i + 1]), 4: [...REVIEW_HEADER, row(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)].join("\n") })));
  return out;
}

type Mutation = (b: Uint8Array, rand: () => number) => Uint8Array;
const pick = <T>(xs: T[], rand: () => number) => xs[Math.floor(rand() * xs.length)]!;

const MUTATIONS: Record<string, Mutation> = {
  flip: (b, rand) => {
    const c = b.slice();
    for (let k = 0; k < 1 + rand() * 20; k++) c[Math.floor(rand() * c.length)] = Math.floor(rand() * 256);
    return c;
  },
  truncate: (b, rand) => b.slice(0, Math.floor(rand() * b.length)),
  insert: (b, rand) => {
    const at = Math.floor(rand() * b.length);
    const junk = new Uint8Array(1 + Math.floor(rand() * 64)).map(() => Math.floor(rand() * 256));
    return new Uint8Array([...b.subarray(0, at), ...junk, ...b.subarray(at)]);
  },
  shuffleLines: (b, rand) => {
    const lines = new TextDecoder().decode(b).split("\n");
    for (let i = lines.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return enc.encode(lines.join("\n"));
  },
  duplicateLines: (b, rand) => {
    const lines = new TextDecoder().decode(b).split("\n");
    const a = Math.floor(rand() * lines.length);
    const n = Math.floor(rand() * 200);
    return enc.encode([...lines.slice(0, a), ...lines.slice(a, a + n), ...lines.slice(a)].join("\n"));
  },
  digits: (b, rand) => enc.encode(new TextDecoder().decode(b).replace(/\d/g, (d) => (rand() < 0.3 ? String(Math.floor(rand() * 10)) : rand() < 0.1 ? "" : d))),
  tabs: (b, rand) => enc.encode(new TextDecoder().decode(b).replace(/\n/g, (n) => (rand() < 0.2 ? "\t" : rand() < 0.1 ? "\n\n" : n))),
};

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

async function attempt(bytes: Uint8Array): Promise<number> {
  const t0 = performance.now();
  try {
    checkReports(await readReports(bytes, { name: "fuzz" }));
  } catch (e) {
    if (!isReadError(e)) throw e;
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  }
  return performance.now() - t0;
}

describe("fuzz: reading never throws uncaught and never takes a second", () => {
  it("random bytes", async () => {
    const rand = rng(1);
    for (let k = 0; k < 200; k++) {
      const bytes = new Uint8Array(Math.floor(rand() * 5000)).map(() => Math.floor(rand() * 256));
      expect(await attempt(bytes)).toBeLessThan(1000);
    }
  });

  it("mutated reports", async () => {
    const rand = rng(2);
    const list = bases();
    let slowest = 0;
    for (let k = 0; k < 400; k++) {
      const name = pick(Object.keys(MUTATIONS), rand);
      const input = MUTATIONS[name]!(pick(list, rand), rand);
      const ms = await attempt(input);
      slowest = Math.max(slowest, ms);
      expect(ms, `${name} #${k}`).toBeLessThan(1000);
    }
    expect(slowest).toBeLessThan(1000);
  });

  for (const [name, make] of HOSTILE) {
    it(`hostile input: ${name}`, async () => {
      expect(await attempt(make())).toBeLessThan(1000);
    });
  }
});
