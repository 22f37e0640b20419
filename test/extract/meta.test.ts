import { describe, expect, it } from "vitest";
import { agencyOf, yearOf } from "../../src/extract/meta.js";

describe("the agency named by a title", () => {
  it("ends where the report's year or subject begins", () => {
    expect(agencyOf("舞钢市尚店镇人民政府2021年政府信息公开工作年度报告")).toBe("舞钢市尚店镇人民政府");
    expect(agencyOf("北京市测试区某某镇人民政府2019年度政府信息公开工作年度报告")).toBe("北京市测试区某某镇人民政府");
    expect(agencyOf("某某市人民政府办公室 2020 政府信息公开工作年度报告")).toBe("某某市人民政府办公室");
    expect(agencyOf("某某县财政局政府信息公开工作年度报告")).toBe("某某县财政局");
  });

  it("keeps a number that is part of the name", () => {
    expect(agencyOf("测试1999县第1局2021年政府信息公开工作年度报告")).toBe("测试1999县第1局");
    expect(agencyOf("某某市第12019号信箱管理处2023年政府信息公开工作年度报告")).toBe("某某市第12019号信箱管理处");
    expect(yearOf("测试1999县第1局2021年政府信息公开工作年度报告")).toBe(2021);
  });
});
