// Probe: numbers written the ways Number() forgives ("1e1", "0x10", " 30 ", "30.0",
// "-0", 20 digits) and fields sent twice. Each is a 400 with a message next to the field
// (or the form's own error box), and nothing is stored; never a 500, never a surprise.
import { beforeAll, describe, expect, test } from "vitest";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import { conversationPath, openCycle, userIdByEmail } from "../support/checkins";
import type { TestDb } from "../support/db";
import { fieldError, formError, textById } from "../support/forms";
import { insertActiveNorms } from "../support/norm-fixtures";
import { newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

let lead: Client;
let member: Client & { email: string };
let teamId: string;
let cycle: number;
let conversation: string;

const forgiving = ["1e1", "0x10", " 30 ", "30.0", "+30", "99999999999999999999", "1e400", "NaN", "Infinity", "３０", "30abc"];

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 3);
  ({ lead, teamId } = team);
  member = team.members[0] as Client & { email: string };
  insertActiveNorms(server.dbPath, teamId, ["We call back within one working day.", "We name a colleague when we transfer."]);
  cycle = await openCycle(lead, teamId, { normCodes: ["N-1", "N-2"] });
  conversation = conversationPath(server.dbPath, teamId, cycle, member.email);
});

describe("numbers", () => {
  const settings = { decisionRule: "majority", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "en" };
  const stored = () => db.prepare("select quorum_percent as q, vote_days as d, anonymity_threshold as a from teams where id = ?").get(teamId);

  test("settings: only digits are a number", async () => {
    const before = stored();
    for (const field of ["quorumPercent", "voteDays", "anonymityThreshold"]) {
      for (const value of forgiving) {
        const res = await lead.post(`/teams/${teamId}/settings`, { ...settings, [field]: value });
        const label = `${field}=${JSON.stringify(value)}`;
        expect(res.status, label).toBe(400);
        expect(fieldError(res.html, "settings", field), label).toBe("Enter a whole number.");
      }
    }
    expect(stored()).toEqual(before);
    // What a number input sends is fine, leading zeros included; -0 is 0.
    expect((await lead.post(`/teams/${teamId}/settings`, { ...settings, quorumPercent: "-0", voteDays: "07" })).status).toBe(303);
    expect(stored()).toMatchObject({ q: 0, d: 7 });
    const outside = await lead.post(`/teams/${teamId}/settings`, { ...settings, quorumPercent: "-1", anonymityThreshold: "2" });
    expect(fieldError(outside.html, "settings", "quorumPercent")).toBe("Enter a number from 0 to 100.");
    expect(fieldError(outside.html, "settings", "anonymityThreshold")).toBe("Enter a number of at least 3.");
  });

  test("peers per member on a new check-in", async () => {
    const cycles = () => db.prepare("select count(*) as n from checkin_cycles where team_id = ?").get(teamId);
    const before = cycles();
    for (const value of ["0x10", "1e1", " 3 ", "3.0", "99999999999999999999"]) {
      const res = await lead.post(`/teams/${teamId}/checkins/new`, {
        title: "Numbers",
        normCodes: ["N-1"],
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        peersPerMember: value,
      });
      expect(res.status, value).toBe(400);
      expect(fieldError(res.html, "new-checkin", "peersPerMember"), value).toBe("Enter a whole number.");
    }
    expect(cycles()).toEqual(before);
  });

  test("ratings: 1 to 5 as a single digit", async () => {
    for (const value of ["0x3", " 3 ", "3.0", "-0", "1e0", "03", "99999999999999999999"]) {
      const res = await member.post(`/teams/${teamId}/checkins/${cycle}/self`, { "rating.N-1": value, "rating.N-2": "3" });
      expect(res.status, value).toBe(400);
      expect(visibleText(res.html), value).toContain("A rating is a whole number from 1 (rarely) to 5 (consistently).");
    }
  });

  test("hidden ids: action, note, invite, acknowledged version", async () => {
    expect((await lead.post(conversation, { intent: "action", text: "Practise the callback script", normCode: "", dueOn: "" })).status).toBe(303);
    expect((await lead.post(conversation, { intent: "note", body: "A note", visibility: "shared" })).status).toBe(303);
    const actionId = (db.prepare("select max(id) as id from conversation_actions").get() as { id: number }).id;
    const noteId = (db.prepare("select max(id) as id from conversation_notes").get() as { id: number }).id;
    expect((await lead.post(`/teams/${teamId}/members`, { intent: "invite" })).status).toBe(303);
    const inviteId = (db.prepare("select max(id) as id from invites where team_id = ?").get(teamId) as { id: number }).id;
    const spellings = (id: number) => [`0x${id.toString(16)}`, `${id}e0`, ` ${id} `, `${id}.0`, `0${id}`, `+${id}`, "-0", "99999999999999999999", ""];

    for (const value of spellings(actionId)) {
      const res = await lead.post(conversation, { intent: "action-done", actionId: value });
      expect(res.status, value).toBe(400);
    }
    expect(db.prepare("select done_at as d from conversation_actions where id = ?").get(actionId)).toEqual({ d: null });
    for (const value of spellings(noteId)) {
      const res = await lead.post(conversation, { intent: "edit-note", noteId: value, body: "Changed" });
      expect(res.status, value).toBe(400);
    }
    expect(db.prepare("select body from conversation_notes where id = ?").get(noteId)).toEqual({ body: "A note" });
    for (const value of spellings(inviteId)) {
      const res = await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: value });
      expect(res.status, value).toBe(400);
    }
    expect(db.prepare("select revoked_at as r from invites where id = ?").get(inviteId)).toEqual({ r: null });
    // Written plainly, each works.
    expect((await lead.post(conversation, { intent: "action-done", actionId: String(actionId) })).status).toBe(303);
    expect((await lead.post(`/teams/${teamId}/members`, { intent: "revoke-invite", inviteId: String(inviteId) })).status).toBe(303);
  });
});

