// Contract rows /teams/:team/members (intent=invite) and /join/:token.
import { describe, expect, test } from "vitest";
import { Client, createTeam, invite, logIn, signUp, uniqueEmail, visibleText } from "../support/client";
import { userId, type TestDb } from "../support/db";
import { parseForms, submitForm } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";
import { formatDate } from "~/i18n/format";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const DAY = 86_400_000;
const tokenOf = (joinPath: string) => joinPath.split("/")[2];
const memberCount = (teamId: string) =>
  (db.prepare("select count(*) as n from memberships where team_id = ?").get(teamId) as { n: number }).n;
const inviteId = (token: string) => (db.prepare("select id from invites where token = ?").get(token) as { id: number }).id;

async function leadWithTeam(name: string) {
  const lead = await signUp(server.url, `${name} Lead`);
  const teamId = await createTeam(lead, name);
  return { lead, teamId };
}

describe("creating invite links", () => {
  test("a lead creates a link, shown as <a href=\"/join/<token>\"> with a token of at least 128 random bits", async () => {
    const { lead, teamId } = await leadWithTeam("Links");
    const members = await lead.get(`/teams/${teamId}/members`);
    expect(visibleText(members.html)).toContain("No active invite links.");
    const res = await submitForm(lead, `/teams/${teamId}/members`, members, { button: "Create invite link" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/teams/${teamId}/members`);
    const page = await lead.get(`/teams/${teamId}/members`);
    expect(visibleText(page.html)).toContain("New invite link created.");
    const links = [...page.html.matchAll(/<a\b[^>]*href="(\/join\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(1);
    const token = tokenOf(links[0]);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    // The full address is shown for copying.
    expect(visibleText(page.html)).toContain(`${server.url}/join/${token}`);

    await lead.post(`/teams/${teamId}/members`, { intent: "invite" });
    const two = [...(await lead.get(`/teams/${teamId}/members`)).html.matchAll(/href="\/join\/([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(two).size).toBe(2);
  });

  test("a link is valid for 14 days", async () => {
    const { lead, teamId } = await leadWithTeam("Fourteen");
    const token = tokenOf(await invite(lead, teamId));
    const row = db.prepare("select created_at as c, expires_at as e from invites where token = ?").get(token) as { c: number; e: number };
    expect(row.e - row.c).toBe(14 * DAY);
    expect(Math.abs(row.c - Date.now())).toBeLessThan(60_000);
    // The page says until when, to the minute: the link ends at the time it was made, not at the day's end.
    expect(visibleText((await lead.get(`/teams/${teamId}/members`)).html)).toContain(`Valid until ${formatDate("en", row.e, "datetime")}`);

    // Made 13 days ago: still good.
    db.prepare("update invites set created_at = created_at - ?, expires_at = expires_at - ? where token = ?").run(13 * DAY, 13 * DAY, token);
    expect((await new Client(server.url).get(`/join/${token}`)).status).toBe(200);

    // Made 14 days and a minute ago: gone.
    db.prepare("update invites set created_at = created_at - ?, expires_at = expires_at - ? where token = ?").run(DAY + 60_000, DAY + 60_000, token);
    const expired = await new Client(server.url).get(`/join/${token}`);
    expect(expired.status).toBe(404);
    expect(visibleText(expired.html)).toContain("This invite link cannot be used");
    // Its title says so too, and it offers a way on.
    expect(expired.html).toContain("<title>This invite link cannot be used — Normwerk</title>");
    expect(expired.html).toMatch(/<a[^>]* href="\/"[^>]*>Go to the start page<\/a>/);
    expect(expired.html).not.toContain("Fourteen");
    const joiner = await signUp(server.url, "Too Late");
    expect((await joiner.post(`/join/${token}`, {})).status).toBe(404);
    expect(memberCount(teamId)).toBe(1);
    // No longer offered on the members page.
    expect((await lead.get(`/teams/${teamId}/members`)).html).not.toContain(token);
  });

  test("a revoked link cannot be used; revoking twice is harmless; another team's link id is not found", async () => {
    const { lead, teamId } = await leadWithTeam("Revoke");
    const token = tokenOf(await invite(lead, teamId));
    const page = await lead.get(`/teams/${teamId}/members`);
    const revokeForm = parseForms(page.html).find((f) => f.fields.some(([n, v]) => n === "intent" && v === "revoke-invite"))!;
    expect(revokeForm).toBeDefined();
    const revokeButton = revokeForm.buttons[0].text;
    expect(revokeButton).toMatch(/^Revoke: invite link 1, made [A-Z][a-z]{2} \d+, \d{4}/);
    const res = await submitForm(lead, `/teams/${teamId}/members`, page, { button: revokeButton });
    expect(res.status).toBe(303);
    expect(visibleText((await lead.get(`/teams/${teamId}/members`)).html)).toContain("Invite link revoked.");
    expect(db.prepare("select revoked_at is not null as revoked from invites where token = ?").get(token)).toEqual({ revoked: 1 });

    const visitorView = await new Client(server.url).get(`/join/${token}`);
    expect(visitorView.status).toBe(404);
    expect(visibleText(visitorView.html)).toContain("The link has expired or was revoked.");
    const joiner = await signUp(server.url, "Revoked Joiner");
    expect((await joiner.post(`/join/${token}`, {})).status).toBe(404);
    expect(memberCount(teamId)).toBe(1);

    expect((await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: String(inviteId(token)) })).status).toBe(303);

    const other = await leadWithTeam("Other Team");
    const otherToken = tokenOf(await invite(other.lead, other.teamId));
    const foreign = await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: String(inviteId(otherToken)) });
    expect(foreign.status).toBe(404);
    expect((await new Client(server.url).get(`/join/${otherToken}`)).status).toBe(200);
    expect((await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: "999999" })).status).toBe(404);
    expect((await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: "abc" })).status).toBe(400);
  });

  test("members see no invite links and may not create or revoke them", async () => {
    const { lead, teamId } = await leadWithTeam("No Links For Members");
    const joinPath = await invite(lead, teamId);
    const member = await signUp(server.url, "Plain Member");
    await member.post(joinPath, {});
    const page = await member.get(`/teams/${teamId}/members`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("/join/");
    expect(visibleText(page.html)).not.toContain("Create invite link");
    expect((await member.post(`/teams/${teamId}/members`, { intent: "invite" })).status).toBe(403);
    expect(
      (await member.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: String(inviteId(tokenOf(joinPath))) })).status,
    ).toBe(403);
    expect(db.prepare("select count(*) as n from invites where team_id = ? and revoked_at is null").get(teamId)).toEqual({ n: 1 });
  });
});

describe("joining", () => {
  test("signed out: the join page names the team and links to sign up and sign in with redirectTo back to it", async () => {
    const { lead, teamId } = await leadWithTeam("Klantenservice West");
    const joinPath = await invite(lead, teamId);
    const visitor = new Client(server.url);
    const page = await visitor.get(joinPath);
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain("Join Klantenservice West");
    const back = encodeURIComponent(joinPath);
    expect(page.html).toContain(`href="/signup?redirectTo=${back}"`);
    expect(page.html).toContain(`href="/login?redirectTo=${back}"`);
    // No join button for someone without an account.
    expect(parseForms(page.html).some((f) => f.buttons.some((b) => b.text === "Join the team"))).toBe(false);

    const post = await visitor.post(joinPath, {});
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/login?redirectTo=${back}`);
  });

  test("through sign-up and back: the new account lands on the join page, joins as member and lands on the team", async () => {
    const { lead, teamId } = await leadWithTeam("Welkom Team");
    const joinPath = await invite(lead, teamId);
    const visitor = new Client(server.url);
    const signupPath = `/signup?redirectTo=${encodeURIComponent(joinPath)}`;
    const signupPage = await visitor.get(signupPath);
    const created = await submitForm(visitor, signupPath, signupPage, { id: "signup" }, {
      email: uniqueEmail("joiner"),
      name: "Nieuwe Collega",
      password: "correct horse battery",
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe(joinPath);

    const page = await visitor.get(joinPath);
    expect(page.status).toBe(200);
    const joined = await submitForm(visitor, joinPath, page, { button: "Join the team" });
    expect(joined.status).toBe(303);
    expect(joined.location).toBe(`/teams/${teamId}`);
    const home = await visitor.get(`/teams/${teamId}`);
    expect(home.status).toBe(200);
    expect(visibleText(home.html)).toContain("Welcome to Welkom Team.");
    expect(visibleText(home.html)).toContain("Your role: Member");
    expect(memberCount(teamId)).toBe(2);

    // Joining twice is harmless: same answer, still one membership.
    const again = await visitor.post(joinPath, {});
    expect(again.status).toBe(303);
    expect(again.location).toBe(`/teams/${teamId}`);
    expect(memberCount(teamId)).toBe(2);
    expect(visibleText((await visitor.get(joinPath)).html)).toContain("You are already a member of this team.");
  });

  test("through sign-in and back, for someone who already has an account", async () => {
    const { lead, teamId } = await leadWithTeam("Sign In Team");
    const joinPath = await invite(lead, teamId);
    const existing = await signUp(server.url, "Existing");
    const visitor = new Client(server.url);
    const loginPath = `/login?redirectTo=${encodeURIComponent(joinPath)}`;
    const back = await submitForm(visitor, loginPath, await visitor.get(loginPath), { id: "login" }, {
      email: existing.email,
      password: existing.password,
    });
    expect(back.location).toBe(joinPath);
    expect((await visitor.post(joinPath, {})).location).toBe(`/teams/${teamId}`);
    expect(db.prepare("select role from memberships where team_id = ? and user_id = ?").get(teamId, userId(db, existing.email))).toEqual({
      role: "member",
    });
  });

  test("the lead opening their own link is told they are already a member, and posting changes nothing", async () => {
    const { lead, teamId } = await leadWithTeam("Own Link");
    const joinPath = await invite(lead, teamId);
    expect(visibleText((await lead.get(joinPath)).html)).toContain("You are already a member of this team.");
    expect((await lead.post(joinPath, {})).status).toBe(303);
    expect(db.prepare("select role from memberships where team_id = ?").all(teamId)).toEqual([{ role: "lead" }]);
  });

  test("an unknown token is 404", async () => {
    const user = await signUp(server.url, "Guesser");
    for (const token of ["nope", "a".repeat(43), "%00", "..%2F..%2Fetc"]) {
      expect((await user.get(`/join/${token}`)).status, token).toBe(404);
      expect((await user.post(`/join/${token}`, {})).status, token).toBe(404);
    }
  });

  test("a removed member cannot come back with a link made before the removal, only with a new one", async () => {
    const { lead, teamId } = await leadWithTeam("Come Back");
    const joinPath = await invite(lead, teamId);
    const member = await signUp(server.url, "Boomerang");
    await member.post(joinPath, {});
    await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: userId(db, member.email) });
    expect((await member.get(`/teams/${teamId}`)).status).toBe(404);
    const again = await logIn(server.url, member.email);
    const page = await again.get(joinPath);
    expect(visibleText(page.html)).toContain("A lead removed you from this team after this link was made");
    expect(page.html).not.toContain("Join the team</button>");
    const refused = await again.post(joinPath, {});
    expect(refused.status).toBe(403);
    // No form to check there: the title does not ask for one.
    expect(refused.html).not.toContain("Please check the form");
    expect((await again.get(`/teams/${teamId}`)).status).toBe(404);
    // Others still join with that link; a link the lead makes after the removal lets them back.
    expect((await (await signUp(server.url, "Someone Else")).post(joinPath, {})).status).toBe(303);
    const newPath = await invite(lead, teamId);
    expect((await again.post(newPath, {})).status).toBe(303);
    expect((await again.get(`/teams/${teamId}`)).status).toBe(200);
  });
});
