// Check-in conversations over the real check-in flow: cycles opened through
// /checkins/new, rated through the rating forms and closed with intent=close.
import { beforeAll, describe, expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestDb } from "../support/db";
import type { TestServer } from "../support/server";
import { invite, join, signUp, teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { newProposal, proposalPath } from "../support/norms";
import { openCycle, peersToRate, ratePeer, rateSelf, userIdByEmail } from "../support/checkins";

// Distinctive names, so a name in a page cannot be a coincidence. The lead first.
const names = ["Anouk Vermeulen", "Bram Kuipers", "Chantal Dekker", "Dirk Mulder", "Esra Yilmaz"];

let server: TestServer;
let sql: TestDb;
type Person = Awaited<ReturnType<typeof signUp>>;
let lead: Person;
let alice: Person; // Bram Kuipers: a blind spot on the first norm, a hidden strength on the second
let bob: Person; // Chantal Dekker
let everyone: Person[];
let teamId: string;
let ids: string[];
let norms: { id: number; code: string }[];
let cycle1: number;
let cycle2: number;
let ratingTimes: string[];

const url = (cycle: number, member: string) => `/teams/${teamId}/checkins/${cycle}/conversations/${member}`;
const closeCycle = async (cycle: number) => {
  const res = await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" });
  if (res.status !== 303) throw new Error(`closing failed: ${res.status}`);
};

useTestServer((s, db) => {
  server = s;
  sql = db;
});

// Arranged once for the file: a closed cycle with real ratings, then an empty closed one.
beforeAll(async () => {
  const team = await teamWithNames(server.url, names, "Gesprekken");
  ({ lead, teamId, everyone } = team);
  [alice, bob] = team.members;
  ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  norms = insertActiveNorms(server.dbPath, teamId, [
    "We call customers back within one working day.",
    "We name a colleague and a time when we transfer a call.",
  ]);
  const [n1, n2] = norms.map((n) => n.code);
  cycle1 = await openCycle(lead, teamId, { title: "Check-in voorjaar", normCodes: [n1, n2] });
  for (const [i, client] of everyone.entries()) {
    // Bram rates himself high on n1 and modestly on n2; peers see it the other way round.
    const self = i === 1 ? { [n1]: 5, [n2]: 3 } : { [n1]: 3, [n2]: 3 };
    expect((await rateSelf(client, teamId, cycle1, self, { [n1]: `EXAMPLE-${i} of a call-back.` })).status).toBe(303);
    for (const rateeId of await peersToRate(client, teamId, cycle1)) {
      const observation = { [n1]: `SEEN-FOR-${ids.indexOf(rateeId)}: promised a time and called back.` };
      expect((await ratePeer(client, teamId, cycle1, rateeId, { [n1]: 2, [n2]: 4 }, observation)).status).toBe(303);
    }
  }
  await closeCycle(cycle1);
  ratingTimes = (
    sql
      .prepare("select updated_at as at from peer_ratings where cycle_id = ? union select updated_at from self_ratings where cycle_id = ?")
      .all(cycle1, cycle1) as { at: number }[]
  ).map((r) => String(r.at));
  cycle2 = await openCycle(lead, teamId, { title: "Check-in zomer", normCodes: [n1, n2] });
  await closeCycle(cycle2);
});

describe("results in the conversation", () => {
  test("the lead sees the member's blind spot, hidden strength, self example and anonymised observations", async () => {
    const page = await lead.get(url(cycle1, ids[1]));
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain("Results of Bram Kuipers in this check-in");
    expect(text).toContain("Self rating 5 Peer mean 2.0 Possible blind spot");
    expect(text).toContain("Bram Kuipers rated themselves at least a point higher than colleagues did.");
    expect(text).toContain("Self rating 3 Peer mean 4.0 Hidden strength");
    expect(text).toContain("Example from the self rating EXAMPLE-1 of a call-back.");
    expect(text).toContain("Observations from colleagues");
    expect(text.match(/SEEN-FOR-1:/g)).toHaveLength(3);
    expect(page.html).toContain(`href="/teams/${teamId}/checkins/${cycle1}/results"`);
  });

  test("a later check-in shows the member's own figures per norm over the latest check-ins; the first shows none", async () => {
    const later = visibleText((await alice.get(`/teams/${teamId}/checkins/${cycle2}/results`)).html);
    // Bram rated himself 5 on the first norm and colleagues gave 2; the second check-in had no ratings.
    expect(later).toContain("Over the latest check-ins, oldest first: self rating 5 → –; colleagues 2.0 → –.");
    expect(later).toContain("Over the latest check-ins, oldest first: self rating 3 → –; colleagues 4.0 → –.");
    // The lead reads the same in the conversation with him.
    expect(visibleText((await lead.get(url(cycle2, ids[1]))).html)).toContain("self rating 5 → –; colleagues 2.0 → –.");
    expect(visibleText((await alice.get(`/teams/${teamId}/checkins/${cycle1}/results`)).html)).not.toContain("Over the latest check-ins");
  });

  test("the member's own page shows their results and never another member's", async () => {
    for (const [viewer, own] of [
      [lead, url(cycle1, ids[1])],
      [alice, url(cycle1, ids[1])],
    ] as const) {
      const text = visibleText((await viewer.get(own)).html);
      expect(text).toContain("EXAMPLE-1 of a call-back.");
      for (const k of [0, 2, 3, 4]) {
        expect(text).not.toContain(`EXAMPLE-${k} `);
        expect(text).not.toContain(`SEEN-FOR-${k}:`);
      }
    }
    const own = visibleText((await alice.get(url(cycle1, ids[1]))).html);
    expect(own).toContain("Your results in this check-in");
    expect(own).toContain("You rated yourself at least a point higher than your colleagues did.");
  });

  test("the conversation page carries no rater's name or id, no rating time, in either language", async () => {
    // Before any note or action exists, the only people a page can name are the member and the viewer.
    for (const [viewer, v] of [
      [lead, 0],
      [alice, 1],
    ] as const) {
      for (const language of ["en", "nl"] as const) {
        await viewer.post("/language", { language, redirectTo: "/" });
        const page = await viewer.get(url(cycle1, ids[1]));
        expect(page.status).toBe(200);
        for (const [k, id] of ids.entries()) {
          if (k === 1 || k === v) continue;
          expect(page.html.includes(id), `id of ${names[k]} for ${names[v]}`).toBe(false);
          expect(page.html.includes(names[k]), `${names[k]} for ${names[v]}`).toBe(false);
        }
        for (const at of ratingTimes) expect(page.html.includes(at), `rating time ${at}`).toBe(false);
        expect(/rater|ratee/i.test(page.html)).toBe(false);
      }
      await viewer.post("/language", { language: "en", redirectTo: "/" });
    }
  });

  test("before the member has been talked to, the prompt and the note form come first", async () => {
    const html = (await alice.get(url(cycle1, ids[1]))).html;
    const text = visibleText(html);
    expect(text).toContain("Prepare your conversation");
    expect(text.indexOf("Prepare your conversation")).toBeLessThan(text.indexOf("Your results in this check-in"));
    expect(html.indexOf('id="new-note"')).toBeLessThan(html.indexOf('id="results-title"'));
    // The lead sees no prepare prompt; their note form sits under the notes.
    const leadHtml = (await lead.get(url(cycle1, ids[1]))).html;
    expect(visibleText(leadHtml)).not.toContain("Prepare your conversation");
    expect(leadHtml.indexOf('id="notes-title"')).toBeLessThan(leadHtml.indexOf('id="new-note"'));
  });

  test("an open cycle has no results yet, and says so; the cycle page links to the conversations", async () => {
    const open = await openCycle(lead, teamId, { title: "Check-in herfst", normCodes: norms.map((n) => n.code) });
    const text = visibleText((await alice.get(url(open, ids[1]))).html);
    expect(text).toContain("The results of this check-in appear when it closes on");
    expect(text).not.toContain("Self rating");

    const memberCycle = (await alice.get(`/teams/${teamId}/checkins/${open}`)).html;
    expect(memberCycle).toContain(`href="${url(open, ids[1])}"`);
    expect(visibleText(memberCycle)).toContain("My conversation");
    expect(memberCycle).not.toContain(`href="/teams/${teamId}/checkins/${open}/conversations"`);
    const leadCycle = (await lead.get(`/teams/${teamId}/checkins/${cycle1}`)).html;
    expect(leadCycle).toContain(`href="/teams/${teamId}/checkins/${cycle1}/conversations"`);

    // The results page links a lead to each member's conversation, a member to their own.
    const results = (await lead.get(`/teams/${teamId}/checkins/${cycle1}/results`)).html;
    for (const id of ids.slice(1)) expect(results).toContain(`href="${url(cycle1, id)}"`);
    const ownResults = (await alice.get(`/teams/${teamId}/checkins/${cycle1}/results`)).html;
    expect(ownResults).toContain(`href="${url(cycle1, ids[1])}"`);
  });
});

describe("conversation notes", () => {
  test("the member sees shared notes but never the private ones, on any page they can open", async () => {
    const secret = "PRIVATE-lead-only-remark-7731";
    const shared = "Shared: **great** call-backs this month";
    expect((await lead.post(url(cycle1, ids[1]), { intent: "note", body: shared, visibility: "shared" })).status).toBe(303);
    // The lead is told who will read it: the form keeps the last visibility chosen.
    expect(visibleText((await lead.get(url(cycle1, ids[1]))).html)).toContain("Shared note added: the member sees it too.");
    expect((await lead.post(url(cycle1, ids[1]), { intent: "note", body: secret, visibility: "private" })).status).toBe(303);

    const leadView = await lead.get(url(cycle1, ids[1]));
    expect(visibleText(leadView.html)).toContain("Private note added: only the team's leads see it, never the member.");
    expect(visibleText(leadView.html)).toContain(secret);
    expect(leadView.html).toContain("<strong>great</strong>");

    const own = await alice.get(url(cycle1, ids[1]));
    expect(own.status).toBe(200);
    expect(visibleText(own.html)).toContain("great call-backs this month");
    expect(own.html).not.toContain(secret);

    // Every other page the member can reach: none carries the private text.
    for (const path of [
      `/teams/${teamId}`,
      `/teams/${teamId}/checkins`,
      `/teams/${teamId}/checkins/${cycle1}`,
      `/teams/${teamId}/checkins/${cycle1}/results`,
      `/teams/${teamId}/checkins/${cycle1}/conversations`,
      url(cycle2, ids[1]),
      `/teams/${teamId}/agreement`,
      `/teams/${teamId}/agreement.md`,
      `/teams/${teamId}/norms/${norms[0].code}`,
      `/`,
    ]) {
      const page = await alice.get(path);
      expect(page.html, path).not.toContain(secret);
    }
    // Nor does the lead's audit log.
    expect((await lead.get(`/teams/${teamId}/audit`)).html).not.toContain(secret);
  });

  test("another member and an outsider get 404; a member cannot write private notes or add actions", async () => {
    expect((await bob.get(url(cycle1, ids[1]))).status).toBe(404);
    expect((await bob.post(url(cycle1, ids[1]), { intent: "note", body: "hi" })).status).toBe(404);
    const outsider = await signUp(server.url, "Outsider");
    expect((await outsider.get(url(cycle1, ids[1]))).status).toBe(404);
    expect((await alice.post(url(cycle1, ids[1]), { intent: "note", body: "mine", visibility: "private" })).status).toBe(403);
    expect((await alice.post(url(cycle1, ids[1]), { intent: "action", text: "x" })).status).toBe(403);
    expect((await lead.get(url(999999, ids[1]))).status).toBe(404);
    // A lead of another team: 404 for this team's conversation.
    const other = await signUp(server.url, "Other Lead");
    await other.post("/teams/new", { name: "Elders", description: "" });
    expect((await other.get(url(cycle1, ids[1]))).status).toBe(404);
  });

  test("an empty note is refused with 400 and a message, a long one keeps every character", async () => {
    const empty = await lead.post(url(cycle1, ids[2]), { intent: "note", body: "   ", visibility: "private" });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.html)).toContain("This field is required.");
    const long = "é".repeat(20_001);
    const tooLong = await lead.post(url(cycle1, ids[2]), { intent: "note", body: long, visibility: "shared" });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain(long);
    expect(visibleText(tooLong.html)).toContain("at most 20,000 characters");
    // A visibility no radio offers (only a script sends it) is named next to the choice, and the text stays.
    const odd = await lead.post(url(cycle1, ids[2]), { intent: "note", body: "bewaard", visibility: "public" });
    expect(odd.status).toBe(400);
    expect(odd.html).toMatch(/<fieldset aria-describedby="new-note-visibility-error">/);
    expect(odd.html).toMatch(/id="new-note-visibility-error"[^>]*>[^<]+</);
    expect(odd.html).toContain(">bewaard</textarea>");
  });

  test("the member adds a shared reply and edits it; the edit keeps a history only the author can add to", async () => {
    expect((await alice.post(url(cycle1, ids[1]), { intent: "note", body: "I want to talk about N-2" })).status).toBe(303);
    const noteId = (sql.prepare("select id from conversation_notes where body = ?").get("I want to talk about N-2") as { id: number }).id;
    expect(
      (await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "I want to talk about N-1" })).status,
    ).toBe(303);
    expect(
      (await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "I want to talk about N-1 and N-2" }))
        .status,
    ).toBe(303);
    const page = visibleText((await lead.get(url(cycle1, ids[1]))).html);
    expect(page).toContain("I want to talk about N-1 and N-2");
    expect(page).toContain("2 earlier versions");
    // Both earlier texts are kept, newest first.
    const history = page.slice(page.indexOf("2 earlier versions"));
    expect(history.indexOf("I want to talk about N-1 ")).toBeLessThan(history.indexOf("I want to talk about N-2"));
    const stored = sql.prepare("select body from conversation_note_revisions where note_id = ? order by id").all(noteId);
    expect(stored).toEqual([{ body: "I want to talk about N-2" }, { body: "I want to talk about N-1" }]);
    // The lead cannot edit the member's note; the member cannot edit the lead's private note (it does not exist for them).
    expect((await lead.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "changed" })).status).toBe(403);
    const privateId = (sql.prepare("select id from conversation_notes where visibility = 'private'").get() as { id: number }).id;
    expect((await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(privateId), body: "changed" })).status).toBe(404);
    // An edit that is too long is refused with the typed text kept.
    const long = "x".repeat(20_001);
    const refused = await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: long });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain(long);
  });

  test("a private note's earlier versions reach the leads only, also when a shared note of the same conversation has a history", async () => {
    const page = url(cycle1, ids[3]);
    expect((await lead.post(page, { intent: "note", body: "PRIVATE-FIRST draft", visibility: "private" })).status).toBe(303);
    expect((await lead.post(page, { intent: "note", body: "SHARED-FIRST draft", visibility: "shared" })).status).toBe(303);
    const idOf = (body: string) => (sql.prepare("select id from conversation_notes where body = ?").get(body) as { id: number }).id;
    const [privateId, sharedId] = [idOf("PRIVATE-FIRST draft"), idOf("SHARED-FIRST draft")];
    expect((await lead.post(page, { intent: "edit-note", noteId: String(privateId), body: "PRIVATE-NOW" })).status).toBe(303);
    expect((await lead.post(page, { intent: "edit-note", noteId: String(sharedId), body: "SHARED-NOW" })).status).toBe(303);
    const member = everyone[3];
    const own = visibleText((await member.get(page)).html);
    expect(own).toContain("SHARED-NOW");
    expect(own).toContain("1 earlier version");
    expect(own).toContain("SHARED-FIRST draft");
    const ownHtml = (await member.get(page)).html;
    expect(ownHtml).not.toContain("PRIVATE-FIRST");
    expect(ownHtml).not.toContain("PRIVATE-NOW");
    const leads = visibleText((await lead.get(page)).html);
    expect(leads).toContain("PRIVATE-FIRST draft");
    expect(leads).toContain("SHARED-FIRST draft");
    // The member's statement itself cannot return the private history (the page's second lock is
    // that it shows history only under a note it shows). The model runs against the server's file.
    process.env.DATABASE_PATH = server.dbPath;
    const { noteRevisions } = await import("~/models/conversations.server");
    const conversationId = (sql.prepare("select conversation_id as id from conversation_notes where id = ?").get(sharedId) as { id: number }).id;
    expect(noteRevisions(teamId, conversationId, false).map((r) => r.body)).toEqual(["SHARED-FIRST draft"]);
    expect(noteRevisions(teamId, conversationId, true).map((r) => r.body).sort()).toEqual(["PRIVATE-FIRST draft", "SHARED-FIRST draft"]);
  });

  test("a note's edit form opens from its link, only for its author, with the note's text in it", async () => {
    expect((await alice.post(url(cycle1, ids[1]), { intent: "note", body: "Mondays are *busy*" })).status).toBe(303);
    const noteId = (sql.prepare("select id from conversation_notes where body = ?").get("Mondays are *busy*") as { id: number }).id;
    const page = await alice.get(url(cycle1, ids[1]));
    const link = `${url(cycle1, ids[1])}?edit=${noteId}`;
    expect(page.html).toContain(`href="${link}"`);
    // Closed, the page carries no edit form and not the raw Markdown.
    expect(page.html).not.toContain(`id="edit-note-${noteId}"`);
    expect(page.html).not.toContain("Mondays are *busy*");
    const open = await alice.get(link);
    expect(open.status).toBe(200);
    expect(open.html).toMatch(new RegExp(`<form[^>]*id="edit-note-${noteId}"`));
    expect(open.html).toMatch(/<textarea[^>]*name="body"[^>]*autofocus=""[^>]*>Mondays are \*busy\*<\/textarea>/);
    // A member asking for the lead's private note by its id gets no form and no text of it.
    const privateNote = sql.prepare("select id, body from conversation_notes where visibility = 'private' and author_id = ?").get(ids[0]) as {
      id: number;
      body: string;
    };
    const probe = await alice.get(`${url(cycle1, ids[1])}?edit=${privateNote.id}`);
    expect(probe.status).toBe(200);
    expect(probe.html).not.toContain(`id="edit-note-${privateNote.id}"`);
    expect(probe.html).not.toContain(privateNote.body);
    // Someone else's note, or a note id that is no note, opens nothing and shows no raw text.
    const asLead = await lead.get(link);
    expect(asLead.html).not.toContain(`id="edit-note-${noteId}"`);
    expect(asLead.html).not.toContain("Mondays are *busy*");
    for (const junk of ["abc", "0", "999999999", "1e3"]) {
      const res = await alice.get(`${url(cycle1, ids[1])}?edit=${junk}`);
      expect(res.status).toBe(200);
      expect(res.html).not.toMatch(/id="edit-note-\d+"/);
    }
  });

  test("a note saved from another tab since its edit form was opened is not replaced unread: 409, the typed text kept", async () => {
    expect((await alice.post(url(cycle1, ids[1]), { intent: "note", body: "Tab test: first" })).status).toBe(303);
    const noteId = (sql.prepare("select id from conversation_notes where body = ?").get("Tab test: first") as { id: number }).id;
    const form = await alice.get(`${url(cycle1, ids[1])}?edit=${noteId}`);
    const savedAt = /<input type="hidden" name="savedAt" value="(\d+)"/.exec(form.html)![1];
    // Tab A saves; tab B, opened at the same time, saves later.
    expect((await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "Tab A", savedAt })).status).toBe(303);
    const late = await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "Tab B", savedAt });
    expect(late.status).toBe(409);
    expect(visibleText(late.html)).toContain("This note was saved from another tab or window after you opened it.");
    expect(late.html).toMatch(/<textarea[^>]*name="body"[^>]*>Tab B<\/textarea>/);
    expect(visibleText(late.html)).toContain("Tab A");
    expect((sql.prepare("select body from conversation_notes where id = ?").get(noteId) as { body: string }).body).toBe("Tab A");
    // Saved again from that form (it now knows the later save), it replaces it; the history keeps tab A's text.
    const again = /<input type="hidden" name="savedAt" value="(\d+)"/.exec(late.html)![1];
    expect((await alice.post(url(cycle1, ids[1]), { intent: "edit-note", noteId: String(noteId), body: "Tab B", savedAt: again })).status).toBe(303);
    expect((sql.prepare("select body from conversation_notes where id = ?").get(noteId) as { body: string }).body).toBe("Tab B");
  });
});

