// Probe: text that looks empty (only white space, NUL, zero-width or direction marks)
// is "required" in every required text field; text with such characters among visible
// ones is stored exactly as typed and shown without breaking the page.
import { beforeAll, describe, expect, test } from "vitest";
import { Client, teamWithMembers, uniqueEmail, visibleText } from "../support/client";
import { conversationPath, openCycle } from "../support/checkins";
import type { TestDb } from "../support/db";
import { fieldError, fieldValue } from "../support/forms";
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
let conversation: string;
let draft: string;
let voting: string;

const blanks = ["\u0000", "\u0000\u0000\u0000", " \u200B ", "\u200E", "\u202E", "\u2066\u2069", "\uFEFF", "\u00A0\u3000", "\t\r\n", "\u3164"];

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 2);
  ({ lead, teamId } = team);
  member = team.members[0] as Client & { email: string };
  insertActiveNorms(server.dbPath, teamId, ["We call back within one working day."]);
  const cycle = await openCycle(lead, teamId, { normCodes: ["N-1"], peersPerMember: "1" });
  conversation = conversationPath(server.dbPath, teamId, cycle, member.email);
  draft = proposalPath(teamId, await newProposal(member, teamId, { kind: "add", title: "We confirm appointments by e-mail.", body: "", category: "other" }));
  voting = proposalPath(teamId, await newProposal(member, teamId, { kind: "add", title: "We answer the phone by name.", body: "", category: "other" }));
  expect((await member.post(voting, { intent: "open-vote", closesAt: "" })).status).toBe(303);
});

describe("text that looks empty is missing", () => {
  test.each(blanks.map((b) => [JSON.stringify(b), b]))("%s in every required text field: 400, 'required' next to it", async (_, blank) => {
    const cases: [Client, string, Record<string, string>, string, string, string?][] = [
      // [client, path, fields, form id, field, expected message]
      [lead, "/teams/new", { name: blank, description: "" }, "new-team", "name"],
      [lead, `/teams/${teamId}/settings`, { name: blank, description: "", decisionRule: "majority", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "en" }, "settings", "name"],
      [new Client(server.url), "/signup", { email: uniqueEmail(), name: blank, password: "correct horse battery" }, "signup", "name"],
      [member, "/account", { intent: "profile", name: blank, language: "" }, "profile", "name"],
      [member, `/teams/${teamId}/proposals/new`, { kind: "add", title: blank, body: "", category: "other" }, "proposal", "title"],
      [member, `/teams/${teamId}/proposals/new`, { kind: "retire", normCode: "N-1", body: blank }, "proposal", "body", "Give a reason for retiring this norm."],
      [member, draft, { intent: "edit", title: blank, body: "", category: "other" }, "edit", "title"],
      [member, draft, { intent: "comment", body: blank }, "comment", "body"],
      [lead, voting, { intent: "vote", choice: "object", reason: blank }, "vote", "reason", "Say why you object, so the author can do something with it."],
      [lead, `/teams/${teamId}/checkins/new`, { title: blank, normCodes: "N-1", closesAt: new Date(Date.now() + 86_400_000).toISOString(), peersPerMember: "1" }, "new-checkin", "title"],
      [lead, conversation, { intent: "note", body: blank, visibility: "shared" }, "new-note", "body"],
      [lead, conversation, { intent: "action", text: blank, normCode: "", dueOn: "" }, "new-action", "text"],
    ];
    for (const [client, path, fields, form, field, message] of cases) {
      const res = await client.post(path, fields);
      const label = `${path} ${field}`;
      expect(res.status, label).toBe(400);
      const shown = fieldError(res.html, form, field);
      if (message) expect(shown, label).toBe(message);
      else expect(shown, label).toBe("This field is required.");
    }
  });

  test("nothing was stored", () => {
    const blank = (column: string, table: string) =>
      (db.prepare(`select ${column} as v from ${table}`).all() as { v: string }[]).filter((r) => /^[\s\p{Cc}\p{Cf}\u3164]*$/u.test(r.v));
    expect(blank("name", "teams")).toEqual([]);
    expect(blank("name", "users")).toEqual([]);
    expect(blank("title", "(select title from proposals where kind != 'retire')")).toEqual([]);
    expect(blank("body", "(select body from proposals where kind = 'retire')")).toEqual([]);
    expect(blank("body", "proposal_comments")).toEqual([]);
    expect(blank("title", "checkin_cycles")).toEqual([]);
    expect(blank("body", "conversation_notes")).toEqual([]);
    expect(blank("text", "conversation_actions")).toEqual([]);
  });
});

describe("the same characters among visible text are kept as typed", () => {
  const texts = ["We call\u0000 back", "\u202Eعميل\u202C first", "👩🏽‍💻 and 🇳🇱 \u200B", "\uFEFFBOM at the start", "x\u0301\u0301\u0301 combining"];

  test.each(texts.map((t) => [JSON.stringify(t), t]))("%s: stored exactly, shown on the page without a NUL byte", async (_, text) => {
    const id = await newProposal(member, teamId, { kind: "add", title: text, body: `${text}\n\n> ${text}`, category: "other" });
    expect(db.prepare("select title, body from proposals where id = ?").get(id)).toEqual({ title: text, body: `${text}\n\n> ${text}` });
    // The client refuses any page with a NUL byte in it.
    const page = await member.get(proposalPath(teamId, id));
    expect(page.status).toBe(200);
    // NUL has no place in HTML: the served page drops it (docs/decisions/008); the rest is as typed.
    expect(fieldValue(page.html, "title")).toBe(text.replace(/\u0000/g, ""));
    expect(visibleText(page.html)).toContain(text.replace(/\u0000/g, "").trim().slice(0, 6));
  });
});
