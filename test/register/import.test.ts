import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { COLUMNS, exportRegisterCsv, exportRegisterXlsx, importRegister, type Application } from "../../src/register/index.js";
import { app } from "./support.js";

const HEADER = "登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期";
const csv = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\r\n"));

const BROKEN = [
  "2025-001,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20", // row 2: good
  "2025-002,2025-02-30,当面,自然人,某某文件,,", // row 3: no such day
  "2025-003,2025-03-05,邮寄,商业企业,某某文件,已答复,2025-03-20", // row 4: not an outcome
  "2025-004,2025-03-05,网络,自然人,某某文件,予以公开,2025-03-01", // row 5: reply before receipt
  ",2025-03-05,网络,自然人,某某文件,,", // row 6: no id
  "2025-006,2025/3/6,传真,科研机构,某某文件,（六）其他处理,2025年3月9日", // row 7: the 2019 row
  "2025-007,2025-03-07,电话,外国人,,,", // row 8: unknown channel and applicant, no content
  "2025-001,2025-03-08,网络,自然人,某某文件,,", // row 9: id used twice
];

const EXPECTED = [
  "第 3 行：“收到申请日期”2025-02-30 不是真实存在的日期",
  "第 4 行：“办理结果”已答复 不是 2025 年度所用格式（2021 年版格式）表三的办理结果（可选值见模板的“选项”页）",
  "第 5 行：答复日期 2025-03-01 早于收到申请日期 2025-03-05",
  "第 6 行：缺少“登记编号”",
  "第 7 行：“办理结果”（六）其他处理 是 2019 年版格式的办理结果，2025 年度所用格式（2021 年版格式）表三没有这一行",
  "第 8 行：“提交方式”无法识别：电话（可选：当面、邮寄、平常信函、网络、电子邮件、传真）",
  "第 8 行：“申请人类型”无法识别：外国人（可选：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）",
  "第 8 行：缺少“申请内容”",
  "第 9 行：登记编号 2025-001 与第 2 行重复",
];

