// Contract rows /, /teams/new, /teams/:team, and who may open a team's pages.
import { describe, expect, test } from "vitest";
import { Client, createTeam, logIn, signUp, teamWithMembers, visibleText } from "../support/client";
import { userId, type TestDb } from "../support/db";
import { fieldError, fieldValue, submitForm, textById } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const teamPaths = (id: string) => [`/teams/${id}`, `/teams/${id}/members`, `/teams/${id}/settings`];

describe("creating a team", () => {
  test("the creator becomes its lead and lands on its home page, which says what to do next", async () => {
    const lead = await signUp(server.url, "Founder");
    const page = await lead.get("/teams/new");
    expect(page.status).toBe(200);
    const res = await submitForm(lead, "/teams/new", page, { id: "new-team" }, { name: "Klantenservice Oost", description: "Wij helpen klanten." });
    expect(res.status).toBe(303);
    const match = /^\/teams\/([a-z0-9]+)$/.exec(res.location ?? "");
    expect(match).not.toBeNull();
    const teamId = match![1];
    expect(db.prepare("select role from memberships where team_id = ? and user_id = ?").get(teamId, userId(db, lead.email))).toEqual({
      role: "lead",
    });

    const home = await lead.get(res.location!);
    expect(home.status).toBe(200);
    const text = visibleText(home.html);
    expect(text).toContain("Team created. Invite your colleagues next.");
    expect(text).toContain("Klantenservice Oost");
    expect(text).toContain("Wij helpen klanten.");
    expect(text).toContain("Your role: Lead");
    expect(text).toContain("Draft your first norm");
    expect(text).toContain("Invite your team");
    expect(home.html).toContain(`href="/teams/${teamId}/members"`);
    // The flash is shown once.
    expect(visibleText((await lead.get(res.location!)).html)).not.toContain("Team created.");
  });

  test("a member sees the first-norm hint but not the invite hint, which is a lead's job", async () => {
    const { teamId, members } = await teamWithMembers(server.url, 1, "Hints");
    const text = visibleText((await members[0].get(`/teams/${teamId}`)).html);
    expect(text).toContain("Draft your first norm");
    expect(text).not.toContain("Invite your team");
    expect(text).toContain("Your role: Member");
  });

  test("a missing or too long name answers 400 with the message and keeps what was typed", async () => {
    const lead = await signUp(server.url, "Typo");
    const before = db.prepare("select count(*) as n from teams").get();
    const blank = await lead.post("/teams/new", { name: "  ", description: "Mijn omschrijving\nmet twee regels" });
    expect(blank.status).toBe(400);
    expect(fieldError(blank.html, "new-team", "name")).toBe("This field is required.");
    expect(fieldValue(blank.html, "description")).toBe("Mijn omschrijving\nmet twee regels");
    const long = await lead.post("/teams/new", { name: "x".repeat(81), description: "" });
    expect(long.status).toBe(400);
    expect(fieldError(long.html, "new-team", "name")).toBe("This is too long: at most 80 characters.");
    expect(fieldValue(long.html, "name")).toBe("x".repeat(81));
    const longDescription = await lead.post("/teams/new", { name: "Ok", description: "d".repeat(1001) });
    expect(longDescription.status).toBe(400);
    expect(fieldError(longDescription.html, "new-team", "description")).toBe("This is too long: at most 1,000 characters.");
    expect(db.prepare("select count(*) as n from teams").get()).toEqual(before);
  });

  test("name and description are stored exactly as typed", async () => {
    const lead = await signUp(server.url, "Exact");
    const name = "  Service 🛎️ خدمة  ";
    const description = "  Regel één\r\n\r\n  **vet** <b>niet</b>  ";
    const res = await lead.post("/teams/new", { name, description });
    const teamId = res.location!.split("/")[2];
    expect(db.prepare("select name, description from teams where id = ?").get(teamId)).toEqual({ name, description });
    // Shown as text, never as markup.
    const home = await lead.get(`/teams/${teamId}`);
    expect(home.html).not.toContain("<b>niet</b>");
    expect(home.html).toContain("&lt;b&gt;niet&lt;/b&gt;");
  });
});

describe("start page and team switcher", () => {
  test("a visitor sees a short intro with the way in", async () => {
    const page = await new Client(server.url).get("/");
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain("Service norms your team actually lives by");
    expect(page.html).toContain('href="/signup"');
    expect(page.html).toContain('href="/login"');
  });

  test("a new user is told how to start", async () => {
    const user = await signUp(server.url, "Empty Handed");
    const text = visibleText((await user.get("/")).html);
    expect(text).toContain("You are not in a team yet.");
    expect((await user.get("/")).html).toContain('href="/teams/new"');
  });

  test("the start page lists my teams with my role and the member count; the switcher lists them on every page", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2, "Alpha Team");
    const second = await createTeam(lead, "Beta Team");
    const start = visibleText((await lead.get("/")).html);
    expect(start).toContain("Alpha Team");
    expect(start).toContain("Your role: lead · 3 members");
    expect(start).toContain("Your role: lead · 1 member");

    const page = await lead.get(`/teams/${second}`);
    const switcher = /<nav[^>]*aria-label="My teams"[^>]*>([\s\S]*?)<\/nav>/.exec(page.html)?.[1] ?? "";
    expect(switcher).toContain(`href="/teams/${teamId}"`);
    expect(switcher).toContain(`href="/teams/${second}"`);
    expect(switcher).toMatch(new RegExp(`href="/teams/${second}"[^>]*aria-current="true"|aria-current="true"[^>]*href="/teams/${second}"`));
    expect(visibleText(switcher)).toContain("Alpha Team");
    expect(visibleText(switcher)).toContain("Beta Team");
    expect(switcher).toContain('href="/teams/new"');

    // A member's switcher shows only the team they are in.
    const memberSwitcher = /<nav[^>]*aria-label="My teams"[^>]*>([\s\S]*?)<\/nav>/.exec((await members[0].get("/")).html)?.[1] ?? "";
    expect(memberSwitcher).toContain(`href="/teams/${teamId}"`);
    expect(memberSwitcher).not.toContain(second);
  });

  test("the team navigation shows settings only to leads", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1, "Nav");
    expect((await lead.get(`/teams/${teamId}`)).html).toContain(`href="/teams/${teamId}/settings"`);
    expect((await members[0].get(`/teams/${teamId}`)).html).not.toContain(`href="/teams/${teamId}/settings"`);
  });
});

