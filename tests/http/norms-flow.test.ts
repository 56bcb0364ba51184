// The whole life of a norm through the contract's URLs and forms: draft →
// discussion → vote → adoption → agreement → acknowledgement, then a change
// (with the "what changed since you read it" view) and a retirement.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { Client, invite, join, signUp, teamWithMembers, visibleText } from "../support/client";
import {
  adopt,
  expectStatus,
  inputValue,
  isChecked,
  newProposal,
  openDb,
  proposalPath,
  textareaValue,
} from "../support/norms";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

// Short failure messages: a whole page in an assertion diff helps nobody.
const has = (html: string, pattern: RegExp | string) => (typeof pattern === "string" ? html.includes(pattern) : pattern.test(html));

const CALL_BACK = "We bellen een klant binnen één werkdag terug als we dat hebben beloofd.";
const CALL_BACK_BODY = "Een belofte die we niet nakomen kost meer vertrouwen dan een eerlijk **nee**.\n\n- bel ook als er nog geen oplossing is";

test("draft → discussion → vote → adopted → agreement → acknowledged", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 3);
  const [author, critic, newcomer] = members;
  const team = `/teams/${teamId}`;

  // Draft: the author sees the edit form holding exactly the stored text, and concreteness tips.
  const id = await newProposal(author, teamId, { kind: "add", title: "We bellen klanten zo snel mogelijk terug.", body: CALL_BACK_BODY, category: "follow-up" });
  const path = proposalPath(teamId, id);
  let page = await author.get(path);
  expect(page.status).toBe(200);
  expect(inputValue(page.html, "edit-title")).toBe("We bellen klanten zo snel mogelijk terug.");
  expect(textareaValue(page.html, "edit-body")).toBe(CALL_BACK_BODY);
  expect(visibleText(page.html)).toContain("“zo snel mogelijk”: that does not say how fast.");

  // Only the author edits; the tips change with the text.
  expect((await critic.post(path, { intent: "edit", title: "hijacked", body: "", category: "other" })).status).toBe(403);
  expectStatus(await author.post(path, { intent: "edit", title: CALL_BACK, body: CALL_BACK_BODY, category: "follow-up" }), 303);
  page = await critic.get(path);
  expect(has(page.html, 'id="edit-title"')).toBe(false);
  expect(visibleText(page.html)).toContain("This norm names an action and a moment");

  // Everyone comments (Markdown, sanitized).
  expectStatus(await critic.post(path, { intent: "comment", body: "Geldt dit ook voor **e-mail**? <script>alert(1)</script>" }), 303);
  page = await author.get(path);
  expect(has(page.html, "<strong>e-mail</strong>")).toBe(true);
  expect(has(page.html, "&lt;script&gt;alert(1)&lt;/script&gt;")).toBe(true);
  expect(visibleText(page.html)).toContain("1 comment");

  // A member who is not the author cannot open the vote; the author can.
  expect((await critic.post(path, { intent: "open-vote", closesAt: "" })).status).toBe(403);
  expectStatus(await author.post(path, { intent: "open-vote", closesAt: "" }), 303);
  // The text is frozen once voting started.
  expect((await author.post(path, { intent: "edit", title: "x", body: "", category: "other" })).status).toBe(409);

  // Objecting needs a reason; the choice stays selected after the 400.
  page = await critic.post(path, { intent: "vote", choice: "object", reason: "   " });
  expect(page.status).toBe(400);
  expect(visibleText(page.html)).toContain("Say why you object");
  expect(isChecked(page.html, "vote-choice-object")).toBe(true);
  expectStatus(await critic.post(path, { intent: "vote", choice: "object", reason: "Eén werkdag is te krap op maandag." }), 303);
  expectStatus(await author.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await lead.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);

  // Running turnout, but not who voted what.
  page = await newcomer.get(path);
  expect(visibleText(page.html)).toContain("Voted: 3 of 4 members (75%). Quorum of 50%: reached (2 votes needed).");
  expect(visibleText(page.html)).not.toContain("te krap op maandag");
  // A vote can be changed until the close: still one vote.
  expectStatus(await critic.post(path, { intent: "vote", choice: "abstain", reason: "" }), 303);
  expectStatus(await critic.post(path, { intent: "vote", choice: "object", reason: "Eén werkdag is te krap op maandag." }), 303);
  page = await critic.get(path);
  expect(visibleText(page.html)).toContain("Voted: 3 of 4 members");
  expect(isChecked(page.html, "vote-choice-object")).toBe(true);

  // Only a lead closes early.
  expect((await author.post(path, { intent: "close" })).status).toBe(403);
  expectStatus(await lead.post(path, { intent: "close" }), 303);
  page = await newcomer.get(path);
  const text = visibleText(page.html);
  expect(text).toContain("Adopted — more members agreed than objected.");
  expect(text).toMatch(/Agree Object Abstain 2 1 0/);
  expect(text).toContain("Member 2 Object Eén werkdag is te krap op maandag.");
  // Voting and commenting are over.
  expect((await newcomer.post(path, { intent: "vote", choice: "agree", reason: "" })).status).toBe(409);
  expect((await newcomer.post(path, { intent: "comment", body: "te laat" })).status).toBe(409);
  expect((await lead.post(path, { intent: "close" })).status).toBe(409);

  // The agreement: by category, numbered by code, linking to the permalink.
  page = await newcomer.get(`${team}/agreement`);
  expect(page.status).toBe(200);
  expect(has(page.html, `href="${team}/norms/N-1"`)).toBe(true);
  expect(visibleText(page.html)).toContain(`Follow-up N-1 · ${CALL_BACK}`);
  expect(visibleText(page.html)).toContain("I have read version 1");
  // The confirmation comes after the whole text; the top of the page leads there.
  expect(has(page.html, '<a href="#confirm">To the confirmation of version 1</a>')).toBe(true);
  expect(has(page.html, /<form[^>]* id="confirm"/)).toBe(true);
  // A lead sees who has read it.
  expect(visibleText((await lead.get(`${team}/agreement`)).html)).toContain("Confirmed: 0 of 4 members.");
  expect(visibleText((await lead.get(`${team}/agreement`)).html)).toMatch(/Member 3 Member Member not yet \(never confirmed\)/);

  // Acknowledge: once, and the page says so.
  expectStatus(await newcomer.post(`${team}/agreement`, { intent: "acknowledge", version: "1" }), 303);
  expectStatus(await newcomer.post(`${team}/agreement`, { intent: "acknowledge", version: "1" }), 303);
  page = await newcomer.get(`${team}/agreement`);
  expect(visibleText(page.html)).toContain("that you have read version 1");
  expect(visibleText(page.html)).not.toContain("I have read version 1");
  expect(visibleText(page.html)).not.toContain("To the confirmation");
  expect(visibleText((await lead.get(`${team}/agreement`)).html)).toMatch(/Confirmed: 1 of 4 members\..*Member 3 Member Member on /);

  // The team home: the agreement to read; the lead never confirmed any version, so it is not "new" to them.
  const homePage = await lead.get(team);
  const home = visibleText(homePage.html);
  expect(home).toContain("Read and confirm the team agreement (version 1)");
  expect(home).not.toContain("new version");
  // The lead follows up who has not confirmed it yet; a member's home has no such list.
  expect(home).toContain("Follow-up in the team Who has read version 1 Confirmed: 1 of 4 members.");
  expect(has(homePage.html, `href="${team}/agreement#h-coverage"`)).toBe(true);
  expect(visibleText((await newcomer.get(team)).html)).not.toContain("Follow-up in the team");
  // Once everyone has, the follow-up is gone.
  for (const v of [lead, author, critic]) expectStatus(await v.post(`${team}/agreement`, { intent: "acknowledge", version: "1" }), 303);
  expect(visibleText((await lead.get(team)).html)).not.toContain("Follow-up in the team");

  // A change, pre-filled with the current text; the page shows a word diff.
  page = await author.get(`${team}/proposals/new?kind=change&normCode=N-1`);
  expect(inputValue(page.html, "proposal-title")).toBe(CALL_BACK);
  expect(textareaValue(page.html, "proposal-body")).toBe(CALL_BACK_BODY);
  const changeId = await newProposal(author, teamId, {
    kind: "change",
    normCode: "N-1",
    title: "We bellen een klant binnen twee werkdagen terug als we dat hebben beloofd.",
    body: CALL_BACK_BODY,
    category: "follow-up",
  });
  page = await lead.get(proposalPath(teamId, changeId));
  expect(has(page.html, /<del><span class="visually-hidden">\[removed: <\/span>één werkdag<span class="visually-hidden">\]<\/span><\/del>/)).toBe(true);
  expect(has(page.html, /<ins><span class="visually-hidden">\[added: <\/span>twee werkdagen<span class="visually-hidden">\]<\/span><\/ins>/)).toBe(true);

  // Home shows the open vote as a to-do, closing soonest first.
  expectStatus(await author.post(proposalPath(teamId, changeId), { intent: "open-vote", closesAt: "" }), 303);
  const laterId = await newProposal(critic, teamId, { kind: "add", title: "Na elke klacht bellen we de klant binnen twee dagen na.", body: "", category: "complaints" });
  expectStatus(
    await critic.post(proposalPath(teamId, laterId), { intent: "open-vote", closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString() }),
    303,
  );
  const todos = visibleText((await newcomer.get(team)).html);
  const first = todos.indexOf("Vote on “Change N-1");
  const second = todos.indexOf("Vote on “Na elke klacht");
  expect(first).toBeGreaterThan(-1);
  expect(second).toBeGreaterThan(first);

  for (const v of [lead, author, critic]) expectStatus(await v.post(proposalPath(teamId, changeId), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await lead.post(proposalPath(teamId, changeId), { intent: "close" }), 303);

  // The newcomer read version 1: their home asks them to read the new version, and the
  // page shows exactly what changed before the button.
  expect(visibleText((await newcomer.get(team)).html)).toContain("Read the new version of the agreement (version 2)");
  page = await newcomer.get(`${team}/agreement`);
  const agreement = visibleText(page.html);
  expect(agreement).toContain("What changed since version 1, which you confirmed");
  expect(agreement).toContain("Changed norms N-1");
  expect(agreement.indexOf("What changed since version 1")).toBeLessThan(agreement.indexOf("I have read version 2"));
  expect(has(page.html, /<del><span class="visually-hidden">\[removed: <\/span>één werkdag/)).toBe(true);

  // The lead sees who is behind: everyone confirmed version 1, nobody version 2 yet.
  expect(visibleText((await lead.get(`${team}/agreement`)).html)).toMatch(/Member 3 Member Member not yet \(last confirmed: version 1\)/);

  // Version 1 stays readable exactly as it was.
  page = await newcomer.get(`${team}/agreement?version=1`);
  expect(visibleText(page.html)).toContain(CALL_BACK);
  expect(visibleText(page.html)).toContain("You are reading version 1; the current version is 2.");
  expect((await newcomer.get(`${team}/agreement?version=3`)).status).toBe(404);
  expect((await newcomer.get(`${team}/agreement?version=0`)).status).toBe(404);
  expect((await newcomer.get(`${team}/agreement?version=abc`)).status).toBe(404);

  // The permalink: both versions with the proposals and votes that made them.
  page = await newcomer.get(`${team}/norms/N-1`);
  const norm = visibleText(page.html);
  expect(norm).toContain("N-1 · We bellen een klant binnen twee werkdagen terug");
  expect(norm).toContain("2 versions");
  expect(norm).toContain("Not rated in a closed check-in yet. No open action from check-in conversations refers to this norm.");
  expect(norm).toContain(`Proposal #${changeId} by Member 1 · decided by majority: 3 agree, 0 object, 0 abstain, of 4 members`);
  expect(norm).toContain(`Proposal #${id} by Member 1 · decided by majority: 2 agree, 1 object, 0 abstain, of 4 members`);

  // History lists the versions with what changed.
  const history = visibleText((await newcomer.get(`${team}/agreement/history`)).html);
  expect(history).toMatch(/Version 2 \( current \) .* Changed N-1 \(version 2\)/);
  expect(history).toMatch(/Version 1 .* Added N-1 : We bellen een klant binnen één werkdag/);

  // The Markdown export.
  const md = await newcomer.get(`${team}/agreement.md`);
  expect(md.status).toBe(200);
  expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
  expect(md.headers.get("content-disposition")).toMatch(/^attachment; filename="team-test-agreement-v2\.md"/);
  expect(has(md.html, "### N-1 · We bellen een klant binnen twee werkdagen terug als we dat hebben beloofd.")).toBe(true);
  expect(has(md.html, CALL_BACK_BODY)).toBe(true);
  const md1 = await newcomer.get(`${team}/agreement.md?version=1`);
  expect(has(md1.html, `### N-1 · ${CALL_BACK}`)).toBe(true);

  // Retire it: a reason is required; afterwards the agreement is empty and N-1 says retired.
  const retireId = await newProposal(lead, teamId, { kind: "retire", normCode: "N-1", body: "We hebben nu een terugbelsysteem dat dit afdwingt." });
  expect(visibleText((await lead.get(proposalPath(teamId, retireId))).html)).toContain("The norm that would be retired: N-1");
  expectStatus(await lead.post(proposalPath(teamId, retireId), { intent: "open-vote", closesAt: "" }), 303);
  // "Agree" here takes the norm out: the vote form says so, not "I want this norm in our agreement".
  const ballot = visibleText((await critic.get(proposalPath(teamId, retireId))).html);
  expect(ballot).toContain("Agree I want this norm out of our agreement.");
  expect(ballot).not.toContain("I want this norm in our agreement.");
  for (const v of [lead, author, critic]) expectStatus(await v.post(proposalPath(teamId, retireId), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await lead.post(proposalPath(teamId, retireId), { intent: "close" }), 303);
  const decided = visibleText((await lead.get(proposalPath(teamId, retireId))).html);
  expect(decided).toContain("The norm that was retired: N-1");
  expect(decided).not.toContain("would be retired");
  page = await newcomer.get(`${team}/norms/N-1`);
  expect(visibleText(page.html)).toContain("Retired");
  expect(visibleText(page.html)).toContain("We hebben nu een terugbelsysteem dat dit afdwingt.");
  expect(visibleText((await newcomer.get(`${team}/agreement`)).html)).toContain("Retired norms N-1");

  // Codes are never reused: the next adopted norm is N-2 although N-1 is retired.
  await adopt(lead, [lead, author, critic], teamId, { kind: "add", title: "We noemen bij doorverbinden de naam van de collega en een tijdstip.", body: "", category: "customer-contact" });
  expect(visibleText((await newcomer.get(`${team}/agreement`)).html)).toContain("N-2 · We noemen bij doorverbinden");
  // A retirement withdrawn before the vote speaks of what would have happened.
  const dropped = await newProposal(lead, teamId, { kind: "retire", normCode: "N-2", body: "Toch niet nodig." });
  expectStatus(await lead.post(proposalPath(teamId, dropped), { intent: "withdraw" }), 303);
  expect(visibleText((await lead.get(proposalPath(teamId, dropped))).html)).toContain("The norm that would have been retired: N-2");

  // Audit rows for every step.
  const db = openDb(server.dbPath);
  const kinds = db.prepare("select kind, count(*) n from audit_log where team_id = ? group by kind").all(teamId) as { kind: string; n: number }[];
  db.close();
  const audit = Object.fromEntries(kinds.map((k) => [k.kind, k.n]));
  expect(audit).toMatchObject({
    "proposal.created": 6,
    "proposal.vote-opened": 5,
    "proposal.closed": 4,
    "norm.version-created": 3,
    "norm.retired": 1,
    "agreement.version-created": 4,
    "agreement.acknowledged": 4, // the newcomer, then the other three for the lead's follow-up
  });
});

test("a change whose norm got a newer version meanwhile ends in conflict, and the author rebases it", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2);
  const [a, b] = members;
  await adopt(lead, [lead, a, b], teamId, { kind: "add", title: "We beantwoorden interne vragen van collega's dezelfde werkdag.", body: "v1", category: "colleagues" });
  const first = await newProposal(a, teamId, { kind: "change", normCode: "N-1", title: "We beantwoorden interne vragen binnen vier uur.", body: "v2", category: "colleagues" });
  const second = await newProposal(b, teamId, { kind: "change", normCode: "N-1", title: "We beantwoorden interne vragen vóór 17.00 uur.", body: "v2b", category: "colleagues" });
  for (const [author, id] of [[a, first], [b, second]] as const) {
    expectStatus(await author.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" }), 303);
    for (const v of [lead, a, b]) expectStatus(await v.post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  }
  expectStatus(await lead.post(proposalPath(teamId, first), { intent: "close" }), 303);
  // While its vote runs on, the page says what a vote can still do, and the author how to stop it.
  const during = visibleText((await a.get(proposalPath(teamId, second))).html);
  expect(during).toContain("N-1 has a newer version (version 2) than the one this proposal was written for.");
  expect(during).toContain("The vote goes on, but if it passes nothing changes: the proposal ends as “Not applied”. Its author can then update it to version 2");
  expect(during).not.toContain("To stop the vote now");
  expect(visibleText((await b.get(proposalPath(teamId, second))).html)).toContain(
    "You can then update it to version 2 and put it to the vote again. To stop the vote now, withdraw the proposal below.",
  );
  expectStatus(await lead.post(proposalPath(teamId, second), { intent: "close" }), 303);

  let page = await b.get(proposalPath(teamId, second));
  expect(visibleText(page.html)).toContain("Not applied — the vote passed, but N-1 got a new version while the vote was open");
  // Not applied: N-1 has the first change's text, the agreement is at version 2.
  expect(visibleText((await b.get(`/teams/${teamId}/norms/N-1`)).html)).toContain("We beantwoorden interne vragen binnen vier uur.");
  expect((await a.post(proposalPath(teamId, second), { intent: "rebase" })).status).toBe(403);

  page = await b.post(proposalPath(teamId, second), { intent: "rebase" });
  expect(page.status).toBe(303);
  const rebasedId = Number(page.location!.split("/").pop()!.split("#")[0]);
  expect(rebasedId).not.toBe(second);
  page = await b.get(proposalPath(teamId, rebasedId));
  expect(inputValue(page.html, "edit-title")).toBe("We beantwoorden interne vragen vóór 17.00 uur.");
  // Both changed the title and the explanation: the author's words stand, and the author is told to look.
  expect(textareaValue(page.html, "edit-body")).toBe("v2b");
  expect(visibleText(page.html)).toContain("Your change and the one adopted meanwhile touch the same words; yours are kept there.");
  expect(visibleText(page.html)).toContain(`updated from proposal #${second}`);
  // Sent again (a double click), it leads to the same copy, with the same warning.
  const again = await b.post(proposalPath(teamId, second), { intent: "rebase" });
  expect(Number(again.location!.split("/").pop()!.split("#")[0])).toBe(rebasedId);
  expect(visibleText((await b.get(proposalPath(teamId, rebasedId))).html)).toContain("touch the same words; yours are kept there.");
  expect(visibleText(page.html)).toContain("What changes compared to N-1, version 2");
  // The conflict stays on record.
  expect(visibleText((await b.get(proposalPath(teamId, second))).html)).toContain("Not applied");
});

test("a draft written against an old version must be updated before its vote opens", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 1);
  const [a] = members;
  await adopt(lead, [lead, a], teamId, { kind: "add", title: "We vatten aan het eind van elk gesprek samen wat we afspraken.", body: "", category: "customer-contact" });
  const stale = await newProposal(a, teamId, { kind: "change", normCode: "N-1", title: "We vatten aan het eind van elk gesprek in twee zinnen samen wat we afspraken.", body: "", category: "customer-contact" });
  await adopt(lead, [lead, a], teamId, { kind: "change", normCode: "N-1", title: "We vatten aan het eind van elk gesprek samen wat er nu gebeurt.", body: "", category: "customer-contact" });
  // The author's home says what to do first.
  expect(visibleText((await a.get(`/teams/${teamId}`)).html)).toContain(
    "Update your draft “Change N-1: We vatten aan het eind van elk gesprek in twee zinnen samen wat we afspraken.” first: N-1 has a newer version",
  );
  const page = await a.post(proposalPath(teamId, stale), { intent: "open-vote", closesAt: "" });
  expect(page.status).toBe(409);
  expect(visibleText(page.html)).toContain("N-1 got a new version after this draft was written");
  expectStatus(await a.post(proposalPath(teamId, stale), { intent: "rebase" }), 303);
  expectStatus(await a.post(proposalPath(teamId, stale), { intent: "open-vote", closesAt: "" }), 303);
});

