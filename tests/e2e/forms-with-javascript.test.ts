// Forms once JavaScript has taken over: the submit button shows that it is busy and
// a second click while it is busy does not send the form again.
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { invite, signUp, teamWithMembers, uniqueEmail } from "../support/client";
import { insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { openCycle, userIdByEmail } from "../support/checkins";
import { newProposal, proposalPath } from "../support/norms";
import { collectConsoleErrors, signIn, waitForHydration } from "./support/browser";
import { browserSuite } from "./support/suite";

const suite = browserSuite();

/** A new account through the sign-up form, once React has taken over the page. */
async function signUpWithJavaScript(page: Page, emailPrefix: string, name: string) {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.locator("main [name=email]").fill(uniqueEmail(emailPrefix));
  await page.locator("main [name=name]").fill(name);
  await page.locator("main [name=password]").fill("een lang wachtwoord");
  await page.locator("main button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/");
}

test("a second click while the form is being sent creates no second team, and the button says it is busy", async () => {
  const page = await suite.page();
  const teamPosts: string[] = [];
  page.on("request", (r) => {
    // With JavaScript, Remix posts to /teams/new.data.
    if (r.method() === "POST" && /^\/teams\/new(\.data)?$/.test(new URL(r.url()).pathname)) teamPosts.push(r.url());
  });
  await signUpWithJavaScript(page, "dbl", "Dubbel Klik");

  await page.goto("/teams/new");
  await waitForHydration(page);
  await page.locator("main [name=name]").fill("Team Dubbelklik");
  // Hold the answer back so the busy state can be seen.
  await page.route("**/teams/new*", async (route) => {
    if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  const button = page.locator("main button[type=submit]");
  await button.click();
  await expect.poll(() => button.innerText()).toBe("Working…");
  expect(await button.getAttribute("aria-disabled")).toBe("true");
  // An impatient second click while the first is under way (force: the button is aria-disabled).
  await button.click({ force: true });
  await page.waitForURL((url) => /^\/teams\/[^/]+$/.test(url.pathname) && url.pathname !== "/teams/new");
  await expect.poll(() => page.locator("h1").innerText()).toBe("Team Dubbelklik");

  expect(teamPosts).toHaveLength(1);
  await page.goto("/");
  expect(await page.locator("main .card", { hasText: "Team Dubbelklik" }).count()).toBe(1);
});

test("choosing another language on the account page switches the whole page to it without a reload (decision 073)", async () => {
  const page = await suite.page();
  const errors = collectConsoleErrors(page);
  const dictionaries: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/i18n/")) dictionaries.push(new URL(r.url()).pathname);
  });
  await signUpWithJavaScript(page, "taal", "Taal Wissel");
  await page.goto("/account");
  await waitForHydration(page);
  // A marker that survives only if the page is not loaded again.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByLabel("Language").first().selectOption("nl");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => page.locator("footer").innerText()).toContain("gedeelde servicenormen");
  await expect.poll(() => page.locator("main h1").innerText()).toBe("Je account");
  expect(await page.getByRole("button", { name: "Profiel opslaan" }).count()).toBe(1);
  expect(await page.locator("html").getAttribute("lang")).toBe("nl");
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(dictionaries.some((d) => d.startsWith("/i18n/nl."))).toBe(true);
  expect(errors).toEqual([]);
});

test("after a field's error, typing the fix and clicking the button once sends the form (the button does not move away under the click)", async () => {
  const page = await suite.page();
  await signUpWithJavaScript(page, "fix", "Een Keer Klikken");
  await page.goto("/teams/new");
  await waitForHydration(page);
  const button = page.locator("main button[type=submit]");
  await button.click();
  const error = page.locator("main .field-error");
  await expect.poll(() => error.innerText()).toBe("This field is required.");
  await page.locator("main [name=name]").pressSequentially("Team Een Klik");
  // The error goes while typing, so the button is where it will be when the mouse gets there.
  await expect.poll(() => error.count()).toBe(0);
  await button.click();
  await page.waitForURL((url) => /^\/teams\/[^/]+$/.test(url.pathname) && url.pathname !== "/teams/new");
  await expect.poll(() => page.locator("h1").innerText()).toBe("Team Een Klik");
});

test("a form the browser refuses starts at its first wrong field, so the error is read out", async () => {
  const page = await suite.page();
  await signUpWithJavaScript(page, "focus", "Fouten Vinden");
  await page.goto("/teams/new");
  await waitForHydration(page);
  await page.locator("main [name=name]").fill("Team Focus");
  await page.locator("main button[type=submit]").click();
  await page.waitForURL((url) => /^\/teams\/[^/]+$/.test(url.pathname) && url.pathname !== "/teams/new");
  await page.goto(`${new URL(page.url()).pathname}/settings`);
  await waitForHydration(page);
  // Leaving a wrong field moves on: nothing pulls the focus back to it before the form is sent.
  await page.locator("main [name=quorumPercent]").fill("500");
  await page.keyboard.press("Tab");
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("voteDays");
  await page.locator("main button[type=submit]").first().click();
  await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe("quorumPercent");
  expect(await page.locator("main [name=quorumPercent]").getAttribute("aria-invalid")).toBe("true");
});

test("removed from the team while writing a proposal: the error page gives back the title and text to copy", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Vertrek");
  const member = members[0];
  const page = await suite.page();
  await signIn(page, member.email, member.password);
  await page.goto(`/teams/${teamId}/proposals/new`);
  await waitForHydration(page);
  const body = "We bellen een klant terug binnen één werkdag,\nook als we het antwoord nog niet hebben.";
  await page.getByLabel("The norm in one sentence").fill("Terugbellen binnen een werkdag");
  await page.getByLabel("Explanation").fill(body);
  await page.getByLabel("Category").selectOption({ index: 1 });
  // Meanwhile the lead removes the member from the team.
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: userIdByEmail(suite.dbPath, member.email) })).status).toBe(303);

  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect.poll(() => page.locator("main h1").innerText()).toBe("Page not found");
  await expect.poll(() => page.locator("#unsaved-title").count()).toBe(1);
  expect(await page.locator("#unsaved-0").inputValue()).toBe("Terugbellen binnen een werkdag");
  expect(await page.locator('label[for="unsaved-0"]').innerText()).toBe("The norm in one sentence");
  expect(await page.getByLabel("Text").inputValue()).toBe(body);

  // Going on to another page leaves the texts behind: they belonged to that one post.
  // Client-side navigations (a page load would forget them anyway), checked by a marker.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Go to the start page" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await page.evaluate(() => (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate("/teams/no-such-team"));
  await expect.poll(() => page.locator("main h1").innerText()).toBe("Page not found");
  expect(await page.locator("#unsaved-title").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test("a failed sign-in opens on its message, as it does without JavaScript", async () => {
  const page = await suite.page();
  await page.goto("/login");
  await waitForHydration(page);
  await page.locator("main [name=email]").fill(uniqueEmail("nobody"));
  await page.locator("main [name=password]").fill("not the password");
  await page.locator("main button[type=submit]").click();
  await expect.poll(() => page.locator("main .form-error").count()).toBe(1);
  await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("form-error");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("That e-mail address and password do not match an account.");
});

test("a refused rating form's list of norms leads to each norm: the link moves focus there, not back to the first", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Samenvatting");
  const codes = insertActiveNorms(suite.dbPath, teamId, ["We bellen terug.", "We noemen een naam.", "We mailen na."]).map((n) => n.code);
  const cycle = await openCycle(lead, teamId, { normCodes: codes });
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(`/teams/${teamId}/checkins/${cycle}/self`);
  await waitForHydration(page);
  await page.locator("main button[type=submit]").click();
  const summary = page.locator(".error-summary");
  await expect.poll(() => summary.innerText()).toContain("3 norms need your attention:");
  await summary.getByRole("link", { name: codes[2] }).click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`self-rating-norm-${codes[2]}`);
});

