// A write refused as a whole (the colleague left, the lead became a member, the team is
// not yours) answers with an error page instead of the form. That page gives back what
// the person wrote, to copy: nothing a user wrote is ever lost.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { Client, signUp, teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { submitForm } from "../support/forms";
import { newProposal, proposalPath, textareaValue } from "../support/norms";
import { openCycle, peersToRate, ratePeer, userIdByEmail } from "../support/checkins";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const observation = 'Bij de klacht van dinsdag <b>bleef</b> ze rustig & "vriendelijk".\n\nTweede alinea — met één regel.';

test("rating a colleague who has just left: a 404 that gives the observation back, in the reader's language", async () => {
  const { lead, teamId, everyone } = await teamWithNames(server.url, ["Lotte Lead", "Ahmed Amrani", "Bea Bakker", "Cas Claes"]);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We confirm every promise to a customer in writing"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code], peersPerMember: "3" });
  const rater = everyone[1];
  const leaverId = (await peersToRate(rater, teamId, cycleId)).find((id) => id !== userIdByEmail(server.dbPath, lead.email))!;
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: leaverId })).status).toBe(303);

  const refused = await ratePeer(rater, teamId, cycleId, leaverId, { [code]: 4 }, { [code]: observation });
  expect(refused.status).toBe(404);
  const text = visibleText(refused.html);
  expect(text).toContain("Page not found");
  // Why the form may be gone, and where to see whom one rates now.
  expect(text).toContain("Were you rating a colleague? They may no longer be in the team, and then you need not rate them.");
  expect(refused.html).toMatch(new RegExp(`<a[^>]* href="/teams/${teamId}/checkins/${cycleId}"[^>]*>See whom you rate in this check-in.</a>`));
  expect(text).toContain("What you wrote was not saved");
  expect(refused.html).toContain(`<label for="unsaved-0">Observation for ${code}</label>`);
  expect(textareaValue(refused.html, "unsaved-0")).toBe(observation);
  expect(refused.html).not.toContain("<b>bleef</b>");

  await rater.post("/language", { language: "nl", redirectTo: "/" });
  const nl = await ratePeer(rater, teamId, cycleId, leaverId, { [code]: 4 }, { [code]: observation });
  expect(nl.status).toBe(404);
  expect(visibleText(nl.html)).toContain("Wat je schreef is niet opgeslagen");
  expect(nl.html).toContain(`<label for="unsaved-0">Observatie bij ${code}</label>`);
  expect(textareaValue(nl.html, "unsaved-0")).toBe(observation);
});

test("a lead made a member while writing a private note, and a member removed while drafting a proposal, get their text back", async () => {
  const { lead, teamId, everyone } = await teamWithNames(server.url, ["Lotte Lead", "Ahmed Amrani", "Bea Bakker", "Cas Claes"]);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We confirm every promise to a customer in writing"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code], peersPerMember: "3" });
  const [ahmed, bea, cas] = everyone.slice(1);
  const beaId = userIdByEmail(server.dbPath, bea.email);
  const ahmedId = userIdByEmail(server.dbPath, ahmed.email);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "set-role", userId: ahmedId, role: "lead" })).status).toBe(303);
  expect((await ahmed.post(`/teams/${teamId}/members`, { intent: "set-role", userId: ahmedId, role: "member" })).status).toBe(303);

  const note = "Bea wil vaker meelopen met de tweede lijn.";
  const refused = await ahmed.post(`/teams/${teamId}/checkins/${cycleId}/conversations/${beaId}`, { intent: "note", body: note, visibility: "private" });
  expect([403, 404]).toContain(refused.status);
  expect(textareaValue(refused.html, "unsaved-0")).toBe(note);
  expect(refused.html).toContain('<label for="unsaved-0">Text</label>');

  // A member removed while drafting a proposal: 404 for the whole team, title and text kept.
  const casId = userIdByEmail(server.dbPath, cas.email);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: casId })).status).toBe(303);
  const draft = "Ik zou er 'binnen één werkdag' van maken.";
  const gone = await cas.post(`/teams/${teamId}/proposals/new`, { kind: "add", title: "We bellen terug", body: draft, category: "customer-contact" });
  expect(gone.status).toBe(404);
  expect(textareaValue(gone.html, "unsaved-0")).toBe("We bellen terug");
  expect(textareaValue(gone.html, "unsaved-1")).toBe(draft);
});

