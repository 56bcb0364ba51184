// Contract row /teams/:team/members: intent=set-role and intent=remove, and the
// rule that a team always keeps at least one lead.
import { describe, expect, test } from "vitest";
import { signUp, teamWithMembers, visibleText } from "../support/client";
import { userId, type TestDb } from "../support/db";
import { formError, parseForms, submitForm } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const roles = (teamId: string) =>
  Object.fromEntries(
    (db.prepare("select user_id as u, role from memberships where team_id = ?").all(teamId) as { u: string; role: string }[]).map((r) => [
      r.u,
      r.role,
    ]),
  );

const LAST_LEAD = "A team always keeps at least one lead. Make someone else lead first.";

describe("roles", () => {
  test("a lead makes a member lead and back, with the page's own buttons", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1, "Roles");
    const memberId = userId(db, members[0].email);
    const path = `/teams/${teamId}/members`;
    const page = await lead.get(path);
    // Each row's buttons say whom they are for, after the words they show.
    const buttons = parseForms(page.html).flatMap((f) => f.buttons.map((b) => b.text));
    expect(buttons).toContain("Make lead: Member 1");
    const promote = parseForms(page.html).find((f) => f.fields.some(([n, v]) => n === "userId" && v === memberId) && f.fields.some(([n, v]) => n === "intent" && v === "set-role"))!;
    expect(promote.fields).toContainEqual(["role", "lead"]);
    const res = await lead.post(path, new URLSearchParams(promote.fields));
    expect(res.status).toBe(303);
    expect(res.location).toBe(path);
    expect(roles(teamId)[memberId]).toBe("lead");
    const after = await lead.get(path);
    expect(visibleText(after.html)).toContain("Role changed.");
    expect(parseForms(after.html).flatMap((f) => f.buttons.map((b) => b.text))).toContain("Change to member: Lead Person");

    // Two leads now: either may be made member again.
    expect((await lead.post(path, { intent: "set-role", userId: memberId, role: "member" })).status).toBe(303);
    expect(roles(teamId)[memberId]).toBe("member");
    // Setting the role someone already has is harmless.
    expect((await lead.post(path, { intent: "set-role", userId: memberId, role: "member" })).status).toBe(303);
  });

  test("the last lead cannot be demoted or removed: 400 with the message, nothing changes", async () => {
    const { lead, teamId } = await teamWithMembers(server.url, 1, "Last Lead");
    const leadId = userId(db, lead.email);
    const path = `/teams/${teamId}/members`;
    const before = roles(teamId);
    // The page offers neither: it says why.
    const page = await lead.get(path);
    expect(visibleText(page.html)).toContain("The only lead: make someone else lead first to change this.");
    expect(page.html).not.toContain(`name="userId" value="${leadId}"`);
    const demote = await lead.post(path, { intent: "set-role", userId: leadId, role: "member" });
    expect(demote.status).toBe(400);
    expect(formError(demote.html)).toBe(LAST_LEAD);
    const remove = await lead.post(path, { intent: "remove", userId: leadId });
    expect(remove.status).toBe(400);
    expect(formError(remove.html)).toBe(LAST_LEAD);
    expect(roles(teamId)).toEqual(before);
  });

  test("with a second lead, a lead may step down, or leave (and then lands on the start page)", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2, "Handover");
    const path = `/teams/${teamId}/members`;
    const leadId = userId(db, lead.email);
    await lead.post(path, { intent: "set-role", userId: userId(db, members[0].email), role: "lead" });
    // With two leads, each may step down: the buttons are there for both.
    const page = await lead.get(path);
    expect(page.html).toContain(`name="userId" value="${leadId}"`);
    expect(visibleText(page.html)).not.toContain("The only lead");
    expect((await lead.post(path, { intent: "set-role", userId: leadId, role: "member" })).status).toBe(303);
    expect(roles(teamId)[leadId]).toBe("member");
    // Now a member, the old lead may no longer change roles.
    expect((await lead.post(path, { intent: "set-role", userId: leadId, role: "lead" })).status).toBe(403);

    const newLead = members[0];
    await newLead.post(path, { intent: "set-role", userId: userId(db, members[1].email), role: "lead" });
    const leave = await newLead.post(path, { intent: "remove", userId: userId(db, newLead.email) });
    expect(leave.status).toBe(303);
    expect(leave.location).toBe("/");
    expect((await newLead.get(`/teams/${teamId}`)).status).toBe(404);
  });

  test("bad values answer 400: an unknown role, intent, missing userId, or someone who is not a member", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1, "Bad Values");
    const outsider = await signUp(server.url, "Not In Team");
    const path = `/teams/${teamId}/members`;
    const memberId = userId(db, members[0].email);
    const before = roles(teamId);
    const cases: [Record<string, string>, string][] = [
      [{ intent: "set-role", userId: memberId, role: "owner" }, "Choose one of the options."],
      [{ intent: "set-role", userId: memberId, role: "" }, "Choose one of the options."],
      [{ intent: "set-role", userId: memberId }, "Choose one of the options."],
      [{ intent: "set-role", role: "lead" }, "Choose one of the options."],
      [{ intent: "promote", userId: memberId }, "Choose one of the options."],
      [{}, "Choose one of the options."],
      [{ intent: "set-role", userId: userId(db, outsider.email), role: "lead" }, "This person is not a member of the team."],
      [{ intent: "remove", userId: userId(db, outsider.email) }, "This person is not a member of the team."],
      [{ intent: "remove", userId: "no-such-user" }, "This person is not a member of the team."],
    ];
    for (const [fields, message] of cases) {
      const res = await lead.post(path, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(formError(res.html), JSON.stringify(fields)).toBe(message);
    }
    expect(roles(teamId)).toEqual(before);
  });

  test("a member gets 403 and an outsider 404 for every members action", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2, "Guarded");
    const outsider = await signUp(server.url, "Outsider");
    const path = `/teams/${teamId}/members`;
    const leadId = userId(db, lead.email);
    const otherId = userId(db, members[1].email);
    const before = roles(teamId);
    const actions: Record<string, string>[] = [
      { intent: "invite" },
      { intent: "set-role", userId: userId(db, members[0].email), role: "lead" },
      { intent: "set-role", userId: leadId, role: "member" },
      { intent: "remove", userId: otherId },
      { intent: "remove", userId: leadId },
    ];
    for (const fields of actions) {
      expect((await members[0].post(path, fields)).status, JSON.stringify(fields)).toBe(403);
      expect((await outsider.post(path, fields)).status, JSON.stringify(fields)).toBe(404);
    }
    expect(roles(teamId)).toEqual(before);
    expect(db.prepare("select count(*) as n from invites where team_id = ?").get(teamId)).toEqual({ n: 1 });
  });
});

