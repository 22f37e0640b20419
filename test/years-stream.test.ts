import { describe, expect, it } from "vitest";
import { checkAcrossYears, checkReport, runYearRules, yearSummary } from "../src/check.js";
import { randomReport, rng } from "../src/generate/random-report.js";
import type { Finding } from "../src/model/finding.js";
import type { Report } from "../src/model/report.js";
import { CrossYearStream, type Envelope, versions } from "../src/pipeline/index.js";
import { RULES } from "../src/rules/index.js";
import { memoryStorage, type PackedStorage } from "../src/model/packed.js";
import { scratchStorage } from "../src/store/scratch-book.js";

// The cross-year rules over a stream: each report written once, in input order, with every
// finding `checkAcrossYears` gives the whole batch — in place, or (its previous year read too
// late) as late findings naming it. The batch keeps summaries, and the rules read nothing else.

/** Reports of a few agencies over consecutive years, some carried-over counts off by one. */
function batch(seed: number, agencies = 6): Report[] {
  const rand = rng(seed);
  const out: Report[] = [];
  for (let a = 0; a < agencies; a++) {
    const first = 2020 + Math.floor(rand() * 2);
    for (let y = first; y < first + 3; y++) {
      const template = y < 2021 ? "2019" : "2021";
      const r = checkReport(randomReport(seed * 100 + a * 10 + y, { template, year: y, agency: `测试${a}县人民政府` }));
      out.push({ ...r, meta: { ...r.meta, file: `${a}-${y}.txt` } });
    }
  }
  // The same agency under its longer name.
  const longer = checkReport(randomReport(seed * 100 + 99, { template: "2021", year: 2024, agency: "青州市测试0县人民政府" }));
  out.push({ ...longer, meta: { ...longer.meta, file: "longer.txt" } });
  return out;
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const rand = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const envelope = (r: Report): Envelope => ({
  file: r.meta.file!,
  sha256: null,
  size: null,
  format: "text",
  versions: versions("text"),
  timings: { loadMs: 0, readMs: 0, extractMs: 0, checkMs: 0, totalMs: 0 },
  reports: [r],
});

const years = (fs: Finding[]) => fs.filter((f) => f.rule.startsWith("years-")).map((f) => `${f.rule} ${JSON.stringify(f.data)}`);

/** Runs the stream; returns the reports written (in order) and each file's late findings. */
function stream(reports: Report[], lookahead: number, storage: PackedStorage = memoryStorage) {
  const s = new CrossYearStream({ lookahead, storage });
  const written: Report[] = [];
  for (const r of reports) for (const e of s.push(envelope(r))) written.push(...e.reports);
  const rest = s.end();
  for (const e of rest.envelopes) written.push(...e.reports);
  const late = new Map<string, Finding[]>();
  for (const l of rest.late) late.set(l.file, [...(late.get(l.file) ?? []), ...l.findings]);
  storage.close();
  return { written, late };
}

describe("year summaries", () => {
  it("keep only the cells the cross-year rules declare they read, and the rules find the same on them", () => {
    let found = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const [prev, now] = [2021, 2022].map((y, i) => randomReport(seed * 7 + i, { template: "2021", year: y, agency: "甲县人民政府" }));
      const s = yearSummary(now!);
      expect(Object.keys(s.cells).length).toBeLessThan(40);
      expect(s.sections).toEqual([]);
      expect(runYearRules(yearSummary(now!), yearSummary(prev!))).toEqual(runYearRules(now!, prev!));
      found += runYearRules(now!, prev!).length;
    }
    expect(found, "random pairs disagree somewhere").toBeGreaterThan(0);
    for (let seed = 1; seed <= 10; seed++) {
      const [prev, now] = [2019, 2020].map((y, i) => randomReport(seed * 11 + i, { template: "2019", year: y, agency: "乙县人民政府" }));
      expect(runYearRules(yearSummary(now!), yearSummary(prev!))).toEqual(runYearRules(now!, prev!));
    }
  });

  it("every cross-year rule says what it reads", () => {
    for (const r of RULES.filter((x) => x.meta.scope === "years")) expect(r.meta.reads?.length, r.meta.id).toBeGreaterThan(0);
  });
});

describe("CrossYearStream", () => {
  // The book in memory (the library's default) and in a temporary SQLite file (what a CLI batch uses).
  for (const [where, storage] of [["in memory", () => memoryStorage], ["in a temporary SQLite file", scratchStorage]] as const) {
    it(`with room to look ahead over the whole batch, writes exactly what checkAcrossYears gives, in input order (summaries ${where})`, () => {
      for (const seed of [1, 2, 3]) {
        const input = shuffled(batch(seed), seed);
        const { written, late } = stream(input, input.length, storage());
        expect(written.map((r) => r.meta.file)).toEqual(input.map((r) => r.meta.file));
        expect(written).toEqual(checkAcrossYears(input));
        expect(late.size).toBe(0);
      }
    });

    it(`without looking ahead, every finding still comes: in place, or late with the report named (summaries ${where})`, () => {
      for (const seed of [4, 5, 6]) {
        const input = shuffled(batch(seed), seed);
        const whole = checkAcrossYears(input);
        const { written, late } = stream(input, 0, storage());
        expect(written.map((r) => r.meta.file)).toEqual(input.map((r) => r.meta.file));
        written.forEach((r, i) => {
          const all = [...years(r.findings), ...years(late.get(r.meta.file!) ?? [])];
          expect(all.sort(), r.meta.file).toEqual(years(whole[i]!.findings).sort());
        });
        expect(late.size, "a shuffled batch has pairs read in reverse").toBeGreaterThan(0);
      }
    });
  }

  it("in year order, nothing is late and nothing waits", () => {
    const input = batch(7).sort((a, b) => a.meta.year! - b.meta.year!);
    const s = new CrossYearStream({ lookahead: 1000 });
    let written = 0;
    for (const r of input.slice(0, 6)) written += s.push(envelope(r)).length;
    // The first year of each agency waits (its previous year may still come); later ones do not.
    expect(written).toBe(0);
    const { written: all, late } = stream(input, 0);
    expect(late.size).toBe(0);
    expect(all).toEqual(checkAcrossYears(input));
  });

  it("holds at most `lookahead` envelopes", () => {
    const input = batch(8, 20);
    const s = new CrossYearStream({ lookahead: 5 });
    let pushed = 0;
    let written = 0;
    for (const r of input) {
      pushed++;
      written += s.push(envelope(r)).length;
      expect(pushed - written).toBeLessThanOrEqual(6);
    }
  });
});
