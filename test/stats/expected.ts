import { expect } from "vitest";
import type { FigureValue } from "../../src/stats/index.js";

// Every figure of the hand-built corpus (corpus.ts), computed by hand: what the library
// (stats.test.ts), `nianbao stats --format json` and the web API (test/server/views-api.test.ts)
// must all give, on SQLite and on PostgreSQL.
//
// Reports: A = 临江市人民政府, B = 临江市交通运输局, C = 临江市教育局; A2019 … C2022.

/** A count over `reports` reports. */
export const count = (value: number, reports: number): FigureValue => ({ value, reports, missing: 0, notInTemplate: 0 });
/** A sum over `reports` reports, `missing` left out for a blank cell, `notInTemplate` for a template without the cells. */
export const sum = (value: number | null, reports: number, missing = 0, notInTemplate = 0): FigureValue => ({ value, reports, missing, notInTemplate });
/** A rate shown: numerator / denominator. */
export const rate = (numerator: number, denominator: number, reports: number, missing = 0): FigureValue => ({ value: numerator / denominator, numerator, denominator, reports, missing, notInTemplate: 0 });
/** A rate on fewer cases than its minimum: 样本不足. */
export const few = (numerator: number, denominator: number, reports: number, missing = 0): FigureValue => ({ value: null, numerator, denominator, reports, missing, notInTemplate: 0, insufficient: true });

