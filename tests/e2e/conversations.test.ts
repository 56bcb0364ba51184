// Check-in conversations in a real browser: every page check of the crawl (axe, page
// shape, reflow, named controls, hydration, no console errors) in English and Dutch on
// the conversation, prepare and overview pages, and the note and action forms work
// with JavaScript switched off, keeping what was chosen after an error.
import Database from "better-sqlite3";
import type { BrowserContextOptions } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { teamWithMembers } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { openCycle, rateAll, userIdByEmail } from "../support/checkins";
import { formatProblems, pageVisitor, signIn, switchLanguage, waitForHydration, type Lang } from "./support/browser";
import { browserSuite } from "./support/suite";

const suite = browserSuite();
let team: Awaited<ReturnType<typeof teamWithMembers>>;
let cycleId: number;
let codes: string[];
let memberIds: string[];

beforeAll(async () => {
  team = await teamWithMembers(suite.url, 4);
  codes = insertActiveNorms(suite.dbPath, team.teamId, ["We call back within one working day", "We give a name and a time"]).map((n) => n.code);
  memberIds = team.members.map((m) => userIdByEmail(suite.dbPath, m.email));
  cycleId = await openCycle(team.lead, team.teamId, { title: "Closed round", normCodes: codes });
  await rateAll([team.lead, ...team.members], team.teamId, cycleId, {
    self: (i) => ({ [codes[0]]: i === 1 ? 5 : 3, [codes[1]]: 3 }),
    peer: { [codes[0]]: 2, [codes[1]]: 4 },
    example: { [codes[0]]: "Called back at two, as promised." },
    observation: { [codes[0]]: "Promised a call-back without a time." },
  });
  await team.lead.post(`/teams/${team.teamId}/checkins/${cycleId}`, { intent: "close" });
  // Something in every part of the first member's conversation: notes of both kinds, actions, held.
  const url = conversation(memberIds[0]);
  await team.lead.post(url, { intent: "note", body: "We talked about **N-1**.", visibility: "shared" });
  await team.lead.post(url, { intent: "note", body: "Check in again in two weeks.", visibility: "private" });
  await team.lead.post(url, { intent: "action", text: "Name a time on every call-back", normCode: codes[0], dueOn: "2099-01-31" });
  await team.lead.post(url, { intent: "action", text: "Listen in with a colleague", normCode: "", dueOn: "" });
  // One action overdue: its day passed (a form takes no day in the past).
  const db = new Database(suite.dbPath);
  db.prepare("update conversation_actions set due_on = '2020-01-31' where text = ?").run("Name a time on every call-back");
  db.close();
  await team.lead.post(url, { intent: "held" });
});

/** A page signed in as one of the test team (test password), in `lang`; Dutch on a 320 px phone, as in the crawl. */
async function signedIn(email: string, lang: Lang, options: BrowserContextOptions = {}) {
  const page = await suite.page(lang === "nl" ? { viewport: { width: 320, height: 640 }, ...options } : options);
  await signIn(page, email, "correct horse battery");
  if (lang !== "en") await switchLanguage(page, lang);
  return page;
}

function noteIdOf(body: string) {
  const sql = new Database(suite.dbPath, { readonly: true });
  try {
    return (sql.prepare("select id from conversation_notes where body = ?").get(body) as { id: number }).id;
  } finally {
    sql.close();
  }
}

function conversation(memberId: string) {
  return `/teams/${team.teamId}/checkins/${cycleId}/conversations/${memberId}`;
}

for (const lang of ["en", "nl"] as const) {
  test(`conversation pages pass every page check (${lang})`, async () => {
    const base = `/teams/${team.teamId}/checkins/${cycleId}`;
    const problems = [];
    const lead = pageVisitor(await signedIn(team.lead.email, lang));
    // The lead's first note, opened for editing, is a page of its own.
    const editing = `${conversation(memberIds[0])}?edit=${noteIdOf("We talked about **N-1**.")}`;
    for (const path of [`${base}/conversations`, conversation(memberIds[0]), editing, conversation(memberIds[1]), base, `${base}/results`]) {
      problems.push(...(await lead(path, lang)).problems);
    }
    // The members' own pages: one after the conversation, one still preparing.
    for (const i of [0, 1]) {
      const member = pageVisitor(await signedIn(team.members[i].email, lang));
      for (const path of [conversation(memberIds[i]), base]) problems.push(...(await member(path, lang, { label: `${path} (member ${i + 1})` })).problems);
    }
    expect(formatProblems(problems)).toBe("");
  });
}