describe("actions", () => {
  test("invalid norm codes and dates are refused with everything typed kept", async () => {
    const res = await lead.post(url(cycle1, ids[1]), { intent: "action", text: "Bel drie klanten terug", normCode: "N-99", dueOn: "2026-02-30" });
    expect(res.status).toBe(400);
    expect(res.html).toContain("Bel drie klanten terug");
    expect(visibleText(res.html)).toContain("Choose one of the team's active norms.");
    expect(visibleText(res.html)).toContain("Enter a date such as 2026-12-31.");
  });

  test("an open action carries over to the next cycle until done, by the member", async () => {
    expect(
      (
        await lead.post(url(cycle1, ids[1]), {
          intent: "action",
          text: "Practise naming a time on transfers",
          normCode: norms[1].code,
          dueOn: "2099-01-31",
        })
      ).status,
    ).toBe(303);
    // Its day has passed by the next cycle (a form takes no day in the past).
    sql.prepare("update conversation_actions set due_on = '2020-01-31' where text = ?").run("Practise naming a time on transfers");
    const next = await alice.get(url(cycle2, ids[1]));
    const text = visibleText(next.html);
    expect(text).toContain("From earlier conversations");
    expect(text).toContain("Practise naming a time on transfers");
    // This conversation's own actions under a heading of their own.
    expect(text).toContain("Agreed in this conversation No actions agreed in this conversation yet.");
    expect(text).toContain("Overdue");
    expect(next.html).toContain(`href="/teams/${teamId}/norms/${norms[1].code}"`);

    // Lead overview counts it as open and overdue.
    const overview = await lead.get(`/teams/${teamId}/checkins/${cycle2}/conversations`);
    expect(overview.status).toBe(200);
    expect(visibleText(overview.html)).toMatch(/Bram Kuipers Not yet 1 1/);
    expect((await alice.get(`/teams/${teamId}/checkins/${cycle2}/conversations`)).status).toBe(403);

    const actionId = (sql.prepare("select id from conversation_actions where text = ?").get("Practise naming a time on transfers") as { id: number }).id;
    // Bob cannot touch Alice's action, even by id on his own conversation page.
    expect((await bob.post(url(cycle2, ids[2]), { intent: "action-done", actionId: String(actionId) })).status).toBe(404);
    // Nor can a lead from another member's page: the id must be of the member whose page it is.
    expect((await lead.post(url(cycle2, ids[2]), { intent: "action-done", actionId: String(actionId) })).status).toBe(404);
    expect((sql.prepare("select done_at from conversation_actions where id = ?").get(actionId) as { done_at: number | null }).done_at).toBeNull();
    const done = await alice.post(url(cycle2, ids[1]), { intent: "action-done", actionId: String(actionId) });
    expect(done.status).toBe(303);
    // Back at the action, on a page that may be long.
    expect(done.location).toBe(`${url(cycle2, ids[1])}#action-${actionId}`);
    // The follow-up shows where it happened: in this cycle's conversation, done, by whom.
    const after = visibleText((await alice.get(url(cycle2, ids[1]))).html);
    expect(after).toMatch(/From earlier conversations Done Practise naming a time on transfers .* done .* by Bram Kuipers/);
    expect(visibleText((await lead.get(url(cycle1, ids[1]))).html)).toMatch(/Done Practise naming a time on transfers .* by Bram Kuipers/);
    expect(visibleText((await lead.get(`/teams/${teamId}/checkins/${cycle2}/conversations`)).html)).toMatch(/Bram Kuipers Not yet 0 0/);
  });

  test("the lead marks a conversation as held; the overview shows it and the member's prompt makes way", async () => {
    expect(visibleText((await bob.get(url(cycle2, ids[2]))).html)).toContain("Prepare your conversation");
    expect((await lead.post(url(cycle2, ids[2]), { intent: "held" })).status).toBe(303);
    const page = visibleText((await lead.get(`/teams/${teamId}/checkins/${cycle2}/conversations`)).html);
    expect(page).toMatch(/Chantal Dekker Held/);
    const own = (await bob.get(url(cycle2, ids[2]))).html;
    // Who held it, by name (read with the conversation's scope).
    expect(visibleText(own)).toMatch(new RegExp(`Held on .+ by ${names[0]}\\.`));
    expect(visibleText(own)).not.toContain("Prepare your conversation");
    // The note form is still there, under the notes.
    expect(own.indexOf('id="notes-title"')).toBeLessThan(own.indexOf('id="new-note"'));
  });

  test("a norm's code in a note or a comment links to the norm, so people can point at the norm they mean", async () => {
    const [, n2] = norms;
    const linked = (code: string) => `<a href="/teams/${teamId}/norms/${code}" rel="noopener noreferrer nofollow">${code}</a>`;
    expect((await lead.post(url(cycle2, ids[4]), { intent: "note", body: `We spraken over ${n2.code}, niet over N-99.`, visibility: "shared" })).status).toBe(303);
    const page = await everyone[4].get(url(cycle2, ids[4]));
    expect(page.html).toContain(`We spraken over ${linked(n2.code)}, niet over N-99.`);
    // A comment on a proposal, and the proposal's own text.
    const id = await newProposal(everyone[1], teamId, { kind: "add", title: "We vatten elk gesprek samen.", body: `Past bij ${n2.code}.`, category: "other" });
    expect((await everyone[2].post(proposalPath(teamId, id), { intent: "comment", body: `Overlapt met ${n2.code}.` })).status).toBe(303);
    const proposal = (await lead.get(proposalPath(teamId, id))).html;
    expect(proposal).toContain(`Overlapt met ${linked(n2.code)}.`);
    expect(proposal).toContain(`Past bij ${linked(n2.code)}.`);
  });

  test("the norm page's count of open actions is a number and nothing else, counting open actions on that norm only", async () => {
    // The model runs in this process against the server's database file.
    process.env.DATABASE_PATH = server.dbPath;
    const { openActionCountForNorm } = await import("~/models/conversations.server");
    const countOpen = (normId: number) =>
      (sql.prepare("select count(*) as n from conversation_actions where team_id = ? and norm_id = ? and done_at is null").get(teamId, normId) as {
        n: number;
      }).n;
    const [n1, n2] = norms;
    const before = openActionCountForNorm(teamId, n1.id);
    expect(before).toBe(countOpen(n1.id));

    for (const member of [ids[3], ids[4]]) {
      const res = await lead.post(url(cycle2, member), { intent: "action", text: `Secret action text for ${member}`, normCode: n1.code, dueOn: "" });
      expect(res.status).toBe(303);
    }
    const counted = openActionCountForNorm(teamId, n1.id);
    expect(counted).toBe(before + 2);
    expect(typeof counted).toBe("number");
    expect(openActionCountForNorm(teamId, n2.id)).toBe(countOpen(n2.id));

    const id = (sql.prepare("select id from conversation_actions where member_id = ?").get(ids[3]) as { id: number }).id;
    expect((await everyone[3].post(url(cycle2, ids[3]), { intent: "action-done", actionId: String(id) })).status).toBe(303);
    expect(openActionCountForNorm(teamId, n1.id)).toBe(before + 1);
    // Reopened, it counts again; another team's id never counts this team's actions.
    expect((await everyone[3].post(url(cycle2, ids[3]), { intent: "action-undone", actionId: String(id) })).status).toBe(303);
    expect(openActionCountForNorm(teamId, n1.id)).toBe(before + 2);
    expect(openActionCountForNorm("another-team", n1.id)).toBe(0);
  });
});