test("leaving a rating form with scores chosen and not sent asks first; staying keeps them", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Keuzes");
  const codes = insertActiveNorms(suite.dbPath, teamId, ["We bellen terug.", "We noemen een naam."]).map((n) => n.code);
  const cycle = await openCycle(lead, teamId, { normCodes: codes });
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(`/teams/${teamId}/checkins/${cycle}/self`);
  await waitForHydration(page);
  const asked: string[] = [];
  // No choice made yet: leaving asks nothing.
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/agreement"));
  await page.goBack();
  await waitForHydration(page);
  const choice = page.locator(`#self-rating-norm-${codes[0]} input[type=radio]`).nth(3);
  await choice.check();
  page.once("dialog", (d) => (asked.push(d.message()), d.dismiss()));
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await expect.poll(() => asked).toHaveLength(1);
  expect(asked[0]).toContain("not been saved");
  expect(new URL(page.url()).pathname).toBe(`/teams/${teamId}/checkins/${cycle}/self`);
  expect(await choice.isChecked()).toBe(true);
});

test("'done' on an action a lead dropped meanwhile is refused, and focus goes to the message, not the top of the page", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Vervallen");
  const codes = insertActiveNorms(suite.dbPath, teamId, ["We bellen terug."]).map((n) => n.code);
  const cycle = await openCycle(lead, teamId, { normCodes: codes });
  expect((await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })).status).toBe(303);
  const memberId = userIdByEmail(suite.dbPath, members[0].email);
  const here = `/teams/${teamId}/checkins/${cycle}/conversations/${memberId}`;
  expect((await lead.post(here, { intent: "action", text: "Twee klachtgesprekken meeluisteren", normCode: "", dueOn: "" })).status).toBe(303);
  const [{ id }] = queryTestDb<{ id: number }>(suite.dbPath, "select id from conversation_actions where member_id = ?", memberId);
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(here);
  await waitForHydration(page);
  // Meanwhile the lead drops it.
  expect((await lead.post(here, { intent: "action-drop", actionId: String(id) })).status).toBe(303);
  await page.getByRole("button", { name: /Mark as done/ }).click();
  await page.getByText("This action was closed meanwhile").waitFor();
  await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? "")).toContain("form-error");
  // The page shows the action as it now is.
  await expect.poll(() => page.locator(`#action-${id}`).innerText()).toContain("Dropped");
});

