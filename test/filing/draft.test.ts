import { describe, expect, it } from "vitest";
import { createDraft, draftReport, setCells, setSection, FilingError } from "../../src/filing/index.js";
import { cellDefs, F2019, F2021 } from "../../src/templates/index.js";
import { lastYear } from "./support.js";

const AGENCY = "青山县人民政府";
const COLUMNS = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];

describe("a new draft, pre-filled from last year's report", () => {
  it("2021 template: 上年结转 ← last year's 结转下年度; 现行有效件数 derived, recomputed as 制发/废止 are typed", () => {
    const prev = lastYear("2021", 2024, AGENCY, { "active.regulations.in_force": 12, "active.normative_docs.in_force": 30, "requests.carried_forward.natural_person": 4 });
    const d = createDraft({ agency: AGENCY, year: 2025, previous: { report: prev, id: 7 } });
    expect(d.template).toBe("2021");
    expect(d.title).toBe("青山县人民政府2025年政府信息公开工作年度报告");
    expect(d.previous).toMatchObject({ reportId: 7, year: 2024, template: "2021" });
    for (const c of COLUMNS) {
      expect(d.cells[`requests.carried_over.${c}`]).toEqual({ raw: String(prev.cells[`requests.carried_forward.${c}`]), origin: "last-year" });
    }
    expect(d.cells["requests.carried_over.natural_person"]!.raw).toBe("4");
    // Derived, blank until this year's terms are typed (an unknown is not a 0).
    expect(d.cells["active.regulations.in_force"]).toEqual({ raw: "", origin: "derived" });
    expect(d.derived.map((x) => [x.key, x.rule, x.base])).toEqual([
      ["active.regulations.in_force", "years-in-force", 12],
      ["active.normative_docs.in_force", "years-in-force", 30],
    ]);
    expect(d.prefill.find((n) => n.key === "active.regulations.in_force")?.text).toBe("规章 · 现行有效件数：随填写自动计算，本年现行有效件数 = 上年现行有效件数（2024 年报告：12） + 本年制发件数 − 本年废止件数");

    let e = setCells(d, [{ key: "active.regulations.issued", raw: "3" }]);
    expect(e.cells["active.regulations.in_force"]).toEqual({ raw: "", origin: "derived" });
    e = setCells(e, [{ key: "active.regulations.repealed", raw: "1" }]);
    expect(e.cells["active.regulations.in_force"]).toEqual({ raw: "14", origin: "derived" });
    e = setCells(e, [{ key: "active.regulations.issued", raw: " 5 " }]);
    expect(e.cells["active.regulations.issued"]).toEqual({ raw: "5", origin: "typed" });
    expect(e.cells["active.regulations.in_force"]!.raw).toBe("16");
    // "/" is not a number: the derived cell goes blank again, not 12 − 1.
    expect(setCells(e, [{ key: "active.regulations.issued", raw: "/" }]).cells["active.regulations.in_force"]!.raw).toBe("");
    // The clerk's own figure wins (a document lapsed); emptying it hands the cell back.
    const own = setCells(e, [{ key: "active.regulations.in_force", raw: "15" }]);
    expect(own.cells["active.regulations.in_force"]).toEqual({ raw: "15", origin: "typed" });
    expect(setCells(own, [{ key: "active.regulations.issued", raw: "9" }]).cells["active.regulations.in_force"]!.raw).toBe("15");
    expect(setCells(own, [{ key: "active.regulations.in_force", raw: "" }]).cells["active.regulations.in_force"]).toEqual({ raw: "16", origin: "derived" });
    // The draft given is never changed.
    expect(d.cells["active.regulations.issued"]).toBeUndefined();
  });

  it("2019 template: 上一年项目数量 ← last year's 上一年项目数量 + 本年增/减", () => {
    const prev = lastYear("2019", 2019, AGENCY, { "active.licensing.prev_items": 40, "active.licensing.change": -3, "active.penalty.prev_items": 6, "active.penalty.change": 408 });
    const d = createDraft({ agency: AGENCY, year: 2020, previous: { report: prev } });
    expect(d.template).toBe("2019");
    expect(d.cells["active.licensing.prev_items"]).toEqual({ raw: "37", origin: "last-year" });
    expect(d.cells["active.penalty.prev_items"]).toEqual({ raw: "414", origin: "last-year" });
    for (const row of ["other_services", "coercion", "fees"]) {
      expect(Number(d.cells[`active.${row}.prev_items`]!.raw)).toBe((prev.cells[`active.${row}.prev_items`] as number) + (prev.cells[`active.${row}.change`] as number));
    }
    expect(d.cells["requests.carried_over.total"]).toEqual({ raw: String(prev.cells["requests.carried_forward.total"]), origin: "last-year" });
    expect(d.derived).toEqual([]);
    expect(d.prefill.find((n) => n.key === "active.licensing.prev_items")?.text).toMatch(/^行政许可 · 上一年项目数量：37（/);
  });

  it("2020 → 2021, a change of template: 上年结转 carries over; 现行有效件数 cannot (2020's report has no such cell) and it says so", () => {
    const prev = lastYear("2019", 2020, AGENCY);
    const d = createDraft({ agency: AGENCY, year: 2021, previous: { report: prev } });
    expect(d.template).toBe("2021");
    expect(d.cells["requests.carried_over.total"]).toEqual({ raw: String(prev.cells["requests.carried_forward.total"]), origin: "last-year" });
    expect(d.derived).toEqual([]);
    expect(d.cells["active.regulations.in_force"]).toBeUndefined();
    expect(d.prefill.filter((n) => n.kind === "not-carried").map((n) => n.text)).toEqual([
      "规章 · 现行有效件数：2020 年报告使用 2019 年版格式，没有“现行有效件数”，无法由上年推算，请按实际填写",
      "行政规范性文件 · 现行有效件数：2020 年报告使用 2019 年版格式，没有“现行有效件数”，无法由上年推算，请按实际填写",
    ]);
    // Nothing of 2019's table 2 (上一年项目数量 has no 2021 counterpart) leaks into the draft.
    expect(Object.keys(d.cells).every((k) => F2021.requests.rows.some((r) => k.startsWith(`requests.${r.key}.`)) || k.startsWith("active.") && cellDefs(F2021).some((x) => x.key === k))).toBe(true);
  });

  it("a blank cell in last year's report is not carried as 0", () => {
    const prev = lastYear("2021", 2024, AGENCY, { "requests.carried_forward.research": null, "active.normative_docs.in_force": null });
    const d = createDraft({ agency: AGENCY, year: 2025, previous: { report: prev } });
    expect(d.cells["requests.carried_over.research"]).toBeUndefined();
    expect(d.derived.map((x) => x.key)).toEqual(["active.regulations.in_force"]);
    const notes = d.prefill.filter((n) => n.kind === "not-carried").map((n) => n.text);
    expect(notes).toEqual([
      "二、上年结转政府信息公开申请数量 · 科研机构：2024 年报告的“四、结转下年度继续办理”是空白或不是数字，无法由上年推算，请按实际填写",
      "行政规范性文件 · 现行有效件数：2024 年报告的现行有效件数是空白或不是数字，无法由上年推算，请按实际填写",
    ]);
  });

  it("no report of last year: nothing pre-filled, and it says so", () => {
    const d = createDraft({ agency: AGENCY, year: 2025 });
    expect(d.cells).toEqual({});
    expect(d.previous).toBeNull();
    expect(d.prefill.map((n) => n.text)).toEqual(["报告库中没有该机关 2024 年度的报告：上年结转、现行有效件数等请按实际填写"]);
  });

  it("tables 3 and 4 from the register win over last year's figures; a difference is noted for the check", () => {
    const prev = lastYear("2021", 2024, AGENCY, { "requests.carried_forward.natural_person": 4 });
    const register: Record<string, number> = {};
    for (const def of cellDefs(F2021)) if (def.table !== "active") register[def.key] = 0;
    register["requests.carried_over.natural_person"] = 2;
    const d = createDraft({ agency: AGENCY, year: 2025, previous: { report: prev }, register: { cells: register, applications: 2 } });
    expect(d.cells["requests.carried_over.natural_person"]).toEqual({ raw: "2", origin: "register" });
    expect(d.cells["review.reconsideration.total"]).toEqual({ raw: "0", origin: "register" });
    expect(d.register).toEqual({ applications: 2 });
    expect(d.prefill.find((n) => n.key === "requests.carried_over.natural_person")?.text).toContain("台账计算为 2，2024 年报告");
    expect(d.prefill[0]!.text).toContain("台账中 2 条登记");
  });
});