test("a member who becomes a lead is still the member in their own conversation: no private notes about them, no actions or 'held' of their own", async () => {
  const secret = "PRIVATE-about-Chantal-4410";
  expect((await lead.post(url(cycle1, ids[2]), { intent: "note", body: secret, visibility: "private" })).status).toBe(303);
  expect((await lead.post(url(cycle1, ids[2]), { intent: "note", body: "SHARED-with-Chantal", visibility: "shared" })).status).toBe(303);
  const members = `/teams/${teamId}/members`;
  expect((await lead.post(members, { intent: "set-role", userId: ids[2], role: "lead" })).status).toBe(303);
  try {
    const own = await bob.get(url(cycle1, ids[2]));
    expect(own.status).toBe(200);
    expect(visibleText(own.html)).toContain("SHARED-with-Chantal");
    expect(own.html).not.toContain(secret);
    expect(own.html).not.toContain('value="private"');
    expect((await bob.post(url(cycle1, ids[2]), { intent: "note", body: "to myself", visibility: "private" })).status).toBe(403);
    expect((await bob.post(url(cycle1, ids[2]), { intent: "action", text: "my own action" })).status).toBe(403);
    expect((await bob.post(url(cycle1, ids[2]), { intent: "held" })).status).toBe(403);
    // As a lead, another member's conversation is theirs to hold, private notes included.
    const other = await bob.get(url(cycle1, ids[1]));
    expect(other.status).toBe(200);
    expect(other.html).toContain('value="private"');
  } finally {
    expect((await lead.post(members, { intent: "set-role", userId: ids[2], role: "member" })).status).toBe(303);
  }
});

