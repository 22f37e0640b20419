import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";

/** Debian's Chromium as the browser tests drive it: headless, nothing fetched, a fresh profile. */
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Starts /usr/bin/chromium at 1440×900 in Chinese with a profile in `dir`, counting in each page
 * the CSP violations (`window.__csp`: an injection the policy had to stop) and collecting page
 * errors into `pageErrors`.
 */
export async function openBrowser(dir: string, pageErrors: string[]): Promise<{ browser: BrowserContext; page: Page }> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  await browser.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { browser, page };
}

/** Logs in on the login page as a user would, and waits for the page it leads to. */
export async function logIn(page: Page, url: string, login: string, password: string, lands: RegExp): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(lands);
}
