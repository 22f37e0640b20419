import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareReports, DEFAULT_MAX_CHARS, DEFAULT_THRESHOLD } from "../../src/compare/index.js";
import { DEFAULT_MAX_WORK, diffSequences } from "../../src/compare/myers.js";
import { compareTexts } from "../../src/compare/sections.js";
import { tokenize } from "../../src/compare/tokens.js";
import type { DiffOp } from "../../src/compare/types.js";
import { rng } from "../../src/generate/random-report.js";
import { gen, prose, withMeta } from "../rules/fixtures.js";

const LIMITS = { maxWork: DEFAULT_MAX_WORK, maxChars: DEFAULT_MAX_CHARS };
const rebuild = (ops: DiffOp[], side: "before" | "after") => ops.filter((o) => o.op === "equal" || o.op === (side === "before" ? "delete" : "insert")).map((o) => o.text).join("");

// A part 五 as real reports write it, and the same next year with a few words changed.
const PROBLEMS_2021 =
  "2021年，我局政府信息公开工作取得了一定成效，但对照上级要求和人民群众期待，仍存在一些不足：一是政策解读的形式还不够丰富，图表、视频等解读方式运用较少；二是部分科室对依申请公开工作重视不够，答复文书的规范性有待提高；三是政务新媒体更新频率不高，与群众互动不足。下一步，我局将进一步丰富政策解读形式，加强业务培训，提升答复质量，加强政务新媒体管理，及时回应社会关切。";
const PROBLEMS_2022_COPIED =
  "2022年，我局政府信息公开工作取得了一定成效，但对照上级要求和人民群众期待，仍存在一些不足：一是政策解读的形式还不够多样，图表、动漫、视频等解读方式运用较少；二是部分科室对依申请公开工作重视不够，答复文书的规范性有待进一步提高；三是政务新媒体更新频率不高，与群众互动不足。下一步，我局将进一步丰富政策解读形式，加强业务培训，提升答复质量，加强政务新媒体管理，及时回应社会关切。";
const PROBLEMS_2022_REWRITTEN =
  "对照年初确定的目标，本年度仍有三方面短板：主动公开目录与实际发布的栏目对应不够精准，个别栏目长期没有新内容；办理依申请公开时与法律顾问的会商机制尚未建立，疑难件的答复周期偏长；基层站所的公开人员变动频繁，业务衔接出现断档。明年计划重新梳理目录、建立会商制度、编印办理手册并组织两轮专题培训。";

