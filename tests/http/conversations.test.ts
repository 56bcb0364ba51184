import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type Database from "better-sqlite3";
import { startServer, type TestServer } from "../support/server";
import { signUp, teamWithMembers, visibleText, type Client } from "../support/client";
import { openDb } from "../support/sqlite";

let server: TestServer;
let sql: Database.Database;
let lead: Client;
let alice: Client;
let bob: Client;
let teamId: string;
let ids: { lead: string; alice: string; bob: string };
let cycle1: number;
let cycle2: number;

function userId(email: string) {
  return (sql.prepare("select id from users where email = ?").get(email) as { id: string }).id;
}

/** A closed cycle with everyone in it, as the check-in feature leaves it. */
function insertCycle(title: string, openedAt: number) {
  const info = sql
    .prepare(
      "insert into checkin_cycles (team_id, title, status, opened_at, closes_at, closed_at, peers_per_member, seed) values (?, ?, 'closed', ?, ?, ?, 3, 1)",
    )
    .run(teamId, title, openedAt, openedAt + 1000, openedAt + 1000);
  const id = Number(info.lastInsertRowid);
  for (const u of Object.values(ids)) {
    sql.prepare("insert into cycle_participants (team_id, cycle_id, user_id) values (?, ?, ?)").run(teamId, id, u);
  }
  return id;
}

function insertNorm(code: string, title: string) {
  const n = Number(code.slice(2));
  const info = sql
    .prepare("insert into norms (team_id, number, code, status, current_version, created_at) values (?, ?, ?, 'active', 1, ?)")
    .run(teamId, n, code, Date.now());
  sql
    .prepare("insert into norm_versions (team_id, norm_id, version, title, body, category, created_at) values (?, ?, 1, ?, '', 'follow-up', ?)")
    .run(teamId, Number(info.lastInsertRowid), title, Date.now());
}

const url = (cycle: number, member: string) => `/teams/${teamId}/checkins/${cycle}/conversations/${member}`;

beforeAll(async () => {
  server = await startServer();
  const team = await teamWithMembers(server.url, 2, "Gesprekken");
  ({ lead, teamId } = team);
  [alice, bob] = team.members;
  sql = openDb(server.dbPath);
  ids = { lead: userId((lead as any).email), alice: userId((alice as any).email), bob: userId((bob as any).email) };
  insertNorm("N-1", "We call customers back within one working day.");
  insertNorm("N-2", "We name a colleague and a time when we transfer a call.");
  cycle1 = insertCycle("Check-in voorjaar", Date.now() - 90 * 86_400_000);
  cycle2 = insertCycle("Check-in zomer", Date.now() - 10 * 86_400_000);
});
afterAll(async () => {
  sql?.close();
  await server?.stop();
});

