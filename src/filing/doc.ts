import { GUIDANCE_TAGS, REPORT_GUIDANCE, SECTION_GUIDANCE, type GuidancePoint } from "../templates/guidance.js";
import { F2021 } from "../templates/index.js";

/**
 * The guidance table of docs/filing.md, generated from src/templates/guidance.ts so that the
 * page says what the form shows. It sits between `<!-- generated:guidance -->` and
 * `<!-- /generated:guidance -->`.
 */
export function guidanceDoc(): string {
  const row = (where: string, p: GuidancePoint) => `| ${where} | ${p.text} | ${p.templates ? `${p.templates.join("、")} 年版` : "两版"} | ${p.tag} | ${p.basis} |`;
  const out = ["| 部分 | 要点 | 适用格式 | 可靠程度 | 依据 |", "|---|---|---|---|---|"];
  for (const p of REPORT_GUIDANCE) out.push(row("全文", p));
  for (const s of SECTION_GUIDANCE) {
    const title = F2021.sections.find((x) => x.no === s.no)!.title;
    for (const p of s.points) out.push(row(`${"一二三四五六"[s.no - 1]}、${title}`, p));
  }
  out.push("", `可靠程度：${Object.entries(GUIDANCE_TAGS).map(([k, v]) => `\`${k}\` ${v}`).join("；")}。`);
  return out.join("\n");
}

/** The page with its generated block replaced by the current text. */
export function withGuidanceBlock(md: string): string {
  const re = /(<!-- generated:guidance -->\n)[\s\S]*?(\n<!-- \/generated:guidance -->)/;
  if (!re.test(md)) throw new Error("docs/filing.md has no generated:guidance block");
  return md.replace(re, (_, a: string, b: string) => a + guidanceDoc() + b);
}