test("updating a change lays it over what was adopted meanwhile: a new title keeps the explanation adopted since", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 1);
  const [a] = members;
  const why = "**Waarom:** Klanten wachten niet graag.";
  await adopt(lead, [lead, a], teamId, { kind: "add", title: "We bellen binnen één werkdag terug.", body: `${why}\n\n**Zo ziet het eruit:** We bellen terug.`, category: "follow-up" });
  const stale = await newProposal(a, teamId, { kind: "change", normCode: "N-1", title: "We bellen binnen twee werkdagen terug.", body: `${why}\n\n**Zo ziet het eruit:** We bellen terug.`, category: "follow-up" });
  const adopted = `${why}\n\n**Zo ziet het eruit:** We bellen terug en noemen een tijd.`;
  await adopt(lead, [lead, a], teamId, { kind: "change", normCode: "N-1", title: "We bellen binnen één werkdag terug.", body: adopted, category: "follow-up" });
  expectStatus(await a.post(proposalPath(teamId, stale), { intent: "rebase" }), 303);
  const page = await a.get(proposalPath(teamId, stale));
  expect(inputValue(page.html, "edit-title")).toBe("We bellen binnen twee werkdagen terug.");
  expect(textareaValue(page.html, "edit-body")).toBe(adopted);
  const text = visibleText(page.html);
  expect(text).toContain("The proposal now builds on the current version of the norm.");
  expect(text).not.toContain("touch the same words");
  // The comparison with version 2 shows the new title only: nothing adopted is struck through.
  expect(text).toContain("[removed: één werkdag ]");
  expect(text).not.toContain("en noemen een tijd ]");
});

