// The audit log (its page comes later): every team change of the foundation writes a row.
import { expect, test } from "vitest";
import { createTeam, invite, signUp } from "../support/client";
import { auditRows, userId, type TestDb } from "../support/db";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

test("team created, invite created/revoked, member joined/removed, role changed, settings changed: one row each, with who did it", async () => {
  const lead = await signUp(server.url, "Auditor");
  const leadId = userId(db, lead.email);
  const teamId = await createTeam(lead, "Audited Team");
  const joinPath = await invite(lead, teamId);
  const ann = await signUp(server.url, "Ann Joiner");
  const bob = await signUp(server.url, "Bob Joiner");
  await ann.post(joinPath, {});
  await bob.post(joinPath, {});
  await ann.post(joinPath, {}); // joining twice writes nothing new
  const annId = userId(db, ann.email);
  const bobId = userId(db, bob.email);
  const members = `/teams/${teamId}/members`;
  expect((await lead.post(members, { intent: "set-role", userId: annId, role: "lead" })).status).toBe(303);
  expect((await lead.post(members, { intent: "remove", userId: bobId })).status).toBe(303);
  expect(
    (await lead.post(`/teams/${teamId}/settings`, { decisionRule: "consent", quorumPercent: "50", voteDays: "7", anonymityThreshold: "5", language: "en" }))
      .status,
  ).toBe(303);
  // Saving the same values again is no change.
  expect(
    (await lead.post(`/teams/${teamId}/settings`, { decisionRule: "consent", quorumPercent: "50", voteDays: "7", anonymityThreshold: "5", language: "en" }))
      .status,
  ).toBe(303);
  const inviteId = (db.prepare("select id from invites where team_id = ?").get(teamId) as { id: number }).id;
  expect((await lead.post(members, { intent: "revoke-invite", inviteId: String(inviteId) })).status).toBe(303);

  // Refused changes write nothing.
  expect((await lead.post(members, { intent: "remove", userId: "nobody" })).status).toBe(400);
  expect((await ann.post(`/teams/${teamId}/settings`, { decisionRule: "nonsense" })).status).toBe(400);

  expect(auditRows(db, teamId)).toEqual([
    { kind: "team.created", actorId: leadId, subject: "Audited Team", data: {} },
    { kind: "invite.created", actorId: leadId, subject: "", data: {} },
    { kind: "member.joined", actorId: annId, subject: "Ann Joiner", data: {} },
    { kind: "member.joined", actorId: bobId, subject: "Bob Joiner", data: {} },
    { kind: "member.role-changed", actorId: leadId, subject: "Ann Joiner", data: { userId: annId, from: "member", to: "lead" } },
    { kind: "member.removed", actorId: leadId, subject: "Bob Joiner", data: { userId: bobId } },
    {
      kind: "team.settings-changed",
      actorId: leadId,
      subject: "",
      data: { changed: ["decisionRule", "anonymityThreshold"], from: { decisionRule: "majority", anonymityThreshold: 3 }, to: { decisionRule: "consent", anonymityThreshold: 5 } },
    },
    { kind: "invite.revoked", actorId: leadId, subject: "", data: { inviteId } },
  ]);
  // Audit rows carry the time they were written.
  const times = db.prepare("select at from audit_log where team_id = ?").all(teamId) as { at: number }[];
  for (const { at } of times) expect(Math.abs(at - Date.now())).toBeLessThan(120_000);
});
