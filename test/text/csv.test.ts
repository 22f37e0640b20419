import { describe, expect, it } from "vitest";
import { csvLine, noFormula, parseCsv, unguardFormula } from "../../src/text/csv.js";

describe("CSV written for Excel", () => {
  it("keeps report text that Excel would run as a formula as text, with a leading quote", () => {
    const line = csvLine(['=HYPERLINK("http://x","点我")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-1+1", "\tx"]);
    expect(parseCsv(line)[0]!.fields).toEqual([`'=HYPERLINK("http://x","点我")`, "'@SUM(A1)", "'+cmd|' /C calc'!A0", "'-1+1", "'\tx"]);
  });

  it("leaves numbers, signed numbers, a lone dash and ordinary text as they are (the raw text of a cell is a fact)", () => {
    expect(csvLine([-2, "-2", "+3", "-", "/", "1,234", "-0.5", "", null, "洪泽区人民政府"])).toBe('-2,-2,+3,-,/,"1,234",-0.5,,,洪泽区人民政府\r\n');
  });

  it("reads back what it guarded", () => {
    for (const s of ["=1+1", "@x", "-a", "+b", "-2", "'quoted", "plain"]) expect(unguardFormula(noFormula(s))).toBe(s);
  });
});