test("the overview tells the only lead how their own conversation can be held", async () => {
  const overview = `/teams/${teamId}/checkins/${cycle1}/conversations`;
  const page = await lead.get(overview);
  expect(visibleText(page.html)).toContain("Not yet: only another lead can hold yours. Make a colleague lead first.");
  // The link's spoken name starts with the name it shows, so voice control finds it by what is seen.
  expect(page.html).toContain('aria-label="Anouk Vermeulen: open your own conversation"');
  // Her own conversation's page says so too, instead of "your lead reads it".
  const own = visibleText((await lead.get(url(cycle1, ids[0]))).html);
  expect(own).toContain("You are the team's only lead, and only another lead can hold your own conversation: until there is one, what you write here is for yourself.");
  expect(own).not.toContain("Your lead reads it before the conversation.");
  const members = `/teams/${teamId}/members`;
  expect((await lead.post(members, { intent: "set-role", userId: ids[2], role: "lead" })).status).toBe(303);
  try {
    const text = visibleText((await lead.get(overview)).html);
    expect(text).toContain("Not yet: another lead holds yours");
    expect(text).not.toContain("Make a colleague lead first");
    expect(visibleText((await lead.get(url(cycle1, ids[0]))).html)).toContain("Your lead reads it before the conversation.");
  } finally {
    expect((await lead.post(members, { intent: "set-role", userId: ids[2], role: "member" })).status).toBe(303);
  }
});

