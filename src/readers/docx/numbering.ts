import { parsePart } from "./xml.js";
import type { ZipArchive } from "./zip.js";

/**
 * Automatic numbering (`numbering.xml`). Chinese reports often let Word number their heads
 * (`一、`, `（一）`, `1.`), so the text of `一、总体情况` may be just `总体情况` in the XML.
 * We render the numbers as Word shows them, counting in document order.
 */
interface Level {
  start: number;
  fmt: string;
  text: string;
  suff: string;
  isLgl: boolean;
}

interface Num {
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
}

export interface Numbering {
  /** The number label of the next paragraph in list `numId` at level `ilvl` ("" when none). */
  next(numId: string | undefined, ilvl: number | undefined): string;
}

export function readNumbering(bytes: Uint8Array, zip: ZipArchive, part: string | undefined): Numbering {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, Num>();
  if (part) {
    let levels: Map<number, Level> | null = null;
    let num: Num | null = null;
    let overrideLvl: number | null = null;
    let lvl: Level | null = null;
    parsePart(bytes, zip, part, {
      open(name, a) {
        if (name === "abstractNum") {
          levels = new Map();
          abstracts.set(a.get("abstractNumId") ?? "", levels);
        } else if (name === "num" && a.get("numId")) {
          num = { abstractId: "", starts: new Map(), levels: new Map() };
          nums.set(a.get("numId")!, num);
        } else if (name === "abstractNumId" && num) num.abstractId = a.get("val") ?? "";
        else if (name === "lvlOverride" && num) overrideLvl = Number(a.get("ilvl"));
        else if (name === "startOverride" && num && overrideLvl !== null) num.starts.set(overrideLvl, Number(a.get("val")));
        else if (name === "lvl") {
          lvl = { start: 1, fmt: "decimal", text: "", suff: "tab", isLgl: false };
          const target = num && overrideLvl !== null ? num.levels : levels;
          target?.set(Number(a.get("ilvl")), lvl);
        } else if (lvl) {
          if (name === "start") lvl.start = Number(a.get("val"));
          else if (name === "numFmt") lvl.fmt = a.get("val") ?? "decimal";
          else if (name === "lvlText") lvl.text = a.get("val") ?? "";
          else if (name === "suff") lvl.suff = a.get("val") ?? "tab";
          else if (name === "isLgl") lvl.isLgl = a.get("val") !== "0" && a.get("val") !== "false";
        }
      },
      close(name) {
        if (name === "abstractNum") levels = null;
        else if (name === "num") num = null;
        else if (name === "lvlOverride") overrideLvl = null;
        else if (name === "lvl") lvl = null;
      },
      text() {},
    });
  }

  // Word counts per abstract list: two w:num of one abstractNum continue each other unless one
  // restarts with a startOverride.
  const counters = new Map<string, (number | undefined)[]>();
  const started = new Set<string>();
  return {
    next(numId, ilvl = 0) {
      if (!numId || numId === "0") return "";
      const n = nums.get(numId);
      const abs = n ? abstracts.get(n.abstractId) : undefined;
      if (!n || !abs || !(ilvl >= 0 && ilvl < 9)) return "";
      const levelOf = (k: number) => n.levels.get(k) ?? abs.get(k);
      const level = levelOf(ilvl);
      if (!level) return "";
      let c = counters.get(n.abstractId);
      if (!c) counters.set(n.abstractId, (c = []));
      if (!started.has(numId)) {
        started.add(numId);
        for (const [k, v] of n.starts) c[k] = v - 1;
      }
      c[ilvl] = c[ilvl] === undefined ? level.start : c[ilvl]! + 1;
      for (let k = ilvl + 1; k < 9; k++) c[k] = undefined;
      for (let k = 0; k < ilvl; k++) c[k] ??= levelOf(k)?.start ?? 1;
      if (level.fmt === "bullet") return "";
      const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        const lv = levelOf(k);
        const fmt = level.isLgl && k < ilvl ? "decimal" : (lv?.fmt ?? "decimal");
        return formatNumber(c![k] ?? 1, fmt);
      });
      if (!label) return "";
      return label + (level.suff === "nothing" ? "" : level.suff === "space" ? " " : "\t");
    },
  };
}

const CN_DIGITS = "零一二三四五六七八九";
const CN_LEGAL = "零壹贰叁肆伍陆柒捌玖";

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 101 → 一百零一 (as Word's chineseCounting). */
export function chineseCount(n: number, digits = CN_DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || n >= 10000) return String(n);
  const ds = String(n).split("").map(Number);
  let out = "";
  let zero = false;
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]!;
    if (d === 0) {
      zero = out !== "";
      return;
    }
    if (zero) out += digits[0];
    zero = false;
    // 十一, not 一十一, at the head of a two-digit number.
    out += d === 1 && unit === units[1] && i === 0 && ds.length === 2 ? unit : digits[d]! + unit;
  });
  return out;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) while (n >= v) (out += s), (n -= v);
  return out;
}

function letters(n: number): string {
  if (n <= 0) return String(n);
  // Word repeats the letter: 27 → AA, 28 → BB.
  return String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "decimalZero":
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperLetter":
      return letters(n);
    case "lowerLetter":
      return letters(n).toLowerCase();
    case "chineseCounting":
    case "chineseCountingThousand":
    case "japaneseCounting":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "koreanCounting":
      return chineseCount(n);
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
    case "japaneseLegal":
      return chineseCount(n, CN_LEGAL, ["", "拾", "佰", "仟"]);
    case "ideographTraditional":
      return n >= 1 ? "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]! : String(n);
    case "ideographZodiac":
      return n >= 1 ? "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12]! : String(n);
    case "ideographDigital":
    case "taiwaneseDigital":
    case "japaneseDigitalTenThousand":
      return String(n).replace(/\d/g, (d) => "〇一二三四五六七八九"[Number(d)]!);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case "decimalEnclosedFullstop":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "none":
      return "";
    default:
      return String(n);
  }
}