test("opening the vote with unsaved changes to the draft asks to save them first, and keeps them", async () => {
  const { teamId, members } = await teamWithMembers(suite.url, 1, "Team Concept");
  const author = members[0];
  const id = await newProposal(author, teamId, { kind: "add", title: "We bellen terug binnen één werkdag.", body: "Oude uitleg.", category: "other" });
  const page = await suite.page();
  await signIn(page, author.email, author.password);
  await page.goto(proposalPath(teamId, id));
  await waitForHydration(page);
  const body = page.locator("#edit textarea[name=body]");
  await body.fill("Nieuwe uitleg, nog niet opgeslagen.");
  await page.getByRole("button", { name: "Open the vote" }).click();
  await expect.poll(() => page.getByRole("alert").filter({ hasText: "Save it first" }).count()).toBe(1);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Save draft");
  expect(await body.inputValue()).toBe("Nieuwe uitleg, nog niet opgeslagen.");
  // Nothing was sent: still a draft with the old text.
  expect(queryTestDb<{ status: string; body: string }>(suite.dbPath, "select status, body from proposals where id = ?", id)).toEqual([{ status: "draft", body: "Oude uitleg." }]);

  // Saved, the same button opens the vote on the new text.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect.poll(() => page.locator("main").innerText()).toContain("Nieuwe uitleg, nog niet opgeslagen.");
  await page.getByRole("button", { name: "Open the vote" }).click();
  await expect.poll(() => page.locator("main").innerText()).toContain("The vote is open.");
});

