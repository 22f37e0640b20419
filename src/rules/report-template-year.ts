import { templateForYear } from "../templates/index.js";
import type { FindingInput, ReportRule } from "./types.js";
import { say } from "./util.js";

const meta: ReportRule["meta"] = {
  id: "report-template-year",
  severity: "error",
  templates: ["2019", "2021"],
  scope: "report",
  category: "report",
  basis: ["R-2"],
  title: "所用格式与报告年度相符",
  description:
    "2019、2020 年度的报告用 2019 年版格式（国办公开办函〔2019〕60号），2021 年度及以后的报告用 2021 年版格式（国办公开办函〔2021〕30号）。2021 年度以后的报告仍用 2019 年版格式（有第二十条第（九）项、本年新制作数量等）是错误；年度只能从正文推断时降为警告。表二已是 2021 年版、表三却仍是单行“（六）其他处理”的混用报告给出警告。2019、2020 年度的报告用了 2021 年版格式，多半是年度读错，给出警告。一次检查同一机关的多份报告时，沿用旧格式的那一年同样会被指出。",
  messages: {
    old: "报告年度为 {year}，应使用{expected}，本报告仍用{actual}",
    newer: "报告年度为 {year}，应使用{expected}，本报告却用{actual}（该格式 2021 年 9 月才发布），请核对报告年度",
    mixed: "报告年度为 {year}，应使用{expected}，但表三仍是{layout}的“{row}”",
  },
};

export const reportTemplateYear: ReportRule = {
  meta,
  check(r, ctx) {
    const year = r.meta.year;
    if (year === null) return [];
    const expected = templateForYear(year);
    const actual = ctx.template;
    const data = { year: String(year), expected: expected.name, actual: actual.name };
    const out: FindingInput[] = [];
    if (actual.id !== expected.id) {
      if (actual.years.from < expected.years.from) {
        out.push({ ...say(meta, "old", data), cells: [], ...(r.meta.yearFrom === "body" ? { severity: "warning" as const } : {}) });
      } else {
        out.push({ ...say(meta, "newer", data), cells: [], severity: "warning" });
      }
      return out;
    }
    const layout = ctx.requestsLayout;
    // The reader already says so when it saw the mixed layout itself.
    if (layout.id !== actual.id && !r.findings.some((f) => f.rule === "template-mixed")) {
      const own = new Set(actual.requests.rows.map((x) => x.key));
      const odd = layout.requests.rows.filter((x) => !own.has(x.key));
      const cells = Object.keys(r.cells).filter((k) => odd.some((x) => k.startsWith(`requests.${x.key}.`)));
      const layoutName = layout.name.split("（")[0]!;
      out.push({ ...say(meta, "mixed", { ...data, layout: layoutName, row: odd.map((x) => x.name).join("、") }), cells, severity: "warning" });
    }
    return out;
  },
};