test("a lead's team home follows up the latest check-in's conversations until all are held, their own and those who left not counted", async () => {
  const home = `/teams/${teamId}`;
  // Chantal's conversation in the latest check-in was held above; the lead's own is not counted.
  let page = await lead.get(home);
  expect(visibleText(page.html)).toContain("Follow-up in the team Hold the conversations of “Check-in zomer” 1 of 4 held");
  expect(page.html).toContain(`href="${home}/checkins/${cycle2}/conversations"`);
  expect(visibleText((await alice.get(home)).html)).not.toContain("Follow-up in the team");
  // Someone who has left the team is not a conversation to hold.
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: ids[4] })).status).toBe(303);
  expect(visibleText((await lead.get(home)).html)).toContain("Hold the conversations of “Check-in zomer” 1 of 3 held");
  for (const id of [ids[1], ids[3]]) expect((await lead.post(url(cycle2, id), { intent: "held" })).status).toBe(303);
  page = await lead.get(home);
  expect(visibleText(page.html)).not.toContain("Hold the conversations");
});

test("a long action's done button is named by its text cut at a word, marked as cut", async () => {
  const text = "Practise naming a colleague and a time on every transfer, three times a week, and tell the lead how it went";
  expect((await lead.post(url(cycle2, ids[3]), { intent: "action", text, normCode: "", dueOn: "" })).status).toBe(303);
  const page = await lead.get(url(cycle2, ids[3]));
  expect(page.html).toContain('aria-label="Mark as done: Practise naming a colleague and a time on every transfer, three times a week…"');
});