describe("the draft as a report", () => {
  it("every cell of the template, read as a reader reads a table cell: blank, 0, / and 3件 stay apart", () => {
    let d = createDraft({ agency: AGENCY, year: 2020 });
    d = setCells(d, [
      { key: "active.regulations.made", raw: "0" },
      { key: "active.regulations.published", raw: "/" },
      { key: "active.regulations.public_total", raw: "3件" },
      { key: "active.procurement.amount", raw: "75.77万元" },
    ]);
    d = setSection(d, 1, "本年度，我县……");
    const r = draftReport(d);
    expect(Object.keys(r.cells).sort()).toEqual(cellDefs(F2019).map((x) => x.key).sort());
    expect(r.cells["active.regulations.made"]).toBe(0);
    expect(r.provenance["active.regulations.made"]).toEqual({ raw: "0", kind: "number" });
    expect(r.cells["active.regulations.published"]).toBeNull();
    expect(r.provenance["active.regulations.published"]).toEqual({ raw: "/", kind: "dash" });
    expect(r.cells["active.regulations.public_total"]).toBe(3);
    expect(r.provenance["active.regulations.public_total"]).toEqual({ raw: "3件", kind: "number", unit: "件" });
    expect(r.cells["active.procurement.amount"]).toBe(75.77);
    expect(r.cells["active.licensing.decisions"]).toBeNull();
    expect(r.provenance["active.licensing.decisions"]).toEqual({ raw: "", kind: "blank" });
    expect(r.sections.map((s) => `${s.no}${s.title}`)).toEqual(F2019.sections.map((s) => `${s.no}${s.title}`));
    expect(r.sections[0]!.text).toBe("本年度，我县……");
    expect(r.meta).toMatchObject({ agency: AGENCY, year: 2020, template: "2019", format: "filing" });
  });

  it("refuses a cell the template does not have, and a seventh part", () => {
    const d = createDraft({ agency: AGENCY, year: 2025 });
    expect(() => setCells(d, [{ key: "active.procurement.amount", raw: "1" }])).toThrow(new FilingError("unknown-cell", "2021 年版格式没有单元格“active.procurement.amount”"));
    expect(() => setSection(d, 7, "x")).toThrow("报告没有第 7 部分");
  });
});
