import { describe, expect, it } from "vitest";
import { checkDraft, createDraft, pasteBlock, setCells } from "../../src/filing/index.js";
import { tsvBlock } from "../../src/filing/paste.js";
import { lastYear } from "./support.js";

const d2021 = createDraft({ agency: "青山县人民政府", year: 2025 });
const keys = (r: ReturnType<typeof pasteBlock>) => (r.ok ? r.updates.map((u) => `${u.key}=${u.raw}`) : r.message);

describe("paste a block copied from Excel (tab-separated)", () => {
  it("2 rows × 3 columns into table 2's 第二十条第（一）项", () => {
    const r = pasteBlock(d2021, "active.regulations.issued", { text: "1\t0\t5\r\n2\t1\t9\r\n" });
    expect(keys(r)).toEqual(["active.regulations.issued=1", "active.regulations.repealed=0", "active.regulations.in_force=5", "active.normative_docs.issued=2", "active.normative_docs.repealed=1", "active.normative_docs.in_force=9"]);
    expect(r).toMatchObject({ ok: true, rows: 2, columns: 3, labelColumns: 0 });
  });

  it("row labels copied with the numbers are left out; blank, / and 无 are pasted as written", () => {
    const r = pasteBlock(d2021, "active.regulations.issued", { text: "规章\t\t/\t无\n行政规范性文件\t2\t1\t9\n" });
    expect(keys(r)).toEqual(["active.regulations.issued=", "active.regulations.repealed=/", "active.regulations.in_force=无", "active.normative_docs.issued=2", "active.normative_docs.repealed=1", "active.normative_docs.in_force=9"]);
    expect(r).toMatchObject({ labelColumns: 1 });
  });

  it("a column pasted down table 3, and a whole row of table 4", () => {
    const col = pasteBlock(d2021, "requests.granted.total", { text: "3\n1\n" });
    expect(keys(col)).toEqual(["requests.granted.total=3", "requests.partial.total=1"]);
    const t4 = pasteBlock(d2021, "review.reconsideration.upheld", { text: `${Array.from({ length: 15 }, (_, i) => i).join("\t")}\n` });
    expect(t4.ok && t4.updates.length).toBe(15);
    expect(t4.ok && t4.updates[14]).toEqual({ key: "review.suit_after.total", raw: "14" });
  });

  it("a whole table 3 copied from a filed report, labels and all, fills the draft's table 3", () => {
    const prev = lastYear("2021", 2024, "青山县人民政府");
    const rows = ["new_received", "carried_over", "granted", "partial", "denied_state_secret", "denied_law_forbidden", "denied_security_stability", "denied_third_party", "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query", "unable_not_held", "unable_need_creation", "unable_unclear", "rejected_petition", "rejected_repeat", "rejected_publication", "rejected_massive", "rejected_confirm", "other_overdue_correction", "other_overdue_fee", "other_misc", "total", "carried_forward"];
    const cols = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];
    const text = rows.map((row) => [`行${row}`, ...cols.map((c) => String(prev.cells[`requests.${row}.${c}`]))].join("\t")).join("\n");
    const r = pasteBlock(d2021, "requests.new_received.natural_person", { text });
    expect(r.ok && r.updates.length).toBe(25 * 7);
    const d = setCells(d2021, r.ok ? r.updates : []);
    for (const row of rows) for (const c of cols) expect(d.cells[`requests.${row}.${c}`]!.raw).toBe(String(prev.cells[`requests.${row}.${c}`]));
    expect(checkDraft(d).findings.filter((f) => f.rule.startsWith("requests-") && f.severity === "error")).toEqual([]);
  });

  it("Excel's quoting: a field with a tab, a line break or a quote", () => {
    expect(tsvBlock('"a\tb"\t"say ""hi"""\n"two\nlines"\tx\n')).toEqual([
      ["a\tb", 'say "hi"'],
      ["two\nlines", "x"],
    ]);
  });

  it("refuses, in Chinese, a block that does not fit — nothing is pasted", () => {
    expect(keys(pasteBlock(d2021, "active.regulations.repealed", { text: "1\t0\t5\n" }))).toBe("粘贴内容的第 1 行有 3 列，表格这一行从“规章 · 本年废止件数”所在的位置往右只有 2 个单元格，放不下（超出表格右边）");
    expect(keys(pasteBlock(d2021, "active.normative_docs.issued", { text: "1\t0\t5\n2\t1\t9\n" }))).toBe(
      "粘贴内容的第 2 行会落在表头或标题行上，放不下；请分段粘贴（从“行政规范性文件 · 本年制发件数”往下只有 1 行可以填写）",
    );
    expect(keys(pasteBlock(d2021, "requests.carried_forward.total", { text: "1\n2\n" }))).toBe("粘贴的内容有 2 行，从“四、结转下年度继续办理 · 总计”往下只有 1 行，放不下（超出表格下边）");
    expect(keys(pasteBlock(d2021, "active.procurement.amount", { text: "1" }))).toBe("“active.procurement.amount”不是表格中可以填写的单元格");
    expect(keys(pasteBlock(d2021, "active.regulations.issued", { text: "\n\n" }))).toBe("剪贴板中没有可以粘贴的内容");
    expect(keys(pasteBlock(d2021, "active.regulations.issued", { text: "1\n".repeat(500) }))).toMatch(/^粘贴的内容太大/);
  });
});

