// Browser helpers for the e2e tests: Debian's Chromium driven by playwright-core,
// scanned with axe-core. Playwright cannot download its own browsers here.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// WCAG 2.1 A and AA, and axe's best practices (two landmarks with one name, one main, …).
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
export type Lang = "en" | "nl";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh browser profile; English Accept-Language so the switch to Dutch is the app's doing. */
export async function newContext(browser: Browser, base: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, locale: "en-GB", ...options });
  // A step that waits in vain should fail at that step, not at the test's timeout.
  context.setDefaultTimeout(10_000);
  // What the Content-Security-Policy refused (decision 080): Chromium logs a refused
  // inline script, but not every refused eval, so the page keeps its own list.
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener("securitypolicyviolation", (e) => list.push(`${e.effectiveDirective} refused ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });
  return context;
}

/** Errors the page printed to the console or threw, except the favicon that Chromium asks for on its own. */
export function collectConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location().url;
    if (/favicon/.test(where) || /favicon/.test(m.text())) return;
    errors.push(`${m.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/**
 * Resolves once React has hydrated the whole document (the footer is the last part of
 * the shell to hydrate), so hydration errors show up before a page is judged.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    () => {
      const footer = document.querySelector("footer");
      return !!footer && Object.keys(footer).some((k) => k.startsWith("__reactFiber"));
    },
    undefined,
    { timeout: 5_000 }
  );
  // Effects run after the commit; one macrotask later they have.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
}

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.locator('main button[type="submit"]').click()]);
}

/** Uses the footer's language buttons (a POST to /language) and waits until the page speaks `lang`. */
export async function switchLanguage(page: Page, lang: Lang) {
  const button = page.locator(`footer form[action="/language"] button[value="${lang}"]`);
  await button.click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

export type Problem = { page: string; kind: string; detail: string };

/** Runs axe with the WCAG 2.1 A/AA tags; one problem per failing node. */
export async function axeProblems(page: Page, label = page.url()): Promise<Problem[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      page: label,
      kind: `axe ${v.id} (${v.impact ?? "?"})`,
      detail: `${n.target.join(" ")} — ${v.help}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, " ")}` : ""}`,
    }))
  );
}

// Roles of things a user types into, picks or presses: each needs a name a screen reader can read out.
const CONTROL_ROLES = new Set([
  "button",
  "checkbox",
  "combobox",
  "listbox",
  "menuitem",
  "radio",
  "searchbox",
  "slider",
  "spinbutton",
  "switch",
  "textbox",
]);

/** Form controls without an accessible name, as Chromium's own accessibility tree computes it. */
export async function unnamedControls(page: Page, label = page.url()): Promise<Problem[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }[];
    };
    const problems: Problem[] = [];
    for (const node of nodes) {
      const role = node.role?.value ?? "";
      if (node.ignored || !CONTROL_ROLES.has(role)) continue;
      if ((node.name?.value ?? "").trim() !== "") continue;
      let html = "?";
      if (node.backendDOMNodeId) {
        const { outerHTML } = (await cdp.send("DOM.getOuterHTML", { backendNodeId: node.backendDOMNodeId })) as {
          outerHTML: string;
        };
        html = outerHTML.slice(0, 160);
      }
      problems.push({ page: label, kind: "unnamed control", detail: `${role}: ${html}` });
    }
    return problems;
  } finally {
    await cdp.detach();
  }
}

/** The structural checks that axe leaves to us: the language and a single page heading. */
export async function pageShapeProblems(page: Page, lang: Lang, label = page.url()): Promise<Problem[]> {
  const { htmlLang, h1s, unnamedTables } = await page.evaluate(() => ({
    htmlLang: document.documentElement.lang,
    h1s: document.querySelectorAll("h1").length,
    // A screen reader moving from table to table reads its caption; without one, nothing.
    // (A table someone wrote in Markdown has no caption to give.)
    unnamedTables: [...document.querySelectorAll("table")].filter((t) => !t.closest(".prose") && !t.caption?.textContent?.trim()).length,
  }));
  const problems: Problem[] = [];
  if (htmlLang !== lang) problems.push({ page: label, kind: "html lang", detail: `expected "${lang}", got "${htmlLang}"` });
  if (h1s !== 1) problems.push({ page: label, kind: "h1 count", detail: `expected exactly one <h1>, found ${h1s}` });
  if (unnamedTables > 0) problems.push({ page: label, kind: "table caption", detail: `${unnamedTables} table(s) without a caption` });
  return problems;
}

/**
 * WCAG 1.4.10 (reflow): the page itself never scrolls sideways; a wide table may
 * scroll inside its own box. Names the elements that stick out past the window.
 */
export async function reflowProblems(page: Page, label = page.url()): Promise<Problem[]> {
  const culprits = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const clipped = (el: Element) => {
      for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
        if (getComputedStyle(n).overflowX !== "visible") return true;
      }
      return false;
    };
    const describe = (el: Element) =>
      `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${
        el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""
      }>`;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const right = el.getBoundingClientRect().right;
      const parentRight = el.parentElement?.getBoundingClientRect().right ?? 0;
      if (right > width + 1 && parentRight <= width + 1 && !clipped(el)) {
        out.push(`${describe(el)} in ${describe(el.parentElement!)} reaches ${Math.round(right)} px`);
      }
    }
    return [`page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`, ...out.slice(0, 3)];
  });
  return culprits.length ? [{ page: label, kind: "reflow", detail: culprits.join("; ") }] : [];
}

/** Every check a page must pass, whatever it is. */
export async function allPageProblems(page: Page, lang: Lang, label = page.url()) {
  return [
    ...(await pageShapeProblems(page, lang, label)),
    ...(await reflowProblems(page, label)),
    ...(await axeProblems(page, label)),
    ...(await unnamedControls(page, label)),
  ];
}

/**
 * axe needs timers, which never fire in a page with JavaScript switched off. So the
 * document such a page shows is copied, minus its scripts, into a page where
 * JavaScript runs only for axe, and scanned there: the same markup, the same styles.
 */
export async function axeProblemsWithoutScripts(page: Page, label = page.url()): Promise<Problem[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser behind this page");
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const target = page.url();
  const context = await browser.newContext({ baseURL: target });
  try {
    const copy = await context.newPage();
    await copy.route(
      (url) => url.href === target,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html })
    );
    await copy.goto(target);
    return await axeProblems(copy, label);
  } finally {
    await context.close();
  }
}

export type Visit = { status: number; problems: Problem[] };

/**
 * Opens pages one after another in `page` and checks each: the expected status, every
 * check of allPageProblems, and no console errors while it loaded and hydrated.
 */
export function pageVisitor(page: Page) {
  const consoleErrors = collectConsoleErrors(page);
  return async function visit(
    target: string,
    lang: Lang,
    { label = target, accept = (status: number) => status === 200 }: { label?: string; accept?: (status: number) => boolean } = {}
  ): Promise<Visit> {
    consoleErrors.length = 0;
    const response = await page.goto(target);
    const status = response?.status() ?? 0;
    const problems: Problem[] = [];
    if (!accept(status)) problems.push({ page: label, kind: "status", detail: `unexpected ${status}` });
    try {
      await waitForHydration(page);
    } catch {
      problems.push({ page: label, kind: "hydration", detail: "React never hydrated the page (did the scripts load?)" });
    }
    problems.push(...(await allPageProblems(page, lang, label)));
    for (const v of await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])) {
      problems.push({ page: label, kind: "content security policy", detail: v });
    }
    // Chromium reports a document's own 4xx as a console error; when that status is
    // the expected one (an error page under test) it is not a fault of the page.
    const own = response?.url();
    for (const e of consoleErrors) {
      if (status !== 200 && accept(status) && own && e.includes(own) && e.includes(String(status))) continue;
      problems.push({ page: label, kind: "console error", detail: e });
    }
    return { status, problems };
  };
}

/** A readable list for the failure message: grouped by page. */
export function formatProblems(problems: Problem[]) {
  const byPage = new Map<string, Problem[]>();
  for (const p of problems) byPage.set(p.page, [...(byPage.get(p.page) ?? []), p]);
  return [...byPage].map(([page, list]) => `${page}\n${list.map((p) => `  - ${p.kind}: ${p.detail}`).join("\n")}`).join("\n");
}
