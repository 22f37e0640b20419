import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { FIGURES, statsDoc } from "../../src/stats/index.js";
import { figureKeys, resolveTerm, templatesWithout } from "../../src/stats/terms.js";
import { ROW_CORRESPONDENCES } from "../../src/templates/crosswalk.js";
import { resultGroups } from "../../src/templates/groups.js";
import { anyCellDef, cellDef, F2019, F2021 } from "../../src/templates/index.js";

describe("statistics definitions", () => {
  it("docs/stats.md is up to date with src/stats/figures.ts (regenerate: npm run docs:stats)", () => {
    expect(readFileSync(resolve(__dirname, "../../docs/stats.md"), "utf8")).toBe(statsDoc());
  });

  it("defines every figure once, in the docs with its formula and its minimum", () => {
    const doc = statsDoc();
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      expect(doc).toContain(`#### \`${f.id}\` ${f.name}\n`);
      if (f.kind === "rate") expect(doc).toContain(`| \`${f.id}\` | ${f.name} | % |`);
    }
    expect(doc).toContain("| `requests.disclosed` | 实质公开率 | % | (`requests.granted.total` + `requests.partial.total`) ÷ (`requests.total.total`) | 10 办结 | 是 |");
    expect(doc).toContain("(`review.reconsideration.corrected`) ÷ (`review.reconsideration.total` − `review.reconsideration.pending`)");
  });

  it("reads only cells the templates define", () => {
    for (const k of figureKeys(FIGURES)) expect(anyCellDef(k), k).toBeDefined();
  });

  it("takes table 3's result groups from the template data, the same six in both templates", () => {
    const rows = (t: typeof F2019) => resultGroups(t).map((g) => [g.no, g.rows.map((r) => r.key)]);
    expect(resultGroups(F2021).map((g) => g.label)).toEqual(["（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]);
    expect(resultGroups(F2019).map((g) => g.no)).toEqual(resultGroups(F2021).map((g) => g.no));
    expect(rows(F2019).find(([no]) => no === "（六）")).toEqual(["（六）", ["other"]]);
    expect(rows(F2021).find(([no]) => no === "（六）")).toEqual(["（六）", ["other_overdue_correction", "other_overdue_fee", "other_misc"]]);
    expect(rows(F2021).find(([no]) => no === "（三）")![1]).toHaveLength(8);
    // The groups' rows across templates are the crosswalk's correspondences (or the same keys).
    for (const g of resultGroups(F2019)) {
      const other = resultGroups(F2021).find((x) => x.no === g.no)!;
      const [a, b] = [g.rows.map((r) => r.key), other.rows.map((r) => r.key)];
      if (a.join() !== b.join()) expect(ROW_CORRESPONDENCES.some((c) => c.groups[0].join() === a.join() && c.groups[1].join() === b.join())).toBe(true);
    }
  });

  it("never maps a cell a template lacks onto another one: 2019 has no 本年制发、现行有效、收费金额", () => {
    const without = Object.fromEntries(FIGURES.map((f) => [f.id, templatesWithout(f)]).filter(([, t]) => t.length));
    expect(without).toEqual({ "active.normative_docs.issued": ["2019"], "active.normative_docs.in_force": ["2019"], "active.fees": ["2019"] });
    expect(cellDef(F2019, "active.normative_docs.made")).toBeDefined();
    // The crosswalk stands in where rows correspond: 2019's single （六） row for 2021's three, and no other way round.
    expect(resolveTerm({ cells: ["requests.other.total"] })).toEqual({ "2019": ["requests.other.total"], "2021": ["requests.other_overdue_correction.total", "requests.other_overdue_fee.total", "requests.other_misc.total"] });
    expect(resolveTerm({ cells: ["requests.other_misc.total"] })).toEqual({ "2019": null, "2021": ["requests.other_misc.total"] });
  });
});
