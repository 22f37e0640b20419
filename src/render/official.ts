/**
 * The official layout of a published annual report, after GB/T 9704-2012 《党政机关公文格式》:
 * A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm), 22 lines of 3号 text a page, title in 2号
 * 小标宋, body in 3号 仿宋, first-level heads in 黑体, second-level heads in 楷体, page numbers
 * `— 1 —` in 4号 宋体 below the text block, odd pages right and even pages left (one character
 * in from the edge of the text block). The tables, which GB/T 9704 leaves to the document, use
 * 五号 宋体 with every border, as the statutory format's own tables are printed.
 *
 * Data, not code: the DOCX writer, the HTML fragment and the LibreOffice font map all read it.
 */

/** A font role: the name the standard uses, what Word and browsers fall back to, and the free font that stands in for it. */
export interface FontRole {
  /** Name written into the document (`w:eastAsia`, first in a CSS list). */
  name: string;
  /** Names of the same face on Windows and macOS, tried in order (`w:altName` takes the first). */
  alternates: string[];
  /** Installed with fonts-noto-cjk; what LibreOffice on Linux is pointed at. */
  free: "Noto Serif CJK SC" | "Noto Sans CJK SC";
  /** Generic CSS family, last in the list. */
  generic: "serif" | "sans-serif";
  /** OOXML font table data, so Word can match a substitute when the font is missing. */
  panose: string;
  family: "roman" | "modern";
  /** Render the free stand-in bold (小标宋 is a heavy face; Noto Serif Regular is not). */
  heavy?: boolean;
}

export const FONTS = {
  title: { name: "方正小标宋简体", alternates: ["方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun"], free: "Noto Serif CJK SC", generic: "serif", panose: "02000000000000000000", family: "roman", heavy: true },
  body: { name: "仿宋_GB2312", alternates: ["仿宋", "FangSong", "STFangsong"], free: "Noto Serif CJK SC", generic: "serif", panose: "02010609030101010101", family: "modern" },
  heading1: { name: "黑体", alternates: ["SimHei", "STHeiti"], free: "Noto Sans CJK SC", generic: "sans-serif", panose: "02010609060101010101", family: "modern" },
  heading2: { name: "楷体_GB2312", alternates: ["楷体", "KaiTi", "STKaiti"], free: "Noto Serif CJK SC", generic: "serif", panose: "02010609030101010101", family: "modern" },
  table: { name: "宋体", alternates: ["SimSun", "STSong"], free: "Noto Serif CJK SC", generic: "serif", panose: "02010600030101010101", family: "roman" },
  pageNumber: { name: "宋体", alternates: ["SimSun", "STSong"], free: "Noto Serif CJK SC", generic: "serif", panose: "02010600030101010101", family: "roman" },
} as const satisfies Record<string, FontRole>;

export type FontRoleId = keyof typeof FONTS;

/** Chinese type sizes in points: 2号 22, 3号 16, 4号 14, 小四 12, 五号 10.5. */
export const SIZES = { title: 22, body: 16, heading1: 16, heading2: 16, table: 10.5, pageNumber: 14 } as const satisfies Record<FontRoleId, number>;

/** Page geometry in millimetres (A4; margins from GB/T 9704 §5.2.1, 版心 156 × 225). */
export const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 } as const;

/** 225 mm of text block / 22 lines = 28.95 pt a line, fixed. */
export const LINE_PT = 28.95;

/** The page number's dashes sit 7 mm below the text block (GB/T 9704 §7.5). */
export const PAGE_NUMBER_GAP_MM = 7;

/** `— 3 —`: the number between two 一字线 (em dashes), a space each side. */
export function pageNumberText(n: number | string): string {
  return `— ${n} —`;
}

/**
 * A second-level head at the start of a paragraph: `（一）主动公开情况。…` or a short line
 * `（一）主动公开情况`. Returns how many characters of the paragraph are the head (0: none).
 */
export function subheadLength(p: string): number {
  const m = /^（[一二三四五六七八九十]{1,3}）/.exec(p);
  if (!m) return 0;
  const stop = p.search(/[。：:]/);
  if (stop > 0 && stop <= 30) return stop + 1;
  return [...p].length <= 30 && !/[，；,;]/.test(p) ? p.length : 0;
}

/** A CSS `font-family` list for a role: its name, the alternates, the free stand-in, the generic family. */
export function cssFontFamily(role: FontRole): string {
  return [role.name, ...role.alternates, role.free].map((f) => `'${f}'`).join(",") + `,${role.generic}`;
}
