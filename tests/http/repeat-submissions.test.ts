// A form sent twice by a browser (a double click without JavaScript, a second press on
// a slow connection) creates one thing, and both answers lead to the same place
// (decision 074). A browser's form submission is a navigation: Sec-Fetch-Mode: navigate.
import { expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestDb } from "../support/db";
import type { TestServer } from "../support/server";
import { Client, signUp, teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { proposalPath } from "../support/norms";
import { userIdByEmail } from "../support/checkins";

let server: TestServer;
let sql: TestDb;
useTestServer((s, db) => {
  server = s;
  sql = db;
});

const count = (query: string, ...params: unknown[]) => (sql.prepare(`select count(*) as n from (${query})`).get(...params) as { n: number }).n;

/** Sends the same form twice at once, as a double click in a browser does, and returns both answers. */
async function twice(client: Client, path: string, fields: Record<string, string | string[]>) {
  return Promise.all([client.submitAsBrowser(path, fields), client.submitAsBrowser(path, fields)]);
}

test("a sign-up sent twice makes one account, and the second answer signs in too instead of saying the address is taken", async () => {
  const visitor = new Client(server.url);
  const fields = { email: "dubbel.aanmelden@example.org", name: "Mila Dubbel", password: "correct horse battery" };
  const [a, b] = await twice(visitor, "/signup", fields);
  expect([a.status, b.status]).toEqual([303, 303]);
  expect(b.location).toBe(a.location);
  for (const res of [a, b]) expect(res.headers.getSetCookie().some((c) => c.startsWith("normwerk_session="))).toBe(true);
  expect(count("select id from users where email = ?", fields.email)).toBe(1);
  // Anyone else, or the same name with another password, is told the address is taken.
  const other = await new Client(server.url).submitAsBrowser("/signup", { ...fields, password: "another horse battery" });
  expect(other.status).toBe(400);
  expect(other.headers.getSetCookie().some((c) => c.startsWith("normwerk_session="))).toBe(false);
  expect(visibleText(other.html)).toMatch(/An account with this e-mail address already exists|Er bestaat al een account met dit e-mailadres/);
  expect(other.html).toContain('value="Mila Dubbel"');
  const renamed = await new Client(server.url).submitAsBrowser("/signup", { ...fields, name: "Iemand Anders" });
  expect(renamed.status).toBe(400);
  // A wrong password there counts as a failed sign-in, so the sign-in limit covers this path too.
  expect(count("select at from login_attempts where email = ?", fields.email)).toBe(1);
  for (let i = 0; i < 4; i++) await new Client(server.url).submitAsBrowser("/signup", { ...fields, password: `wrong horse battery ${i}` });
  const blocked = await new Client(server.url).submitAsBrowser("/signup", fields);
  expect(blocked.status).toBe(400);
  expect(blocked.headers.getSetCookie().some((c) => c.startsWith("normwerk_session="))).toBe(false);
});

test("a team created twice by a double click is one team, and both answers lead to it", async () => {
  const lead = await signUp(server.url, "Femke Dubbel");
  const [a, b] = await twice(lead, "/teams/new", { name: "Dubbelklik", description: "Ons team" });
  expect([a.status, b.status]).toEqual([303, 303]);
  expect(b.location).toBe(a.location);
  expect(count("select id from teams where name = 'Dubbelklik'")).toBe(1);
  // A different description is a different team: nothing is merged that the lead meant twice.
  const other = await lead.submitAsBrowser("/teams/new", { name: "Dubbelklik", description: "Een tweede team" });
  expect(other.status).toBe(303);
  expect(other.location).not.toBe(a.location);
  expect(count("select id from teams where name = 'Dubbelklik'")).toBe(2);
  // The same team in another language (a team starts in its creator's language) is another team.
  const first = sql.prepare("select language from teams where id = ?").get(a.location!.split("/")[2]) as { language: string };
  sql.prepare("update users set language = ? where email = ?").run(first.language === "nl" ? "en" : "nl", lead.email);
  const english = await lead.submitAsBrowser("/teams/new", { name: "Dubbelklik", description: "Ons team" });
  expect(english.status).toBe(303);
  expect(english.location).not.toBe(a.location);
  expect(count("select id from teams where name = 'Dubbelklik'")).toBe(3);
});

test("a proposal, a comment, a cycle, a note and an action sent twice are each stored once", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Gijs Leider", "Hanna Lid", "Ivo Lid", "Jet Lid"], "Dubbel");
  const [norm, norm2] = insertActiveNorms(server.dbPath, teamId, ["We bellen klanten binnen een werkdag terug.", "We noemen een tijd."]);

  // A draft: both answers lead to the one draft.
  const draft = { kind: "add", title: "We noemen een tijd bij elke terugbelafspraak.", body: "", category: "complaints" };
  const [p1, p2] = await twice(members[0], `/teams/${teamId}/proposals/new`, draft);
  expect([p1.status, p2.status]).toEqual([303, 303]);
  expect(p2.location).toBe(p1.location);
  expect(count("select id from proposals where team_id = ? and title = ?", teamId, draft.title)).toBe(1);
  // Another author with the same words makes their own draft.
  expect((await members[1].submitAsBrowser(`/teams/${teamId}/proposals/new`, draft)).status).toBe(303);
  expect(count("select id from proposals where team_id = ? and title = ?", teamId, draft.title)).toBe(2);

  // A comment: one, shown once.
  const proposalId = Number(new URL(p1.location!, server.url).pathname.split("/").pop());
  const here = proposalPath(teamId, proposalId);
  const comment = { intent: "comment", body: "Goed idee, maar welke tijd noemen we?" };
  const [c1, c2] = await twice(members[2], here, comment);
  expect([c1.status, c2.status]).toEqual([303, 303]);
  expect(count("select id from proposal_comments where proposal_id = ?", proposalId)).toBe(1);
  expect(visibleText((await members[2].get(here)).html).split(comment.body).length - 1).toBe(1);

  // A check-in cycle: one cycle to fill in, not two.
  const cycleForm = { title: "Check-in dubbel", normCodes: [norm.code], closesAt: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T17:00`, peersPerMember: "2" };
  const [o1, o2] = await twice(lead, `/teams/${teamId}/checkins/new`, cycleForm);
  expect([o1.status, o2.status]).toEqual([303, 303]);
  expect(o2.location).toBe(o1.location);
  expect(count("select id from checkin_cycles where team_id = ?", teamId)).toBe(1);
  const cycleId = Number(/\/checkins\/(\d+)$/.exec(o1.location!)![1]);
  // The same title and dates with other norms is another cycle.
  const other = await lead.submitAsBrowser(`/teams/${teamId}/checkins/new`, { ...cycleForm, normCodes: [norm.code, norm2.code] });
  expect(other.status).toBe(303);
  expect(other.location).not.toBe(o1.location);
  expect(count("select id from checkin_cycles where team_id = ?", teamId)).toBe(2);

  // A note and an action in a member's conversation.
  const memberId = userIdByEmail(server.dbPath, members[0].email);
  const conversation = `/teams/${teamId}/checkins/${cycleId}/conversations/${memberId}`;
  const note = { intent: "note", body: "We spraken over terugbellen.", visibility: "shared" };
  const [n1, n2] = await twice(lead, conversation, note);
  expect([n1.status, n2.status]).toEqual([303, 303]);
  expect(count("select id from conversation_notes where body = ?", note.body)).toBe(1);
  const action = { intent: "action", text: "Drie klanten terugbellen", normCode: norm.code, dueOn: "2030-06-01" };
  const [a1, a2] = await twice(lead, conversation, action);
  expect([a1.status, a2.status]).toEqual([303, 303]);
  expect(count("select id from conversation_actions where text = ?", action.text)).toBe(1);
  expect(count("select id from audit_log where team_id = ? and kind = 'conversation.action-created'", teamId)).toBe(1);
  // The same words as a private note, or the action with another date, are new things.
  expect((await lead.submitAsBrowser(conversation, { ...note, visibility: "private" })).status).toBe(303);
  expect(count("select id from conversation_notes where body = ?", note.body)).toBe(2);
  expect((await lead.submitAsBrowser(conversation, { ...action, dueOn: "2030-06-08" })).status).toBe(303);
  expect(count("select id from conversation_actions where text = ?", action.text)).toBe(2);
});

test("a script's POST is taken as meant: every create form sent twice without a browser's navigation makes two", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Nina Leider", "Otto Lid", "Pim Lid", "Roos Lid"], "Script");
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We sluiten elk gesprek af met een samenvatting."]);
  const pair = (client: Client, path: string, fields: Record<string, string | string[]>) =>
    Promise.all([client.post(path, fields), client.post(path, fields)]);

  const team = { name: "Scriptteam", description: "" };
  expect((await pair(lead, "/teams/new", team)).map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from teams where name = ?", team.name)).toBe(2);

  const draft = { kind: "add", title: "We vatten elk gesprek samen.", body: "", category: "other" };
  const drafts = await pair(members[0], `/teams/${teamId}/proposals/new`, draft);
  expect(drafts.map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from proposals where title = ?", draft.title)).toBe(2);

  const here = new URL(drafts[0].location!, server.url).pathname;
  const comment = { intent: "comment", body: "Twee keer bedoeld." };
  expect((await pair(members[1], here, comment)).map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from proposal_comments where body = ?", comment.body)).toBe(2);

  const cycleForm = { title: "Scriptcyclus", normCodes: [norm.code], closesAt: `${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}T17:00`, peersPerMember: "2" };
  const cycles = await pair(lead, `/teams/${teamId}/checkins/new`, cycleForm);
  expect(cycles.map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from checkin_cycles where title = ?", cycleForm.title)).toBe(2);

  const cycleId = Number(/\/checkins\/(\d+)$/.exec(cycles[0].location!)![1]);
  const conversation = `/teams/${teamId}/checkins/${cycleId}/conversations/${userIdByEmail(server.dbPath, members[0].email)}`;
  const note = { intent: "note", body: "Scriptnotitie.", visibility: "shared" };
  expect((await pair(lead, conversation, note)).map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from conversation_notes where body = ?", note.body)).toBe(2);
  const action = { intent: "action", text: "Scriptactie", normCode: "", dueOn: "" };
  expect((await pair(lead, conversation, action)).map((r) => r.status)).toEqual([303, 303]);
  expect(count("select id from conversation_actions where text = ?", action.text)).toBe(2);

  // A script's second sign-up with the same address is told it is taken.
  const visitor = new Client(server.url);
  const fields = { email: "script.aanmelden@example.org", name: "Script Aanmelder", password: "correct horse battery" };
  const signUps = await Promise.all([visitor.post("/signup", fields), visitor.post("/signup", fields)]);
  expect(signUps.map((r) => r.status).sort()).toEqual([303, 400]);
  expect(count("select id from users where email = ?", fields.email)).toBe(1);
});

test("the same text sent again after the repeat window is stored again", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Kees Leider", "Lies Lid"], "Later");
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bevestigen elke afspraak per e-mail."]);
  const memberId = userIdByEmail(server.dbPath, members[0].email);
  process.env.DATABASE_PATH = server.dbPath;
  const { REPEAT_WINDOW_MS, repeatWindowStart } = await import("~/domain/repeat-submission");
  const { addNote, addAction } = await import("~/models/conversations.server");
  const { createProposal, addComment } = await import("~/models/proposals.server");
  const { openCycle } = await import("~/models/checkins.server");
  const leadId = userIdByEmail(server.dbPath, lead.email);
  const t0 = Date.now();
  const later = t0 + REPEAT_WINDOW_MS + 1;
  // As a route passes them for a browser's form submission at time t.
  const at = (t: number) => [t, repeatWindowStart(t)] as const;

  const draft = { kind: "add" as const, title: "We sturen een samenvatting na elk gesprek.", body: "", category: "complaints" as const };
  const first = createProposal(teamId, memberId, draft, ...at(t0));
  expect(createProposal(teamId, memberId, draft, ...at(t0 + REPEAT_WINDOW_MS - 1))).toBe(first);
  expect(createProposal(teamId, memberId, draft, ...at(later))).not.toBe(first);
  // A change that names no category keeps the norm's ("customer-contact"); naming another is another draft.
  const change = { kind: "change" as const, normCode: norm.code, title: "We bevestigen elke afspraak.", body: "", category: undefined };
  const changed = createProposal(teamId, memberId, change, ...at(t0));
  expect(createProposal(teamId, memberId, { ...change, category: "customer-contact" as const }, ...at(t0 + 1000))).toBe(changed);
  expect(createProposal(teamId, memberId, { ...change, category: "follow-up" as const }, ...at(t0 + 1000))).not.toBe(changed);

  const actor = { id: memberId, isLead: false };
  addComment(teamId, actor, first!, "Eens.", ...at(t0));
  addComment(teamId, actor, first!, "Eens.", ...at(t0 + 1000));
  addComment(teamId, actor, first!, "Eens.", ...at(later));
  expect(count("select id from proposal_comments where proposal_id = ?", first)).toBe(2);

  const cycle = { title: "Later", normCodes: [norm.code], closesAt: t0 + 7 * 86_400_000, peersPerMember: 1 };
  const c1 = openCycle(teamId, leadId, cycle, ...at(t0));
  const c2 = openCycle(teamId, leadId, cycle, ...at(later));
  expect(c1.ok && c2.ok && c2.cycleId !== c1.cycleId).toBe(true);
  const cycleId = c1.ok ? c1.cycleId : -1;

  const n1 = addNote(teamId, cycleId, memberId, leadId, "shared", "Later nog eens.", ...at(t0));
  expect(addNote(teamId, cycleId, memberId, leadId, "shared", "Later nog eens.", ...at(t0 + 5000))).toBe(n1);
  expect(addNote(teamId, cycleId, memberId, leadId, "shared", "Later nog eens.", ...at(later))).not.toBe(n1);
  const input = { text: "Samenvatting sturen", normId: null, dueOn: null };
  const a1 = addAction(teamId, cycleId, memberId, "Lies Lid", leadId, input, ...at(t0));
  expect(addAction(teamId, cycleId, memberId, "Lies Lid", leadId, input, ...at(t0 + 5000))).toBe(a1);
  expect(addAction(teamId, cycleId, memberId, "Lies Lid", leadId, input, ...at(later))).not.toBe(a1);
});