describe("access to team URLs", () => {
  test("not signed in: every team URL answers 303 to /login?redirectTo=<that path>, and signing in leads back", async () => {
    const lead = await signUp(server.url, "Bookmark Owner");
    const teamId = await createTeam(lead, "Bookmarked");
    const visitor = new Client(server.url);
    for (const path of [...teamPaths(teamId), `/teams/${teamId}/members?sort=name`, "/teams/does-not-exist", "/teams/new", "/account"]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    for (const path of [`/teams/${teamId}/members`, `/teams/${teamId}/settings`, "/teams/new"]) {
      const res = await visitor.post(path, { intent: "invite", name: "x" });
      expect(res.status, path).toBe(303);
      expect(res.location, path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    // Through the sign-in form, back to the bookmarked page.
    const path = `/login?redirectTo=${encodeURIComponent(`/teams/${teamId}/members`)}`;
    const back = await submitForm(visitor, path, await visitor.get(path), { id: "login" }, { email: lead.email, password: lead.password });
    expect(back.location).toBe(`/teams/${teamId}/members`);
    expect((await visitor.get(back.location!)).status).toBe(200);
  });

  test("an outsider gets 404 on every team URL, GET and POST, the same as for a team that does not exist", async () => {
    const { teamId } = await teamWithMembers(server.url, 1, "Secret Team Name");
    const outsider = await signUp(server.url, "Outsider");
    for (const path of [...teamPaths(teamId), ...teamPaths("nonexistent")]) {
      const res = await outsider.get(path);
      expect(res.status, path).toBe(404);
      expect(res.html, path).not.toContain("Secret Team Name");
      expect(visibleText(res.html)).toContain("Page not found");
    }
    for (const [path, fields] of [
      [`/teams/${teamId}/members`, { intent: "invite" }],
      [`/teams/${teamId}/settings`, { decisionRule: "consent", quorumPercent: "1", voteDays: "1", anonymityThreshold: "3", language: "en" }],
    ] as const) {
      expect((await outsider.post(path, fields)).status, path).toBe(404);
    }
    expect(db.prepare("select count(*) as n from invites where team_id = ?").get(teamId)).toEqual({ n: 1 });
    expect(db.prepare("select decision_rule as r from teams where id = ?").get(teamId)).toEqual({ r: "majority" });
  });

  test("a member gets 403 on the lead-only settings page", async () => {
    const { teamId, members } = await teamWithMembers(server.url, 1, "Rules");
    const res = await members[0].get(`/teams/${teamId}/settings`);
    expect(res.status).toBe(403);
    expect(textById(res.html, "error-title")).toBe("Not allowed");
  });
});

describe("flat queries", () => {
  // The page's data comes from a fixed number of SQL statements, whatever the team size.
  test("team home, members, settings and start page run as many statements for 1 member (1 team) as for 8 (3 teams)", async () => {
    const small = await teamWithMembers(server.url, 0, "Small");
    const large = await teamWithMembers(server.url, 7, "Large");
    for (const path of ["", "/members", "/settings"]) {
      const a = await small.lead.get(`/teams/${small.teamId}${path}`);
      const b = await large.lead.get(`/teams/${large.teamId}${path}`);
      expect(a.status).toBe(200);
      const countA = Number(a.headers.get("x-statement-count"));
      expect(countA, path).toBeGreaterThan(0);
      expect(Number(b.headers.get("x-statement-count")), path).toBe(countA);
    }
    // The start page and the switcher: one team or three.
    await createTeam(large.lead, "Large 2");
    await createTeam(large.lead, "Large 3");
    const startSmall = Number((await small.lead.get("/")).headers.get("x-statement-count"));
    expect(startSmall).toBeGreaterThan(0);
    expect(Number((await large.lead.get("/")).headers.get("x-statement-count"))).toBe(startSmall);
    const member = await logIn(server.url, large.members[6].email);
    const memberHome = await member.get(`/teams/${large.teamId}/members`);
    expect(Number(memberHome.headers.get("x-statement-count"))).toBe(
      Number((await large.members[0].get(`/teams/${large.teamId}/members`)).headers.get("x-statement-count")),
    );
  });
});
