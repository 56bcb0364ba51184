import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { signUp, teamWithMembers, visibleText } from "../support/client";
import { openDb } from "../support/sqlite";
import { adopt } from "../support/norms";
import { userIdByEmail } from "../support/checkins";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test("leads read the audit log newest first, filtered and paged; members get 403, outsiders 404", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 1, "Audit Team");
  const audit = `/teams/${teamId}/audit`;

  const first = await lead.get(audit);
  expect(first.status).toBe(200);
  const text = visibleText(first.html);
  // The join (newest) is listed before the team's creation (oldest).
  expect(text.indexOf("Member 1 Joined the team")).toBeGreaterThan(-1);
  expect(text.indexOf("Member 1 Joined the team")).toBeLessThan(text.indexOf("Created the team “Audit Team”"));
  expect(text).toContain("Lead Person");

  // 55 more invites push the log past one page of 50.
  for (let i = 0; i < 55; i++) await lead.post(`/teams/${teamId}/members`, { intent: "invite" });
  const page1 = await lead.get(audit);
  expect(page1.html.match(/<tr>/g)?.length).toBe(51); // header row + 50
  const older = /href="([^"]*before=\d+\.\d+)"/.exec(page1.html)?.[1]?.replace(/&amp;/g, "&");
  expect(older).toBeTruthy();
  const page2 = await lead.get(older!);
  expect(visibleText(page2.html)).toContain("Created the team “Audit Team”");

  // Ordered by when it happened, not by when the row was written (imported or seeded history).
  const sql = openDb(server.dbPath);
  sql
    .prepare("insert into audit_log (team_id, actor_id, kind, subject, data, at) values (?, null, 'team.settings-changed', '', '{}', ?)")
    .run(teamId, Date.now() - 365 * 86_400_000);
  sql.close();
  const last = visibleText((await lead.get(older!)).html);
  expect(last.indexOf("Created the team “Audit Team”")).toBeLessThan(last.indexOf("Changed the team settings"));

  const onlyTeam = await lead.get(`${audit}?kind=team`);
  expect(visibleText(onlyTeam.html)).toContain("Created an invite link");
  const onlyCheckins = await lead.get(`${audit}?kind=cycle`);
  expect(visibleText(onlyCheckins.html)).toContain("Nothing recorded yet.");

  expect((await members[0].get(audit)).status).toBe(403);
  const outsider = await signUp(server.url, "Outsider");
  expect((await outsider.get(audit)).status).toBe(404);
});

test("a closed vote shows how it ended and links its proposal; a role change shows from and to; versions read once", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2, "Audit Details");
  const proposalId = await adopt(lead, [lead, ...members], teamId, {
    kind: "add",
    title: "We confirm every promise to a customer in writing.",
    body: "",
    category: "customer-contact",
  });
  const m2 = userIdByEmail(server.dbPath, members[1].email);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "set-role", userId: m2, role: "lead" })).status).toBe(303);

  const page = await lead.get(`/teams/${teamId}/audit`);
  const text = visibleText(page.html);
  expect(text).toContain(`The vote on N-1 closed: adopted ( Proposal #${proposalId} )`);
  // A title a member wrote is quoted, so its full stop does not end the sentence; a code is not.
  expect(text).toContain(`Opened the vote on “We confirm every promise to a customer in writing.” ( Proposal #${proposalId} )`);
  expect(text).toContain(`Drafted a proposal: “We confirm every promise to a customer in writing.” ( Proposal #${proposalId} )`);
  expect(page.html).toContain(`href="/teams/${teamId}/proposals/${proposalId}"`);
  expect(text).toContain("Changed the role of Member 2 from member to lead");
  expect(text).toContain("Published agreement version 1");
  expect(text).not.toContain("version v1");
});

test("a settings change says what changed, from what to what, in the reader's language; the description only that it changed", async () => {
  const { lead, teamId } = await teamWithMembers(server.url, 1, "Settings Audit");
  const settings = { name: "Settings Audit West", description: "A new description nobody needs in the log.", decisionRule: "consent", quorumPercent: "67", voteDays: "10", anonymityThreshold: "4", language: "nl" };
  expect((await lead.post(`/teams/${teamId}/settings`, settings)).status).toBe(303);

  await lead.post("/language", { language: "en", redirectTo: "/" });
  const en = visibleText((await lead.get(`/teams/${teamId}/audit`)).html);
  expect(en).toContain(
    "Changed the team settings: name “Settings Audit” → “Settings Audit West”, description, language English → Dutch, decision rule majority → consent, quorum 50% → 67%, vote duration 7 → 10 days, minimum number of peer ratings 3 → 4",
  );
  expect(en).not.toContain("A new description");

  await lead.post("/language", { language: "nl", redirectTo: "/" });
  const nl = visibleText((await lead.get(`/teams/${teamId}/audit`)).html);
  expect(nl).toContain(
    "Wijzigde de teaminstellingen: naam ‘Settings Audit’ → ‘Settings Audit West’, omschrijving, taal Engels → Nederlands, besluitregel meerderheid → consent, quorum 50% → 67%, duur van een stemming 7 → 10 dagen, minimaal aantal collegabeoordelingen 3 → 4",
  );
});
