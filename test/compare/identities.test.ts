import { describe, expect, it } from "vitest";
import { runYearRules } from "../../src/check.js";
import { compareReports } from "../../src/compare/index.js";
import type { IdentityComparison } from "../../src/compare/types.js";
import { RULES } from "../../src/rules/index.js";
import { clone, edit, gen, v, withMeta } from "../rules/fixtures.js";

const agency = "临江县人民政府";
const y2021 = gen("2021", 63, { year: 2021, agency });
const COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];
/** 2022, continuing 2021: 上年结转 = last year's 结转下年度, 现行有效 carried on. */
const y2022 = (() => {
  const r = gen("2021", 64, { year: 2022, agency });
  const cells: Record<string, number> = Object.fromEntries(COLUMNS.map((c) => [`requests.carried_over.${c}`, v(y2021, `requests.carried_forward.${c}`)]));
  for (const row of ["regulations", "normative_docs"]) {
    cells[`active.${row}.in_force`] = v(y2021, `active.${row}.in_force`) + v(r, `active.${row}.issued`) - v(r, `active.${row}.repealed`);
  }
  return edit(r, cells);
})();

const carried = (ids: IdentityComparison[]) => ids.filter((x) => x.rule === "years-carried-over");

describe("cross-year identities, both sides shown", () => {
  it("all hold when this year continues last year", () => {
    const c = compareReports(y2021, y2022);
    expect(c.years).toBe(1);
    expect(carried(c.identities)).toHaveLength(7);
    expect(c.identities.filter((x) => x.rule === "years-in-force")).toHaveLength(2);
    expect(c.identities.every((x) => x.holds === true)).toBe(true);
  });

  it("上年结转 ≠ last year's 结转下年度 in one column: ✗ for that column only, with both sides", () => {
    const before = v(y2021, "requests.carried_forward.research");
    // Only the column moves; the total column keeps agreeing.
    const b = edit(y2022, { "requests.carried_over.research": before + 4 });
    const c = compareReports(y2021, b);
    const failing = carried(c.identities).filter((x) => x.holds === false);
    expect(failing).toHaveLength(1);
    expect(failing[0]).toMatchObject({
      subject: "表三“科研机构”列",
      left: { value: before + 4, terms: [{ year: "this", key: "requests.carried_over.research", side: { state: "number", value: before + 4 } }] },
      right: { value: before, terms: [{ year: "last", key: "requests.carried_forward.research", side: { state: "number", value: before } }] },
      difference: 4,
    });
    expect(carried(c.identities).filter((x) => x.holds === true)).toHaveLength(6);
  });

  it("a blank side cannot be checked: shown, neither ✓ nor ✗", () => {
    const c = compareReports(y2021, edit(y2022, { "requests.carried_over.commercial": null }));
    const x = carried(c.identities).find((i) => i.subject === "表三“商业企业”列")!;
    expect(x.holds).toBeNull();
    expect(x.left.terms[0]!.side.state).toBe("blank");
    expect(x.right.value).toBe(v(y2021, "requests.carried_forward.commercial"));
  });

  it("现行有效件数 = last year's + 本年制发 − 本年废止, with every term", () => {
    const b = edit(y2022, { "active.regulations.in_force": v(y2022, "active.regulations.in_force") + 2 });
    const x = compareReports(y2021, b).identities.find((i) => i.rule === "years-in-force" && i.subject === "表二“规章”")!;
    expect(x.holds).toBe(false);
    expect(x.right.terms.map((t) => [t.year, t.key, t.sign])).toEqual([
      ["last", "active.regulations.in_force", 1],
      ["this", "active.regulations.issued", 1],
      ["this", "active.regulations.repealed", -1],
    ]);
    expect(x.right.value).toBe(v(y2021, "active.regulations.in_force") + v(y2022, "active.regulations.issued") - v(y2022, "active.regulations.repealed"));
    expect(x.difference).toBe(2);
  });

  it("上一年项目数量 on the 2019 template", () => {
    const y2019 = gen("2019", 62, { year: 2019, agency });
    const y2020 = edit(gen("2019", 61, { year: 2020, agency }), { "active.penalty.prev_items": v(y2019, "active.penalty.prev_items") + v(y2019, "active.penalty.change") });
    const x = compareReports(y2019, y2020).identities.find((i) => i.rule === "years-items" && i.subject === "表二“行政处罚”")!;
    expect(x.holds).toBe(true);
    expect(x.right.terms.map((t) => [t.year, t.key])).toEqual([
      ["last", "active.penalty.prev_items"],
      ["last", "active.penalty.change"],
    ]);
  });

  it("only between consecutive years", () => {
    expect(compareReports(y2021, withMeta(y2022, { year: 2023 })).identities).toEqual([]);
    expect(compareReports(y2021, withMeta(y2022, { year: 2021 })).identities).toEqual([]);
    expect(compareReports(y2022, y2021).identities).toEqual([]);
  });

  it("agrees with the findings of the same rules in check, instance by instance", () => {
    const b = edit(y2022, { "requests.carried_over.natural_person": 99, "requests.carried_over.total": 0, "active.normative_docs.in_force": 1 });
    const c = compareReports(y2021, b);
    const checked = runYearRules(clone(b), y2021, { rules: RULES.filter((r) => r.meta.scope === "years") });
    const failing = c.identities.filter((x) => x.holds === false);
    expect(failing.map((x) => [x.rule, x.left.terms[0]!.key]).sort()).toEqual(checked.map((f) => [f.rule, f.cells[0]]).sort());
    expect(failing.length).toBe(3);
  });
});
