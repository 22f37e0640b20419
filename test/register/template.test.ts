import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { COLUMNS, importRegister, registerTemplateXlsx, SHEET_NAME } from "../../src/register/index.js";
import { applicantColumns, resultRows } from "../../src/register/choices.js";
import { F2019, F2021 } from "../../src/templates/index.js";

async function open(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe("the register template to download", () => {
  it("opens with exceljs: headers, a sample line, drop-down lists from the template data", async () => {
    const wb = await open(await registerTemplateXlsx());
    const ws = wb.getWorksheet(SHEET_NAME)!;
    expect(ws).toBeDefined();
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(COLUMNS.map((c) => c.header));
    expect(header.slice(0, 6)).toEqual(["登记编号", "收到申请日期", "提交方式", "申请人类型", "申请人", "申请内容"]);
    // The sample line: a real date cell, labels the drop-downs offer.
    const sample = ws.getRow(2);
    expect(sample.getCell(2).value).toEqual(new Date("2025-03-03T00:00:00Z"));
    expect(sample.getCell(13).value).toBe("（一）予以公开");

    // The outcome drop-down lists every result row of the 2021 template, taken from the data.
    const choices = wb.getWorksheet("选项")!;
    const column = (name: string) => {
      const i = (choices.getRow(1).values as unknown[]).indexOf(name);
      const out: unknown[] = [];
      choices.getColumn(i).eachCell((c, row) => row > 1 && c.value !== null && out.push(c.value));
      return out;
    };
    expect(column("办理结果")).toEqual(resultRows(F2021).map((r) => r.name));
    expect(column("办理结果")).toContain("（六）2.申请人逾期未按收费通知要求缴纳费用");
    expect(column("申请人类型")).toEqual(applicantColumns(F2021).map((c) => c.label));
    expect(column("提交方式")).toEqual(["当面", "邮寄", "平常信函", "网络", "电子邮件", "传真"]);

    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    // exceljs reads the ranges back cell by cell: six lists, on the sample line and 5,000 more.
    expect(dv["M2"]).toMatchObject({ type: "list", formulae: [`'选项'!$C$2:$C$${resultRows(F2021).length + 1}`] });
    expect(dv["C5002"]).toMatchObject({ type: "list", formulae: ["'选项'!$A$2:$A$7"] });
    expect(Object.keys(dv).length).toBe(6 * 5001);

    expect(wb.getWorksheet("填写说明")!.getRow(3).getCell(3).value).toMatch(/第三十一条/);
  });

  it("for a 2020 report the outcome list is the 2019 template's", async () => {
    const wb = await open(await registerTemplateXlsx({ template: F2019 }));
    const values: unknown[] = [];
    wb.getWorksheet("选项")!.getColumn(3).eachCell((c, row) => row > 1 && values.push(c.value));
    expect(values).toEqual(resultRows(F2019).map((r) => r.name));
    expect(values).toContain("（六）其他处理");
  });

  it("the template imports as one valid line", async () => {
    const r = await importRegister(await registerTemplateXlsx(), "模板.xlsx");
    expect(r.ok && r.applications).toEqual([
      expect.objectContaining({ id: "2025-001", received: "2025-03-03", channel: "online", applicantType: "natural_person", outcome: "granted", replied: "2025-03-20" }),
    ]);
  });
});