test("without JavaScript a member prepares with a shared note, edits it from its link and marks an action done; refused forms keep what was typed", async () => {
  const url = `${suite.url}${conversation(memberIds[1])}`;
  // The language is stored on the account; the scans above left it in Dutch.
  for (const client of [team.lead, team.members[1]]) await client.post("/language", { language: "en", redirectTo: "/" });
  const member = await signedIn(team.members[1].email, "en", { javaScriptEnabled: false });
  await member.goto(url);
  // The prompt and its form come before the results.
  const headings = await member.locator("main h2").allTextContents();
  expect(headings.indexOf("Prepare your conversation")).toBe(0);
  await member.getByRole("button", { name: "Add note" }).click();
  await expect.poll(() => member.getByText("This field is required.").count()).toBe(1);
  await member.getByLabel("Note (Markdown)").fill("I want to talk about the **call-backs** on Mondays.");
  await member.getByRole("button", { name: "Add note" }).click();
  // The answer comes back to the same URL, so waitForURL alone would not wait for it to load.
  await member.locator("main").getByText("Note added.").waitFor();
  expect(await member.locator("main .note strong").textContent()).toBe("call-backs");

  const lead = await signedIn(team.lead.email, "en", { javaScriptEnabled: false });
  await lead.goto(url);
  // No text: refused, with the chosen norm and date still there.
  await lead.getByLabel(/Norm it relates to/).selectOption(codes[0]);
  await lead.getByLabel(/Due date/).fill("2030-06-14");
  await lead.getByRole("button", { name: "Add action" }).click();
  await expect.poll(() => lead.getByText("This field is required.").count()).toBe(1);
  expect(await lead.getByLabel(/Norm it relates to/).inputValue()).toBe(codes[0]);
  expect(await lead.getByLabel(/Due date/).inputValue()).toBe("2030-06-14");
  await lead.getByLabel("What will be done").fill("Block the first hour on Monday for call-backs");
  await lead.getByRole("button", { name: "Add action" }).click();
  await lead.locator("main").getByText("Action added.").waitFor();

  await member.goto(url);
  await member.getByRole("button", { name: /^Mark as done: Block the first hour/ }).click();
  await member.locator("main").getByText("Action marked as done.").waitFor();

  // The member's own note opens for editing from its link, keeps a refused edit, and saves.
  await member.getByRole("link", { name: "Edit this note" }).click();
  const box = member.locator('form[id^="edit-note-"] textarea');
  expect(await box.inputValue()).toBe("I want to talk about the **call-backs** on Mondays.");
  const tooLong = "x".repeat(20_001);
  await box.fill(tooLong);
  await member.getByRole("button", { name: "Save note" }).click();
  await expect.poll(() => member.getByText(/at most 20,000 characters/).count()).toBe(1);
  expect(await box.inputValue()).toBe(tooLong);
  await box.fill("I want to talk about the **call-backs** on Mondays and Fridays.");
  await member.getByRole("button", { name: "Save note" }).click();
  await member.getByText("Note saved.").waitFor();
  expect(await box.count()).toBe(0);
  expect(await member.locator("main .note").first().textContent()).toContain("Mondays and Fridays");
  expect(await member.getByText("1 earlier version").count()).toBe(1);
});

test("with JavaScript a note's edit link opens its form with the cursor in it, and Cancel closes it", async () => {
  const lead = await signedIn(team.lead.email, "en");
  await lead.goto(`${suite.url}${conversation(memberIds[0])}`);
  await waitForHydration(lead);
  await lead.getByRole("link", { name: "Edit this note" }).first().click();
  const box = lead.locator('form[id^="edit-note-"] textarea');
  const focused = () => lead.evaluate(() => document.activeElement?.id ?? "");
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
  // Still there once the navigation has settled: nothing took the focus back.
  await lead.waitForTimeout(300);
  expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await box.inputValue()).toBe("We talked about **N-1**.");
  const formId = await lead.locator('form[id^="edit-note-"]').getAttribute("id");
  await lead.getByRole("link", { name: "Cancel" }).click();
  await expect.poll(() => box.count()).toBe(0);
  expect(await lead.getByRole("link", { name: "Edit this note" }).count()).toBe(2);
  // Focus is back on the link that opened the form, not at the top of the page.
  await expect.poll(focused).toBe(formId!.replace("edit-note-", "edit-link-"));
});

