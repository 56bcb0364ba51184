// The whole foundation with JavaScript switched off: every step is a plain HTML form
// post, as for someone whose scripts failed to load or who blocks them.
import type { Locator, Page } from "playwright-core";
import { expect, test } from "vitest";
import { uniqueEmail } from "../support/client";
import { axeProblemsWithoutScripts, formatProblems, pageShapeProblems, reflowProblems, unnamedControls } from "./support/browser";
import { browserSuite } from "./support/suite";

const suite = browserSuite();
const noScripts = { javaScriptEnabled: false };

/** Clicks a submit button and returns the status the POST itself answered (303, 400, …). */
async function submit(page: Page, button: Locator) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
    button.click(),
  ]);
  await page.waitForLoadState("load");
  return response.status();
}

function field(page: Page, name: string) {
  return page.locator(`main [name="${name}"]`);
}

/** The error text tied to a field through aria-describedby: what a screen reader reads with it. */
async function errorFor(page: Page, name: string) {
  const input = field(page, name);
  await expect.poll(() => input.getAttribute("aria-invalid")).toBe("true");
  const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(" ");
}

async function expectAccessible(page: Page) {
  const problems = [
    ...(await pageShapeProblems(page, "en")),
    ...(await reflowProblems(page)),
    ...(await unnamedControls(page)),
    ...(await axeProblemsWithoutScripts(page)),
  ];
  expect(problems, `\n${formatProblems(problems)}\n`).toEqual([]);
}

test("sign up, create a team, invite and join work through plain form posts", async () => {
  const page = await suite.page(noScripts);
  const email = uniqueEmail("nojs");

  // Sign up, first with a password that is too short: 400, the message, the rest kept.
  await page.goto("/signup");
  await field(page, "email").fill(email);
  await field(page, "name").fill("Anna de Vries");
  await field(page, "password").fill("kort");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(400);
  expect(await errorFor(page, "password")).toContain("at least 10 characters");
  expect(await field(page, "email").inputValue()).toBe(email);
  expect(await field(page, "name").inputValue()).toBe("Anna de Vries");
  expect(await field(page, "password").inputValue()).toBe("");
  // The refused page opens on the wrong field, so a screen reader reads it and its error.
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("password");
  await expectAccessible(page);

  await field(page, "password").fill("lang genoeg wachtwoord");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(303);
  expect(new URL(page.url()).pathname).toBe("/");
  await expect.poll(() => page.locator("header").innerText()).toContain("Anna de Vries");

  // Create a team, first without a name: the description typed so far survives.
  await page.locator("main a", { hasText: "Create a team" }).click();
  await page.waitForURL("**/teams/new");
  await field(page, "description").fill("Telefoon, chat en e-mail — regio Zuid.\nTweede regel.");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(400);
  expect(await errorFor(page, "name")).toContain("This field is required.");
  expect(await field(page, "description").inputValue()).toBe("Telefoon, chat en e-mail — regio Zuid.\nTweede regel.");
  await expectAccessible(page);

  await field(page, "name").fill("Klantenservice Zuid");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(303);
  const teamPath = new URL(page.url()).pathname;
  expect(teamPath).toMatch(/^\/teams\/[^/]+$/);
  expect(await page.locator("h1").innerText()).toBe("Klantenservice Zuid");
  expect(await page.locator("main [role=status]").innerText()).toContain("Team created");

  // An invite link, shown as a link to follow.
  await page.goto(`${teamPath}/members`);
  expect(await page.locator("main a[href^='/join/']").count()).toBe(0);
  expect(await submit(page, page.locator("main button[name=intent][value=invite]"))).toBe(303);
  expect(new URL(page.url()).pathname).toBe(`${teamPath}/members`);
  expect(await page.locator("main [role=status]").innerText()).toContain("New invite link created.");
  const joinPath = await page.locator("main a[href^='/join/']").getAttribute("href");
  expect(joinPath).toMatch(/^\/join\/[A-Za-z0-9_-]{22,}$/);
  await expectAccessible(page);

  // A colleague without an account opens it, signs up on the way and joins.
  const newcomer = await suite.page(noScripts);
  await newcomer.goto(joinPath!);
  expect(await newcomer.locator("h1").innerText()).toContain("Klantenservice Zuid");
  await newcomer.locator("main a", { hasText: "Sign up" }).click();
  await field(newcomer, "email").fill(uniqueEmail("newcomer"));
  await field(newcomer, "name").fill("Bram Mulder");
  await field(newcomer, "password").fill("nog een lang wachtwoord");
  expect(await submit(newcomer, newcomer.locator("main button[type=submit]"))).toBe(303);
  expect(new URL(newcomer.url()).pathname).toBe(joinPath);
  expect(await submit(newcomer, newcomer.locator("main button[type=submit]"))).toBe(303);
  expect(new URL(newcomer.url()).pathname).toBe(teamPath);
  expect(await newcomer.locator("main [role=status]").innerText()).toContain("Klantenservice Zuid");

  // The lead sees the new member.
  await page.goto(`${teamPath}/members`);
  expect(await page.locator("main table").innerText()).toContain("Bram Mulder");
});