test("withdrawing: author or lead, while draft or voting", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2);
  const [a, b] = members;
  const id = await newProposal(a, teamId, { kind: "add", title: "We noteren bij elk gesprek de reden van contact.", body: "", category: "other" });
  expect((await b.post(proposalPath(teamId, id), { intent: "withdraw" })).status).toBe(403);
  expectStatus(await a.post(proposalPath(teamId, id), { intent: "withdraw" }), 303);
  expect(visibleText((await b.get(proposalPath(teamId, id))).html)).toContain("Withdrawn on");
  expect((await a.post(proposalPath(teamId, id), { intent: "withdraw" })).status).toBe(409);
  expect((await a.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" })).status).toBe(409);

  const voting = await newProposal(a, teamId, { kind: "add", title: "We bevestigen elke toezegging binnen een uur per e-mail.", body: "", category: "follow-up" });
  expectStatus(await a.post(proposalPath(teamId, voting), { intent: "open-vote", closesAt: "" }), 303);
  expectStatus(await lead.post(proposalPath(teamId, voting), { intent: "withdraw" }), 303);
  expect((await b.post(proposalPath(teamId, voting), { intent: "vote", choice: "agree", reason: "" })).status).toBe(409);
});

test("rule and quorum are the ones in force when the vote opened", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 3);
  const id = await newProposal(lead, teamId, { kind: "add", title: "We laten een klant met een klacht altijd uitpraten voordat we reageren.", body: "", category: "complaints" });
  expectStatus(await lead.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" }), 303);
  // After opening, the team switches to consent with a 100% quorum.
  expectStatus(
    await lead.post(`/teams/${teamId}/settings`, { decisionRule: "consent", quorumPercent: "100", voteDays: "7", anonymityThreshold: "3", language: "en" }),
    303,
  );
  expectStatus(await lead.post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await members[0].post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await members[1].post(proposalPath(teamId, id), { intent: "vote", choice: "object", reason: "Niet haalbaar in de chat." }), 303);
  expectStatus(await lead.post(proposalPath(teamId, id), { intent: "close" }), 303);
  // Majority with 50%: 3 of 4 voted, 2 agree > 1 object → adopted (consent at 100% would have rejected it).
  const text = visibleText((await lead.get(proposalPath(teamId, id))).html);
  expect(text).toContain("Adopted — more members agreed than objected.");
  expect(text).toContain("Decided by majority");
});