test("leaving a page with typed, unsent text asks first; staying keeps the text (decision 081)", async () => {
  const { teamId, members } = await teamWithMembers(suite.url, 1, "Team Vertrekken");
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(`/teams/${teamId}/proposals/new`);
  await waitForHydration(page);
  const asked: string[] = [];
  const answer = (accept: boolean) => page.once("dialog", (d) => (asked.push(d.message()), accept ? d.accept() : d.dismiss()));
  await page.getByLabel("Explanation").fill("Half geschreven uitleg.");
  answer(false);
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await expect.poll(() => asked).toEqual(["Leave this page? What you typed or chose here has not been saved."]);
  expect(new URL(page.url()).pathname).toBe(`/teams/${teamId}/proposals/new`);
  expect(await page.getByLabel("Explanation").inputValue()).toBe("Half geschreven uitleg.");
  answer(true);
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await page.waitForURL((url) => url.pathname === `/teams/${teamId}/agreement`);
  expect(asked).toHaveLength(2);

  // A form the browser refused was not sent: leaving still asks.
  await page.goto(`/teams/${teamId}/proposals/new`);
  await waitForHydration(page);
  await page.getByLabel("Explanation").fill("Zonder titel.");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect.poll(() => page.locator('main [aria-invalid="true"]').count()).toBeGreaterThan(0);
  answer(true);
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await page.waitForURL((url) => url.pathname === `/teams/${teamId}/agreement`);
  expect(asked).toHaveLength(3);

  // A sent form, and a page without typed text, go without a question.
  await page.goto(`/teams/${teamId}/proposals/new`);
  await waitForHydration(page);
  await page.getByLabel("The norm in one sentence").fill("We noemen bij elke doorverbinding een naam.");
  await page.getByLabel("Explanation").fill("Zodat de klant weet wie helpt.");
  await page.getByLabel("Category").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Save as draft" }).click();
  await page.waitForURL((url) => /\/proposals\/\d+$/.test(url.pathname));
  const draft = new URL(page.url()).pathname;
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await page.waitForURL((url) => url.pathname === `/teams/${teamId}/agreement`);
  expect(asked).toHaveLength(3);

  // Saved on the same page, then typed in again: that text is unsent, and leaving asks.
  // (conform checks a form as it is typed by a submit event of its own, which sends nothing.)
  await page.goto(draft);
  await waitForHydration(page);
  const body = page.locator("#edit textarea[name=body]");
  await body.fill("Zodat de klant weet wie er helpt, en wanneer.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect.poll(() => page.locator("main").innerText()).toContain("Draft saved");
  await body.fill("Nog een zin erbij, niet opgeslagen.");
  answer(false);
  await page.locator("nav.team-nav").getByRole("link", { name: "Agreement" }).click();
  await expect.poll(() => asked).toHaveLength(4);
  expect(new URL(page.url()).pathname).toBe(draft);
});

test("closing a vote while a comment is half written asks first; declining keeps the vote open and the comment (decision 081)", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Sluiten");
  const id = await newProposal(members[0], teamId, { kind: "add", title: "We bevestigen elke afspraak per e-mail.", body: "", category: "other" });
  expect((await members[0].post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" })).status).toBe(303);
  const page = await suite.page();
  await signIn(page, lead.email, lead.password);
  await page.goto(proposalPath(teamId, id));
  await waitForHydration(page);
  await page.locator("#comment textarea[name=body]").fill("Nog een gedachte voor het sluiten.");
  const asked: string[] = [];
  page.once("dialog", (d) => (asked.push(d.message()), d.dismiss()));
  await page.getByRole("button", { name: "Close the vote now" }).click();
  // One question: what closing does, and what it would throw away.
  await expect.poll(() => asked).toEqual([
    "Close the vote now? The proposal is decided with the votes cast so far.\n\nWhat you typed or chose on this page has not been saved, and will be gone after this. Go on?",
  ]);
  expect(queryTestDb<{ status: string }>(suite.dbPath, "select status from proposals where id = ?", id)).toEqual([{ status: "voting" }]);
  expect(await page.locator("#comment textarea[name=body]").inputValue()).toBe("Nog een gedachte voor het sluiten.");
});

test("a vote sent after the vote closed shows the closed vote beside the message, and gives the reason back to copy", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 1, "Team Te Laat");
  const id = await newProposal(members[0], teamId, { kind: "add", title: "We noemen bij elke doorverbinding de naam van de collega.", body: "", category: "other" });
  expect((await members[0].post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" })).status).toBe(303);
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(proposalPath(teamId, id));
  await waitForHydration(page);
  await page.getByRole("radio", { name: /Object/ }).check();
  await page.locator("#vote textarea[name=reason]").fill("Niet elke collega wil bij naam genoemd worden.");
  // Meanwhile the lead closes the vote.
  expect((await lead.post(proposalPath(teamId, id), { intent: "close" })).status).toBe(303);
  await page.getByRole("button", { name: "Cast my vote" }).click();
  await page.getByText("This vote has closed, so your vote was not counted.").waitFor();
  // The page shows the vote as it now is: closed, its outcome, no form to vote with.
  await page.getByRole("heading", { name: "Outcome" }).waitFor();
  expect(await page.locator("form#vote").count()).toBe(0);
  expect(await page.locator("#kept-reason").inputValue()).toBe("Niet elke collega wil bij naam genoemd worden.");
});

test("signed out while writing a comment: sending it leads to sign in, and the sign-in page gives the comment back", async () => {
  const { teamId, members } = await teamWithMembers(suite.url, 1, "Team Afgemeld");
  const id = await newProposal(members[0], teamId, { kind: "add", title: "We bevestigen elke terugbelafspraak per sms.", body: "", category: "other" });
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(proposalPath(teamId, id));
  await waitForHydration(page);
  await page.locator("#comment textarea[name=body]").fill("Ook bij afspraken via de chat?");
  // Signed out elsewhere: the session is gone.
  await page.context().clearCookies({ name: "normwerk_session" });
  await page.getByRole("button", { name: "Add comment" }).click();
  await page.waitForURL((url) => url.pathname === "/login");
  await page.getByText("You were signed out before it was sent.").waitFor();
  expect(await page.locator("#unsaved-0").inputValue()).toBe("Ook bij afspraken via de chat?");
});

test("a self rating sent after the lead closed the check-in: the page shows it closed, with what was typed still there", async () => {
  const { lead, teamId, members } = await teamWithMembers(suite.url, 2, "Team Gesloten");
  const [code] = insertActiveNorms(suite.dbPath, teamId, ["We call back within one working day"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code] });
  const page = await suite.page();
  await signIn(page, members[0].email, members[0].password);
  await page.goto(`/teams/${teamId}/checkins/${cycleId}/self`);
  await waitForHydration(page);
  await page.locator(`input[name="rating.${code}"][value="4"]`).check();
  await page.locator(`textarea[name="example.${code}"]`).fill("Called Mrs de Vries back at two, as promised.");
  expect((await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" })).status).toBe(303);
  await page.getByRole("button", { name: "Save my self rating" }).click();
  await page.getByText("This check-in is closed, so nothing can be changed any more.").waitFor();
  // The button went with the open state: focus, and the view, go to the message.
  await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("form-error"))).toBe(true);
  // As without JavaScript: the closed check-in, no button to save with, the text to copy.
  await page.getByText("Ratings can no longer be changed.").waitFor();
  expect(await page.getByRole("button", { name: "Save my self rating" }).count()).toBe(0);
  expect(await page.locator(`textarea[name="example.${code}"]`).inputValue()).toBe("Called Mrs de Vries back at two, as promised.");
});

test("removing a member asks first with JavaScript; declining keeps them, agreeing removes them", async () => {
  const { lead, teamId } = await teamWithMembers(suite.url, 1, "Team Verwijderen");
  const page = await suite.page();
  await signIn(page, lead.email, lead.password);
  await page.goto(`/teams/${teamId}/members`);
  await waitForHydration(page);
  const memberships = () => queryTestDb<{ n: number }>(suite.dbPath, "select count(*) as n from memberships where team_id = ?", teamId)[0].n;
  const asked: string[] = [];
  page.once("dialog", (d) => (asked.push(d.message()), d.dismiss()));
  await page.locator("button", { hasText: "Remove: Member 1" }).click();
  await expect.poll(() => asked).toEqual(["Remove Member 1 from the team? They can no longer open its pages until they are invited again."]);
  expect(memberships()).toBe(2);
  page.once("dialog", (d) => (asked.push(d.message()), d.accept()));
  await page.locator("button", { hasText: "Remove: Member 1" }).click();
  await expect.poll(memberships).toBe(1);
  expect(asked).toHaveLength(2);
});

test("a saved message does not stay beside the next form's error", async () => {
  const page = await suite.page();
  await signUpWithJavaScript(page, "flash", "Flash Bericht");
  await page.goto("/account");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect.poll(() => page.locator(".flash").allInnerTexts()).toEqual(["Your profile is saved."]);
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill("een heel nieuw wachtwoord");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect.poll(() => page.locator("main .field-error").allInnerTexts()).toContain("This is not your current password.");
  expect(await page.locator(".flash").count()).toBe(0);
});

test("an invite link revoked while its page is open says so when Join is pressed", async () => {
  const { lead, teamId } = await teamWithMembers(suite.url, 0, "Team Ingetrokken");
  const joinPath = await invite(lead, teamId);
  const joiner = await signUp(suite.url, "Late Joiner");
  const page = await suite.page();
  await signIn(page, joiner.email, joiner.password);
  await page.goto(joinPath);
  await waitForHydration(page);
  const token = joinPath.split("/").pop()!;
  const id = queryTestDb<{ id: number }>(suite.dbPath, "select id from invites where token = ?", token)[0].id;
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: String(id) })).status).toBe(303);
  await page.getByRole("button", { name: "Join the team" }).click();
  await expect.poll(() => page.locator("main h1").innerText()).toBe("This invite link cannot be used");
  expect(await page.title()).toBe("This invite link cannot be used — Normwerk");
});
