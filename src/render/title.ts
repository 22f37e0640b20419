import { PAGE, SIZES } from "./official.js";

/** Characters of 2号 type a line of the text block holds (156 mm / 22 pt ≈ 20). */
const PER_LINE = Math.floor(((PAGE.width - PAGE.left - PAGE.right) / 25.4) * 72 / SIZES.title);

/** Width in characters: ASCII (the year's digits) takes half a character. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return w;
}

/**
 * The title's lines as official documents set them: one line when it fits, else the agency on
 * the first line and `2023年政府信息公开工作年度报告` on the second, so no line breaks a word.
 * A title that splits no such way is left to wrap.
 */
export function titleLines(title: string): string[] {
  if (width(title) <= PER_LINE) return [title];
  const m = /(?:19|20)\d{2}\s*年/.exec(title);
  if (m && m.index > 0) {
    const first = title.slice(0, m.index).trim();
    const second = title.slice(m.index).trim();
    if (width(first) <= PER_LINE && width(second) <= PER_LINE) return [first, second];
  }
  return [title];
}