/** Each figure: [all years, 2019, 2020, 2021, 2022]. */
export const EXPECTED: Record<string, FigureValue[]> = {
  reports: [count(12, 12), count(3, 3), count(3, 3), count(3, 3), count(3, 3)],
  // The error: C2021 (行政复议 总计 3 ≠ 1 + 1 + 0 + 0).
  "reports.errors": [count(1, 12), count(0, 3), count(0, 3), count(1, 3), count(0, 3)],
  // Warnings: C2020 and B2021 (a blank cell), C2022 (table 3 in the 2019 layout); C2022's “/” in table 2 is only 提示.
  "reports.warnings": [count(3, 12), count(0, 3), count(1, 3), count(1, 3), count(1, 3)],
  "findings.errors": [count(1, 12), count(0, 3), count(0, 3), count(1, 3), count(0, 3)],
  "findings.warnings": [count(3, 12), count(0, 3), count(1, 3), count(1, 3), count(1, 3)],
  // No reviewer has decided yet (a later test records decisions).
  "review.reviewed": [count(0, 12), count(0, 3), count(0, 3), count(0, 3), count(0, 3)],
  "review.returned": [count(0, 12), count(0, 3), count(0, 3), count(0, 3), count(0, 3)],

  // 一 + 二, total column only. 2019: A 12 + B 3 + C 1 = 16; 2020: A 8 + B (2 + 1 carried) + C 0 = 11;
  // 2021: A 25 + B 6 + C 2 = 33; 2022: A (15 + 1 carried) + B 4 + C 6 = 26; all: 16 + 11 + 33 + 26 = 86.
  "requests.received": [sum(86, 12), sum(16, 3), sum(11, 3), sum(33, 3), sum(26, 3)],
  // 一: 16, 8 + 2 + 0 = 10, 33, 15 + 4 + 6 = 25; all 84.
  "requests.new": [sum(84, 12), sum(16, 3), sum(10, 3), sum(33, 3), sum(25, 3)],
  // 二: B2020 1, A2022 1.
  "requests.carried_over": [sum(2, 12), sum(0, 3), sum(1, 3), sum(0, 3), sum(1, 3)],
  // 自然人 (一 + 二): 2019 10 + 3 + 1 = 14; 2020 8 + 3 + 0 = 11; 2021 20 + 6 + 2 = 28; 2022 15 + 4 + 5 = 24; all 77.
  "requests.applicant.natural_person": [sum(77, 12), sum(14, 3), sum(11, 3), sum(28, 3), sum(24, 3)],
  // 商业企业: 2019 A 2; 2021 A 5; 2022 A 1 (carried) + C 1 = 2; all 9. 77 + 9 = 86 = 收到申请: the total column is never added in.
  "requests.applicant.commercial": [sum(9, 12), sum(2, 3), sum(0, 3), sum(5, 3), sum(2, 3)],
  "requests.applicant.research": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.social_org": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.legal_service": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  "requests.applicant.other_org": [sum(0, 12), sum(0, 3), sum(0, 3), sum(0, 3), sum(0, 3)],
  // （七）总计: 2019 12 + 2 + 1 = 15; 2020 8 + 3 + 0 = 11; 2021 24 + 6 + 2 = 32; 2022 16 + 4 + 6 = 26; all 84.
  "requests.concluded": [sum(84, 12), sum(15, 3), sum(11, 3), sum(32, 3), sum(26, 3)],
  // (予以公开 + 部分公开) / 办结; B2021's 予以公开 is blank: left out of 2021 and of the total.
  // 2019 (7 + 1 + 0) / 15; 2020 (6 + 2 + 0) / 11; 2021 A (12 + 3) + C (1 + 1) = 17 / (24 + 2) = 26;
  // 2022 (9 + 2) + (2 + 0) + (2 + 1) = 16 / 26; all 8 + 8 + 17 + 16 = 49 / (15 + 11 + 26 + 26) = 78.
  "requests.disclosed": [rate(49, 78, 11, 1), rate(8, 15, 3), rate(8, 11, 3), rate(17, 26, 2, 1), rate(16, 26, 3)],
  // （一）: 2019 6 + 1 + 0 = 7; 2020 4 + 2 + 0 = 6; 2021 12 + 1 = 13 (B blank); 2022 9 + 2 + 2 = 13; all 39 / 78.
  "requests.outcome.1": [rate(39, 78, 11, 1), rate(7, 15, 3), rate(6, 11, 3), rate(13, 26, 2, 1), rate(13, 26, 3)],
  // （二）: 2019 A 1; 2020 A 2; 2021 A 3 + B 1 + C 1 = 5; 2022 A 2 + C 1 = 3; all 11 / 84.
  "requests.outcome.2": [rate(11, 84, 12), rate(1, 15, 3), rate(2, 11, 3), rate(5, 32, 3), rate(3, 26, 3)],
  // （三） every row: 2019 A 1; 2020 A 1; 2021 A 2; 2022 A 1 + B 1 + C 1 = 3; all 7 / 84.
  "requests.outcome.3": [rate(7, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(2, 32, 3), rate(3, 26, 3)],
  // （四）: 2019 A 2 + B 1 + C 1 = 4; 2020 0; 2021 A 3 + B 2 = 5; 2022 A 2; all 11 / 84.
  "requests.outcome.4": [rate(11, 84, 12), rate(4, 15, 3), rate(0, 11, 3), rate(5, 32, 3), rate(2, 26, 3)],
  // （五）: one a year (A, B, A, A); all 4 / 84.
  "requests.outcome.5": [rate(4, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(1, 32, 3), rate(1, 26, 3)],
  // （六）: 2019 and 2020 the single row (A 1 each); 2021 A 2 + 1 = 3 (three rows); 2022 A 1 + B 1 + C 2
  // (C is mixed: its old single row counts, through the crosswalk) = 4; all 9 / 84.
  "requests.outcome.6": [rate(9, 84, 12), rate(1, 15, 3), rate(1, 11, 3), rate(3, 32, 3), rate(4, 26, 3)],

  // 行政复议 总计 as written (C2021's 3 included: figures count what the report says; the rule flags it).
  // 2019 4; 2020 A 1 + C 1 = 2; 2021 A 6 + C 3 = 9; 2022 A 3 + B 1 = 4; all 19.
  "review.reconsideration": [sum(19, 12), sum(4, 3), sum(2, 3), sum(9, 3), sum(4, 3)],
  // 结果纠正: 2019 1; 2020 0; 2021 A 2 + C 1 = 3; 2022 A 1 + B 1 = 2; all 6.
  "review.reconsideration.corrected": [sum(6, 12), sum(1, 3), sum(0, 3), sum(3, 3), sum(2, 3)],
  // 纠正 / (总计 − 尚未审结); C2020's 尚未审结 is blank. 2019 1 / (4 − 1) = 1/3 (< 5: 样本不足);
  // 2020 0 / (A 1 − 0) (C left out); 2021 3 / (6 + 3) = 3/9; 2022 2 / ((3 − 1) + 1) = 2/3;
  // all 6 / (3 + 1 + 9 + 3) = 6/16.
  "review.reconsideration.rate": [rate(6, 16, 11, 1), few(1, 3, 3), few(0, 1, 2, 1), rate(3, 9, 3), few(2, 3, 3)],
  // 诉讼 = 未经复议直接起诉 + 复议后起诉: 2019 A 1; 2020 A 1 + 1 = 2; 2021 A 4 + 1 + B 1 = 6; 2022 A 2 + C 3 = 5; all 14.
  "review.suits": [sum(14, 12), sum(1, 3), sum(2, 3), sum(6, 3), sum(5, 3)],
  // 纠正: 2020 A 1; 2021 A 1 + 1 = 2; 2022 A 1 + C 2 = 3; all 6.
  "review.suits.corrected": [sum(6, 12), sum(0, 3), sum(1, 3), sum(2, 3), sum(3, 3)],
  // 2019 0 / 1; 2020 1 / 2; 2021 2 / ((4 − 1) + 1 + 1) = 2/5 (exactly the minimum: shown);
  // 2022 3 / (2 + (3 − 1)) = 3/4; all 6 / (1 + 2 + 5 + 4) = 6/12.
  "review.suits.rate": [rate(6, 12, 12), few(0, 1, 3), few(1, 2, 3), rate(2, 5, 3), few(3, 4, 3)],

  // 本年制发: the 2019 template has no such column (6 reports); 2021 A 4 + B 1 + C 0 = 5; 2022 A 3 + B 0 + C 1 = 4.
  "active.normative_docs.issued": [sum(9, 6, 0, 6), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(5, 3), sum(4, 3)],
  // 现行有效 is a stock: 2021 30 + 8 + 2 = 40; 2022 33 + 7 + 3 = 43; over the range each agency's last year, 2022: 43.
  "active.normative_docs.in_force": [sum(43, 3), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(40, 3), sum(43, 3)],
  // 行政许可: 2019 100 + 10 + 0; 2020 120 + 12 + 2; 2021 90 + 15 + 3; 2022 80 + 11 + 4; all 110 + 134 + 108 + 95 = 447.
  "active.licensing": [sum(447, 12), sum(110, 3), sum(134, 3), sum(108, 3), sum(95, 3)],
  // 行政处罚: 20 + 5 + 0; 15 + 6 + 1; 40 + 7 + 2; 35 + 9 + 3; all 25 + 22 + 49 + 47 = 143.
  "active.penalty": [sum(143, 12), sum(25, 3), sum(22, 3), sum(49, 3), sum(47, 3)],
  // 行政强制: 3 + 0 + 0; 2 + 1 + 0; 5 + 0 + 0; 4 + 1 + 1; all 3 + 3 + 5 + 6 = 17.
  "active.coercion": [sum(17, 12), sum(3, 3), sum(3, 3), sum(5, 3), sum(6, 3)],
  // 收费金额 (万元): none in 2019's template; 2021 12.5 + 0 + 0; 2022 10.25 + 0.5 (C wrote “/”: left out); all 23.25.
  "active.fees": [sum(23.25, 5, 1, 6), sum(null, 0, 0, 3), sum(null, 0, 0, 3), sum(12.5, 3), sum(10.75, 2, 1)],
};

/** Asserts that statistics of the whole corpus (the library's object, or its JSON) give every figure of EXPECTED, over all years and year by year. */
export function expectHandFigures(stats: { total: Record<string, unknown>; byYear: { year: number; figures: Record<string, unknown> }[] }): void {
  expect(stats.byYear.map((y) => y.year)).toEqual([2019, 2020, 2021, 2022]);
  expect(Object.keys(stats.total).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const [figure, [all, ...years]] of Object.entries(EXPECTED)) {
    expect({ figure, value: stats.total[figure] }).toEqual({ figure, value: all });
    years.forEach((v, i) => expect({ figure, year: 2019 + i, value: stats.byYear[i]!.figures[figure] }).toEqual({ figure, year: 2019 + i, value: v }));
  }
}