test("below the quorum a vote is rejected, whatever the votes say", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const id = await newProposal(members[0], teamId, { kind: "add", title: "We sturen na elk telefoongesprek binnen een uur een samenvatting per e-mail.", body: "", category: "follow-up" });
  expectStatus(await members[0].post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" }), 303);
  // 2 of 5 is 40%, below the default 50%.
  expectStatus(await members[0].post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await members[1].post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  // While it runs, the page says how far from the quorum the vote is.
  const running = visibleText((await lead.get(proposalPath(teamId, id))).html);
  expect(running).toContain("Voted: 2 of 5 members (40%). Quorum of 50%: 1 more vote needed.");
  // Beside the close button the lead reads who would be left out.
  expect(running).toContain("3 members have not voted yet. Closing now ends the vote for everyone");
  expectStatus(await lead.post(proposalPath(teamId, id), { intent: "close" }), 303);
  const text = visibleText((await members[2].get(proposalPath(teamId, id))).html);
  expect(text).toContain("Rejected — too few members voted to reach the quorum.");
  expect(text).toContain("Voted: 2 of 5 members (40%)");
  expect(visibleText((await members[2].get(`/teams/${teamId}/agreement`)).html)).toContain("No norms have been adopted yet.");

  // Not the end of the idea: anyone may propose it again, starting from its text.
  const rejected = await members[2].get(proposalPath(teamId, id));
  const again = `/teams/${teamId}/proposals/new?from=${id}`;
  expect(rejected.html).toContain(`href="${again.replace(/&/g, "&amp;")}"`);
  expect(visibleText(rejected.html)).toContain("Propose again with changes");
  const form = await members[2].get(again);
  expect(form.status).toBe(200);
  expect(form.html).toContain('value="We sturen na elk telefoongesprek binnen een uur een samenvatting per e-mail."');
  expect(visibleText(form.html)).toContain(`This starts from the text of proposal #${id}.`);
  // Only a rejected or withdrawn proposal of this team: anything else is a blank form.
  const other = await newProposal(members[0], teamId, { kind: "add", title: "We bellen terug binnen een uur.", body: "", category: "follow-up" });
  expect((await members[2].get(`/teams/${teamId}/proposals/new?from=${other}`)).html).not.toContain("We bellen terug binnen een uur.");
  expect((await members[2].get(`/teams/${teamId}/proposals/new?from=abc`)).status).toBe(200);
});

test("a turnout just below the quorum is not shown as reaching it (2 of 3 is 66 %, not 67 %)", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2);
  expectStatus(
    await lead.post(`/teams/${teamId}/settings`, { decisionRule: "majority", quorumPercent: "67", voteDays: "7", anonymityThreshold: "3", language: "en" }),
    303,
  );
  const id = await newProposal(members[0], teamId, { kind: "add", title: "We noemen bij elke doorverbinding een naam.", body: "", category: "colleagues" });
  expectStatus(await members[0].post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" }), 303);
  for (const voter of [members[0], members[1]]) expectStatus(await voter.post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await lead.post(proposalPath(teamId, id), { intent: "close" }), 303);
  const text = visibleText((await lead.get(proposalPath(teamId, id))).html);
  expect(text).toContain("Rejected — too few members voted to reach the quorum.");
  expect(text).toContain("Voted: 2 of 3 members (66%). Quorum of 67%: not reached (3 votes were needed).");
});

