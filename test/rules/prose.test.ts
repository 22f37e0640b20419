import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readReportFile } from "../../src/read.js";
import { proseText } from "../../src/rules/prose.js";
import { proseClaims, QUANTITIES } from "../../src/rules/report-prose-numbers.js";
import { gen, prose } from "./fixtures.js";

/** What the prose matcher ties to which quantity: `quantity number` per claim. */
function claims(text: string, year = 2024): string[] {
  const r = prose(gen("2021", 1, { year }), { 1: text, 4: "", 6: "" });
  return proseClaims(r).map((c) => `${c.q.id} ${c.n}`);
}

describe("numbers read from the prose (R-3)", () => {
  it("reads every quantity of a city report, across PDF line breaks", () => {
    const text =
      "2024 年，全市共受理政府信息公开申请 2417 件，答\n复 2366 件（含上年度结转申请 28 件，另有 79 件顺延到下年度\n答复），均在法定期限内予以答复。政府信息公开行政复议 208\n件，其中结果维持 50 件；政府信息公开行政诉讼 43 件，其中结果维持 20 件。全年新增公开市政府规章 1 件、政策性文件 12 件。";
    expect(claims(text).sort()).toEqual(["answered 2366", "carried_forward 79", "carried_over 28", "received 2417", "reconsideration 208", "regulations 1", "suits 43"].sort());
  });

  it("reads the generator's sentences", () => {
    expect(claims("本年新收政府信息公开申请12件，上年结转3件，办结14件，结转下年度继续办理1件。全年发生政府信息公开行政复议2件，行政诉讼0件。")).toEqual([
      "received 12",
      "answered 14",
      "carried_over 3",
      "carried_forward 1",
      "reconsideration 2",
      "suits 0",
    ]);
  });

  it("reads full-width digits, 合计, 起, 宗 and zero wordings", () => {
    expect(claims("合计受理申请１２件。")).toEqual(["received 12"]);
    expect(claims("行政复议2起，直接提起行政诉讼1宗。")).toEqual(["reconsideration 2", "suit_direct 1"]);
    expect(claims("2024年，我局未接到要求公开政府信息的申请。")).toEqual(["received 0"]);
    expect(claims("本年度无依申请公开事项。")).toEqual(["received 0"]);
    // 申请人 is the applicant: "not yet received the applicant's correction" says nothing of the count.
    expect(claims("收到政府信息公开申请1件，作出补正告知，目前未收到该申请人提交的补正，结转下年度办理。")).toEqual(["received 1"]);
    expect(claims("未发生政府信息公开行政复议、行政诉讼案件。").sort()).toEqual(["reconsideration 0", "suits 0"]);
  });

  it("leaves numbers it cannot tie to one quantity", () => {
    for (const text of UNTIED) {
      expect(claims(text).filter((c) => !/^received 95$/.test(c)), text).toEqual([]);
    }
  });

  // A section is scanned for a quantity only when it holds one of the quantity's cues; a pattern
  // that could match without one would silently miss. Checked on every match in real and
  // generated prose and in the phrasings above.
  it("finds a cue of its quantity in every match", async () => {
    const texts = [...TIED, ...UNTIED];
    for (let seed = 1; seed <= 20; seed++) for (const s of gen(seed % 2 ? "2021" : "2019", seed).sections) texts.push(s.text);
    const seeds = join(import.meta.dirname, "../../../shared/seeds");
    if (existsSync(seeds)) {
      for (const f of readdirSync(seeds).filter((n) => n.endsWith(".txt"))) {
        for (const r of await readReportFile(join(seeds, f))) texts.push(...r.sections.map((s) => s.text));
      }
    }
    let matches = 0;
    for (const text of texts.map(proseText)) {
      for (const q of QUANTITIES) {
        for (const re of [...q.patterns, ...(q.zero ?? [])]) {
          for (const m of text.matchAll(re)) {
            matches++;
            expect(q.cues.some((c) => m[0].includes(c)), `${q.id}: ${m[0]}`).toBe(true);
          }
        }
      }
    }
    expect(matches).toBeGreaterThan(50);
  });
});

/** Phrasings each tied to one quantity. */
const TIED = [
  "2024 年，全市共受理政府信息公开申请 2417 件，答\n复 2366 件（含上年度结转申请 28 件，另有 79 件顺延到下年度\n答复），均在法定期限内予以答复。",
  "合计受理申请１２件。行政复议2起，直接提起行政诉讼1宗，复议后提起行政诉讼2件。",
  "2024年，我局未接到要求公开政府信息的申请。本年度无依申请公开事项。未发生政府信息公开行政复议、行政诉讼案件。",
  "全年制发规范性文件5件，废止规章1件，结转至下一年度3件，上年遗留2件，办理完毕7件。",
];

/** Phrasings whose numbers stand for no one quantity. */
const UNTIED = [
      "2023年受理申请80件。",
      "第一季度受理政府信息公开申请20件。",
      "全年受理申请95件，其中，通过网络受理申请60件。",
      "全年行政复议和行政诉讼共5件。",
      "答复期限为15个工作日。",
      "清理规范性文件20件。",
      "制发规章和规范性文件共5件。",
      "受理信访举报申请40件。",
      "未发生行政复议被纠错的情况。",
  "申请3.5件。",
];
