import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareReports } from "../../src/compare/index.js";
import type { CellComparison } from "../../src/compare/types.js";
import { randomReport } from "../../src/generate/random-report.js";
import type { Report } from "../../src/model/report.js";
import { cellDefs, F2019, F2021 } from "../../src/templates/index.js";
import { clone, edit, mixed } from "../rules/fixtures.js";

const changedKeys = (cells: CellComparison[]) => cells.filter((c) => c.kind === "changed" || c.kind === "kind-changed").map((c) => c.key).sort();

/** What a cell can become: another number, blank, "/", or gone from the report. */
type Edit = { kind: "number"; delta: number } | { kind: "blank" } | { kind: "slash" } | { kind: "absent" };

function apply(r: Report, key: string, e: Edit): void {
  const v = r.cells[key] as number;
  if (e.kind === "number") {
    r.cells[key] = v + e.delta;
    r.provenance[key] = { raw: String(v + e.delta) };
  } else if (e.kind === "blank") {
    r.cells[key] = null;
    r.provenance[key] = { raw: "" };
  } else if (e.kind === "slash") {
    r.cells[key] = null;
    r.provenance[key] = { raw: "/" };
  } else {
    delete r.cells[key];
    delete r.provenance[key];
  }
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.integer({ min: 1, max: 50 }).chain((d) => fc.constantFrom<Edit>({ kind: "number", delta: d }, { kind: "number", delta: -d })),
  fc.constant<Edit>({ kind: "blank" }),
  fc.constant<Edit>({ kind: "slash" }),
  fc.constant<Edit>({ kind: "absent" }),
);

