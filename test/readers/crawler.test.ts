import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkReports } from "../../src/check.js";
import { randomReport } from "../../src/generate/random-report.js";
import type { Block, TableBlock } from "../../src/model/document.js";
import { readReports } from "../../src/read.js";
import { crawlerHeader } from "../../src/readers/text/crawler.js";
import { glueStream } from "../../src/readers/text/glue-norm.js";
import { tableRows } from "../../src/readers/text/glue-rows.js";
import { stretches, tokenize } from "../../src/readers/text/glue-tokens.js";
import { findHeads, splitGlued } from "../../src/readers/text/glued.js";
import { sectionHeadNo } from "../../src/extract/sections.js";
import { render } from "../../src/render/index.js";
import { text } from "../support/messages.js";
import { accepts, HAS_SHARED, SHARED, type Gold } from "../support/shared.js";

// Text a web crawler saved: a header of the page's fields, then the body on one line, tables
// glued into runs of labels and digits. The splitter rebuilds rows; the identities split runs.

/** The rows of the one glued table in `line`, as cell texts. */
function rowsOf(line: string): string[][] {
  const s = glueStream(line);
  const table = stretches(s, tokenize(s, 0, s.text.length)).find((x) => x.table)!;
  return tableRows(s, table.tokens, 1).map((r) => r.map((c) => c.text));
}

function blocksOf(line: string, crawler = true): Block[] | null {
  return splitGlued(line, 1, { section: 0, crawler });
}

const describeBlocks = (blocks: Block[]) => blocks.map((b) => (b.kind === "table" ? `table(${b.rows.length})` : `${b.kind}:${b.text}`));

describe("crawler header", () => {
  const header = "标题: 某县交通运输局2023年政府信息公开工作年度报告\n发布时间: 2024-01-19 17:29\n文号: \n发布机构: \n栏目: 政府信息公开年报\n原文链接: https://x.gov.cn/a.htm\n页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n正文一行";

  it("reads the title, the date as YYYY-MM-DD, and no publisher when the field is empty", () => {
    expect(crawlerHeader(header)).toEqual({ title: "某县交通运输局2023年政府信息公开工作年度报告", published: "2024-01-19", lines: 8 });
    expect(crawlerHeader(header.replace("发布机构: ", "发布机构: 某县交通运输局"))?.publisher).toBe("某县交通运输局");
  });

  it("is not found in text without the separator, or whose first line is no field", () => {
    expect(crawlerHeader(header.replace(/=+ 正文 =+/, "正文"))).toBeNull();
    expect(crawlerHeader("某县2023年政府信息公开工作年度报告\n" + header)).toBeNull();
  });
});