test("each check-in page's title names the check-in, and the person where there is one", async () => {
  const title = async (client: typeof lead, path: string) => /<title>([^<]*)<\/title>/.exec((await client.get(path)).html)?.[1];
  const cycle = `/teams/${teamId}/checkins/${cycle1}`;
  expect(await title(lead, cycle)).toBe("Check-in voorjaar — Gesprekken — Normwerk");
  expect(await title(lead, `${cycle}/results`)).toBe("Results: Check-in voorjaar — Gesprekken — Normwerk");
  expect(await title(lead, `${cycle}/conversations`)).toBe("Conversations: Check-in voorjaar — Gesprekken — Normwerk");
  expect(await title(lead, url(cycle1, ids[1]))).toBe("Conversation with Bram Kuipers: Check-in voorjaar — Gesprekken — Normwerk");
  expect(await title(alice, url(cycle1, ids[1]))).toBe("My conversation: Check-in voorjaar — Gesprekken — Normwerk");
});

describe("following up an action that was not done", () => {
  test("the lead gives it a new date or drops it; members cannot; the record says who and when", async () => {
    const text = "Call back the three open complaints";
    expect((await lead.post(url(cycle1, ids[3]), { intent: "action", text, normCode: norms[0].code, dueOn: "2099-03-01" })).status).toBe(303);
    sql.prepare("update conversation_actions set due_on = '2020-03-01' where text = ?").run(text);
    const actionId = (sql.prepare("select id from conversation_actions where text = ?").get(text) as { id: number }).id;
    const here = url(cycle2, ids[3]);

    // The lead's link opens the follow-up form; the member sees neither.
    let page = await lead.get(here);
    expect(visibleText(page.html)).toContain("Set a new date or drop this action");
    expect(visibleText((await everyone[3].get(here)).html)).not.toContain("Set a new date or drop this action");
    page = await lead.get(`${here}?action=${actionId}`);
    // The date that passed is what needs replacing: the field starts empty.
    expect(page.html).toMatch(new RegExp(`id="action-due-${actionId}-dueOn"`));
    expect(page.html).not.toContain('value="2020-03-01"');
    expect(page.html).toContain('value="action-drop"');

    // Members: 403 for both; a date in the past: 400 with the message by the field, the form still open.
    expect((await everyone[3].post(here, { intent: "action-due", actionId: String(actionId), dueOn: "2099-04-01" })).status).toBe(403);
    expect((await everyone[3].post(here, { intent: "action-drop", actionId: String(actionId) })).status).toBe(403);
    const past = await lead.post(here, { intent: "action-due", actionId: String(actionId), dueOn: "2020-04-01" });
    expect(past.status).toBe(400);
    expect(past.html).toMatch(new RegExp(`id="action-due-${actionId}-dueOn"[^>]*aria-invalid="true"`));
    expect(past.html).toContain('value="2020-04-01"');

    // A new date: no longer overdue.
    const saved = await lead.post(here, { intent: "action-due", actionId: String(actionId), dueOn: "2099-04-01" });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${here}#action-${actionId}`);
    page = await everyone[3].get(here);
    expect(visibleText(page.html)).not.toContain("Overdue");
    expect((sql.prepare("select due_on from conversation_actions where id = ?").get(actionId) as { due_on: string }).due_on).toBe("2099-04-01");

    // Dropped: closed, shown as dropped by the lead, counted nowhere as open; the member cannot reopen it, a lead can.
    expect((await lead.post(here, { intent: "action-drop", actionId: String(actionId) })).status).toBe(303);
    page = await everyone[3].get(here);
    expect(visibleText(page.html)).toMatch(new RegExp(`Dropped ${text} .* dropped .* by ${names[0]}`));
    expect(visibleText((await lead.get(`/teams/${teamId}/audit`)).html)).toContain(`Dropped an action of ${names[3]}`);
    // The member: reopening it is a lead's call (403); "done" from an older tab is refused, not claimed (409).
    expect((await everyone[3].post(here, { intent: "action-undone", actionId: String(actionId) })).status).toBe(403);
    const stale = await everyone[3].post(here, { intent: "action-done", actionId: String(actionId) });
    expect(stale.status).toBe(409);
    expect(visibleText(stale.html)).toContain("This action was closed meanwhile");
    const again = await lead.post(here, { intent: "action-due", actionId: String(actionId), dueOn: "2099-05-01" });
    expect(again.status).toBe(409);
    expect(visibleText(again.html)).toContain("This action was closed meanwhile");
    expect((await lead.post(here, { intent: "action-undone", actionId: String(actionId) })).status).toBe(303);
    expect((sql.prepare("select done_at, closed_as from conversation_actions where id = ?").get(actionId) as object)).toEqual({ done_at: null, closed_as: null });
  });

  test("a follow-up shows in the conversation of the check-in it happened in, not in an older one", async () => {
    const text = "Shadow a colleague on two complaint calls";
    expect((await lead.post(url(cycle1, ids[2]), { intent: "action", text, normCode: "", dueOn: "" })).status).toBe(303);
    const actionId = (sql.prepare("select id from conversation_actions where text = ?").get(text) as { id: number }).id;
    // Not followed up in the second check-in; done during a third.
    const cycle3 = await openCycle(lead, teamId, { title: "Check-in winter", normCodes: norms.map((n) => n.code) });
    expect((await lead.post(url(cycle3, ids[2]), { intent: "action-done", actionId: String(actionId) })).status).toBe(303);
    expect(visibleText((await lead.get(url(cycle3, ids[2]))).html)).toMatch(new RegExp(`Done ${text} .* done .* by ${names[0]}`));
    expect(visibleText((await lead.get(url(cycle2, ids[2]))).html)).not.toContain(text);
    expect(visibleText((await lead.get(url(cycle1, ids[2]))).html)).toContain(text);
  });

  test("a note lands the writer back at it; a retired norm is marked on its actions", async () => {
    const res = await lead.post(url(cycle2, ids[2]), { intent: "note", body: "Back at the note, please", visibility: "private" });
    expect(res.status).toBe(303);
    const noteId = (sql.prepare("select id from conversation_notes where body = ?").get("Back at the note, please") as { id: number }).id;
    expect(res.location).toBe(`${url(cycle2, ids[2])}#note-${noteId}`);

    const text = "Practise the retired norm";
    expect((await lead.post(url(cycle2, ids[2]), { intent: "action", text, normCode: norms[1].code, dueOn: "" })).status).toBe(303);
    sql.prepare("update norms set status = 'retired' where id = ?").run(norms[1].id);
    try {
      expect(visibleText((await everyone[2].get(url(cycle2, ids[2]))).html)).toContain(`${norms[1].code} (retired)`);
    } finally {
      sql.prepare("update norms set status = 'active' where id = ?").run(norms[1].id);
    }
  });
});