describe("cells of two reports on one template", () => {
  it("reports exactly the k cells that were changed, nothing else", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom("2019" as const, "2021" as const),
        fc.array(fc.tuple(fc.nat(), editArb), { minLength: 1, maxLength: 12 }),
        (seed, template, edits) => {
          const before = randomReport(seed, { template, agency: "临江县人民政府", year: template === "2019" ? 2019 : 2021 });
          const after = clone(before);
          const keys = cellDefs(template === "2019" ? F2019 : F2021).map((d) => d.key);
          const picked = new Map<string, Edit>();
          for (const [i, e] of edits) picked.set(keys[i % keys.length]!, e);
          for (const [k, e] of picked) apply(after, k, e);
          const c = compareReports(before, after);
          expect(changedKeys(c.cells)).toEqual([...picked.keys()].sort());
          for (const [k, e] of picked) {
            const cell = c.cells.find((x) => x.key === k)!;
            if (e.kind === "number") {
              expect(cell.kind).toBe("changed");
              expect(cell.change!.absolute).toBe(e.delta);
              expect(cell.after).toMatchObject({ state: "number", value: (before.cells[k] as number) + e.delta });
            } else {
              expect(cell.kind).toBe("kind-changed");
              expect(cell.change).toBeNull();
              expect(cell.after!.state).toBe(e.kind === "blank" ? "blank" : e.kind === "slash" ? "text" : "absent");
            }
          }
          // Every cell of the template is compared, none is without counterpart.
          expect(c.cells).toHaveLength(keys.length);
          expect(c.unmatched).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("blank, 0, “/” and absent are four different things", () => {
    const base = randomReport(3, { template: "2021" });
    const key = "requests.granted.commercial";
    const states = {
      zero: edit(base, { [key]: 0 }),
      blank: edit(base, { [key]: null }),
      slash: (() => {
        const r = edit(base, { [key]: null });
        r.provenance[key] = { raw: "/" };
        return r;
      })(),
      absent: (() => {
        const r = clone(base);
        delete r.cells[key];
        delete r.provenance[key];
        return r;
      })(),
    };
    const names = Object.keys(states) as (keyof typeof states)[];
    for (const a of names) {
      for (const b of names) {
        const cell = compareReports(states[a], states[b]).cells.find((x) => x.key === key)!;
        expect(cell.kind, `${a} → ${b}`).toBe(a === b ? "same" : "kind-changed");
      }
    }
    const blankToZero = compareReports(states.blank, states.zero).cells.find((x) => x.key === key)!;
    expect(blankToZero.before).toEqual({ state: "blank", value: null, raw: "" });
    expect(blankToZero.after).toEqual({ state: "number", value: 0, raw: "0" });
  });

  it("gives the relative change, and none from 0", () => {
    const a = edit(randomReport(5, { template: "2021" }), { "requests.granted.total": 40, "requests.partial.total": 0 });
    const b = edit(a, { "requests.granted.total": 50, "requests.partial.total": 7 });
    const c = compareReports(a, b);
    expect(c.cells.find((x) => x.key === "requests.granted.total")!.change).toEqual({ absolute: 10, relative: 0.25 });
    expect(c.cells.find((x) => x.key === "requests.partial.total")!.change).toEqual({ absolute: 7, relative: null });
  });

  it("takes every cell name from the template data, and changes neither report", () => {
    const r = randomReport(9, { template: "2021" });
    const copy = structuredClone(r);
    const c = compareReports(r, r);
    expect(r).toEqual(copy);
    expect(c.cells.find((x) => x.key === "requests.granted.natural_person")).toMatchObject({ name: "（一）予以公开 · 自然人", row: "（一）予以公开", column: "自然人" });
    expect(c.cells.find((x) => x.key === "active.regulations.in_force")).toMatchObject({ block: "第二十条第（一）项", column: "现行有效件数" });
    expect(changedKeys(c.cells)).toEqual([]);
  });
});

describe("cells across a change of template (2019 → 2021)", () => {
  const agency = "临江县人民政府";
  const y2020 = randomReport(21, { template: "2019", year: 2020, agency, zeroRate: 0.3 });
  const y2021 = randomReport(22, { template: "2021", year: 2021, agency, zeroRate: 0.3 });
  const c = compareReports(y2020, y2021);

  it("says which rows and columns have no counterpart", () => {
    const find = (side: string, block: string) => c.unmatched.find((u) => u.side === side && u.block === block);
    expect(find("before", "第二十条第（一）项")).toMatchObject({ rows: [], columns: ["本年新制作数量", "本年新公开数量", "对外公开总数量"] });
    expect(find("after", "第二十条第（一）项")).toMatchObject({ rows: [], columns: ["本年制发件数", "本年废止件数", "现行有效件数"] });
    expect(find("before", "第二十条第（九）项")).toMatchObject({ rows: ["政府集中采购"] });
    expect(find("before", "第二十条第（五）项")!.rows).toEqual(["其他对外管理服务事项"]);
    expect(find("after", "第二十条第（八）项")).toMatchObject({ columns: ["本年收费金额（单位：万元）"] });
    // Table 3 and 4 are matched in full: （六） through the correspondence.
    expect(c.unmatched.filter((u) => u.table !== "active")).toEqual([]);
    for (const key of ["active.regulations.made", "active.procurement.amount"]) expect(c.cells.find((x) => x.key === key)!.kind).toBe("only-before");
    expect(c.cells.find((x) => x.key === "active.regulations.issued")!.kind).toBe("only-after");
    // Same key, same cell: compared directly.
    expect(c.cells.find((x) => x.key === "active.licensing.decisions")!.before).not.toBeNull();
  });

  it("compares the old single （六） row with the sum of the three 2021 sub-rows, per column", () => {
    const rows = ["other_overdue_correction", "other_overdue_fee", "other_misc"];
    for (const col of F2021.requests.columns.map((x) => x.key)) {
      const cell = c.cells.find((x) => x.key === `requests.other.${col}`)!;
      const sum = rows.reduce((s, row) => s + (y2021.cells[`requests.${row}.${col}`] as number), 0);
      expect(cell.via!.after).toEqual(rows.map((row) => `requests.${row}.${col}`));
      expect(cell.before).toMatchObject({ state: "number", value: y2020.cells[`requests.other.${col}`] });
      expect(cell.after).toMatchObject({ state: "number", value: sum });
      expect(cell.after!.parts).toHaveLength(3);
      expect(cell.kind).toBe(sum === y2020.cells[`requests.other.${col}`] ? "same" : "changed");
      expect(cell.name).toBe(`（六）其他处理 · ${F2019.requests.columns.find((x) => x.key === col)!.label}`);
    }
    // The sub-rows are not listed again on their own.
    expect(c.cells.some((x) => x.key.startsWith("requests.other_"))).toBe(false);
  });

  it("an edit to one sub-row shows as a change of the sum; a blank sub-row makes the sum unknown", () => {
    const same = edit(y2021, { "requests.other_overdue_fee.commercial": 0, "requests.other_overdue_correction.commercial": 0, "requests.other_misc.commercial": 4 });
    const old = edit(y2020, { "requests.other.commercial": 4 });
    expect(compareReports(old, same).cells.find((x) => x.key === "requests.other.commercial")!.kind).toBe("same");
    const more = edit(same, { "requests.other_overdue_fee.commercial": 2 });
    expect(compareReports(old, more).cells.find((x) => x.key === "requests.other.commercial")).toMatchObject({ kind: "changed", change: { absolute: 2, relative: 0.5 } });
    const blank = edit(same, { "requests.other_overdue_fee.commercial": null });
    expect(compareReports(old, blank).cells.find((x) => x.key === "requests.other.commercial")).toMatchObject({ kind: "kind-changed", after: { state: "blank", value: null } });
  });

  it("is plain JSON, ready for a web page", () => {
    expect(JSON.parse(JSON.stringify(c))).toStrictEqual(c);
  });

  it("works the other way round, and for a 2021 report that kept the single （六） row", () => {
    const back = compareReports(y2021, y2020);
    expect(back.cells.find((x) => x.key === "requests.other.total")!.via!.before).toHaveLength(3);
    const kept = mixed(y2021);
    const m = compareReports(kept, y2021);
    const cell = m.cells.find((x) => x.key === "requests.other.total")!;
    expect(cell.kind).toBe("same");
    expect(changedKeys(m.cells)).toEqual([]);
    expect(m.unmatched).toEqual([]);
  });
});