describe("glued text's normal form", () => {
  it("keeps every character it does not map as it was: CJK, a character outside the BMP, a lone surrogate", () => {
    const s = glueStream("规章 ５０２８（一）\u{20000}表\ud800尾1、2");
    expect(s.text).toBe("规章5028（一）\u{20000}表\ud800尾1.2");
    expect(s.text).toHaveLength(17);
    expect(Array.from(s.gap)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("glued table rows", () => {
  it("puts each row's labels before its run of digits, and cuts a sub-row's number off the run before it", () => {
    const rows = rowsOf("（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000（四）无法提供1.本机关不掌握相关政府信息100000010");
    expect(rows).toEqual([
      ["（三）不予公开", "1.属于国家秘密", "0000000"],
      ["2.其他法律行政法规禁止公开", "0000000"],
      ["（四）无法提供", "1.本机关不掌握相关政府信息", "100000010"],
    ]);
  });

  it("keeps stray spaces as the cell boundaries they are", () => {
    expect(rowsOf("一、本年新收政府信息公开申请数量2100000 21 二、上年结转政府信息公开申请数量000000 0 三、本年度办理结果")).toEqual([
      ["一、本年新收政府信息公开申请数量", "2100000", "21"],
      ["二、上年结转政府信息公开申请数量", "000000", "0"],
      ["三、本年度办理结果"],
    ]);
  });

  it("splits a glued tree header into its levels, and table 2's header words into one row", () => {
    const head3 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量1000001";
    expect(rowsOf(head3).map((r) => r.join("|"))).toEqual([
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）|申请人情况",
      "自然人|法人或其他组织|总计",
      "商业企业|科研机构|社会公益组织|法律服务机构|其他",
      "一、本年新收政府信息公开申请数量|1000001",
    ]);
    const head4 = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计315090000000000";
    expect(rowsOf(head4).map((r) => r.length)).toEqual([2, 7, 10, 1]);
    expect(rowsOf("第二十条第（一）项信息内容本年制发件数本年废纸件数现行有效件数规章000行政规范性文件1024")).toEqual([
      ["第二十条第（一）项"],
      // A typo in a header word keeps it in the header row.
      ["信息内容", "本年制发件数", "本年废纸件数", "现行有效件数"],
      ["规章", "000"],
      ["行政规范性文件", "1024"],
    ]);
  });

  it("keeps a unit with its number (`2笔`), and a sign starts a new number", () => {
    expect(rowsOf("第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购 2笔 984361元")).toContainEqual(["政府集中采购", "2笔", "984361元"]);
    expect(rowsOf("第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可12-319")).toContainEqual(["行政许可", "12", "-319"]);
  });
});

describe("glued lines into blocks", () => {
  it("finds the section headings inside the line, tables in sections 二–四 and prose around them", () => {
    const line =
      "根据《条例》编制本报告。一、总体情况2023年，我局认真落实《条例》。二、主动公开政府信息情况(一)主动公开的数量2023年主动公开信息12条。第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件002 (二)主要类别2023年，公开政策解读3条。" +
      "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量1000001五、存在的主要问题及改进情况一是公开不够深入。六、其他需要报告的事项无。";
    expect(describeBlocks(blocksOf(line)!)).toEqual([
      "paragraph:根据《条例》编制本报告。",
      "heading:一、总体情况",
      "paragraph:2023年，我局认真落实《条例》。",
      "heading:二、主动公开政府信息情况",
      "paragraph:(一)主动公开的数量2023年主动公开信息12条。",
      "table(4)",
      "paragraph:(二)主要类别2023年，公开政策解读3条。",
      "heading:三、收到和处理政府信息公开申请情况",
      "table(4)",
      "heading:五、存在的主要问题及改进情况",
      "paragraph:一是公开不够深入。",
      "heading:六、其他需要报告的事项",
      "paragraph:无。",
    ]);
    const table = blocksOf(line)!.find((b) => b.kind === "table") as TableBlock;
    expect(table.boundariesLost).toBe(true);
    expect(table.grid).toBe(false);
  });

  it("does not take a preamble that lists the parts for their headings", () => {
    const s = glueStream("本报告由一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况组成。一、总体情况全年公开信息百余条。二、主动公开政府信息情况本年制发规章0件。三、收到和处理政府信息公开申请情况本年未收到申请。");
    const heads = findHeads(s);
    expect(heads.map((h) => h.no)).toEqual([1, 2, 3]);
    expect(heads[0]!.a).toBeGreaterThan(s.text.indexOf("组成"));
  });

  it("takes a numbered heading that starts like its title but ends otherwise, up to the number after it", () => {
    const s = glueStream("四、政府信息公开行政复议、行政诉讼情况全年未发生。五、存在的主要问题及明年工作计划2024年，我局工作仍有不足。六、其他需要报告的事项无。");
    expect(findHeads(s).map((h) => s.text.slice(h.a, h.b))).toEqual(["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及明年工作计划", "六、其他需要报告的事项"]);
    expect(sectionHeadNo("五、存在的主要问题及明年工作计划")).toBe(5);
    expect(sectionHeadNo("四、存在的主要问题及明年工作计划")).toBeNull();
  });

  it("leaves long prose alone (a line of an ordinary report is not split)", () => {
    const prose = "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，围绕中心工作做好政策解读和回应关切，全年主动公开政府信息一百二十条，其中规范性文件三件，行政许可、行政处罚和行政强制信息均按规定公开，依申请公开办理规范。";
    expect(prose.length).toBeGreaterThan(100);
    expect(blocksOf(prose, false)).toBeNull();
  });
});

describe("crawler text read as a report", () => {
  it("a generated crawled page: every table 3 and 4 cell back, meta from the header, the date kept", async () => {
    const original = randomReport(21, { template: "2021", year: 2023, zeroRate: 0.8, maxCount: 9, agency: "柳塘镇人民政府" });
    const [got] = await readReports(render(original, "crawler", { spacing: "stray", seed: 4 }), { name: "page.txt" });
    expect(got!.meta).toMatchObject({ agency: "柳塘镇人民政府", year: 2023, template: "2021", format: "text" });
    expect(got!.meta.published).toMatch(/^2024-01-\d\d$/);
    for (const [k, v] of Object.entries(original.cells)) if (!k.startsWith("active.")) expect(got!.cells[k], k).toBe(v);
    expect(got!.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("an ambiguous table 2 run is left empty with a warning naming its splits, never guessed", async () => {
    const original = randomReport(22, { template: "2021", zeroRate: 0.8, maxCount: 9 });
    original.cells["active.normative_docs.issued"] = 1;
    original.cells["active.normative_docs.repealed"] = 0;
    original.cells["active.normative_docs.in_force"] = 24;
    const [got] = await readReports(render(original, "crawler"), { name: "page.txt" });
    expect(got!.cells["active.normative_docs.issued"]).toBeNull();
    const f = got!.findings.find((x) => x.rule === "digit-run" && x.cells.includes("active.normative_docs.in_force"))!;
    expect(f.severity).toBe("warning");
    expect(text(f)).toContain("1 0 24；10 2 4");
  });
});

describe.skipIf(!HAS_SHARED)("real crawled reports (../shared/corpus/pt-*.txt)", () => {
  const dir = join(SHARED, "corpus");
  for (const name of ["pt-jtj-2025", "pt-gaj-2021", "pt-jjf-2020"]) {
    it(`${name}: every gold cell, the meta, the source errors`, async () => {
      const path = join(dir, `${name}.txt`);
      if (!existsSync(path)) return;
      const gold = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), "utf8")) as Gold;
      const [report] = checkReports(await readReports(readFileSync(path), { name }));
      const wrong = Object.entries(gold.cells).filter(([k, v]) => !accepts(v, report!.cells[k]));
      expect(wrong).toEqual([]);
      expect(report!.meta.year).toBe(gold.meta.year);
      expect(report!.meta.template).toBe(gold.meta.template);
      expect(gold.meta.agency).toContain(report!.meta.agency);
      expect(report!.meta.published).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(report!.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const key of gold.must_flag ?? []) expect(report!.findings.some((f) => f.severity === "error" && f.cells.includes(key)), key).toBe(true);
      // Table 2 cells the gold leaves out are ambiguous: empty, and a warning says so.
      for (const key of ["active.normative_docs.issued", "active.normative_docs.repealed", "active.normative_docs.in_force"]) {
        if (key in gold.cells || !(key in report!.cells)) continue;
        expect(report!.cells[key]).toBeNull();
        expect(report!.findings.some((f) => f.rule === "digit-run" && f.severity === "warning" && f.cells.includes(key))).toBe(true);
      }
    });
  }
});