test("a removed member's conversation stays as a record: open actions can be closed, nothing can be added, and the norm page stops counting them", async () => {
  // Esra (ids[4]) was removed from the team by the team home test above; her open action on the first norm is nobody's work now.
  expect(sql.prepare("select count(*) as n from memberships where team_id = ? and user_id = ?").get(teamId, ids[4])).toEqual({ n: 0 });
  process.env.DATABASE_PATH = server.dbPath;
  const { openActionCountForNorm } = await import("~/models/conversations.server");
  const open = sql.prepare("select count(*) as n from conversation_actions where norm_id = ? and done_at is null and member_id = ?");
  expect((open.get(norms[0].id, ids[4]) as { n: number }).n).toBeGreaterThan(0);
  const counted = (sql.prepare("select count(*) as n from conversation_actions where norm_id = ? and done_at is null and member_id <> ?").get(norms[0].id, ids[4]) as { n: number }).n;
  expect(openActionCountForNorm(teamId, norms[0].id)).toBe(counted);

  const page = visibleText((await lead.get(url(cycle2, ids[4]))).html);
  expect(page).toContain(`${names[4]} is no longer in the team.`);
  expect(page).not.toContain("Agree an action");
  for (const [fields, typed] of [
    [{ intent: "note", body: "A note nobody can read", visibility: "shared" }, "A note nobody can read"],
    [{ intent: "action", text: "An action nobody will do", normCode: "", dueOn: "" }, "An action nobody will do"],
  ] as const) {
    const res = await lead.post(url(cycle2, ids[4]), fields);
    expect(res.status).toBe(409);
    expect(visibleText(res.html)).toContain("This colleague is no longer in the team, so this was not saved.");
    // What the lead typed, given back to copy.
    expect(res.html).toContain(typed);
  }
  expect(sql.prepare("select count(*) as n from conversation_notes where body = 'A note nobody can read'").get()).toEqual({ n: 0 });
  // Not held, not planned anew; but her open work can be closed out.
  expect((await lead.post(url(cycle2, ids[4]), { intent: "held" })).status).toBe(409);
  const open4 = sql.prepare("select id from conversation_actions where member_id = ? and done_at is null").get(ids[4]) as { id: number };
  expect((await lead.post(url(cycle2, ids[4]), { intent: "action-due", actionId: String(open4.id), dueOn: "2099-01-01" })).status).toBe(409);
  expect((await lead.post(url(cycle2, ids[4]), { intent: "action-drop", actionId: String(open4.id) })).status).toBe(303);
  expect((sql.prepare("select closed_as from conversation_actions where id = ?").get(open4.id) as { closed_as: string }).closed_as).toBe("dropped");
});

