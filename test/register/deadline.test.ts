import { describe, expect, it } from "vitest";
import { deadlineOf, defaultCalendar, dueReport, dueText, parseCalendarFile, workingDaysBetween } from "../../src/register/index.js";
import { app } from "./support.js";

// Expected dates are counted by hand from the State Council's 2025 holiday notice
// (国办发明电〔2024〕12号): 元旦 1-1; 春节 1-28…2-4, worked Sun 1-26 and Sat 2-8; 清明 4-4…4-6;
// 劳动节 5-1…5-5, worked Sun 4-27; 端午 5-31…6-2; 国庆、中秋 10-1…10-8, worked Sun 9-28 and Sat 10-11.
// Day 0 is the day of receipt; the deadline is the 20th working day after it.
const cal = defaultCalendar();

function known(d: ReturnType<typeof deadlineOf>) {
  if (d.status !== "known") throw new Error(`expected a known deadline, got ${JSON.stringify(d)}`);
  return d;
}

describe("reply deadline: 20 working days (第三十三条)", () => {
  it("across 国庆 with two worked weekend days (received Fri 2025-09-26)", () => {
    // 9-28 Sun (worked) 1, 9-29 2, 9-30 3, [10-1…10-8 off], 10-9 4, 10-10 5, 10-11 Sat (worked) 6,
    // 10-13…17 7–11, 10-20…24 12–16, 10-27 17, 10-28 18, 10-29 19, 10-30 20.
    const d = known(deadlineOf(app({ id: "A", received: "2025-09-26" }), cal));
    expect(d.deadline).toBe("2025-10-30");
    expect(d.start).toBe("2025-09-26");
    // Weekends alone would give 2025-10-24: the holidays matter.
  });

  it("across 春节 (received Mon 2025-01-20)", () => {
    // 1-21…24 1–4, 1-26 Sun (worked) 5, 1-27 6, [1-28…2-4 off], 2-5 7, 2-6 8, 2-7 9,
    // 2-8 Sat (worked) 10, 2-10…14 11–15, 2-17…21 16–20.
    expect(known(deadlineOf(app({ id: "B", received: "2025-01-20" }), cal)).deadline).toBe("2025-02-21");
  });

  it("a worked Sunday counts, the Saturday after it does not", () => {
    expect(cal.isWorkingDay("2025-04-27")).toBe(true);
    expect(cal.isWorkingDay("2025-10-11")).toBe(true);
    expect(cal.isWorkingDay("2025-10-08")).toBe(false);
    expect(cal.isWorkingDay("2025-10-12")).toBe(false);
    expect(workingDaysBetween("2025-09-26", "2025-10-12", cal)).toBe(6);
  });

  it("a 补正 restarts the count from the day it arrives (第三十条)", () => {
    // Received Mon 3-3; 补正 asked 3-5, back Fri 3-14 = new day 0.
    // 3-17…21 1–5, 3-24…28 6–10, 3-31…4-3 11–14, [4-4 清明], 4-7…11 15–19, 4-14 20.
    const a = app({ id: "C", received: "2025-03-03", correctionRequested: "2025-03-05", correctionReceived: "2025-03-14" });
    const d = known(deadlineOf(a, cal));
    expect(d).toMatchObject({ start: "2025-03-14", startsFrom: "correction", deadline: "2025-04-14" });
  });

  it("a 补正 asked for and not back: the period stands still", () => {
    const a = app({ id: "C2", received: "2025-03-03", correctionRequested: "2025-03-05" });
    expect(deadlineOf(a, cal)).toEqual({ status: "awaiting-correction", requested: "2025-03-05" });
  });

  it("an extension of 20 working days (第三十三条第二款)", () => {
    // Received Mon 3-3: 3-4…7 1–4, 3-10…14 5–9, 3-17…21 10–14, 3-24…28 15–19, 3-31 20 = original.
    // Then 4-1…3 21–23, [4-4 清明], 4-7…11 24–28, 4-14…18 29–33, 4-21…25 34–38,
    // 4-27 Sun (worked) 39, 4-28 40.
    const d = known(deadlineOf(app({ id: "D", received: "2025-03-03", extendedOn: "2025-03-25" }), cal));
    expect(d).toMatchObject({ original: "2025-03-31", deadline: "2025-04-28", extensionDays: 20 });
  });

  it("an extension notified after the original deadline is not counted: the period had run out", () => {
    // Received Mon 3-3: original deadline 3-31. Notified on 3-31 itself: counted (4-28, as above).
    expect(known(deadlineOf(app({ id: "D3", received: "2025-03-03", extendedOn: "2025-03-31" }), cal)).deadline).toBe("2025-04-28");
    // Notified on 4-1, a day late: the deadline stays 3-31, and it says why.
    const d = known(deadlineOf(app({ id: "D4", received: "2025-03-03", extendedOn: "2025-04-01" }), cal));
    expect(d).toMatchObject({ original: "2025-03-31", deadline: "2025-03-31", extensionDays: 0, lateExtension: "2025-04-01" });
    // Open on 4-10: overdue (4-1, 4-2, 4-3, 4-7…4-10 = 7 working days), not due on 4-28.
    const r = dueReport([app({ id: "D4", received: "2025-03-03", extendedOn: "2025-04-01", request: "某某文件" })], { today: "2025-04-10", within: 5, calendar: cal });
    expect(r.overdue.map((x) => [x.application.id, x.deadline, x.workingDays, x.lateExtension])).toEqual([["D4", "2025-03-31", 7, "2025-04-01"]]);
    expect(dueText(r)).toMatch(/D4\s+收到 2025-03-03\s+期限 2025-03-31\s+已逾期 7 个工作日（2025-04-01 告知延期时原期限已过，不计延期）/);
  });

  it("a shorter extension counts only its days", () => {
    // From the original 3-31: 4-1…3 1–3, 4-7…11 4–8, 4-14 9, 4-15 10.
    const d = known(deadlineOf(app({ id: "D2", received: "2025-03-03", extendedOn: "2025-03-25", extensionDays: 10 }), cal));
    expect(d.deadline).toBe("2025-04-15");
  });

  it("time spent on a consultation is not counted (第三十三条第三款)", () => {
    // Received Mon 3-3: 3-4 1, 3-5 2 (the letter goes out: counted). Paused: 3-6, 3-7, 3-10,
    // 3-11, 3-12 (the opinion arrives). 3-13 3, 3-14 4, 3-17…21 5–9, 3-24…28 10–14,
    // 3-31…4-3 15–18, [4-4 清明], 4-7 19, 4-8 20.
    const a = app({ id: "E", received: "2025-03-03", consultations: [{ start: "2025-03-05", end: "2025-03-12" }] });
    const d = known(deadlineOf(a, cal));
    expect(d).toMatchObject({ deadline: "2025-04-08", pausedDays: 5 });
  });

  it("a consultation still under way stops the clock", () => {
    const a = app({ id: "E2", received: "2025-03-03", consultations: [{ start: "2025-03-05" }] });
    expect(deadlineOf(a, cal)).toEqual({ status: "consulting", since: "2025-03-05" });
  });

  it("a deadline past the calendar's last year is unknown, not guessed", () => {
    expect(cal.coverage.at(-1)).toBe(2026);
    // Received Thu 2026-12-10: 12-11 1, 12-14…18 2–6, 12-21…25 7–11, 12-28…31 12–15, then 2027.
    expect(deadlineOf(app({ id: "F", received: "2026-12-10" }), cal)).toEqual({ status: "unknown-calendar", year: 2027 });
    expect(cal.isWorkingDay("2027-01-04")).toBeUndefined();
  });

  it("a calendar file adds the year", () => {
    // Test data only, not the real 2027 arrangement: 1-1 off.
    const y2027 = parseCalendarFile(JSON.stringify({ year: 2027, source: "测试", holidays: [{ from: "2027-01-01", to: "2027-01-01", name: "元旦" }], workdays: [] }), "2027.json");
    const withFile = defaultCalendar([y2027]);
    // 2026-12-31 is 15; [2027-1-1 off], 1-4…8 16–20.
    expect(known(deadlineOf(app({ id: "F", received: "2026-12-10" }), withFile)).deadline).toBe("2027-01-08");
  });
});

