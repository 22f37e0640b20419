import { normLabel } from "../text/normalize.js";
import type { FindingInput, ReportRule } from "./types.js";
import { say } from "./util.js";

const NUMERALS = "一二三四五六七八九十";

const meta: ReportRule["meta"] = {
  id: "report-sections",
  severity: "warning",
  templates: ["2019", "2021"],
  scope: "report",
  category: "report",
  basis: ["R-1"],
  title: "六个部分齐全、顺序正确、标题规范",
  description:
    "年度报告由六个部分组成，标题和顺序是固定的：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少部分或顺序颠倒给出警告（也可能是原文的标题写法太特别，没能识别）；标题用了常见的别样写法给出提示。只有表格数据、没有正文的 JSON 输入不作检查。",
  messages: {
    none: "没有找到六个部分的标题（一、总体情况 …… 六、其他需要报告的事项），无法核对报告结构",
    missing: "缺少第{nos}部分：{titles}",
    order: "六个部分的顺序不对：原文依次是第{seq}部分",
    title: "第{no}部分的标题写作“{given}”，格式规定为“{title}”",
  },
};

export const reportSections: ReportRule = {
  meta,
  check(r, ctx) {
    const defs = ctx.template.sections;
    if (r.sections.length === 0) {
      // Canonical JSON carries cells only; a document without section heads is worth saying.
      return r.meta.format && r.meta.format !== "json" ? [{ ...say(meta, "none"), cells: [] }] : [];
    }
    const out: FindingInput[] = [];
    const have = new Set(r.sections.map((s) => s.no));
    const missing = defs.filter((d) => !have.has(d.no));
    if (missing.length) {
      out.push({
        ...say(meta, "missing", {
          nos: missing.map((d) => NUMERALS[d.no - 1]).join("、"),
          titles: missing.map((d) => `${NUMERALS[d.no - 1]}、${d.title}`).join("；"),
        }),
        cells: [],
      });
    }
    const seq = r.sections.map((s) => s.no);
    if (seq.some((n, i) => i > 0 && n <= seq[i - 1]!)) {
      out.push({ ...say(meta, "order", { seq: seq.map((n) => NUMERALS[n - 1] ?? String(n)).join("、") }), cells: [] });
    }
    for (const s of r.sections) {
      const d = defs.find((x) => x.no === s.no);
      if (!d || !s.title.trim() || normLabel(s.title) === normLabel(d.title)) continue;
      out.push({ ...say(meta, "title", { no: NUMERALS[s.no - 1]!, given: s.title.trim(), title: `${NUMERALS[d.no - 1]}、${d.title}` }), cells: [], severity: "info" });
    }
    return out;
  },
};