describe("conversation notes", () => {
  test("the member sees shared notes but never the private ones, on any page they can open", async () => {
    const secret = "PRIVATE-lead-only-remark-7731";
    const shared = "Shared: **great** call-backs this month";
    expect((await lead.post(url(cycle1, ids.alice), { intent: "note", body: shared, visibility: "shared" })).status).toBe(303);
    expect((await lead.post(url(cycle1, ids.alice), { intent: "note", body: secret, visibility: "private" })).status).toBe(303);

    const leadView = await lead.get(url(cycle1, ids.alice));
    expect(visibleText(leadView.html)).toContain(secret);
    expect(leadView.html).toContain("<strong>great</strong>");

    const own = await alice.get(url(cycle1, ids.alice));
    expect(own.status).toBe(200);
    expect(visibleText(own.html)).toContain("great call-backs this month");
    expect(own.html).not.toContain(secret);

    // Every other page the member can reach: none carries the private text.
    for (const path of [
      `/teams/${teamId}`,
      `/teams/${teamId}/checkins`,
      `/teams/${teamId}/checkins/${cycle1}`,
      `/teams/${teamId}/checkins/${cycle1}/results`,
      `/teams/${teamId}/agreement`,
      `/teams/${teamId}/agreement.md`,
      `/teams/${teamId}/norms/N-1`,
      `/`,
    ]) {
      const page = await alice.get(path);
      expect(page.html, path).not.toContain(secret);
    }
    // Nor does the lead's audit log.
    expect((await lead.get(`/teams/${teamId}/audit`)).html).not.toContain(secret);
  });

  test("another member and an outsider get 404; a member cannot write private notes", async () => {
    expect((await bob.get(url(cycle1, ids.alice))).status).toBe(404);
    expect((await bob.post(url(cycle1, ids.alice), { intent: "note", body: "hi" })).status).toBe(404);
    const outsider = await signUp(server.url, "Outsider");
    expect((await outsider.get(url(cycle1, ids.alice))).status).toBe(404);
    expect((await alice.post(url(cycle1, ids.alice), { intent: "note", body: "mine", visibility: "private" })).status).toBe(403);
    expect((await alice.post(url(cycle1, ids.alice), { intent: "action", text: "x" })).status).toBe(403);
    expect((await lead.get(url(999999, ids.alice))).status).toBe(404);
  });

  test("an empty note is refused with 400 and a message, a long one keeps every character", async () => {
    const empty = await lead.post(url(cycle1, ids.bob), { intent: "note", body: "   ", visibility: "private" });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.html)).toContain("This field is required.");
    const long = "é".repeat(20_001);
    const tooLong = await lead.post(url(cycle1, ids.bob), { intent: "note", body: long, visibility: "shared" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain(long);
    expect(visibleText(tooLong.html)).toContain("at most 20000 characters");
  });

  test("the member adds a shared reply and edits it; the edit keeps a history", async () => {
    expect((await alice.post(url(cycle1, ids.alice), { intent: "note", body: "I want to talk about N-2" })).status).toBe(303);
    const noteId = (sql.prepare("select id from conversation_notes where body = ?").get("I want to talk about N-2") as { id: number }).id;
    expect((await alice.post(url(cycle1, ids.alice), { intent: "edit-note", noteId: String(noteId), body: "I want to talk about N-1" })).status).toBe(303);
    const page = await lead.get(url(cycle1, ids.alice));
    expect(visibleText(page.html)).toContain("I want to talk about N-1");
    expect(visibleText(page.html)).toContain("1 earlier version");
    // The lead cannot edit the member's note.
    expect((await lead.post(url(cycle1, ids.alice), { intent: "edit-note", noteId: String(noteId), body: "changed" })).status).toBe(403);
  });
});

describe("actions", () => {
  test("invalid norm codes and dates are refused with everything typed kept", async () => {
    const res = await lead.post(url(cycle1, ids.alice), { intent: "action", text: "Bel drie klanten terug", normCode: "N-99", dueOn: "2026-02-30" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Bel drie klanten terug");
    expect(visibleText(res.html)).toContain("Choose one of the team's active norms.");
    expect(visibleText(res.html)).toContain("Enter a date such as 2026-12-31.");
  });

  test("an open action carries over to the next cycle until done, by the member", async () => {
    expect(
      (await lead.post(url(cycle1, ids.alice), { intent: "action", text: "Practise naming a time on transfers", normCode: "N-2", dueOn: "2020-01-31" })).status,
    ).toBe(303);
    const next = await alice.get(url(cycle2, ids.alice));
    const text = visibleText(next.html);
    expect(text).toContain("Still open from earlier conversations");
    expect(text).toContain("Practise naming a time on transfers");
    expect(text).toContain("Overdue");
    expect(next.html).toContain(`href="/teams/${teamId}/norms/N-2"`);

    // Lead overview counts it as open and overdue.
    const overview = await lead.get(`/teams/${teamId}/checkins/${cycle2}/conversations`);
    expect(overview.status).toBe(200);
    expect((await alice.get(`/teams/${teamId}/checkins/${cycle2}/conversations`)).status).toBe(403);

    const actionId = (sql.prepare("select id from conversation_actions where text = ?").get("Practise naming a time on transfers") as { id: number }).id;
    // Bob cannot touch Alice's action, even by id on his own conversation page.
    expect((await bob.post(url(cycle2, ids.bob), { intent: "action-done", actionId: String(actionId) })).status).toBe(404);
    expect((await alice.post(url(cycle2, ids.alice), { intent: "action-done", actionId: String(actionId) })).status).toBe(303);
    const after = visibleText((await alice.get(url(cycle2, ids.alice))).html);
    expect(after).not.toContain("Still open from earlier conversations");
  });

  test("the lead marks a conversation as held; the overview shows it", async () => {
    expect((await lead.post(url(cycle2, ids.bob), { intent: "held" })).status).toBe(303);
    const page = visibleText((await lead.get(`/teams/${teamId}/checkins/${cycle2}/conversations`)).html);
    expect(page).toMatch(/Member 2 Held/);
  });
});
