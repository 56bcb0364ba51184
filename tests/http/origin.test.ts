// CSRF: every POST whose Origin is not the app's own is refused with 403 before
// any route code runs. This test finds every route module that exports an action
// (today's and any added later), turns its file name into a URL with real ids, and
// proves the refusal — so a route that somehow escapes the check fails CI.
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client, createTeam, invite, signUp, teamWithMembers, visibleText } from "../support/client";
import { openDb, userId, type TestDb } from "../support/db";
import { exportsAction, fillParams, paramsOf, routeModules, urlPattern } from "../support/routes";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let db: TestDb;
let lead: Awaited<ReturnType<typeof signUp>>;
let teamId: string;
let params: Record<string, string>;

beforeAll(async () => {
  server = await startServer();
  db = openDb(server.dbPath);
  const team = await teamWithMembers(server.url, 1, "Origin Team");
  lead = team.lead;
  teamId = team.teamId;
  const leadId = userId(db, lead.email);
  const memberId = userId(db, team.members[0].email);
  const now = Date.now();
  // The foundation has no forms for norms, proposals or cycles yet; real rows of
  // this team make their future URLs point at things that exist.
  db.prepare("insert into norms (team_id, number, code, status, current_version, created_at) values (?, 1, 'N-1', 'active', 1, ?)").run(teamId, now);
  const proposalId = db
    .prepare("insert into proposals (team_id, author_id, kind, title, body, category, status, created_at, updated_at) values (?, ?, 'add', 'T', 'B', 'other', 'draft', ?, ?)")
    .run(teamId, leadId, now, now).lastInsertRowid;
  const cycleId = db
    .prepare("insert into checkin_cycles (team_id, title, status, opened_by, opened_at, closes_at, peers_per_member, seed) values (?, 'C', 'open', ?, ?, ?, 3, 1)")
    .run(teamId, leadId, now, now + 86_400_000).lastInsertRowid;
  params = {
    team: teamId,
    token: team.joinPath.split("/")[2],
    id: String(proposalId),
    cycle: String(cycleId),
    userId: memberId,
    code: "N-1",
    "*": "anything/here",
  };
});
afterAll(async () => {
  db?.close();
  await server?.stop();
});

/** Every route with an action, as a concrete URL. Fails on a param this file does not know. */
function actionUrls() {
  const unknown: string[] = [];
  const urls: { id: string; url: string }[] = [];
  for (const route of routeModules()) {
    if (!exportsAction(route.source)) continue;
    const pattern = urlPattern(route.id);
    const missing = paramsOf(pattern).filter((p) => !(p in params));
    if (missing.length) {
      unknown.push(`${route.id}: ${missing.map((m) => `:${m}`).join(", ")}`);
      continue;
    }
    urls.push({ id: route.id, url: fillParams(pattern, params) });
  }
  // A new kind of id: add a real one to `params` above, so its route is covered too.
  expect(unknown, "route params without a value in origin.test.ts").toEqual([]);
  return urls;
}

/** What a foreign POST must not change. */
function snapshot() {
  const one = (sql: string) => db.prepare(sql).get();
  return {
    users: one("select count(*) as n from users"),
    sessions: one("select count(*) as n from sessions"),
    teams: one("select count(*) as n from teams"),
    memberships: one("select group_concat(user_id || ':' || role) as v from (select * from memberships order by team_id, user_id)"),
    invites: one("select count(*) as n, count(revoked_at) as revoked from invites"),
    settings: one(`select name, decision_rule, quorum_percent, vote_days, anonymity_threshold, language from teams where id = '${teamId}'`),
    userLanguages: one("select group_concat(coalesce(language, '-')) as v from users"),
    audit: one("select count(*) as n from audit_log"),
    loginAttempts: one("select count(*) as n from login_attempts"),
  };
}

/** Fields that would make each action do something if it ran. */
function fieldsFor(id: string): Record<string, string> {
  return {
    intent: id.endsWith("members") ? "invite" : "close",
    name: "Hijacked",
    email: "victim@example.org",
    password: "correct horse battery",
    language: "nl",
    decisionRule: "consent",
    quorumPercent: "1",
    voteDays: "1",
    anonymityThreshold: "9",
    body: "hijacked",
    title: "hijacked",
  };
}

test("the scan finds the foundation's actions (so the test below covers something)", () => {
  const ids = actionUrls().map((r) => r.id);
  for (const id of ["signup", "login", "logout", "account", "language", "teams.new", "teams.$team.members", "teams.$team.settings", "join.$token"]) {
    expect(ids).toContain(id);
  }
});