describe("import: row-by-row Chinese errors, all or nothing", () => {
  it("CSV with broken rows: every error, nothing imported", async () => {
    const r = await importRegister(csv(...BROKEN), "台账.csv");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual(EXPECTED);
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7, 8, 8, 8, 9]);
    expect(r).not.toHaveProperty("applications");
  });

  it("the same rows in an XLSX file, dates as Excel dates or text, give the same errors", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["2025 年依申请公开登记台账"]); // a title line above the header
    ws.addRow(HEADER.split(","));
    for (const line of BROKEN) {
      const cells: (string | Date | null)[] = line.split(",").map((c) => c || null);
      // Real Excel dates where the text is a plain date.
      for (const i of [1, 6]) if (cells[i] && /^\d{4}-\d{2}-\d{2}$/.test(cells[i] as string) && cells[i] !== "2025-02-30") cells[i] = new Date(`${cells[i]}T00:00:00Z`);
      ws.addRow(cells);
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importRegister(bytes, "台账.xlsx");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // One row lower: the title line is row 1, the header row 2; the duplicate's first row is 3.
    const shifted = EXPECTED.map((m) => m.replace(/^第 (\d+) 行/, (_, n) => `第 ${+n + 1} 行`).replace("与第 2 行重复", "与第 3 行重复"));
    expect(r.errors.map((e) => e.message)).toEqual(shifted);
  });

  it("a row with a cell that cannot be read still has its other problems told, once each", async () => {
    const head = "登记编号,收到申请日期,提交方式,申请人类型,申请内容,延期告知日期,延长工作日数,办理结果,答复日期";
    const r = await importRegister(
      new TextEncoder().encode(
        [
          head,
          // Not an outcome, a reply before receipt (and before the extension), an extension beyond 20 days: all of it.
          "A1,2025-03-05,网络,自然人,某某文件,2025-03-06,30,已答复,2025-03-01",
          // A reply date that is no date: said once, not again as "an outcome without a reply date".
          "A2,2025-03-05,网络,自然人,某某文件,,,予以公开,2025-02-30",
          // No such day of receipt and an unknown channel: neither repeated as "missing".
          "A3,2025-02-30,飞鸽,自然人,某某文件,,,,",
        ].join("\n"),
      ),
      "台账.csv",
    );
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      "第 2 行：“办理结果”已答复 不是 2025 年度所用格式（2021 年版格式）表三的办理结果（可选值见模板的“选项”页）",
      "第 2 行：答复日期 2025-03-01 早于收到申请日期 2025-03-05",
      "第 2 行：“延长工作日数”应是 1 到 20 的整数（第三十三条：延长的期限最长不得超过 20 个工作日），实为 30",
      "第 2 行：延期告知日期 2025-03-06 晚于答复日期 2025-03-01",
      "第 3 行：“答复日期”2025-02-30 不是真实存在的日期",
      "第 4 行：“收到申请日期”2025-02-30 不是真实存在的日期",
      "第 4 行：“提交方式”无法识别：飞鸽（可选：当面、邮寄、平常信函、网络、电子邮件、传真）",
    ]);
  });

  it("a number where a date belongs says which date it would be, and does not guess", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(HEADER.split(","));
    ws.addRow(["1", 45717, "网络", "自然人", "某某文件", null, null]);
    const r = await importRegister(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx");
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(["第 2 行：“收到申请日期”是数字 45717，不是日期（如果它是 Excel 的日期序号，即 2025-03-01，请把这一列设为日期格式）"]);
  });

  it("dates written as text in the usual ways", async () => {
    const r = await importRegister(csv("1,2025-03-01,网络,自然人,x,,", "2,2025/3/1,网络,自然人,x,,", "3,2025年3月1日,网络,自然人,x,,", "4,２０２５年３月１日,网络,自然人,x,,", "5,2025-03-01 10:30,网络,自然人,x,,"));
    expect(r.ok && r.applications.map((a) => a.received)).toEqual(Array(5).fill("2025-03-01"));
  });

  it("a file without the register's header, an empty file, an old .xls, a truncated .xlsx", async () => {
    const msg = async (b: Uint8Array) => {
      const r = await importRegister(b, "x");
      return r.ok ? "" : r.errors.map((e) => e.message).join("\n");
    };
    expect(await msg(new TextEncoder().encode("姓名,电话\n张三,123\n"))).toMatch(/^没有找到台账的表头行/);
    expect(await msg(new Uint8Array())).toBe("文件是空的");
    expect(await msg(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/旧版 Excel（\.xls）/);
    const good = await exportRegisterXlsx([app({ id: "1", received: "2025-03-03" })]);
    expect(await msg(good.subarray(0, good.length - 200))).toMatch(/文件已损坏或不完整/);
    expect(await msg(new TextEncoder().encode("登记编号,收到申请日期,申请人\n1,2025-03-03,张某\n"))).toBe("第 1 行（表头）：缺少“提交方式”、“申请人类型”、“申请内容”列");
    // A lone 登记编号 (in a list of notes, say) is no header.
    expect(await msg(new TextEncoder().encode("登记编号,说明\n1,x\n"))).toMatch(/^没有找到台账的表头行/);
  });

  it("a CSV written by Excel on Chinese Windows (GB18030) and a tab-separated paste", async () => {
    const gbk = Uint8Array.from(Buffer.from("b7c7", "hex")); // not valid UTF-8 on its own
    expect(gbk.length).toBe(2);
    const text = [HEADER, "1,2025-03-03,网络,自然人,某某文件,予以公开,2025-03-20"].join("\r\n");
    const encoded = await gb18030(text);
    const r = await importRegister(encoded, "gbk.csv");
    expect(r.ok && r.applications[0]).toMatchObject({ id: "1", outcome: "granted", replied: "2025-03-20" });
    const tsv = await importRegister(new TextEncoder().encode(text.replace(/,/g, "\t")), "paste.txt");
    expect(tsv.ok && tsv.applications.length).toBe(1);
  });
});

