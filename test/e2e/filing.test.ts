import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftReport, type Draft } from "../../src/filing/index.js";
import { processInput } from "../../src/pipeline/index.js";
import { importRegister } from "../../src/register/import.js";
import { exportRegisterXlsx } from "../../src/register/xlsx.js";
import { openStore } from "../../src/store/index.js";
import { lastYear, typedCells } from "../filing/support.js";
import { openBrowser } from "../support/browser.js";
import { HAS, missing } from "../support/requires.js";
import { serve, type Served } from "../support/serve.js";

// The filing form (填报) in real Chromium against `nianbao serve`: a filer whose agency has last
// year's report in the corpus makes a draft (上年结转 pre-filled), pastes a block, types an
// inconsistent number and sees it marked on the cell within a second, fixes it, imports a
// register, submits, and downloads the DOCX, which nianbao reads back to the draft's cells. The
// live check (every rule, in the page) is timed per keystroke on a full report.

const ROOT = resolve(__dirname, "../..");
const SHOTS = join(ROOT, "docs/screenshots");
const PASSWORD = "Hongze-filer-2025";
const AGENCY = "淮安市洪泽区人民政府";
// The page proposes last year (the report written in January); the corpus has the year before.
const YEAR = new Date().getFullYear() - 1;
const KEYSTROKES = 120;
/** The page's record of each live check's milliseconds (web/src/pages/FilingDraft.vue). */
type Timed = { __filingCheckMs?: number[] };

