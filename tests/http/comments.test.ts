// A comment's author changes or removes it while the discussion is open; a lead removes
// anyone's, at any time, and the audit log says so. Nothing typed is lost on the way.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { signUp, teamWithNames, visibleText } from "../support/client";
import { expectStatus, newProposal, openDb, proposalPath, textareaValue } from "../support/norms";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const commentIds = (proposalId: number) =>
  (openDb(server.dbPath).prepare("select id from proposal_comments where proposal_id = ? order by id").all(proposalId) as { id: number }[]).map((r) => r.id);

test("the author edits their comment through a link, the thread says it was edited; others cannot", async () => {
  const { teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Abel Author", "Cora Colleague"]);
  const [author, colleague] = members;
  const outsider = await signUp(server.url, "Otto Outsider");
  const id = await newProposal(author, teamId, { kind: "add", title: "We bellen binnen één werkdag terug.", body: "", category: "follow-up" });
  const path = proposalPath(teamId, id);
  expectStatus(await author.post(path, { intent: "comment", body: "Geldt dit ook voor e-mial?" }), 303);
  const [commentId] = commentIds(id);

  // The author sees a link to change it; the colleague does not.
  let page = await author.get(path);
  expect(visibleText(page.html)).toContain("Edit or remove this comment");
  expect(page.html).toContain(`href="${path}?comment=${commentId}"`);
  expect(visibleText((await colleague.get(path)).html)).not.toContain("Edit or remove this comment");

  // The link opens a form holding the stored text.
  page = await author.get(`${path}?comment=${commentId}`);
  expect(textareaValue(page.html, `edit-comment-${commentId}-body`)).toBe("Geldt dit ook voor e-mial?");
  // The comment form's savedAt, not the draft's own edit form's.
  const savedAt = new RegExp(`name="commentId" value="${commentId}"/><input type="hidden" name="savedAt" value="(\\d+)"`).exec(page.html)?.[1] ?? "";
  expect(savedAt).not.toBe("");

  // Someone else's comment: 403 for a member, 404 for an outsider.
  expect((await colleague.post(path, { intent: "edit-comment", commentId: String(commentId), body: "gekaapt", savedAt })).status).toBe(403);
  expect((await colleague.post(path, { intent: "remove-comment", commentId: String(commentId) })).status).toBe(403);
  expect((await outsider.post(path, { intent: "edit-comment", commentId: String(commentId), body: "gekaapt", savedAt })).status).toBe(404);
  expect((await author.post(path, { intent: "edit-comment", commentId: "999999", body: "x", savedAt })).status).toBe(404);

  // Empty: 400, the form stays open with the message next to the field.
  page = await author.post(path, { intent: "edit-comment", commentId: String(commentId), body: "   ", savedAt });
  expect(page.status).toBe(400);
  expect(page.html).toMatch(new RegExp(`id="edit-comment-${commentId}-body"[^>]*aria-invalid="true"`));

  // Saved: the new text, marked as edited, for everyone.
  expectStatus(await author.post(path, { intent: "edit-comment", commentId: String(commentId), body: "Geldt dit ook voor **e-mail**?", savedAt }), 303);
  page = await colleague.get(path);
  expect(page.html).toContain("<strong>e-mail</strong>");
  expect(visibleText(page.html)).not.toContain("e-mial");
  expect(visibleText(page.html)).toMatch(/· edited \S/);

  // The same form sent again from an older tab, with other text: refused, the text kept in the form.
  page = await author.post(path, { intent: "edit-comment", commentId: String(commentId), body: "Mijn andere versie", savedAt });
  expect(page.status).toBe(409);
  expect(visibleText(page.html)).toContain("saved from another tab");
  expect(textareaValue(page.html, `edit-comment-${commentId}-body`)).toBe("Mijn andere versie");
  expect(page.html).toContain("<strong>e-mail</strong>");
});

test("the author removes their comment; its place stays without the text", async () => {
  const { teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Abel Author", "Cora Colleague"]);
  const [author, colleague] = members;
  const id = await newProposal(author, teamId, { kind: "add", title: "We mailen binnen twee uur terug.", body: "", category: "follow-up" });
  const path = proposalPath(teamId, id);
  expectStatus(await author.post(path, { intent: "comment", body: "Klantnummer 4711 van mevrouw Jansen als voorbeeld" }), 303);
  expectStatus(await colleague.post(path, { intent: "comment", body: "Goed idee" }), 303);
  const [commentId] = commentIds(id);

  // The remove button is behind the link: two steps, with or without JavaScript.
  expect((await author.get(path)).html).not.toContain('value="remove-comment"');
  expect((await author.get(`${path}?comment=${commentId}`)).html).toContain('value="remove-comment"');

  expectStatus(await author.post(path, { intent: "remove-comment", commentId: String(commentId) }), 303);
  const text = visibleText((await colleague.get(path)).html);
  expect(text).not.toContain("4711");
  expect(text).toContain("Removed by its author");
  expect(text).toContain("Goed idee");
  // Gone from the database too, and not in the audit log (it was the author's own).
  const db = openDb(server.dbPath);
  expect(db.prepare("select body from proposal_comments where id = ?").get(commentId)).toEqual({ body: "" });
  expect(db.prepare("select count(*) as n from audit_log where team_id = ? and kind = 'proposal.comment-removed'").get(teamId)).toEqual({ n: 0 });

  // Removed twice (a double click): still done. Edited after removal: refused, the text given back.
  expectStatus(await author.post(path, { intent: "remove-comment", commentId: String(commentId) }), 303);
  const page = await author.post(path, { intent: "edit-comment", commentId: String(commentId), body: "Toch nog iets", savedAt: "1" });
  expect(page.status).toBe(409);
  expect(visibleText(page.html)).toContain("removed meanwhile");
  expect(page.html).toContain("Toch nog iets");
});

test("after the vote the discussion stays as it was for its authors; a lead can still remove a comment, recorded in the audit log", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Abel Author", "Cora Colleague"]);
  const [author, colleague] = members;
  const open = await newProposal(author, teamId, { kind: "add", title: "We bevestigen elke afspraak per mail binnen een uur.", body: "", category: "follow-up" });
  const openPath = proposalPath(teamId, open);
  expectStatus(await author.post(openPath, { intent: "comment", body: "Iets kwetsends over een collega" }), 303);
  expectStatus(await author.post(openPath, { intent: "open-vote", closesAt: "" }), 303);
  expectStatus(await lead.post(openPath, { intent: "close" }), 303);
  const [commentId] = commentIds(open);

  // The author: no link any more, and a sent edit is refused with the text given back.
  let page = await author.get(openPath);
  expect(visibleText(page.html)).not.toContain("Edit or remove this comment");
  page = await author.post(openPath, { intent: "edit-comment", commentId: String(commentId), body: "Mijn nieuwe tekst", savedAt: "1" });
  expect(page.status).toBe(409);
  expect(visibleText(page.html)).toContain("The discussion has closed");
  expect(page.html).toContain("Mijn nieuwe tekst");
  expect((await author.post(openPath, { intent: "remove-comment", commentId: String(commentId) })).status).toBe(409);

  // The lead sees "Remove this comment" (no edit: the words are the author's), and removes it.
  page = await lead.get(openPath);
  expect(visibleText(page.html)).toContain("Remove this comment");
  page = await lead.get(`${openPath}?comment=${commentId}`);
  expect(page.html).not.toContain(`id="edit-comment-${commentId}-body"`);
  expectStatus(await lead.post(openPath, { intent: "remove-comment", commentId: String(commentId) }), 303);
  const text = visibleText((await colleague.get(openPath)).html);
  expect(text).not.toContain("kwetsends");
  expect(text).toContain("Removed by a lead");
  expect(visibleText((await lead.get(`/teams/${teamId}/audit`)).html)).toContain("Removed someone else's comment on the proposal");
});