test("the pages read in Dutch for a Dutch team", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 1);
  expectStatus(
    await lead.post(`/teams/${teamId}/settings`, { decisionRule: "majority", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "nl" }),
    303,
  );
  await adopt(lead, [lead, members[0]], teamId, { kind: "add", title: "We zijn altijd klantvriendelijk.", body: "", category: "customer-contact" });
  const nl = new Client(server.url, { language: "nl" });
  nl.cookies = members[0].cookies;
  const agreement = visibleText((await nl.get(`/teams/${teamId}/agreement`)).html);
  expect(agreement).toContain("Teamafspraken");
  expect(agreement).toContain("Ik heb versie 1 gelezen");
  const draft = await newProposal(nl, teamId, { kind: "add", title: "We reageren zo snel mogelijk.", body: "", category: "other" });
  expect(visibleText((await nl.get(proposalPath(teamId, draft))).html)).toContain("‘zo snel mogelijk’: dat zegt niet hoe snel.");
});

test("the team home lists the member's own drafts to put to the vote; a new hire reads the agreement before anything else", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2);
  const [a, b] = members;
  const team = `/teams/${teamId}`;
  await adopt(lead, [lead, a, b], teamId, { kind: "add", title: "We bellen een klant binnen één werkdag terug.", body: "", category: "follow-up" });
  const draft = await newProposal(a, teamId, { kind: "add", title: "We noemen bij elke doorverbinding de naam van de collega.", body: "", category: "customer-contact" });
  const todo = "Open the vote on your draft “We noemen bij elke doorverbinding de naam van de collega.” when it is ready";
  const home = await a.get(team);
  expect(visibleText(home.html)).toContain(todo);
  expect(home.html).toContain(`href="${team}/proposals/${draft}"`);
  // Not on a colleague's list: it is not theirs to open.
  expect(visibleText((await b.get(team)).html)).not.toContain("your draft");
  // Once the vote is open, the author is asked to vote like everyone else.
  expectStatus(await a.post(proposalPath(teamId, draft), { intent: "open-vote", closesAt: "" }), 303);
  const after = visibleText((await a.get(team)).html);
  expect(after).not.toContain("your draft");
  expect(after).toContain("Vote on “We noemen bij elke doorverbinding");

  // A new hire: the agreement first, then the vote on changing it.
  const newcomer = await signUp(server.url, "New Hire");
  await join(newcomer, await invite(lead, teamId));
  const first = visibleText((await newcomer.get(team)).html);
  const read = first.indexOf("Read and confirm the team agreement (version 1)");
  expect(read).toBeGreaterThan(-1);
  expect(read).toBeLessThan(first.indexOf("Vote on “We noemen bij elke doorverbinding"));
});