test("with JavaScript the note and action forms are empty again once what they sent is saved, so one more click adds nothing", async () => {
  const lead = await signedIn(team.lead.email, "en");
  await lead.goto(`${suite.url}${conversation(memberIds[3])}`);
  await waitForHydration(lead);
  const note = lead.locator("#new-note textarea");
  const privately = lead.locator('#new-note input[value="private"]');
  await privately.check();
  await note.fill("Spoke about call-backs.");
  await lead.getByRole("button", { name: "Add note" }).click();
  await lead.getByText("Private note added: only the team's leads see it, never the member.").waitFor();
  await expect.poll(() => note.inputValue()).toBe("");
  // Back at the new note, wherever it is on a long page: focus is on it, so it is read
  // out as the confirmation, and it is in view.
  await expect.poll(() => lead.evaluate(() => document.activeElement?.id ?? "")).toMatch(/^note-\d+$/);
  expect(await lead.evaluate(() => document.activeElement?.textContent)).toContain("Spoke about call-backs.");
  expect(await lead.evaluate(() => document.activeElement!.getBoundingClientRect().top < innerHeight)).toBe(true);
  expect(await lead.locator("main .notes li", { hasText: "Spoke about call-backs." }).count()).toBe(1);
  // The next note is private too unless the lead says otherwise: only the text is cleared.
  expect(await privately.isChecked()).toBe(true);
  const action = lead.locator("#new-action [name=text]");
  const norm = lead.locator("#new-action [name=normCode]");
  await action.fill("Name a time on every call-back");
  await norm.selectOption({ index: 1 });
  await lead.getByRole("button", { name: "Add action" }).click();
  await lead.getByText("Action added.").waitFor();
  await expect.poll(() => action.inputValue()).toBe("");
  // The norm too: the next action is not about the same norm unless the lead says so.
  expect(await norm.inputValue()).toBe("");
  await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Name a time on every call-back");
  // An action the browser already refuses (a due date before 2000) keeps what was typed.
  await action.fill("Listen in once a week");
  await lead.locator("#new-action [name=dueOn]").fill("1999-01-01");
  await lead.getByRole("button", { name: "Add action" }).click();
  await expect.poll(() => lead.locator("#new-action .field-error").count()).toBe(1);
  expect(await action.inputValue()).toBe("Listen in once a week");
});

test("on a phone the conversation page leads straight to its actions and notes, and focus goes with the link", async () => {
  const lead = await signedIn(team.lead.email, "en");
  await lead.setViewportSize({ width: 360, height: 740 });
  await lead.goto(`${suite.url}${conversation(memberIds[1])}`);
  await waitForHydration(lead);
  await lead.locator("nav.jump-links").getByRole("link", { name: "Notes" }).click();
  await expect.poll(() => lead.evaluate(() => document.activeElement?.id)).toBe("notes-title");
  expect(await lead.locator("#notes-title").evaluate((h) => h.getBoundingClientRect().top < innerHeight)).toBe(true);
  await lead.locator("nav.jump-links").getByRole("link", { name: "Actions" }).click();
  await expect.poll(() => lead.evaluate(() => document.activeElement?.id)).toBe("actions-title");
});

test("with JavaScript, saving an edited note saves it without asking whether to leave the page", async () => {
  const lead = await signedIn(team.lead.email, "en");
  await lead.goto(`${suite.url}${conversation(memberIds[0])}`);
  await waitForHydration(lead);
  await lead.getByRole("link", { name: "Edit this note" }).last().click();
  const box = lead.locator('form[id^="edit-note-"] textarea');
  await box.fill("Check in again in three weeks.");
  // The edit form sits at ?edit=<id> and posts to the page without it: that is saving, not leaving.
  const asked: string[] = [];
  lead.on("dialog", (d) => (asked.push(d.message()), d.dismiss()));
  await lead.getByRole("button", { name: "Save note" }).click();
  await lead.getByText("Note saved. The earlier text is kept in its history.").waitFor();
  expect(asked).toEqual([]);
  expect(await lead.locator("#notes-title ~ * ").filter({ hasText: "Check in again in three weeks." }).count()).toBeGreaterThan(0);
});