describe("removing members", () => {
  test("a lead removes a member, who then gets 404 on the team's pages", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2, "Removal");
    const path = `/teams/${teamId}/members`;
    const page = await lead.get(path);
    expect(parseForms(page.html).flatMap((f) => f.buttons.map((b) => b.text))).toContain("Remove: Member 2");
    const goneId = userId(db, members[1].email);
    const form = parseForms(page.html).find((f) => f.fields.some(([n, v]) => n === "intent" && v === "remove") && f.fields.some(([n, v]) => n === "userId" && v === goneId))!;
    const res = await lead.post(path, new URLSearchParams(form.fields));
    expect(res.status).toBe(303);
    expect(visibleText((await lead.get(path)).html)).toContain("Member removed.");
    expect(roles(teamId)[goneId]).toBeUndefined();
    expect((await members[1].get(`/teams/${teamId}`)).status).toBe(404);
    expect((await members[1].get(path)).status).toBe(404);
    expect((await members[0].get(`/teams/${teamId}`)).status).toBe(200);
  });

  test("members see names and roles but not e-mail addresses", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1, "Privacy");
    const page = await members[0].get(`/teams/${teamId}/members`);
    const text = visibleText(page.html);
    expect(text).toContain("Lead Person");
    expect(text).toContain("Member 1");
    expect(page.html).not.toContain(lead.email);
    expect(page.html).not.toContain('name="userId"');
    expect(visibleText((await lead.get(`/teams/${teamId}/members`)).html)).toContain(members[0].email);
  });

  test("the lead's buttons work without JavaScript (real forms posting to the page)", async () => {
    const { lead, teamId } = await teamWithMembers(server.url, 1, "No JS");
    const path = `/teams/${teamId}/members`;
    const page = await lead.get(path);
    const res = await submitForm(lead, path, page, { button: "Make lead: Member 1" });
    expect(res.status).toBe(303);
    expect(Object.values(roles(teamId))).toEqual(["lead", "lead"]);
  });
});
