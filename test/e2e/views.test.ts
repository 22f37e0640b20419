import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processInput } from "../../src/pipeline/index.js";
import { openStore } from "../../src/store/index.js";
import { logIn, openBrowser } from "../support/browser.js";
import { HAS, missing } from "../support/requires.js";
import { addUser, serve, type Served } from "../support/serve.js";
import { AGENCY, seedCorpus } from "../stats/corpus.js";

// 年度对比 and 统计看板 in real Chromium against `nianbao serve`: from a cross-year finding of a
// report to the comparison with its year before (a changed cell marked with its change), and the
// dashboard of the statistics corpus (test/stats/corpus.ts: 收到申请 86) with its charts drawn,
// a bar clicked down to its reports. Screenshots (1440×900) go to docs/screenshots/.

const ROOT = resolve(__dirname, "../..");
const SHOTS = join(ROOT, "docs/screenshots");
const EXAMPLES = join(ROOT, "examples");
const PASSWORD = "Wang-review-2025";

describe.skipIf(missing("chromium", HAS.chromium))("年度对比 and 统计看板 in Chromium", () => {
  let dir = "";
  let server: Served;
  let browser: import("playwright-core").BrowserContext;
  let page: import("playwright-core").Page;
  const pageErrors: string[] = [];
  let y22 = 0;
  let gov = 0;
  let corpus = new Map<string, number>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-e2e-views-"));
    const db = join(dir, "views.db");
    const store = await openStore(db);
    try {
      corpus = await seedCorpus(store);
      gov = (await store.agencies()).find((a) => a.name === AGENCY.gov)!.id;
      for (const name of ["14-problem-years-2021.txt", "15-problem-years-2022.txt"]) {
        const bytes = new Uint8Array(readFileSync(join(EXAMPLES, name)));
        y22 = (await store.importEnvelope(await processInput({ bytes, name }), bytes)).reports[0]!;
      }
    } finally {
      await store.close();
    }
    addUser(db, "shenhe", "admin", PASSWORD, ["--name", "审核员王"]);
    server = await serve(db);
    ({ browser, page } = await openBrowser(dir, pageErrors));
    await logIn(page, server.url, "shenhe", PASSWORD, /\/reports$/);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const shot = async (name: string) => {
    await page.mouse.move(1400, 880);
    await page.locator(".el-message").last().waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };

  it("opens 年度对比 from a cross-year finding: changed cells marked with their change, identities, section diffs", async () => {
    await page.goto(`${server.url}/reports/${y22}`);
    const link = page.locator(".finding .compare-link").first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/compare\/\d+\?with=\d+$/);
    const cell = page.locator('table[data-side="after"] td[data-key="active.regulations.issued"]');
    await cell.waitFor();
    expect(await cell.getAttribute("class")).toContain("cmp-changed");
    // 规章 本年制发件数: 5 → 3.
    expect(await cell.textContent()).toBe("3−2\n（−40.0%）");
    expect(await cell.locator(".delta").isVisible()).toBe(true);
    expect(await page.locator(`table[data-side="before"] td[data-key="active.regulations.issued"] .delta`).isVisible()).toBe(false);
    expect(await page.locator('table[data-side="after"] td.cmp-changed').count()).toBeGreaterThan(100);
    // The cross-year identities with both sides; one does not hold.
    await expect.poll(() => page.locator(".identities").textContent()).toContain("✗ 相差");
    // Each section's word diff, insertions and deletions marked.
    expect(await page.locator(".diff ins.ins").count()).toBeGreaterThan(0);
    expect(await page.locator(".diff del.del").count()).toBeGreaterThan(0);
    expect(await page.locator("h2.title").textContent()).toContain("2021 年度 → 2022 年度");
    await page.locator('table[data-side="after"][data-table="active"]').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -60));
    await page.locator(".main").evaluate((m) => m.scrollBy(0, -60));
    await shot("compare");
    await page.locator('[data-section="1"]').scrollIntoViewIfNeeded();
    await shot("compare-sections");
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  });

  it("年度对比 with another report of the agency: any year, chosen on the page; a report without a year before offers the others", async () => {
    const [y2019, y2020, y2021, y2022] = [2019, 2020, 2021, 2022].map((y) => corpus.get(`gov ${y}`)!);
    await page.goto(`${server.url}/reports/${y2022}`);
    await page.getByTestId("compare").click();
    await page.waitForURL(new RegExp(`/compare/${y2022}\\?with=${y2021}$`));
    await page.locator("h2.title").waitFor();
    expect(await page.locator("h2.title").textContent()).toContain("2021 年度 → 2022 年度");
    // The agency's other reports, newest first; choose 2019.
    await page.getByTestId("compare-with").click();
    const options = page.locator(".el-select-dropdown__item:visible");
    await expect.poll(() => options.allTextContents()).toEqual([
      "2021 年度（上一年度） · 2021 年版 · 临江市人民政府2021.json",
      "2020 年度 · 2019 年版 · 临江市人民政府2020.json",
      "2019 年度 · 2019 年版 · 临江市人民政府2019.json",
    ]);
    await options.filter({ hasText: /^2019 年度/ }).click();
    await page.waitForURL(new RegExp(`/compare/${y2022}\\?with=${y2019}$`));
    await expect.poll(() => page.locator("h2.title").textContent()).toContain("2019 年度 → 2022 年度");
    expect(await page.getByTestId("no-identities").textContent()).toContain("两份报告相隔 3 年");
    // 一、本年新收 总计: 12 → 15.
    const cell = page.locator('table[data-side="after"] td[data-key="requests.new_received.total"]');
    expect(await cell.getAttribute("class")).toContain("cmp-changed");
    expect(await cell.textContent()).toBe("15+3\n（+25.0%）");
    expect(await page.locator(".unmatched li").count()).toBeGreaterThan(0);

    // `with` naming another agency's report: compared, with a warning; the picker does not pretend it is one of the agency's.
    await page.goto(`${server.url}/compare/${y2022}?with=${y22}`);
    await page.locator("h2.title").waitFor();
    expect(await page.getByTestId("compare-with").textContent()).toContain(`报告 ${y22}（不是这个机关的报告）`);
    expect(await page.locator(".el-alert").filter({ hasText: "两份报告不是同一机关的报告" }).count()).toBe(1);

    // 2019 has no year before in the store: its 年度对比 button still leads there; the page says so and offers the agency's other reports.
    await page.goto(`${server.url}/reports/${y2019}`);
    await page.getByTestId("compare").click();
    await page.waitForURL(new RegExp(`/compare/${y2019}$`));
    const empty = page.locator(".el-empty");
    await empty.waitFor();
    expect(await empty.textContent()).toContain("没有这个机关上一年度的报告");
    await page.getByTestId("compare-with").click();
    await page.locator(".el-select-dropdown__item:visible").filter({ hasText: /^2020 年度/ }).click();
    await page.waitForURL(new RegExp(`/compare/${y2019}\\?with=${y2020}$`));
    await expect.poll(() => page.locator("h2.title").textContent()).toContain("2019 年度 → 2020 年度");
    await expect.poll(() => page.locator(".identities").textContent()).toContain("✓ 成立");
    expect(pageErrors).toEqual([]);
  });

  it("shows 统计看板: the hand-computed figures, drawn charts, a bar clicked down to its reports, XLSX and PNG exports", async () => {
    await page.getByRole("menuitem", { name: "统计看板" }).click();
    await page.waitForURL(/\/stats$/);
    await page.goto(`${server.url}/stats?agencyId=${gov}`);
    const card = (id: string) => page.locator(`.card[data-figure="${id}"] .card-value`);
    await card("requests.received").waitFor();
    expect(await card("reports").textContent()).toBe("12份");
    expect(await card("requests.received").textContent()).toBe("86件");
    // 49/78, with * since one report lacks the cell.
    expect(await card("requests.disclosed").textContent()).toBe("62.8%*");
    expect(await page.locator('.card[data-figure="requests.disclosed"] .card-note').textContent()).toContain("49 / 78");
    // The trend's table: 16, 11, 33, 26.
    const trend = page.locator('[data-chart="trend"]');
    await expect.poll(() => trend.locator(".el-table__body tr td:nth-child(2)").allTextContents()).toEqual(["16", "11", "33", "26"]);
    // 2019 复议纠错率 on 3 cases: 样本不足 in the table, as the CLI says.
    await trend.locator(".figure-pick").click();
    await page.locator(".el-select-dropdown__item:visible").filter({ hasText: /^复议纠错率$/ }).click();
    await expect.poll(() => trend.locator(".el-table__body tr td:nth-child(2)").allTextContents()).toEqual(["样本不足", "样本不足", "33.3%", "样本不足"]);
    await trend.locator(".figure-pick").click();
    await page.locator(".el-select-dropdown__item:visible").filter({ hasText: /^收到申请（本年新收/ }).click();
    await expect.poll(() => trend.locator(".el-table__body tr td:nth-child(2)").allTextContents()).toEqual(["16", "11", "33", "26"]);

    // Every chart drawn: a canvas with painted pixels.
    for (const name of ["trend", "outcomes", "ranking"]) {
      await expect
        .poll(() =>
          page.locator(`[data-chart="${name}"] canvas`).first().evaluate((c: HTMLCanvasElement) => {
            const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
            let painted = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) painted++;
            return painted;
          }),
        )
        .toBeGreaterThan(1000);
    }
    await shot("stats");

    // Click the 2021 bar (33, the tallest of four): its three reports are listed.
    const canvas = trend.locator("canvas").first();
    const box = (await canvas.boundingBox())!;
    const plotLeft = 56;
    const plotWidth = box.width - 56 - 20;
    await page.mouse.click(box.x + plotLeft + plotWidth * (2.5 / 4), box.y + box.height - 30 - 8);
    const dialog = page.locator(".el-dialog.drill");
    await dialog.waitFor();
    expect(await dialog.locator(".el-dialog__title").textContent()).toContain("2021 年度");
    const included = dialog.locator('[data-group="included"] .el-table__body tr');
    await expect.poll(() => included.count()).toBe(3);
    expect(await included.locator("a").allTextContents()).toEqual([AGENCY.gov, AGENCY.transport, AGENCY.education]);
    await included.locator("a").first().click();
    await page.waitForURL(/\/reports\/\d+$/);

    // The tables under the charts drill down too: a year of the trend, one share of one year, an agency of the ranking.
    await page.goto(`${server.url}/stats?agencyId=${gov}`);
    await card("requests.received").waitFor();
    const drillTo = async (click: () => Promise<void>, title: string[], rows: string[]) => {
      await click();
      await expect.poll(() => dialog.locator(".el-dialog__title").textContent()).toBe(title.join(" · ") + "：报告");
      await expect.poll(() => included.locator("td:nth-child(1) a, td:nth-child(2)").allTextContents()).toEqual(rows);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    };
    await expect.poll(() => trend.locator(".el-table__body tr").count()).toBe(4);
    const rowsOf = (year: number) => [AGENCY.gov, `${year}`, AGENCY.transport, `${year}`, AGENCY.education, `${year}`];
    await drillTo(() => trend.locator(".el-table__body tr").nth(3).click(), ["2022 年度", "收到申请（本年新收 + 上年结转）"], rowsOf(2022));
    await drillTo(() => page.locator('[data-drill="requests.outcome.6:2021"]').click(), ["2021 年度", "（六）其他处理占办结比例"], rowsOf(2021));
    const rankTable = page.locator('[data-chart="ranking"] .el-table__body tr');
    // A row of 问题最多的规则: the reports with that kind of problem.
    const problems = page.locator(".problems .el-table__body tr");
    await drillTo(() => problems.first().click(), ["表格里有空白或“/”的单元格（警告）"], [AGENCY.transport, "2021", AGENCY.education, "2020"]);
    await drillTo(() => rankTable.nth(1).click(), [AGENCY.transport, "收到申请（本年新收 + 上年结转）"], [2019, 2020, 2021, 2022].flatMap((y) => [AGENCY.transport, `${y}`]));

    // Exports: the table as XLSX, a chart as PNG.
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出统计表（XLSX）" }).click()]);
    expect(xlsx.suggestedFilename()).toBe("统计表.xlsx");
    const [png] = await Promise.all([page.waitForEvent("download"), trend.getByRole("button", { name: "下载图片" }).click()]);
    expect(png.suggestedFilename()).toBe("分年度趋势.png");
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