test("every action refuses a POST from another site's Origin, from Origin: null, from a cross-site fetch and from another site's Referer, with 403 and changes nothing", async () => {
  const before = snapshot();
  const routes = actionUrls();
  for (const { id, url } of routes) {
    for (const headers of [
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { Origin: server.url.replace("127.0.0.1", "localhost") },
      { Origin: `${server.url}.evil.example` },
      { "Sec-Fetch-Site": "cross-site" },
      // An old client sends no Origin, but says where the form was.
      { Referer: "https://evil.example/attack.html" },
      { Referer: "not a url" },
    ] as Record<string, string>[]) {
      const label = `${id} ${url} ${JSON.stringify(headers)}`;
      // request(), unlike post(), adds no Origin of its own.
      const res = await lead.request(url, {
        method: "POST",
        body: new URLSearchParams(fieldsFor(id)),
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      });
      expect(res.status, label).toBe(403);
      const text = visibleText(res.html);
      expect(text, label).toContain("This form was sent from another site, so it was refused.");
      expect(text, label).toContain("Dit formulier is vanaf een andere site verstuurd en daarom geweigerd.");
    }
  }
  // The refusal page, answered before Remix, has the same headers as every page: no
  // script may run in it and no cache may keep it.
  const refused = await lead.post(`/teams/${teamId}/members`, { intent: "invite" }, { Origin: "https://evil.example" });
  expect(refused.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'self';/);
  expect(refused.headers.get("cache-control")).toBe("private, no-store");
  expect(refused.headers.get("x-frame-options")).toBe("DENY");
  // Remix's data requests (client-side navigation) go through the same check.
  const dataUrl = `/teams/${teamId}/members.data`;
  expect((await lead.post(dataUrl, { intent: "invite" }, { Origin: "https://evil.example" })).status).toBe(403);
  expect(snapshot()).toEqual(before);
  // Still signed in: the foreign POST /logout did not end the session.
  expect((await lead.get("/teams/new")).status).toBe(200);
});

test("every action refuses PUT, PATCH, DELETE and OPTIONS from our own origin with 405, and changes nothing", async () => {
  const before = snapshot();
  for (const { id, url } of actionUrls()) {
    for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const label = `${method} ${id} ${url}`;
      const res = await lead.request(url, {
        method,
        body: new URLSearchParams(fieldsFor(id)),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      });
      expect(res.status, label).toBe(405);
      expect(res.headers.get("allow"), label).toBe("GET, HEAD, POST");
      const text = visibleText(res.html);
      expect(text, label).toContain("This address only answers to opening a page and sending a form.");
      expect(text, label).toContain("Dit adres opent alleen pagina's en ontvangt alleen formulieren.");
    }
  }
  expect(snapshot()).toEqual(before);
  expect((await lead.get("/teams/new")).status).toBe(200);
});

test("a same-origin POST works, and so does a script's POST without any Origin", async () => {
  const res = await lead.post("/teams/new", { name: "Same Origin", description: "" });
  expect(res.status).toBe(303);
  expect(res.location).toMatch(/^\/teams\/[a-z0-9]+$/);
  const members = `/teams/${teamId}/members`;
  const invitesBefore = (db.prepare("select count(*) as n from invites where team_id = ?").get(teamId) as { n: number }).n;
  const scripted = await lead.request(members, {
    method: "POST",
    body: new URLSearchParams({ intent: "invite" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(scripted.status).toBe(303);
  expect(db.prepare("select count(*) as n from invites where team_id = ?").get(teamId)).toEqual({ n: invitesBefore + 1 });
  // A same-site fetch without Origin is fine too.
  const sameSite = await lead.request(members, {
    method: "POST",
    body: new URLSearchParams({ intent: "invite" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
  });
  expect(sameSite.status).toBe(303);
  // So is a client without Origin whose Referer is one of our pages.
  const ownReferer = await lead.request(members, {
    method: "POST",
    body: new URLSearchParams({ intent: "invite" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Referer: `${server.url}${members}` },
  });
  expect(ownReferer.status).toBe(303);
});

test("a foreign-Origin sign-up or team creation leaves no trace", async () => {
  const visitor = new Client(server.url);
  const teams = db.prepare("select count(*) as n from teams").get();
  const users = db.prepare("select count(*) as n from users").get();
  const signup = await visitor.post("/signup", { email: "csrf@example.org", name: "CSRF", password: "correct horse battery" }, { Origin: "https://evil.example" });
  expect(signup.status).toBe(403);
  expect(signup.headers.getSetCookie()).toEqual([]);
  const victim = await signUp(server.url, "Victim");
  const created = await victim.post("/teams/new", { name: "Evil Team" }, { Origin: "https://evil.example" });
  expect(created.status).toBe(403);
  expect(db.prepare("select count(*) as n from teams").get()).toEqual(teams);
  expect(db.prepare("select count(*) as n from users").get()).toEqual({ n: (users as { n: number }).n + 1 });
  // GET stays open to links from anywhere.
  const other = await createTeam(victim, "Linked");
  const joinPath = await invite(victim, other);
  expect((await new Client(server.url).get(joinPath, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" })).status).toBe(200);
});