test("only what a person wrote comes back: never a password, an id or a choice; nothing when nothing was written", async () => {
  const outsider = await signUp(server.url, "Outsider");
  const page = await outsider.post("/teams/no-such-team/settings", {
    name: "Naam",
    description: "Een beschrijving die ik typte",
    password: "correct horse battery",
    currentPassword: "correct horse battery",
    userId: "u-123",
    decisionRule: "consent",
    "rating.N-1": "5",
    body: "   ",
  });
  expect(page.status).toBe(404);
  expect(textareaValue(page.html, "unsaved-0")).toBe("Een beschrijving die ik typte");
  expect(textareaValue(page.html, "unsaved-1")).toBeNull();
  expect(page.html).not.toContain("correct horse battery");
  expect(page.html).not.toContain("u-123");

  const empty = await outsider.post("/teams/no-such-team/settings", { decisionRule: "consent", body: "" });
  expect(empty.status).toBe(404);
  expect(visibleText(empty.html)).not.toContain("What you wrote was not saved");
  // A plain visit to a page that is not there says nothing about texts either.
  expect(visibleText((await outsider.get("/teams/no-such-team")).html)).not.toContain("What you wrote");
});

test("signed out in another tab, then a comment sent: the 303 to sign in as the contract says, and the sign-in page gives the comment back, to this browser only", async () => {
  const { teamId, everyone } = await teamWithNames(server.url, ["Lotte Lead", "Ahmed Amrani"]);
  const author = everyone[1];
  const id = await newProposal(author, teamId, { kind: "add", title: "We bevestigen elke belofte per e-mail.", body: "", category: "other" });
  const comment = 'Goed idee, maar "per e-mail" <i>ook</i> bij telefoontjes?\n\nTweede alinea.';
  // The other tab's sign-out ends the session this tab still holds in its cookie.
  const stale = author.cookies.get("normwerk_session")!;
  expect((await author.post("/logout", {})).status).toBe(303);
  author.cookies.set("normwerk_session", stale);
  const refused = await author.post(proposalPath(teamId, id), { intent: "comment", body: comment });
  expect(refused.status).toBe(303);
  expect(refused.location).toBe(`/login?redirectTo=${encodeURIComponent(proposalPath(teamId, id))}`);

  const login = await author.get(refused.location!);
  expect(login.status).toBe(200);
  expect(visibleText(login.html)).toContain("What you wrote was not saved You were signed out before it was sent. Here it is: copy it, sign in, and send it again.");
  expect(textareaValue(login.html, "unsaved-0")).toBe(comment);
  expect(login.html).not.toContain("<i>ook</i>");
  // A wrong password on that page shows it again: the form carries it along.
  const wrong = await submitForm(author, "/login", login, { id: "login" }, { email: author.email, password: "not the password" });
  expect(wrong.status).toBe(400);
  expect(textareaValue(wrong.html, "unsaved-0")).toBe(comment);
  // Shown once by the server, right after: the next person at a shared computer does not find it there.
  expect(visibleText((await author.get("/login")).html)).not.toContain("What you wrote was not saved");
  // Two posts before the sign-in page is seen (two tabs) are both kept; the same text sent twice, once.
  expect((await author.post(proposalPath(teamId, id), { intent: "comment", body: "Eerste." })).status).toBe(303);
  expect((await author.post(proposalPath(teamId, id), { intent: "comment", body: "Eerste." })).status).toBe(303);
  expect((await author.post(proposalPath(teamId, id), { intent: "comment", body: "Nog een gedachte." })).status).toBe(303);
  const both = await author.get("/login");
  expect(textareaValue(both.html, "unsaved-0")).toBe("Eerste.");
  expect(textareaValue(both.html, "unsaved-1")).toBe("Nog een gedachte.");
  expect(both.html).not.toContain('id="unsaved-2"');
  // Another browser's sign-in page shows nothing of it.
  const other = await new Client(server.url).get("/login");
  expect(other.html).not.toContain("Goed idee");
  expect(visibleText(other.html)).not.toContain("What you wrote was not saved");
  // A post with no text to keep (a vote without a reason) sets nothing.
  const fresh = new Client(server.url);
  const bare = await fresh.post(proposalPath(teamId, id), { intent: "withdraw" });
  expect(bare.status).toBe(303);
  expect(fresh.cookies.has("normwerk_kept")).toBe(false);
  // Kept, then signed in without opening the sign-in page (a script): gone with the cookie.
  expect((await author.post(proposalPath(teamId, id), { intent: "comment", body: "Derde." })).status).toBe(303);
  expect(author.cookies.has("normwerk_kept")).toBe(true);
  expect((await author.post("/login", { email: author.email, password: author.password })).status).toBe(303);
  expect(author.cookies.has("normwerk_kept")).toBe(false);
});
