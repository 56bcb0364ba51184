// Browser tests: Debian chromium through playwright-core, sign-in as a user would,
// and an axe scan (WCAG 2.1 AA) of a page.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A browser page signed in as `email`, in `language`; `javaScript: false` for the plain-HTML path. */
export async function signedIn(browser: Browser, base: string, email: string, language: "en" | "nl", javaScript = true) {
  // axe runs as a script in the page, so the scans need JavaScript; the form tests do not.
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: language });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel(language === "nl" ? "E-mailadres" : "E-mail address").fill(email);
  await page.getByLabel(language === "nl" ? "Wachtwoord" : "Password").fill("correct horse battery");
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The footer switch sets the language on the account, as a user would.
  await page.locator(`footer button[value="${language}"]`).click();
  await page.waitForLoadState("networkidle");
  return page;
}

export async function expectNoAxeViolations(page: Page, url: string) {
  await page.goto(url);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, url).toEqual([]);
}