// What a browser puts on the clipboard when a table is copied from a web page, and what Excel does.
const BROWSER_COPY = `<html><body><!--StartFragment--><meta charset="utf-8"><table style="border-collapse:collapse"><tbody>
<tr><td>行政许可</td><td colspan="3" style="text-align:center">1,024</td></tr>
<tr><td>行政处罚</td><td colspan="3">&nbsp;36&nbsp;</td></tr>
<tr><td>行政强制</td><td colspan="3">0</td></tr>
</tbody></table><!--EndFragment--></body></html>`;

const EXCEL_COPY = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><head><style>td{mso-number-format:General}</style></head><body>
<table border=0 cellpadding=0 cellspacing=0><col width=72 span=3>
<tr height=18><td height=18 align=right x:num>4</td><td align=right x:num>0</td><td align=right x:num>12</td></tr>
<tr height=18 style="display:none"><td>隐藏行</td><td></td><td></td></tr>
<tr height=18><td align=right x:num>7</td><td class=xl65>/</td><td align=right x:num>30</td></tr>
</table></body></html>`;

describe("paste a table copied from a web page or Excel (HTML)", () => {
  it("a browser copy with merged cells: each merged cell counts once, labels left out", () => {
    const r = pasteBlock(d2021, "active.licensing.decisions", { html: BROWSER_COPY, text: "行政许可\t1,024\n行政处罚\t36\n行政强制\t0" });
    // 行政许可 is one block, 行政处罚/行政强制 another: a caption row lies between them.
    expect(keys(r)).toBe("粘贴内容的第 2 行会落在表头或标题行上，放不下；请分段粘贴（从“行政许可 · 本年处理决定数量”往下只有 1 行可以填写）");
    const two = BROWSER_COPY.replace(/<tr><td>行政许可<\/td>.*?<\/tr>/s, "");
    expect(keys(pasteBlock(d2021, "active.penalty.decisions", { html: two }))).toEqual(["active.penalty.decisions=36", "active.coercion.decisions=0"]);
  });

  it("an Excel copy: the hidden row is not pasted, the HTML is read, never run", () => {
    const r = pasteBlock(d2021, "active.regulations.issued", { html: EXCEL_COPY });
    expect(keys(r)).toEqual(["active.regulations.issued=4", "active.regulations.repealed=0", "active.regulations.in_force=12", "active.normative_docs.issued=7", "active.normative_docs.repealed=/", "active.normative_docs.in_force=30"]);
    const hostile = `<table><tr><td><img src=x onerror="alert(1)">5<script>alert(2)</script></td></tr></table>`;
    expect(keys(pasteBlock(d2021, "active.regulations.issued", { html: hostile }))).toEqual(["active.regulations.issued=5"]);
  });

  it("HTML without a table falls back to the plain text; an HTML block that does not fit is refused", () => {
    expect(keys(pasteBlock(d2021, "active.regulations.issued", { html: "<p>3</p>", text: "3" }))).toEqual(["active.regulations.issued=3"]);
    const wide = `<table><tr>${"<td>1</td>".repeat(8)}</tr></table>`;
    expect(keys(pasteBlock(d2021, "requests.granted.natural_person", { html: wide }))).toBe("粘贴内容的第 1 行有 8 列，表格这一行从“（一）予以公开 · 自然人”所在的位置往右只有 7 个单元格，放不下（超出表格右边）");
  });
});
