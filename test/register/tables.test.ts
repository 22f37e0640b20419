import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkReport, runYearRules } from "../../src/check.js";
import { computeTables, type Application } from "../../src/register/index.js";
import { applicantColumns, resultRows, reviewGroups, reviewResults } from "../../src/register/choices.js";
import { F2019, F2021, templateForYear } from "../../src/templates/index.js";
import { app } from "./support.js";

const errors = (r: { findings: { severity: string }[] }) => r.findings.filter((f) => f.severity === "error");

describe("tables 3 and 4 from the register", () => {
  it("an application received on 12-28 and answered on 01-15 is 结转下年度, then 上年结转", () => {
    const apps = [
      app({ id: "2025-100", received: "2025-12-28", applicantType: "commercial", replied: "2026-01-15", outcome: "partial" }),
      app({ id: "2025-001", received: "2025-03-03", replied: "2025-03-20", outcome: "granted" }),
    ];
    const y2025 = computeTables(apps, 2025);
    expect(y2025.cells["requests.new_received.commercial"]).toBe(1);
    expect(y2025.cells["requests.carried_forward.commercial"]).toBe(1);
    expect(y2025.cells["requests.carried_forward.total"]).toBe(1);
    expect(y2025.cells["requests.partial.commercial"]).toBe(0);
    expect(y2025.cells["requests.granted.natural_person"]).toBe(1);
    expect(y2025.cells["requests.total.total"]).toBe(1);
    expect(y2025.sources["requests.carried_forward.commercial"]).toEqual(["2025-100"]);

    const y2026 = computeTables(apps, 2026);
    expect(y2026.cells["requests.carried_over.commercial"]).toBe(1);
    expect(y2026.cells["requests.new_received.total"]).toBe(0);
    expect(y2026.cells["requests.partial.commercial"]).toBe(1);
    expect(y2026.cells["requests.carried_forward.total"]).toBe(0);
    expect(y2026.sources["requests.carried_over.commercial"]).toEqual(["2025-100"]);
    expect(y2026.cells["requests.granted.natural_person"]).toBe(0);

    // The project's own rules: each year balances, and the two years join up.
    expect(errors(checkReport(y2025.report))).toEqual([]);
    expect(errors(checkReport(y2026.report))).toEqual([]);
    expect(runYearRules(y2026.report, y2025.report).filter((f) => f.rule === "years-carried-over")).toEqual([]);
    // …and the rule would see it if they did not.
    const off = { ...y2026.report, cells: { ...y2026.report.cells, "requests.carried_over.commercial": 2 } };
    expect(runYearRules(off, y2025.report).map((f) => f.rule)).toContain("years-carried-over");
  });

  it("an application answered before the year and one received after it are not in it", () => {
    const apps = [app({ id: "old", received: "2024-05-01", replied: "2024-05-10", outcome: "granted" }), app({ id: "new", received: "2026-01-05" })];
    const t = computeTables(apps, 2025);
    expect(Object.values(t.cells).every((v) => v === 0)).toBe(true);
    expect(t.sources).toEqual({});
  });

  it("table 4 counts reviews filed in the year; a result after 12-31 is 尚未审结 then", () => {
    const a = app({
      id: "R1",
      received: "2025-02-03",
      replied: "2025-02-20",
      outcome: "denied_third_party",
      reviews: [
        { group: "reconsideration", filed: "2025-03-01", result: "upheld", decided: "2025-05-01" },
        { group: "suit_after", filed: "2025-06-01", result: "corrected", decided: "2026-02-01" },
      ],
    });
    const t = computeTables([a], 2025);
    expect(t.cells["review.reconsideration.upheld"]).toBe(1);
    expect(t.cells["review.reconsideration.total"]).toBe(1);
    expect(t.cells["review.suit_after.pending"]).toBe(1);
    expect(t.cells["review.suit_after.corrected"]).toBe(0);
    expect(t.cells["review.suit_after.total"]).toBe(1);
    expect(t.sources["review.suit_after.pending"]).toEqual(["R1"]);
    expect(computeTables([a], 2026).cells["review.suit_after.total"]).toBe(0);
  });

  it("an outcome the year's template does not have is refused, not put somewhere", () => {
    const a = app({ id: "X", received: "2025-02-03", replied: "2025-02-20", outcome: "other" });
    expect(() => computeTables([a], 2025)).toThrow("登记编号 X：办理结果“other”不是 2021 年版格式表三的办理结果");
    // The 2019 template has that row.
    expect(computeTables([{ ...a, received: "2020-02-03", replied: "2020-02-20" }], 2020).cells["requests.other.total"]).toBe(1);
  });
});

