import { describe, expect, it } from "vitest";
import { text } from "../support/messages.js";
import { REVIEW_HEADER, defaultHeader, readText, reportText, requests2021, row } from "../support/text-report.js";

// Every variant of format.md §6 seen in real reports, read from small hand-written reports.

const zeros = () => [0, 0, 0, 0, 0, 0, 0];

describe("section heads (format.md §6.1)", () => {
  it("finds all six in their variant spellings and ignores sub-heads and list items", async () => {
    const text = [
      "[bookmark: _GoBack]测试镇人民政府2020年政府信息公开工作年度报告",
      " 一、总体情况",
      "（一）主动公开政府信息情况",
      "1、主动公开政府信息38条。",
      "二、主动公开政府信息情况",
      "3、 收到和处理政府信息公开申请情况",
      "四、因政府信息公开工作被申请行政复议和提起行政诉讼情况",
      "五、政府信息公开工作存在的主要问题及改进情况",
      "1、信息公开内容有待拓展。",
      "2、其他需要报告的事项较少。",
      "其他需要报告的事项",
      "无",
    ].join("\n");
    const r = await readText(text);
    expect(r.sections.map((s) => s.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.sections[0]!.text).toContain("（一）主动公开政府信息情况");
    expect(r.sections[4]!.text).toContain("1、信息公开内容有待拓展。");
    expect(r.sections[5]!.title).toBe("其他需要报告的事项");
    expect(r.sections[5]!.text).toBe("无");
  });

  it("reads Markdown heads of any level", async () => {
    const md = "## 测试市人民政府2021年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n#### 四、政府信息公开行政复议、行政诉讼情况\n\n##### (一) 存在问题\n\n#### 五、存在问题及改进情况\n\n问题。\n";
    const r = await readText(md, "x.md");
    expect(r.sections.map((s) => s.no)).toEqual([1, 4, 5]);
    expect(r.meta.format).toBe("markdown");
  });
});

describe("meta", () => {
  it("joins a title broken over two lines", async () => {
    const r = await readText("北京市测试区某某镇人民政府\n2020年政府信息公开工作年度报告\n一、总体情况\n无");
    expect(r.meta.agency).toBe("北京市测试区某某镇人民政府");
    expect(r.meta.year).toBe(2020);
    expect(r.meta.yearFrom).toBe("title");
  });

  it("takes the year from the statistical period, then from the body, when the title has none", async () => {
    const period = await readText("政府信息公开工作年度报告\n本报告统计期限为2022年1月1日至2022年12月31日。2023年将继续努力。\n一、总体情况\n无");
    expect(period.meta).toMatchObject({ year: 2022, yearFrom: "period", agency: null });
    const body = await readText("政府信息公开工作年度报告\n一、总体情况\n2020年，我镇认真贯彻条例。2020年共公开信息30条，2021年将改进。\n二、主动公开政府信息情况\n无");
    expect(body.meta).toMatchObject({ year: 2020, yearFrom: "body" });
  });

  it("reads `…政府信息公开工作2022年度报告`", async () => {
    const r = await readText("测试区人民政府政府信息公开工作2022年度报告\n一、总体情况\n无");
    expect(r.meta).toMatchObject({ agency: "测试区人民政府", year: 2022 });
  });
});

describe("table labels (format.md §6.2)", () => {
  it("reads 合计 / 总 计 for 总计 and half-width brackets, 只记, 信访投诉举报类, 法律法规", async () => {
    const t = requests2021((i) => (i === 0 ? [2, 1, 0, 0, 0, 0, 3] : i === 2 || i === 23 ? [2, 1, 0, 0, 0, 0, 3] : zeros()), defaultHeader("合 计"))
      .replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "(二) 部分公开 (区分处理的, 只记这一情形, 不记其他情形)")
      .replace("1.信访举报投诉类申请", "1.信访投诉举报类申请")
      .replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")
      .replace("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "1.逾期不补正")
      .replace("5.要求行政机关确认或重新出具已获取信息", "5、要求行政机关确认或重新出具");
    const r = await readText(reportText({ 3: t }));
    expect(r.cells["requests.new_received.total"]).toBe(3);
    expect(r.cells["requests.granted.commercial"]).toBe(1);
    expect(r.cells["requests.partial.total"]).toBe(0);
    for (const k of ["rejected_petition", "denied_law_forbidden", "other_overdue_correction", "rejected_confirm"]) {
      expect(r.cells[`requests.${k}.total`], k).toBe(0);
    }
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
  });

  it("reads table 2 label variants (规    章, 本单位制发的, 本年度止件数, 保留4位小数)", async () => {
    const t2 = [
      row("第二十条第（一）项", "", "", ""),
      row("信息内容", "本年制发件数", "本年度止件数", "现行有效件数"),
      row("规    章", 1, 2, 3),
      row("规范性文件（本单位制发的）", 4, 5, 6),
      row("第二十条第（八）项", "", "", ""),
      row("信息内容", "本年收费金额（单位：万元，保留4位小数）", "", ""),
      row("行政事业性收费", "12.3456", "", ""),
    ].join("\n");
    const r = await readText(reportText({ 2: t2 }));
    expect(r.meta.template).toBe("2021");
    expect(r.cells).toMatchObject({
      "active.regulations.issued": 1,
      "active.regulations.repealed": 2,
      "active.regulations.in_force": 3,
      "active.normative_docs.issued": 4,
      "active.normative_docs.in_force": 6,
      "active.fees.amount": 12.3456,
    });
  });

  it("reads vertical and annotated table 4 headers (结\\n果\\n维\\n持, 结果维护, 行政复议（因…）)", async () => {
    const t4 = [
      "\t行政复议\n（因政府信息公开被行政复议）",
      "\t行政诉讼",
      "",
      "\t结\n果\n维\n持",
      "\t结果纠正\n\t其他结果\n\t尚未审结\n\t总 计\n\t未经复议直接起诉\n\t复议后起诉",
      "",
      "\t\n\t\n\t\n\t\n\t",
      "\t结果维护\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计",
      "",
      ["\t1", "\t2", "\t0", "\t0", "\t3", "\t0", "\t0", "\t1", "\t0", "\t1", "\t4", "\t0", "\t0", "\t0", "\t4"].join("\n"),
    ].join("\n");
    const r = await readText(reportText({ 4: t4 }));
    expect(r.cells).toMatchObject({
      "review.reconsideration.upheld": 1,
      "review.reconsideration.corrected": 2,
      "review.reconsideration.total": 3,
      "review.suit_direct.other": 1,
      "review.suit_direct.total": 1,
      "review.suit_after.upheld": 4,
      "review.suit_after.total": 4,
    });
  });

  it("sums local sub-rows (行政检查 + 行政确认) into 其他对外管理服务事项 and says so", async () => {
    const t2 = [
      "\t第二十条第（五）项",
      "",
      "\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量",
      "",
      "\t行政许可\n\t5\n\t+1\n\t20",
      "",
      "\t其他对外管理服务事项\n\t行政检查\n\t3\n\t-1\n\t7",
      "",
      "\t\n\t行政确认\n\t4\n\t+2\n\t1",
    ].join("\n");
    const r = await readText(reportText({ 2: t2 }, "测试镇人民政府2020年政府信息公开工作年度报告"));
    expect(r.meta.template).toBe("2019");
    expect(r.cells).toMatchObject({
      "active.licensing.change": 1,
      "active.other_services.prev_items": 7,
      "active.other_services.change": 1,
      "active.other_services.decisions": 8,
    });
    const f = r.findings.find((x) => x.rule === "local-subrows")!;
    expect(f.severity).toBe("info");
    expect(text(f)).toContain("行政检查、行政确认");
    expect(r.provenance["active.other_services.decisions"]!.summedFrom).toEqual(["行政检查", "行政确认"]);
  });

  it("finds a row whose label moved to the first cell", async () => {
    const t = requests2021((i) => (i === 19 ? [] : zeros())).replace(/\t\t5\.要求行政机关确认或重新出具已获取信息\t*/, "\n" + row("5.要求行政机关确认或重新出具已获取信息", "", 2, 0, 0, 0, 0, 0, 2, "", ""));
    const r = await readText(reportText({ 3: t }));
    expect(r.cells["requests.rejected_confirm.natural_person"]).toBe(2);
    expect(r.cells["requests.rejected_confirm.total"]).toBe(2);
  });
});

describe("cell values (format.md §6.3)", () => {
  const active2019 = (cells: (string | number)[][]) =>
    reportText(
      {
        2: [
          row("第二十条第（六）项", "", "", ""),
          row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
          row("行政处罚", ...cells[0]!),
          row("行政强制", ...cells[1]!),
          row("第二十条第（九）项", "", ""),
          row("信息内容", "采购项目数量", "采购总金额"),
          row("政府集中采购", ...cells[2]!),
        ].join("\n"),
      },
      "测试镇人民政府2020年政府信息公开工作年度报告",
    );

  it("reads signs, units, 元 → 万元, thousands separators, full-width digits and padding", async () => {
    const r = await readText(active2019([["６", "+408", "3,118"], ["\u00a0\u3000 00", "-18", "\u20021 "], ["31", "251000元"]]));
    expect(r.cells).toMatchObject({
      "active.penalty.prev_items": 6,
      "active.penalty.change": 408,
      "active.penalty.decisions": 3118,
      "active.coercion.prev_items": 0,
      "active.coercion.change": -18,
      "active.coercion.decisions": 1,
      "active.procurement.items": 31,
      "active.procurement.amount": 25.1,
    });
    expect(r.provenance["active.procurement.amount"]).toMatchObject({ raw: "251000元", unit: "元" });
    expect(r.provenance["active.coercion.prev_items"]!.raw).toBe("\u00a0\u3000 00");
  });

  it("keeps blank, / and 无 apart from 0, with their raw text", async () => {
    const r = await readText(active2019([["", "/", "无"], ["0", "—", "0"], ["1", "75.77万元"]]));
    expect(r.cells["active.penalty.prev_items"]).toBeNull();
    expect(r.provenance["active.penalty.prev_items"]).toMatchObject({ raw: "", kind: "blank" });
    expect(r.provenance["active.penalty.change"]).toMatchObject({ raw: "/", kind: "dash" });
    expect(r.provenance["active.penalty.decisions"]).toMatchObject({ raw: "无", kind: "none" });
    expect(r.cells["active.coercion.prev_items"]).toBe(0);
    expect(r.cells["active.procurement.amount"]).toBe(75.77);
  });
});

describe("lost cells and run-together digits", () => {
  it("fills a lost cell only where the identities determine it, and says so", async () => {
    // （一）予以公开 lost one of its five zero organisation cells: any placement gives the same row.
    const t = requests2021((i) => (i === 0 || i === 23 ? [3, 0, 0, 0, 0, 0, 3] : i === 2 ? [3, 0, 0, 0, 0, 3] : zeros()));
    const r = await readText(reportText({ 3: t }));
    expect(r.cells["requests.granted.natural_person"]).toBe(3);
    expect(r.cells["requests.granted.total"]).toBe(3);
    expect(r.cells["requests.granted.commercial"]).toBe(0);
    expect(r.provenance["requests.granted.commercial"]!.inferred).toBe(true);
    const f = r.findings.find((x) => x.rule === "lost-cells")!;
    expect(f.severity).toBe("warning");
    expect(text(f)).toContain("（一）予以公开");
    expect(f.cells).toContain("requests.granted.commercial");
  });

  it("leaves a cell empty and says why when two readings fit", async () => {
    // 予以公开 (2 natural persons, 1 company, total 3) lost a cell, and with 一 and （七） missing
    // no identity says whether the 2 and the 1 sit under 自然人/商业企业 or one column further.
    const t = requests2021((i) => (i === 2 ? [2, 1, 0, 0, 0, 3] : zeros())).replace(/^.*(一、本年新收|（七）总计).*$/gm, "");
    const r = await readText(reportText({ 3: t }));
    expect(r.cells["requests.granted.natural_person"]).toBeNull();
    expect(r.provenance["requests.granted.natural_person"]!.ambiguous).toBe(true);
    const f = r.findings.find((x) => x.rule === "lost-cells" && text(x).includes("（一）予以公开"))!;
    expect(text(f)).toContain("无法确定");
  });

  it("splits run-together digits using the identities (801000081 → 80 1 0 0 0 0 81)", async () => {
    const rows = [
      "一、本年新收政府信息公开申请数量 801000081",
      "二、上年结转政府信息公开申请数量 0000000",
      "三、本年度办理结果 （一）予以公开 801000081",
      "（七）总计 801000081",
      "四、结转下年度继续办理 0000000",
    ].join("\n");
    const r = await readText(reportText({ 3: rows }));
    expect(r.cells).toMatchObject({
      "requests.new_received.natural_person": 80,
      "requests.new_received.commercial": 1,
      "requests.new_received.total": 81,
      "requests.granted.natural_person": 80,
      "requests.total.total": 81,
      "requests.carried_forward.total": 0,
    });
    expect(r.findings.some((f) => f.rule === "digit-run" && text(f).includes("80、1、0、0、0、0、81"))).toBe(true);
  });

  it("does not guess when several splits fit", async () => {
    const t2 = ["第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数", "规章 1230"].join("\n");
    const r = await readText(reportText({ 2: t2 }));
    expect(r.cells["active.regulations.issued"]).toBeNull();
    const f = r.findings.find((x) => x.rule === "digit-run")!;
    expect(f.severity).toBe("warning");
    expect(text(f)).toContain("无法确定");
    expect(f.cells).toContain("active.regulations.in_force");
  });
});

describe("table 4 from tab rows", () => {
  it("reads the 15 values under the three-row header", async () => {
    const t4 = [...REVIEW_HEADER, row(0, 0, 1, 0, 1, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0)].join("\n");
    const r = await readText(reportText({ 4: t4 }));
    expect(r.cells["review.reconsideration.other"]).toBe(1);
    expect(r.cells["review.suit_direct.pending"]).toBe(2);
    expect(r.cells["review.suit_after.total"]).toBe(0);
  });
});