/** GB18030 bytes of a text made only of characters in GB2312, via a reverse table of the decoder. */
async function gb18030(text: string): Promise<Uint8Array> {
  const dec = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) table.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo]);
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!));
  return Uint8Array.from(out);
}

function sampleApps(n: number): Application[] {
  const out: Application[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2025, 0, 2) + (i % 360) * 86_400_000).toISOString().slice(0, 10);
    const a = app({ id: `2025-${String(i).padStart(6, "0")}`, received: d, applicantType: ["natural_person", "commercial", "research"][i % 3]!, request: `申请公开第 ${i} 号文件` });
    if (i % 4 !== 0) {
      a.replied = new Date(Date.parse(d) + 10 * 86_400_000).toISOString().slice(0, 10);
      a.outcome = ["granted", "partial", "unable_not_held"][i % 3]!;
    }
    out.push(a);
  }
  return out;
}

describe("round trip and size", () => {
  const tricky: Application[] = [
    app({
      id: "2025-001",
      received: "2025-03-03",
      channel: "ordinary_mail",
      applicantType: "legal_service",
      applicant: "某律师事务所",
      request: '=HYPERLINK("http://x","点我"), 含逗号、"引号"\n和换行',
      correctionRequested: "2025-03-05",
      correctionReceived: "2025-03-14",
      extendedOn: "2025-04-01",
      extensionDays: 15,
      consultations: [{ start: "2025-03-17", end: "2025-03-20" }, { start: "2025-04-02" }],
      outcome: "denied_process_info",
      replied: "2025-05-06",
      reviews: [
        { group: "reconsideration", filed: "2025-06-01", result: "upheld", decided: "2025-07-01" },
        { group: "suit_after", filed: "2025-07-10", result: "pending" },
      ],
      note: "-备注以减号开头",
    }),
    app({ id: "2025-002", received: "2025-12-28", channel: "email", applicantType: "other_org" }),
    app({ id: "2020-009", received: "2020-12-01", replied: "2020-12-10", outcome: "other", reviews: [{ group: "suit_direct", filed: "2021-01-05", result: "other" }] }),
  ];

  it("XLSX: export then import gives the same applications", async () => {
    const r = await importRegister(await exportRegisterXlsx(tricky), "rt.xlsx");
    expect(r.ok ? r.applications : r.errors).toEqual(tricky);
  });

  it("CSV (UTF-8 with BOM): export then import gives the same applications", async () => {
    const bytes = exportRegisterCsv(tricky);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.split("\r\n")[0]).toBe("\ufeff" + COLUMNS.map((c) => c.header).join(","));
    // A text that Excel would run as a formula is written with a leading quote.
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我""), 含逗号、""引号""\n和换行"`);
    const r = await importRegister(bytes, "rt.csv");
    expect(r.ok ? r.applications : r.errors).toEqual(tricky);
  });

  it("50,000 rows import in one piece", async () => {
    const apps = sampleApps(50_000);
    let t = performance.now();
    const bytes = await exportRegisterXlsx(apps);
    const written = performance.now() - t;
    t = performance.now();
    const r = await importRegister(bytes, "big.xlsx");
    const read = performance.now() - t;
    console.log(`50,000 行台账：导出 ${(written / 1000).toFixed(1)} 秒，导入 ${(read / 1000).toFixed(1)} 秒（${(bytes.length / 1024 / 1024).toFixed(1)} MB），堆 ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`);
    expect(r.ok && r.applications.length).toBe(50_000);
    expect(r.ok && r.applications[49_999]).toEqual(apps[49_999]);
    t = performance.now();
    const c = await importRegister(exportRegisterCsv(apps), "big.csv");
    console.log(`50,000 行 CSV 导入 ${((performance.now() - t) / 1000).toFixed(1)} 秒`);
    expect(c.ok && c.applications.length).toBe(50_000);
  });
});