describe("section text, word by word", () => {
  it("Node's ICU cuts Chinese into words", () => {
    const words = tokenize("认真贯彻落实政府信息公开条例").filter((t) => t.word).map((t) => t.text);
    expect(words).toEqual(["认真", "贯彻", "落实", "政府", "信息", "公开", "条例"]);
  });

  it("a diff op is whole words, not characters", () => {
    const c = compareTexts("政策解读的形式还不够丰富。", "政策解读的形式还不够多样。", LIMITS);
    expect(c.diff).toEqual([
      { op: "equal", text: "政策解读的形式还不够" },
      { op: "delete", text: "丰富" },
      { op: "insert", text: "多样" },
      { op: "equal", text: "。" },
    ]);
  });

  it("a section copied with small edits is flagged; a rewritten one is not", () => {
    const a = prose(gen("2021", 1, { year: 2021, agency: "临江县交通运输局" }), { 5: PROBLEMS_2021 });
    const b = prose(gen("2021", 2, { year: 2022, agency: "临江县交通运输局" }), { 5: PROBLEMS_2022_COPIED });
    const copied = compareReports(a, b).sections.find((s) => s.no === 5)!;
    expect(copied.similarity).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(copied.similarity).toBeLessThan(1);
    expect(copied.flagged).toBe(true);
    expect(copied.diff).toContainEqual({ op: "insert", text: "多样" });
    expect(rebuild(copied.diff, "before")).toBe(PROBLEMS_2021);
    expect(rebuild(copied.diff, "after")).toBe(PROBLEMS_2022_COPIED);
    expect(copied.before).toBe(PROBLEMS_2021);

    const rewritten = compareReports(a, prose(b, { 5: PROBLEMS_2022_REWRITTEN })).sections.find((s) => s.no === 5)!;
    expect(rewritten.similarity).toBeLessThan(0.5);
    expect(rewritten.flagged).toBe(false);
  });

  it("boilerplate and numbers do not count: a section of stock wording only is not flagged", () => {
    const stock = (year: number, fee: number) =>
      `${year}年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，严格落实《政府信息公开信息处理费管理办法》，收取政府信息公开信息处理费${fee}元。本年度无其他需要报告的事项。`;
    const a = prose(gen("2021", 1, { year: 2021 }), { 6: stock(2021, 0) });
    const b = prose(withMeta(a, { year: 2022 }), { 6: stock(2022, 300) });
    const s = compareReports(a, b).sections.find((x) => x.no === 6)!;
    expect(s.words.after).toBeLessThan(5);
    expect(s.flagged).toBe(false);
    // The stock wording is still in the diff, as text.
    expect(rebuild(s.diff, "after")).toBe(stock(2022, 300));
  });

  it("the same text twice is flagged between years, not between two versions of one year", () => {
    const a = prose(gen("2021", 1, { year: 2021 }), { 5: PROBLEMS_2021 });
    expect(compareReports(a, withMeta(a, { year: 2022 })).sections.find((s) => s.no === 5)).toMatchObject({ similarity: 1, flagged: true });
    expect(compareReports(a, a).sections.find((s) => s.no === 5)).toMatchObject({ similarity: 1, flagged: false });
  });

  it("a missing or empty section has no similarity", () => {
    const a = prose(gen("2021", 1, { year: 2021 }), { 5: PROBLEMS_2021 });
    const b = prose(withMeta(a, { year: 2022 }), { 5: "" });
    const s = compareReports(a, b).sections.find((x) => x.no === 5)!;
    expect(s).toMatchObject({ similarity: null, flagged: false, after: "" });
    expect(s.diff).toEqual([{ op: "delete", text: PROBLEMS_2021 }]);
  });

  it("the diff always gives both texts back", () => {
    const pieces = ["政府", "信息", "公开", "，", "。", "工作", "2021", "年", " ", "\n", "一是", "加强", "𠀀"];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const c = compareTexts(a, b, LIMITS);
        expect(rebuild(c.diff, "before")).toBe(a);
        expect(rebuild(c.diff, "after")).toBe(b);
        expect(c.cut).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("Myers diff", () => {
  function lcs(a: Int32Array, b: Int32Array): number {
    const dp = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
    return dp[a.length]![b.length]!;
  }

  it("finds a shortest edit script (its equal runs are a longest common subsequence)", () => {
    const seq = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 }).map((xs) => Int32Array.from(xs));
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const d = diffSequences(a, b);
        const common = d.edits.filter((e) => e.op === "equal");
        for (const e of common) for (let i = 0; i < e.length; i++) expect(a[e.aStart + i]).toBe(b[e.bStart + i]);
        expect(common.reduce((n, e) => n + e.length, 0)).toBe(lcs(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it("stops at its work bound on two hostile 100 KB sections, says it was cut, and still gives both texts back", () => {
    const rand = rng(42);
    const chars = [..."政府信息公开工作年度报告主动申请办理结果行政复议诉讼情况本年上年我局推进加强完善制度平台建设监督保障的了和在是有不为对以及与中，。"];
    const hostile = () => Array.from({ length: 100_000 }, () => chars[Math.floor(rand() * chars.length)]).join("");
    const a = hostile();
    const b = hostile();
    const c = compareTexts(a, b, LIMITS);
    expect(c.cut).toBe(true);
    expect(rebuild(c.diff, "before")).toBe(a);
    expect(rebuild(c.diff, "after")).toBe(b);
    expect(c.similarity).not.toBeNull();

    // The bound itself: work never goes past it by more than one pass over the input.
    const ta = Int32Array.from(tokenize(a), (t) => t.text.codePointAt(0)!);
    const tb = Int32Array.from(tokenize(b), (t) => t.text.codePointAt(0)!);
    const d = diffSequences(ta, tb, 1_000_000);
    expect(d.cut).toBe(true);
    expect(d.work).toBeLessThanOrEqual(1_000_000 + 2 * (ta.length + tb.length));
  });

  it("a near copy of a 100 KB section is not cut: the diff is exact", () => {
    const rand = rng(7);
    const chars = [..."政府信息公开工作年度报告主动申请办理结果，。"];
    const a = Array.from({ length: 100_000 }, () => chars[Math.floor(rand() * chars.length)]).join("");
    const b = `${a.slice(0, 40_000)}新增一句话。${a.slice(40_020)}`;
    const c = compareTexts(a, b, LIMITS);
    expect(c.cut).toBe(false);
    expect(c.diff.filter((o) => o.op !== "equal").length).toBeLessThanOrEqual(4);
    expect(rebuild(c.diff, "after")).toBe(b);
  });

  it("compares at most maxChars of a section and says so", () => {
    for (const [a, b] of [
      [PROBLEMS_2021, PROBLEMS_2021],
      [PROBLEMS_2021, PROBLEMS_2022_REWRITTEN],
      [PROBLEMS_2021, "短"],
    ]) {
      const c = compareTexts(a!, b!, { ...LIMITS, maxChars: 50 });
      expect(c.cut).toBe(true);
      expect(rebuild(c.diff, "before")).toBe(a);
      expect(rebuild(c.diff, "after")).toBe(b);
      // One delete before one insert between equal runs, never two of a kind in a row.
      for (let i = 1; i < c.diff.length; i++) expect(c.diff[i]!.op === c.diff[i - 1]!.op).toBe(false);
      expect(c.diff.some((o, i) => o.op === "delete" && c.diff[i - 1]?.op === "insert")).toBe(false);
    }
  });
});