describe("calendar files", () => {
  const parse = (o: unknown) => () => parseCalendarFile(JSON.stringify(o), "x.json");
  it("refuses what it cannot trust, in Chinese, naming the file", () => {
    expect(parse({ holidays: [] })).toThrow("日历文件 x.json：缺少 year");
    expect(parse({ year: 2027, holidays: ["2027-02-30"] })).toThrow("holidays 第 1 项的日期“2027-02-30”不是 YYYY-MM-DD 格式的有效日期");
    expect(parse({ year: 2027, holidays: ["2026-12-31"] })).toThrow("不在 2027 年内");
    expect(parse({ year: 2027, holidays: ["2027-01-01"], workdays: ["2027-01-01"] })).toThrow("同时列在 holidays 和 workdays 中");
    expect(() => parseCalendarFile("{", "x.json")).toThrow("不是有效的 JSON");
  });

  it("a file amends the packaged year date by date", () => {
    const fix = parseCalendarFile(JSON.stringify({ year: 2025, workdays: ["2025-10-08"] }), "fix.json");
    const c = defaultCalendar([fix]);
    expect(c.isWorkingDay("2025-10-08")).toBe(true);
    expect(c.isWorkingDay("2025-10-07")).toBe(false);
  });
});

describe("overdue and due soon, as of a given day", () => {
  const apps = [
    app({ id: "late", received: "2025-09-26" }), // due 10-30
    app({ id: "soon", received: "2025-10-09" }), // 10-10 1, 10-11 2, 10-13…17 3–7, 10-20…24 8–12, 10-27…31 13–17, 11-3 18, 11-4 19, 11-5 20
    app({ id: "far", received: "2025-10-31" }),
    app({ id: "done", received: "2025-09-01", replied: "2025-09-05", outcome: "granted" }),
    app({ id: "answered-late", received: "2025-09-01", replied: "2025-10-09", outcome: "granted" }), // due 9-29
    app({ id: "waiting", received: "2025-10-20", correctionRequested: "2025-10-21" }),
  ];
  it("lists each in its place", () => {
    const r = dueReport(apps, { today: "2025-11-03", within: 3, calendar: cal });
    // 10-30 → 11-3: 10-31 and 11-3 are working days.
    expect(r.overdue.map((x) => [x.application.id, x.deadline, x.workingDays])).toEqual([["late", "2025-10-30", 2]]);
    // 11-3 → 11-5: two working days left.
    expect(r.dueSoon.map((x) => [x.application.id, x.deadline, x.workingDays])).toEqual([["soon", "2025-11-05", 2]]);
    expect(r.paused.map((x) => x.application.id)).toEqual(["waiting"]);
    // 9-1 Mon: 9-2…5 1–4, 9-8…12 5–9, 9-15…19 10–14, 9-22…26 15–19, 9-28 Sun (worked) 20.
    expect(r.lateReplies.map((x) => [x.application.id, x.deadline, x.replied])).toEqual([["answered-late", "2025-09-28", "2025-10-09"]]);
  });

  it("due today is due within 0 days", () => {
    const r = dueReport(apps, { today: "2025-11-05", within: 0, calendar: cal });
    expect(r.dueSoon.map((x) => [x.application.id, x.workingDays])).toEqual([["soon", 0]]);
  });
});