describe("fields sent twice", () => {
  test("text and choice fields of conform forms: 400 with the message next to the field", async () => {
    const cases: [Client, string, string, Record<string, string | string[]>, string][] = [
      [lead, "/teams/new", "new-team", { name: ["Team A", "Team B"], description: "" }, "name"],
      [lead, `/teams/${teamId}/settings`, "settings", { decisionRule: ["majority", "consent"], quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "en" }, "decisionRule"],
      [lead, `/teams/${teamId}/settings`, "settings", { decisionRule: "majority", quorumPercent: ["50", "60"], voteDays: "7", anonymityThreshold: "3", language: "en" }, "quorumPercent"],
      [member, `/teams/${teamId}/proposals/new`, "proposal", { kind: "add", title: ["One", "Two"], body: "", category: "other" }, "title"],
      [lead, `/teams/${teamId}/checkins/new`, "new-checkin", { title: ["A", "B"], normCodes: ["N-1"], closesAt: new Date(Date.now() + 86_400_000).toISOString() }, "title"],
      [lead, conversation, "new-action", { intent: "action", text: "Do it", normCode: "", dueOn: ["2027-01-01", "2027-02-01"] }, "dueOn"],
    ];
    for (const [client, path, form, fields, field] of cases) {
      const res = await client.post(path, fields);
      expect(res.status, `${path} ${field}`).toBe(400);
      expect(fieldError(res.html, form, field), `${path} ${field}`).toBe("This field was sent more than once; send it once.");
    }
    expect(db.prepare("select count(*) as n from teams where name like 'Team _'").get()).toEqual({ n: 0 });
  });

  test("the kind of a new proposal, a hidden field, is named in the form's error box", async () => {
    const res = await member.post(`/teams/${teamId}/proposals/new`, { kind: ["add", "retire"], title: "One", body: "", category: "other" });
    expect(res.status).toBe(400);
    expect(visibleText(res.html)).toContain("This field was sent more than once; send it once.");
  });

  test("a rating sent twice", async () => {
    const res = await member.post(`/teams/${teamId}/checkins/${cycle}/self`, { "rating.N-1": ["2", "5"], "rating.N-2": "3" });
    expect(res.status).toBe(400);
    expect(textById(res.html, "self-rating-rating.N-1-error")).toBe("This field was sent more than once; send it once.");
  });

  test("hand-read forms: which member, which intent, which version is not guessed", async () => {
    const memberId = userIdByEmail(server.dbPath, member.email);
    const { id: other } = db
      .prepare("select user_id as id from memberships where team_id = ? and role = 'member' and user_id != ?")
      .get(teamId, memberId) as { id: string };
    const removal = await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: [memberId, other] });
    expect(removal.status).toBe(400);
    expect(formError(removal.html)).toBe("This field was sent more than once; send it once.");
    expect(db.prepare("select count(*) as n from memberships where team_id = ? and user_id in (?, ?)").get(teamId, memberId, other)).toEqual({ n: 2 });

    const id = await newProposal(member, teamId, { kind: "add", title: "We answer the phone by name.", body: "", category: "customer-contact" });
    const doubled = await member.post(proposalPath(teamId, id), { intent: ["withdraw", "open-vote"], closesAt: "" });
    expect(doubled.status).toBe(400);
    expect(formError(doubled.html)).toBe("Choose one of the options.");
    expect(db.prepare("select status from proposals where id = ?").get(id)).toEqual({ status: "draft" });

    const ack = await member.post(`/teams/${teamId}/agreement`, { intent: "acknowledge", version: ["1", "2"] });
    expect(ack.status).toBe(400);
    const profile = await member.post("/account", { intent: ["profile", "password"], name: "Renamed", language: "" });
    expect(profile.status).toBe(400);
    expect(formError(profile.html)).toBe("This field was sent more than once; send it once.");
    const done = await lead.post(conversation, { intent: "action-done", actionId: ["1", "1"] });
    expect(done.status).toBe(400);
    expect(formError(done.html)).toBe("This field was sent more than once; send it once.");
  });
});
