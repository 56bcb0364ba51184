// What the crawl cannot reach from the team pages: the pages a visitor sees before
// signing in, and the 403/404 pages, in both languages, under the same checks.
import { expect, test } from "vitest";
import { DEMO_TEAM_ID } from "../../seeds/demo/people";
import { formatProblems, pageVisitor, switchLanguage, type Problem } from "./support/browser";
import { browserSuite, demoLead, demoMember } from "./support/suite";

const suite = browserSuite({ demo: true });

/** A fresh invite link of the demo team, made the way a lead makes one. */
async function inviteLink() {
  const page = await suite.signedIn(demoLead);
  await page.goto(`/teams/${DEMO_TEAM_ID}/members`);
  await page.locator("main button[name=intent][value=invite]").click();
  const link = page.locator("main a[href^='/join/']").first();
  await link.waitFor();
  return (await link.getAttribute("href"))!;
}

test("the signed-out pages and their error pages pass in English and in Dutch", async () => {
  const joinPath = await inviteLink();
  const page = await suite.page();
  const visit = pageVisitor(page);
  const problems: Problem[] = [];
  const pages: [string, number][] = [
    ["/", 200],
    ["/login", 200],
    ["/signup", 200],
    [joinPath, 200],
    ["/join/no-such-invite", 404],
    ["/no-such-page", 404],
    [`/teams/${DEMO_TEAM_ID}/no-such-page`, 404],
  ];
  for (const lang of ["en", "nl"] as const) {
    await page.goto("/");
    await switchLanguage(page, lang);
    for (const [path, status] of pages) {
      const result = await visit(path, lang, { label: `visitor, ${lang}: ${path}`, accept: (s) => s === status });
      problems.push(...result.problems);
    }
  }
  expect(problems, `\n${formatProblems(problems)}\n`).toEqual([]);
});

test("a member's 403 and 404 pages keep the shell and pass in English and in Dutch", async () => {
  const page = await suite.signedIn(demoMember);
  const visit = pageVisitor(page);
  const problems: Problem[] = [];
  const pages: [string, number][] = [
    [`/teams/${DEMO_TEAM_ID}/settings`, 403],
    ["/teams/not-my-team", 404],
    ["/no-such-page", 404],
  ];
  for (const lang of ["en", "nl"] as const) {
    await switchLanguage(page, lang);
    for (const [path, status] of pages) {
      const result = await visit(path, lang, { label: `member, ${lang}: ${path}`, accept: (s) => s === status });
      problems.push(...result.problems);
      // Still signed in, still able to find the way back: the header shows who is here.
      expect(await page.locator("header").innerText()).toContain(demoMember.name);
    }
  }
  expect(problems, `\n${formatProblems(problems)}\n`).toEqual([]);
});
