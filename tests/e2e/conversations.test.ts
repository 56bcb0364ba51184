// Check-in conversations in a real browser: axe finds nothing (WCAG 2.1 AA) in English
// and Dutch on the conversation, prepare and overview pages, and the note and action
// forms work with JavaScript switched off, keeping what was chosen after an error.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { openCycle, rateAll, userIdByEmail } from "../support/checkins";
import { expectNoAxeViolations, launchBrowser, signedIn } from "../support/browser";

let server: TestServer;
let browser: Browser;
let team: Awaited<ReturnType<typeof teamWithMembers>>;
let cycleId: number;
let codes: string[];
let memberIds: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  team = await teamWithMembers(server.url, 4);
  codes = insertActiveNorms(server.dbPath, team.teamId, ["We call back within one working day", "We give a name and a time"]).map((n) => n.code);
  memberIds = team.members.map((m) => userIdByEmail(server.dbPath, m.email));
  cycleId = await openCycle(team.lead, team.teamId, { title: "Closed round", normCodes: codes });
  await rateAll([team.lead, ...team.members], team.teamId, cycleId, {
    self: (i) => ({ [codes[0]]: i === 1 ? 5 : 3, [codes[1]]: 3 }),
    peer: { [codes[0]]: 2, [codes[1]]: 4 },
    example: { [codes[0]]: "Called back at two, as promised." },
    observation: { [codes[0]]: "Promised a call-back without a time." },
  });
  await team.lead.post(`/teams/${team.teamId}/checkins/${cycleId}`, { intent: "close" });
  // Something in every part of the first member's conversation: notes of both kinds, an edit, actions.
  const url = conversation(memberIds[0]);
  await team.lead.post(url, { intent: "note", body: "We talked about **N-1**.", visibility: "shared" });
  await team.lead.post(url, { intent: "note", body: "Check in again in two weeks.", visibility: "private" });
  await team.lead.post(url, { intent: "action", text: "Name a time on every call-back", normCode: codes[0], dueOn: "2020-01-31" });
  await team.lead.post(url, { intent: "action", text: "Listen in with a colleague", normCode: "", dueOn: "" });
  await team.lead.post(url, { intent: "held" });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function conversation(memberId: string) {
  return `/teams/${team.teamId}/checkins/${cycleId}/conversations/${memberId}`;
}

for (const language of ["en", "nl"] as const) {
  test(`conversation pages pass axe (${language})`, async () => {
    const lead = await signedIn(browser, server.url, team.lead.email, language);
    const base = `${server.url}/teams/${team.teamId}/checkins/${cycleId}`;
    for (const url of [`${base}/conversations`, `${server.url}${conversation(memberIds[0])}`, `${server.url}${conversation(memberIds[1])}`, base, `${base}/results`]) {
      await expectNoAxeViolations(lead, url);
    }
    // The members' own pages: one after the conversation, one still preparing.
    for (const i of [0, 1]) {
      const member = await signedIn(browser, server.url, team.members[i].email, language);
      await expectNoAxeViolations(member, `${server.url}${conversation(memberIds[i])}`);
      await expectNoAxeViolations(member, base);
      await member.context().close();
    }
    await lead.context().close();
  });
}

test("without JavaScript a member prepares with a shared note and marks an action done; a refused action keeps its norm and date", async () => {
  const url = `${server.url}${conversation(memberIds[1])}`;
  const member = await signedIn(browser, server.url, team.members[1].email, "en", false);
  await member.goto(url);
  // The prompt and its form come before the results.
  const headings = await member.locator("main h2").allTextContents();
  expect(headings.indexOf("Prepare your conversation")).toBe(0);
  await member.getByRole("button", { name: "Add note" }).click();
  expect(await member.getByText("This field is required.").count()).toBe(1);
  await member.getByLabel("Note (Markdown)").fill("I want to talk about the **call-backs** on Mondays.");
  await member.getByRole("button", { name: "Add note" }).click();
  await member.waitForURL(url);
  expect(await member.locator("main").textContent()).toContain("Note added.");
  expect(await member.locator("main .note strong").textContent()).toBe("call-backs");

  const lead = await signedIn(browser, server.url, team.lead.email, "en", false);
  await lead.goto(url);
  // No text: refused, with the chosen norm and date still there.
  await lead.getByLabel(/Norm it relates to/).selectOption(codes[0]);
  await lead.getByLabel(/Due date/).fill("2030-06-14");
  await lead.getByRole("button", { name: "Add action" }).click();
  expect(await lead.getByText("This field is required.").count()).toBe(1);
  expect(await lead.getByLabel(/Norm it relates to/).inputValue()).toBe(codes[0]);
  expect(await lead.getByLabel(/Due date/).inputValue()).toBe("2030-06-14");
  await lead.getByLabel("What will be done").fill("Block the first hour on Monday for call-backs");
  await lead.getByRole("button", { name: "Add action" }).click();
  await lead.waitForURL(url);
  await lead.context().close();

  await member.goto(url);
  await member.getByRole("button", { name: /^Mark as done: Block the first hour/ }).click();
  await member.waitForURL(url);
  expect(await member.locator("main").textContent()).toContain("Action marked as done.");
  await member.context().close();
});
