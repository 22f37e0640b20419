import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processInput } from "../../src/pipeline/index.js";
import { reportToJson } from "../../src/report/json.js";
import { htmlFragment } from "../../src/render/html-fragment.js";
import { openBrowser } from "../support/browser.js";
import { HAS, missing } from "../support/requires.js";
import { addUser, serve, type Served } from "../support/serve.js";

// The web UI in real Chromium against `nianbao serve` on a temp database: log in, upload three
// reports, find the bad one in the list, see its error's cells marked, confirm the finding with a
// comment, return the report, download 问题清单.xlsx — and a hostile report whose script never runs.
// Screenshots of each page (1440×900) go to docs/screenshots/.

const ROOT = resolve(__dirname, "../..");
const SHOTS = join(ROOT, "docs/screenshots");
const EXAMPLES = join(ROOT, "examples");
const PASSWORD = "Wang-review-2025";

const XSS = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = `<script>window.__xss=1</script>`;
/** A file name with script (no double quotes: browsers send those as %22). */
const NAME = `<img src=x onerror=window.__xss=1>.json`;

/** A report whose every text — title, agency, sections, a cell, the file name — carries script. */
async function hostileReport(): Promise<{ name: string; buffer: Buffer; mimeType: string }> {
  const env = await processInput(join(EXAMPLES, "01-tab-row-2021.txt"));
  const json = reportToJson(env.reports[0]!) as unknown as { meta: Record<string, unknown>; sections: { no: number; title: string; text: string }[]; cells: Record<string, number | null>; provenance: Record<string, { raw: string; kind?: string }>; findings: unknown[] };
  json.meta.title = `${SCRIPT}南浦县恶意局2022年政府信息公开工作年度报告`;
  json.meta.agency = `${XSS}南浦县恶意局`;
  json.meta.file = NAME;
  json.sections[0]!.text = `正文 ${SCRIPT} 与 <a href="javascript:window.__xss=1">点这里</a> javascript:window.__xss=1 ${XSS}`;
  json.cells["requests.new_received.natural_person"] = null;
  json.provenance["requests.new_received.natural_person"] = { raw: XSS, kind: "text" };
  json.findings = [];
  return { name: NAME, buffer: Buffer.from(JSON.stringify(json)), mimeType: "application/json" };
}