test("someone removed while a check-in runs keeps that check-in's conversation readable, for the leads, with its actions", async () => {
  const cycle = await openCycle(lead, teamId, { title: "Check-in lente", normCodes: norms.map((n) => n.code) });
  const text = "Practise the follow-up call script";
  expect((await lead.post(url(cycle, ids[3]), { intent: "note", body: "Spoke about the script", visibility: "private" })).status).toBe(303);
  expect((await lead.post(url(cycle, ids[3]), { intent: "action", text, normCode: "", dueOn: "" })).status).toBe(303);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: ids[3] })).status).toBe(303);

  const page = await lead.get(url(cycle, ids[3]));
  expect(page.status).toBe(200);
  const shown = visibleText(page.html);
  expect(shown).toContain(`${names[3]} is no longer in the team.`);
  expect(shown).toContain("Spoke about the script");
  expect(shown).toContain(text);
  const overview = visibleText((await lead.get(`/teams/${teamId}/checkins/${cycle}/conversations`)).html);
  expect(overview, overview).toContain(`${names[3]} (no longer in the team)`);
  const actionId = (sql.prepare("select id from conversation_actions where text = ?").get(text) as { id: number }).id;
  expect((await lead.post(url(cycle, ids[3]), { intent: "action-done", actionId: String(actionId) })).status).toBe(303);
  // Someone who never had a conversation in it is still not found there.
  expect((await lead.get(url(cycle, "no-such-user"))).status).toBe(404);

  // Invited again and the check-in closed: holding Dirk's conversation does not count for
  // the participants' (Bram and Chantal), so the team home still asks to hold theirs.
  await join(everyone[3], await invite(lead, teamId));
  expect((await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })).status).toBe(303);
  expect((await lead.post(url(cycle, ids[3]), { intent: "held" })).status).toBe(303);
  expect(visibleText((await lead.get(`/teams/${teamId}`)).html)).toContain("Hold the conversations of “Check-in lente” 0 of 2 held");
});