describe.skipIf(missing("chromium", HAS.chromium))("filing form in Chromium", () => {
  let dir = "";
  let server: Served;
  let browser: import("playwright-core").BrowserContext;
  let page: import("playwright-core").Page;
  const pageErrors: string[] = [];
  const filed = lastYear("2021", YEAR, AGENCY, {}, 5);
  const carried = (c: string) => filed.cells[`requests.carried_over.${c}`] as number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "nianbao-filing-e2e-"));
    const db = join(dir, "web.db");
    const store = await openStore(db);
    // Last year's report: its 结转下年度 is this year's 上年结转 (so the draft stays consistent).
    const cols = ["natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total"];
    const prev = lastYear("2021", YEAR - 1, AGENCY, Object.fromEntries(cols.map((c) => [`requests.carried_forward.${c}`, carried(c)])), 9);
    const json = new TextEncoder().encode(JSON.stringify((await import("../../src/report/json.js")).reportToJson(prev)));
    const env = await processInput({ bytes: json, name: "上年报告.json" });
    await store.importEnvelope(env, json);
    const agencyId = (await store.agencies()).find((a) => a.name === AGENCY)!.id;
    await store.web.createUser({ login: "tian", displayName: "填报人田", password: PASSWORD, role: "filer", agencyId });
    await store.close();
    server = await serve(db);
    ({ browser, page } = await openBrowser(dir, pageErrors));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cell = (key: string) => page.locator(`td[data-key="${key}"]`);
  const input = (key: string) => page.locator(`input.cell-input[data-key="${key}"]`);
  /** A call to the API from the page, with its session and CSRF token (as the page's own code does). */
  const call = (method: string, url: string, body?: unknown) =>
    page.evaluate(
      async ({ method, url, body }) => {
        const me = await (await fetch("/api/auth/me")).json();
        const res = await fetch(url, { method, headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, json: await res.json() };
      },
      { method, url, body },
    );

  it("makes a draft, marks an inconsistent number live, pastes, imports a register, submits and downloads the DOCX", async () => {
    await page.goto(`${server.url}/filing`);
    await page.getByLabel("登录名").fill("tian");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/filing$/);
    await page.getByRole("button", { name: "新建草稿" }).click();
    await page.waitForURL(/\/filing\/\d+\?new=1$/);
    const id = Number(/\/filing\/(\d+)/.exec(page.url())![1]);

    // 上年结转 pre-filled from last year's report, marked as such; the notes say so.
    await input("requests.carried_over.total").waitFor();
    expect(await input("requests.carried_over.total").inputValue()).toBe(String(carried("total")));
    expect(await cell("requests.carried_over.total").getAttribute("class")).toContain("origin-last-year");
    await expect.poll(() => page.locator(".prefill").textContent()).toContain(`取自 ${YEAR - 1} 年报告`);
    expect(await cell("active.regulations.in_force").getAttribute("class")).toContain("origin-derived");

    // The rest of a full report, saved through the API as version 2, then the page reloaded.
    const rest = typedCells(filed).filter((c) => !c.key.startsWith("requests.carried_over"));
    const saved = await call("PATCH", `/api/filing/drafts/${id}`, { baseVersion: 1, cells: rest, sections: filed.sections.map((s) => ({ no: s.no, text: s.text })) });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId("version").textContent()).toContain("第 2 版");
    await expect.poll(() => page.getByTestId("errors").textContent()).toBe("错误 0");

    // Type an inconsistent 予以公开 total: the cell is marked and the error listed within a second.
    const key = "requests.granted.total";
    const right = await input(key).inputValue();
    await input(key).scrollIntoViewIfNeeded();
    const t0 = Date.now();
    await input(key).fill(String(Number(right) + 2));
    await cell(key).and(page.locator(".mark-error")).waitFor({ timeout: 1000 });
    const shown = Date.now() - t0;
    expect(shown).toBeLessThan(1000);
    await expect.poll(() => page.locator(".findings").textContent()).toContain("表三“（一）予以公开”行：总计 =");
    expect(await page.getByTestId("errors").textContent()).not.toBe("错误 0");
    expect(await page.getByRole("button", { name: "提交" }).isDisabled()).toBe(true);
    await expect.poll(() => page.locator(".submit-why").textContent()).toMatch(/^还有 \d+ 个错误，改正后才能提交$/);
    await page.locator(".side").hover();
    await page.mouse.move(1400, 880);
    await page.screenshot({ path: join(SHOTS, "filing.png") });

    // Fixed: the mark goes, no error remains.
    await input(key).fill(right);
    await expect.poll(() => page.getByTestId("errors").textContent()).toBe("错误 0");
    expect(await cell(key).getAttribute("class")).not.toContain("mark-error");

    // Per keystroke on the full report: the edit and every rule, timed in the page.
    const probe = "active.normative_docs.issued";
    const before = await input(probe).inputValue();
    await page.evaluate(() => ((window as unknown as Timed).__filingCheckMs = []));
    await input(probe).click();
    await page.keyboard.press("End");
    for (let i = 0; i < KEYSTROKES / 2; i++) await page.keyboard.type(String(i % 10));
    for (let i = 0; i < KEYSTROKES / 2; i++) await page.keyboard.press("Backspace");
    expect(await input(probe).inputValue()).toBe(before);
    const ms = (await page.evaluate(() => (window as unknown as Timed).__filingCheckMs ?? [])).slice().sort((a, b) => a - b);
    expect(ms.length).toBe(KEYSTROKES);
    const median = ms[Math.floor(ms.length / 2)]!;
    const p95 = ms[Math.floor(ms.length * 0.95)]!;
    const max = ms[ms.length - 1]!;
    console.log(`filing live check in Chromium (2021 template, full report, every rule + cross-year): ${ms.length} keystrokes, median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms`);
    expect(median).toBeLessThan(50);
    // The budget is per keystroke; the single slowest one on a shared, loaded machine is
    // scheduling as much as checking (printed above, not asserted).
    expect(p95).toBeLessThan(50);

    // Paste a block copied from Excel into 表二 at 规章 · 本年制发: 本年制发 and 本年废止.
    await input("active.regulations.issued").focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "4\t1\r\n");
      document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => input("active.regulations.repealed").inputValue()).toBe("1");
    expect(await input("active.regulations.issued").inputValue()).toBe("4");
    await page.getByRole("button", { name: "保存" }).click();
    await expect.poll(() => page.getByTestId("version").textContent()).toContain("第 3 版");

    // The blank register to fill in, downloaded from the page: it reads as one sample line.
    const blank = page.waitForEvent("download");
    await page.getByRole("button", { name: "下载台账模板" }).click();
    expect((await blank).suggestedFilename()).toBe(`依申请公开登记台账模板（${YEAR}年度）.xlsx`);
    const tplFile = join(dir, "模板.xlsx");
    await (await blank).saveAs(tplFile);
    const tpl = await importRegister(new Uint8Array(readFileSync(tplFile)), "模板.xlsx");
    expect(tpl.ok && tpl.applications.length).toBe(1);

    // A register file (made by the register library, as XLSX): tables 3 and 4 counted from it.
    const csv = ["登记编号,收到申请日期,提交方式,申请人类型,申请内容,办理结果,答复日期", `${YEAR}-001,${YEAR}-03-03,网络,自然人,某某文件,予以公开,${YEAR}-03-20`, `${YEAR}-002,${YEAR}-05-06,邮寄,商业企业,某某规划,部分公开,${YEAR}-05-20`].join("\n");
    const parsed = await importRegister(new TextEncoder().encode(csv), "台账.csv");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const xlsx = join(dir, "台账.xlsx");
    writeFileSync(xlsx, await exportRegisterXlsx(parsed.applications));
    await page.getByTestId("register-file").setInputFiles(xlsx);
    await expect.poll(() => page.getByTestId("version").textContent(), { timeout: 30_000 }).toContain("第 4 版");
    expect(await input("requests.granted.natural_person").inputValue()).toBe("1");
    expect(await cell("requests.granted.natural_person").getAttribute("class")).toContain("origin-register");
    expect(await input("requests.partial.commercial").inputValue()).toBe("1");
    await expect.poll(() => page.getByTestId("errors").textContent()).toBe("错误 0");

    // Submit, then download the statutory DOCX: nianbao reads it back to the draft's cells.
    await page.getByRole("button", { name: "提交" }).click();
    await page.locator(".submitted").getByText("提交到报告库").waitFor({ timeout: 30_000 });
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "下载 Word" }).click();
    const file = join(dir, "年报.docx");
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toBe(`${AGENCY}${YEAR}年政府信息公开工作年度报告.docx`);
    const sd = (await call("GET", `/api/filing/drafts/${id}`)).json as { status: string; draft: Draft };
    expect(sd.status).toBe("submitted");
    const back = await processInput({ bytes: new Uint8Array(readFileSync(file)), name: "年报.docx" });
    expect(back.error).toBeUndefined();
    expect(back.reports[0]!.cells).toEqual(draftReport(sd.draft).cells);

    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  }, 240_000);
});