describe.skipIf(missing("chromium", HAS.chromium))("web UI in Chromium", () => {
  let dir = "";
  let server: Served;
  let browser: import("playwright-core").BrowserContext;
  let page: import("playwright-core").Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-e2e-"));
    const db = join(dir, "web.db");
    addUser(db, "shenhe", "admin", PASSWORD, ["--name", "审核员王"]);
    server = await serve(db);
    ({ browser, page } = await openBrowser(dir, pageErrors));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A screenshot once toasts are gone and the pointer rests off the menu. */
  const shot = async (name: string) => {
    await page.mouse.move(1400, 880);
    await page.locator(".el-message").last().waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const safety = async () => page.evaluate(() => ({ xss: (window as unknown as { __xss?: unknown }).__xss, csp: (window as unknown as { __csp: string[] }).__csp }));

  it("reviews reports end to end: upload, list, marked cells, decision, return, 问题清单.xlsx", async () => {
    await page.goto(`${server.url}/reports`);
    await page.waitForURL(/\/login\?next=/);
    await expect.poll(() => page.locator("h1").textContent()).toContain("年度报告审核");
    await shot("login");
    await page.getByLabel("登录名").fill("shenhe");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/reports$/);

    await page.getByRole("menuitem", { name: "上传与检查" }).click();
    await page.locator('input[data-testid="files"]').setInputFiles(["01-tab-row-2021.txt", "11-problem-identity-2021.txt", "09-docx-2021.docx"].map((f) => join(EXAMPLES, f)));
    await page.getByRole("button", { name: "上传并检查" }).click();
    await page.getByText("，已完成").waitFor({ timeout: 120_000 });
    const statuses = await page.locator(".el-table__body tr .el-tag").allTextContents();
    expect(statuses).toEqual(["已检查", "已检查", "已检查"]);
    await shot("upload");

    await page.getByRole("menuitem", { name: "报告列表" }).click();
    await page.waitForURL(/\/reports/);
    await expect.poll(() => page.locator(".report-table .el-table__body tr").count()).toBe(3);
    await expect.poll(() => page.locator(".report-table").textContent()).toContain("南浦县自然资源局");
    await shot("reports");

    await page.getByRole("link", { name: "南浦县自然资源局" }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.locator("table.statutory td.mark-error").first().waitFor();
    const marked = await page.locator("table.statutory td.mark-error").count();
    expect(marked).toBeGreaterThan(0);
    // The statutory table 3 with its merged header cells.
    expect(await page.locator('table.statutory[data-table="requests"] td[colspan]').count()).toBeGreaterThan(0);
    expect(await page.locator('table.statutory[data-table="requests"] td[rowspan]').count()).toBeGreaterThan(0);
    await shot("detail");

    // Click the first error: its cells light up; confirm it with a comment.
    const card = page.locator(".finding.sev-error").first();
    await card.click();
    const lit = await page.locator("table.statutory td.lit").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-key")));
    expect(lit.length).toBeGreaterThan(0);
    // ...and come into view.
    const inView = () => page.locator("table.statutory td.lit").first().evaluate((td) => {
      const r = td.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await expect.poll(inView).toBe(true);
    await expect.poll(() => card.locator(".formula").textContent()).toContain("差额");
    await card.locator("textarea").fill("核实：表三合计与分项之和不符");
    await card.getByRole("button", { name: "确认" }).click();
    await card.getByText("已确认").waitFor();
    // Typing the comment scrolled the page back up: the shot shows the lit cells beside the decided finding.
    await page.locator("table.statutory td.lit").first().evaluate((td) => td.scrollIntoView({ block: "center" }));
    await expect.poll(inView).toBe(true);
    await shot("detail-finding");

    // Clicking a marked cell shows its findings.
    await page.locator("table.statutory td.mark-error").first().click();
    await expect.poll(() => page.locator(".side .el-tag").filter({ hasText: "单元格：" }).count()).toBe(1);

    // The original beside it: the text file's lines around the cell.
    await page.getByRole("tab", { name: "原件" }).click();
    await page.locator(".lines .line.hot").first().waitFor();
    await shot("detail-original");

    await page.getByRole("button", { name: "退回修改" }).click();
    await page.locator(".el-message-box textarea").fill("请按问题清单修改后重新报送");
    await page.locator(".el-message-box").getByRole("button", { name: "确定" }).click();
    await expect.poll(() => page.locator(".review-tag").textContent()).toBe("退回修改");

    // 问题清单.xlsx from the list, read back.
    await page.getByRole("menuitem", { name: "报告列表" }).click();
    await page.locator(".report-table .el-table__body tr").first().waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出问题清单" }).click()]);
    expect(download.suggestedFilename()).toBe("问题清单.xlsx");
    const file = join(dir, "问题清单.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const rows: string[] = [];
    wb.getWorksheet("问题清单")!.eachRow((row) => rows.push(String(row.getCell(1).value)));
    expect(rows[0]).toBe("机关");
    expect(rows).toContain("南浦县自然资源局");

    await page.getByRole("menuitem", { name: "导出" }).click();
    await page.getByText("问题清单（Excel）").waitFor();
    await shot("exports");
    await page.getByRole("menuitem", { name: "用户管理" }).click();
    await page.getByText("shenhe").first().waitFor();
    await shot("users");
    await page.getByRole("menuitem", { name: "操作日志" }).click();
    await page.getByText("审核报告").first().waitFor();
    await shot("audit");
    const s = await safety();
    expect(s.csp).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it("shows a hostile report's script as text and runs none of it", async () => {
    await page.getByRole("menuitem", { name: "上传与检查" }).click();
    await page.locator('input[data-testid="files"]').setInputFiles([await hostileReport()]);
    await page.getByRole("button", { name: "上传并检查" }).click();
    await page.getByText("，已完成").waitFor({ timeout: 60_000 });
    expect(await page.locator(".el-table__body").textContent()).toContain(NAME);
    await page.getByRole("link", { name: /查看报告/ }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.locator("table.statutory").first().waitFor();
    const text = await page.locator(".detail").textContent();
    expect(text).toContain(SCRIPT);
    expect(text).toContain(XSS);
    expect(text).toContain("javascript:window.__xss=1");
    await page.getByRole("menuitem", { name: "报告列表" }).click();
    await expect.poll(() => page.locator(".report-table").textContent()).toContain("南浦县恶意局");
    expect(await page.locator(".report-table").textContent()).toContain(NAME);
    await shot("xss");
    expect(await page.locator('a[href^="javascript:"], img[src="x"], script:not([src])').count()).toBe(0);
    const s = await safety();
    expect(s.xss).toBeUndefined();
    expect(s.csp).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(readFileSync(join(SHOTS, "xss.png")).length).toBeGreaterThan(1000);
  }, 120_000);

  it("shows a PDF original as its page image with the cell's box drawn where the cell is printed", async () => {
    // The report with an identity error in its published form, printed to PDF by this Chromium.
    const env = await processInput(join(EXAMPLES, "11-problem-identity-2021.txt"));
    const printer = await browser.newPage();
    await printer.setContent(`<!doctype html><meta charset="utf-8"><body>${htmlFragment(env.reports[0]!)}</body>`);
    const pdf = await printer.pdf({ format: "A4", scale: 0.7, margin: { top: "2cm", bottom: "2cm", left: "1.5cm", right: "1.5cm" } });
    await printer.close();
    await page.getByRole("menuitem", { name: "上传与检查" }).click();
    await page.locator('input[data-testid="files"]').setInputFiles([{ name: "南浦县自然资源局年报.pdf", buffer: pdf, mimeType: "application/pdf" }]);
    await page.getByRole("button", { name: "上传并检查" }).click();
    await page.getByText("，已完成").waitFor({ timeout: 120_000 });
    expect(await page.locator(".el-table__body tr .el-tag").allTextContents()).toEqual(["已检查"]);
    await page.getByRole("link", { name: /查看报告/ }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.locator("table.statutory td.mark-error").first().waitFor();
    await page.locator(".finding.sev-error").first().click();
    await page.getByRole("tab", { name: "原件" }).click();
    const image = page.locator("img.pdf-page").first();
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const box = page.locator(".pdf-box");
    await box.waitFor();
    const [img, cell] = [(await image.boundingBox())!, (await box.boundingBox())!];
    // A cell's box: small, and on the page.
    expect(cell.width).toBeGreaterThan(2);
    expect(cell.height).toBeGreaterThan(2);
    expect(cell.width).toBeLessThan(img.width / 2);
    expect(cell.x).toBeGreaterThanOrEqual(img.x - 1);
    expect(cell.y).toBeGreaterThanOrEqual(img.y - 1);
    expect(cell.x + cell.width).toBeLessThanOrEqual(img.x + img.width + 1);
    expect(cell.y + cell.height).toBeLessThanOrEqual(img.y + img.height + 1);
    await box.scrollIntoViewIfNeeded();
    await shot("detail-pdf");
    expect((await safety()).csp).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