test("the footer's language buttons work without JavaScript", async () => {
  const page = await suite.page(noScripts);
  await page.goto("/login");
  expect(await page.locator("html").getAttribute("lang")).toBe("en");
  expect(await submit(page, page.locator("footer button[value=nl]"))).toBe(303);
  expect(new URL(page.url()).pathname).toBe("/login");
  expect(await page.locator("html").getAttribute("lang")).toBe("nl");
  expect(await page.locator("h1").innerText()).toBe("Inloggen");
});

test("a second press while the page seems stuck, without JavaScript, creates one team, not two (decision 074)", async () => {
  const page = await suite.page(noScripts);
  // What the server looks for: a browser's own form submission is a navigation. The
  // browser's network stack adds this header, so it is read off the request as sent.
  const sent: Promise<Record<string, string>>[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") sent.push(r.allHeaders());
  });
  await page.goto("/signup");
  await field(page, "email").fill(uniqueEmail("dubbel"));
  await field(page, "name").fill("Daan Dubbel");
  await field(page, "password").fill("lang genoeg wachtwoord");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(303);
  expect((await Promise.all(sent)).map((h) => h["sec-fetch-mode"])).toEqual(["navigate"]);

  await page.goto("/teams/new");
  await field(page, "name").fill("Dubbelklikteam");
  // Each post reaches the server at once, but its answer is held back from the browser
  // for a while, so the page still shows the form when the second press comes. A request
  // taken over by the test is sent by Playwright, which adds no Sec-Fetch headers: the
  // browser's own, checked above, are put back.
  let posts = 0;
  const navigations: boolean[] = [];
  await page.route("**/teams/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posts++;
    // Only a page navigation gets the header back, as the browser itself would send it.
    navigations.push(route.request().isNavigationRequest());
    const browserOwn: Record<string, string> = route.request().isNavigationRequest() ? { "sec-fetch-mode": "navigate", "sec-fetch-site": "same-origin" } : {};
    const headers = { ...(await route.request().allHeaders()), ...browserOwn };
    const response = await route.fetch({ headers, maxRedirects: 0 });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The first answer's page was replaced by the second press.
    await route.fulfill({ response }).catch(() => undefined);
  });
  // Enter in the name field submits the form, as the button does (implicit submission).
  await field(page, "name").focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => posts).toBe(1);
  await page.keyboard.press("Enter");
  await expect.poll(() => posts).toBe(2);
  await page.waitForURL((url) => /^\/teams\/[^/]+$/.test(url.pathname) && url.pathname !== "/teams/new");
  await page.unroute("**/teams/new");
  expect(navigations).toEqual([true, true]);
  expect(await page.locator("h1").innerText()).toBe("Dubbelklikteam");
  await page.goto("/");
  expect(await page.locator("main a", { hasText: "Dubbelklikteam" }).count()).toBe(1);
});

test("a sign-in refused as a whole opens on its message, and the title says the form needs checking", async () => {
  const page = await suite.page(noScripts);
  await page.goto("/login");
  await field(page, "email").fill(uniqueEmail("nobody"));
  await field(page, "password").fill("not the right password");
  expect(await submit(page, page.locator("main button[type=submit]"))).toBe(400);
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("form-error");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("That e-mail address and password do not match an account.");
  expect(await page.title()).toBe("Please check the form — Sign in — Normwerk");
  await expectAccessible(page);
});
