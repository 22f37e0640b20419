import { describe, expect, it } from "vitest";
import { checkReport, runYearRules } from "../../src/check.js";
import { checkDraft, createDraft, draftForm, draftReport, setCells, setSection } from "../../src/filing/index.js";
import { findingMessage } from "../../src/report/messages.js";
import { lastYear, typedCells } from "./support.js";

const AGENCY = "青山县人民政府";

/** A whole draft for 2025: every cell of a consistent generated report typed in, and the six parts. */
function fullDraft(seed = 3) {
  const prev = lastYear("2021", 2024, AGENCY, {}, seed + 100);
  const filed = lastYear("2021", 2025, AGENCY, {}, seed);
  let d = createDraft({ agency: AGENCY, year: 2025, previous: { report: prev, id: 1 } });
  d = setCells(d, typedCells(filed));
  for (const s of filed.sections) d = setSection(d, s.no, s.text);
  return { d, prev, filed };
}

describe("the live check", () => {
  it("uses the same rule modules as nianbao check, and the cross-year rules against last year", () => {
    const { d, prev } = fullDraft();
    const c = checkDraft(d);
    const report = draftReport(d);
    expect(c.report.findings).toEqual(checkReport(report).findings);
    expect(c.findings).toEqual([...checkReport(report).findings, ...runYearRules(c.report, prev)]);
    expect(c.errors).toBe(0);
    expect(c.canSubmit).toBe(true);
  });

  it("an inconsistent table 3 is an error finding, named in Chinese; submission is then refused", () => {
    const { d } = fullDraft();
    const v = Number(d.cells["requests.granted.natural_person"]!.raw);
    const bad = setCells(d, [{ key: "requests.granted.natural_person", raw: String(v + 5) }]);
    const c = checkDraft(bad);
    expect(c.canSubmit).toBe(false);
    const texts = c.findings.filter((f) => f.severity === "error").map(findingMessage);
    expect(texts).toContain(`表三“（一）予以公开”行：总计 = ${d.cells["requests.granted.total"]!.raw}，自然人+法人或其他组织 = ${Number(d.cells["requests.granted.total"]!.raw) + 5}，相差 5`);
    expect(checkDraft(setCells(bad, [{ key: "requests.granted.natural_person", raw: String(v) }])).canSubmit).toBe(true);
  });

  it("last year's 结转下年度 against this year's 上年结转: a warning when the clerk types over the pre-filled figure", () => {
    const { d, prev } = fullDraft();
    const typed = setCells(d, [{ key: "requests.carried_over.research", raw: String((prev.cells["requests.carried_forward.research"] as number) + 1) }]);
    expect(checkDraft(typed).findings.filter((f) => f.rule === "years-carried-over").map((f) => f.severity)).toContain("warning");
  });

  it("timing: one keystroke (set a cell, check the whole report) on a full report", () => {
    const { d } = fullDraft();
    const keys = Object.keys(d.cells).filter((k) => k.startsWith("requests."));
    for (let i = 0; i < 30; i++) checkDraft(setCells(d, [{ key: keys[i % keys.length]!, raw: String(i) }]));
    const times: number[] = [];
    const form: number[] = [];
    let cur = d;
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      cur = setCells(cur, [{ key: keys[i % keys.length]!, raw: String(i % 7) }]);
      checkDraft(cur);
      times.push(performance.now() - t);
      const f = performance.now();
      draftForm(cur);
      form.push(performance.now() - f);
    }
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!.toFixed(2);
    console.log(`一次按键（改一个单元格并检查整份报告，${Object.keys(draftReport(d).cells).length} 个单元格）：中位数 ${q(times, 0.5)} ms，P95 ${q(times, 0.95)} ms；重排表单（draftForm）中位数 ${q(form, 0.5)} ms`);
    expect(times.length).toBe(200);
  });
});
