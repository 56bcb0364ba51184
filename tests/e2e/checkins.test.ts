// Check-in pages in a real browser: axe finds nothing (WCAG 2.1 AA) in English and
// Dutch, the rating forms work with JavaScript switched off, and the norm's chart
// (linked from the results) has a text alternative.
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { openCycle, peersToRate, rateAll, userIdByEmail } from "../support/checkins";

let server: TestServer;
let browser: Browser;
let team: Awaited<ReturnType<typeof teamWithMembers>>;
let closedId: number;
let openId: number;
let codes: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  team = await teamWithMembers(server.url, 4);
  codes = insertActiveNorms(server.dbPath, team.teamId, ["We call back within one working day", "We give a name and a time"]).map((n) => n.code);
  const everyone = [team.lead, ...team.members];
  closedId = await openCycle(team.lead, team.teamId, { title: "Closed round", normCodes: codes });
  await rateAll(everyone, team.teamId, closedId, {
    self: () => ({ [codes[0]]: 5, [codes[1]]: 3 }),
    peer: { [codes[0]]: 3, [codes[1]]: 4 },
    example: { [codes[0]]: "An example" },
    observation: { [codes[0]]: "Named a time, customer relaxed." },
  });
  await team.lead.post(`/teams/${team.teamId}/checkins/${closedId}`, { intent: "close" });
  openId = await openCycle(team.lead, team.teamId, { title: "Open round", normCodes: codes });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A browser page signed in as `email`, in `language`; `javaScript: false` for the plain-HTML path. */
async function signedIn(email: string, language: "en" | "nl", javaScript = true) {
  // axe runs as a script in the page, so the scans need JavaScript; the form test does not.
  const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: language });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel(language === "nl" ? "E-mailadres" : "E-mail address").fill(email);
  await page.getByLabel(language === "nl" ? "Wachtwoord" : "Password").fill("correct horse battery");
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The footer switch sets the language on the account, as a user would.
  await page.locator(`footer button[value="${language}"]`).click();
  await page.waitForLoadState("networkidle");
  return page;
}

async function expectNoAxeViolations(page: Page, path: string) {
  await page.goto(`${server.url}${path}`);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, path).toEqual([]);
}

for (const language of ["en", "nl"] as const) {
  test(`check-in pages pass axe (${language})`, async () => {
    const base = `/teams/${team.teamId}/checkins`;
    const lead = await signedIn(team.lead.email, language);
    const memberId = userIdByEmail(server.dbPath, team.members[0].email);
    for (const path of [base, `${base}/new`, `${base}/${openId}`, `${base}/${openId}/results`, `${base}/${closedId}`, `${base}/${closedId}/results`, `${base}/${closedId}/results?member=${memberId}`, `/teams/${team.teamId}`]) {
      await expectNoAxeViolations(lead, path);
    }
    const member = await signedIn(team.members[0].email, language);
    const peer = (await peersToRate(team.members[0], team.teamId, openId))[0];
    for (const path of [`${base}/${openId}`, `${base}/${openId}/self`, `${base}/${openId}/peers/${peer}`, `${base}/${closedId}/results`]) {
      await expectNoAxeViolations(member, path);
    }
    // The results link each norm to its permalink; there the chart is an image with a
    // name, described by the text summary.
    await member.goto(`${server.url}${base}/${closedId}/results`);
    await member.getByRole("link", { name: new RegExp(`^${codes[0]} — `) }).click();
    await member.waitForURL(`${server.url}/teams/${team.teamId}/norms/${codes[0]}`);
    await expectNoAxeViolations(member, `/teams/${team.teamId}/norms/${codes[0]}`);
    const chart = member.getByRole("img", { name: new RegExp(`^${codes[0]}:`) });
    await expect(chart.getAttribute("aria-describedby")).resolves.toBe(`norm-trend-${codes[0]}-summary`);
    const summary = await member.locator(`#norm-trend-${codes[0]}-summary`).textContent();
    expect(summary).toMatch(language === "nl" ? /collegacijfers uit één check-in/ : /peer figures from one check-in/);
    await lead.context().close();
    await member.context().close();
  });
}

test("the self and peer forms work without JavaScript, and a bad submission keeps what was typed", async () => {
  const member = await signedIn(team.members[1].email, "en", false);
  const base = `${server.url}/teams/${team.teamId}/checkins/${openId}`;
  await member.goto(`${base}/self`);
  // Leave the second norm unrated: the form comes back with a message and the text.
  await member.getByRole("group", { name: new RegExp(codes[0]) }).getByLabel("4 — usually").check();
  await member.getByRole("group", { name: new RegExp(codes[0]) }).getByLabel(/A concrete example/).fill("Called back at the time I promised.");
  await member.getByRole("button", { name: "Save my self rating" }).click();
  await expect.poll(() => member.getByText("Choose a rating from 1 (rarely) to 5 (consistently).").count()).toBe(1);
  expect(await member.getByRole("group", { name: new RegExp(codes[0]) }).getByLabel("4 — usually").isChecked()).toBe(true);
  expect(await member.getByRole("group", { name: new RegExp(codes[0]) }).getByLabel(/A concrete example/).inputValue()).toBe(
    "Called back at the time I promised.",
  );
  await member.getByRole("group", { name: new RegExp(codes[1]) }).getByLabel("2 — sometimes").check();
  await member.getByRole("button", { name: "Save my self rating" }).click();
  await member.waitForURL(base);
  expect(await member.locator("main").textContent()).toContain("Your self rating is saved.");

  const peerLink = member.getByRole("link", { name: /^Rate / }).first();
  await peerLink.click();
  for (const code of codes) await member.getByRole("group", { name: new RegExp(code) }).getByLabel("3 — regularly").check();
  await member.getByRole("button", { name: /^Save my ratings for / }).click();
  await member.waitForURL(base);
  expect(await member.locator("main").textContent()).toMatch(/Your ratings for .+ are saved\./);
  await member.context().close();
});