/** A register spanning year−1 … year+1; outcomes from the template in force in the year of the reply. */
function registerArb(year: number, size: number): fc.Arbitrary<Application[]> {
  const day = fc.integer({ min: 0, max: 3 * 365 - 1 }).map((n) => new Date(Date.UTC(year - 1, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const applicant = fc.constantFrom(...applicantColumns(F2021).map((c) => c.key));
  const groups = reviewGroups(F2021).map((r) => r.key);
  const results = reviewResults(F2021).map((c) => c.key);
  const one = fc.record({
    received: day,
    applicantType: applicant,
    replyAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    pick: fc.nat(),
    review: fc.option(fc.record({ group: fc.constantFrom(...groups), result: fc.constantFrom(...results), after: fc.integer({ min: 0, max: 400 }), decidedAfter: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }) }), { nil: undefined }),
  });
  return fc.array(one, { minLength: size, maxLength: size }).map((rows) =>
    rows.map((r, i) => {
      const a: Application = { id: `A${i}`, received: r.received, channel: "online", applicantType: r.applicantType, request: "x", consultations: [], reviews: [] };
      if (r.replyAfter !== undefined) {
        a.replied = new Date(Date.parse(r.received) + r.replyAfter * 86_400_000).toISOString().slice(0, 10);
        const rows = resultRows(templateForYear(+a.replied.slice(0, 4)));
        a.outcome = rows[r.pick % rows.length]!.key;
      }
      if (r.review) {
        const filed = new Date(Date.parse(r.received) + r.review.after * 86_400_000).toISOString().slice(0, 10);
        const decided = r.review.decidedAfter !== undefined && r.review.result !== "pending" ? new Date(Date.parse(filed) + r.review.decidedAfter * 86_400_000).toISOString().slice(0, 10) : undefined;
        a.reviews.push(decided ? { group: r.review.group, filed, result: r.review.result, decided } : { group: r.review.group, filed, result: r.review.result });
      }
      return a;
    }),
  );
}

describe("every identity of the template holds by construction (property)", () => {
  for (const year of [2020, 2021, 2025]) {
    it(`2,000 generated applications around ${year}: the project's rules find no error`, () => {
      fc.assert(
        fc.property(registerArb(year, 2000), (apps) => {
          const t = computeTables(apps, year);
          const r = t.report;
          // Every cell is a number, so no identity is skipped for a blank.
          const keys = [...t.template.requests.rows, ...t.template.review.rows].length;
          expect(Object.values(r.cells).every((v) => typeof v === "number")).toBe(true);
          expect(Object.keys(r.cells).length).toBe(t.template.requests.rows.length * 7 + t.template.review.rows.length * 5);
          expect(keys).toBeGreaterThan(0);
          expect(errors(checkReport(r))).toEqual([]);
          // Counted independently of the table code.
          const open = apps.filter((a) => a.received <= `${year}-12-31` && !(a.replied && a.replied < `${year}-01-01`));
          expect(r.cells["requests.new_received.total"]).toBe(open.filter((a) => a.received >= `${year}-01-01`).length);
          expect(r.cells["requests.carried_forward.total"]).toBe(open.filter((a) => !a.replied || a.replied > `${year}-12-31`).length);
          expect(r.meta.template).toBe(year < 2021 ? F2019.id : F2021.id);
        }),
        { numRuns: 15, seed: 20250101 + year },
      );
    });
  }

  it("the same rules do find a broken table (the property can fail)", () => {
    const apps = fc.sample(registerArb(2025, 200), { numRuns: 1, seed: 7 })[0]!;
    // One more 予以公开 breaks （七） = Σ results and the row total; one more 结转下年度 breaks 一+二 = （七）+四.
    for (const key of ["requests.granted.commercial", "requests.carried_forward.research", "review.suit_direct.upheld"]) {
      const t = computeTables(apps, 2025);
      expect(errors(checkReport(t.report))).toEqual([]);
      t.report.cells[key]! += 1;
      expect(errors(checkReport(t.report)).length).toBeGreaterThan(0);
    }
  });
});
