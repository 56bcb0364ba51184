// Every refusal of the proposal, agreement and norm URLs: 400 keeps what was
// typed, 403 for a member doing what only a lead or the author may, 404 for
// outsiders and for things of another team, 409 for a proposal in the wrong state.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { signUp, teamWithMembers, visibleText, type Client } from "../support/client";
import { fieldError } from "../support/forms";
import { adopt, expectStatus, inputValue, isChecked, newProposal, postProposal, proposalPath, textareaValue } from "../support/norms";

let server: TestServer;
let lead: Client;
let author: Client;
let other: Client;
let teamId: string;
let draftId: number;
let votingId: number;
let adoptedId: number;
let otherTeamId: string;
let otherTeamProposal: number;

beforeAll(async () => {
  server = await startServer();
  const team = await teamWithMembers(server.url, 2);
  ({ lead, teamId } = team);
  [author, other] = team.members;
  adoptedId = await adopt(lead, [lead, author, other], teamId, {
    kind: "add",
    title: "We noemen bij doorverbinden de naam van de collega en een tijdstip.",
    body: "",
    category: "customer-contact",
  });
  draftId = await newProposal(author, teamId, { kind: "add", title: "We bellen na elke klacht binnen twee dagen na.", body: "", category: "complaints" });
  votingId = await newProposal(author, teamId, { kind: "add", title: "We beantwoorden elke e-mail binnen 24 uur.", body: "", category: "customer-contact" });
  expectStatus(await author.post(proposalPath(teamId, votingId), { intent: "open-vote", closesAt: "" }), 303);
  const second = await teamWithMembers(server.url, 0, "Ander team");
  otherTeamId = second.teamId;
  otherTeamProposal = await newProposal(second.lead, otherTeamId, { kind: "add", title: "Iets van een ander team", body: "", category: "other" });
});
afterAll(() => server?.stop());

describe("400: invalid input, everything typed is kept", () => {
  test("a title longer than 160 characters", async () => {
    const title = "W".repeat(161);
    const page = await postProposal(author, teamId, { kind: "add", title, body: "Mijn toelichting", category: "other" });
    expect(page.status).toBe(400);
    expect(visibleText(page.html)).toContain("This is too long: at most 160 characters.");
    expect(inputValue(page.html, "proposal-title")).toBe(title);
    expect(textareaValue(page.html, "proposal-body")).toBe("Mijn toelichting");
    // Exactly 160 is fine.
    expect((await postProposal(author, teamId, { kind: "add", title: "W".repeat(160), body: "", category: "other" })).status).toBe(303);
  });

  test("a body longer than 20,000 characters", async () => {
    const body = "a".repeat(20_001);
    const page = await postProposal(author, teamId, { kind: "add", title: "We bellen terug binnen een dag.", body, category: "other" });
    expect(page.status).toBe(400);
    expect(textareaValue(page.html, "proposal-body")).toBe(body);
    expect(inputValue(page.html, "proposal-title")).toBe("We bellen terug binnen een dag.");
    expect((await postProposal(author, teamId, { kind: "add", title: "Lang", body: "a".repeat(20_000), category: "other" })).status).toBe(303);
  });

  test("missing title or category, unknown kind or category", async () => {
    for (const fields of [
      { kind: "add", title: "", body: "x", category: "other" },
      { kind: "add", title: "   ", body: "x", category: "other" },
      { kind: "add", title: "Titel", body: "x" },
      { kind: "add", title: "Titel", body: "x", category: "sales" },
      { kind: "rename", title: "Titel", body: "x", category: "other" },
      {},
    ]) {
      const page = await postProposal(author, teamId, fields as Record<string, string>);
      expect(page.status, JSON.stringify(fields)).toBe(400);
    }
    // Every wrong field says so at once: an unknown category does not hide a missing title.
    const both = await postProposal(author, teamId, { kind: "add", title: "", body: "x", category: "sales" });
    expect(fieldError(both.html, "proposal", "category")).toBe("Choose one of the options.");
    expect(fieldError(both.html, "proposal", "title")).toBe("This field is required.");
  });

  test("change and retire need an existing active norm; retire needs a reason", async () => {
    for (const fields of [
      { kind: "change", title: "Nieuwe titel", body: "" } as Record<string, string>,
      { kind: "change", normCode: "N-99", title: "Nieuwe titel", body: "" },
      { kind: "change", normCode: "n-1", title: "Nieuwe titel", body: "" },
      { kind: "retire", normCode: "N-1", body: "" },
      { kind: "retire", normCode: "N-1", body: " \n " },
      { kind: "change", normCode: "N-1", title: "", body: "" },
    ]) {
      const page = await postProposal(author, teamId, fields);
      expect(page.status, JSON.stringify(fields)).toBe(400);
    }
    const page = await postProposal(author, teamId, { kind: "change", normCode: "N-99", title: "Nieuwe titel", body: "mijn tekst" });
    expect(visibleText(page.html)).toContain("There is no active norm with the code N-99.");
    expect(inputValue(page.html, "proposal-title")).toBe("Nieuwe titel");
    // Posted to the bare URL, as the contract lets a script: a refused change comes back as
    // that change (kind and norm in the form), with the text kept, not as an "add" form.
    const change = await postProposal(author, teamId, { kind: "change", normCode: "N-1", title: "", body: "mijn uitleg", category: "complaints" });
    expect(change.status).toBe(400);
    expect(change.html).toContain('name="kind" value="change"');
    expect(change.html).toContain('name="normCode" value="N-1"');
    expect(textareaValue(change.html, "proposal-body")).toBe("mijn uitleg");
    // The page's own form for a norm retired (or gone) while the change was being written:
    // the choice of norm comes back with the refusal, and what was typed is there to copy.
    const gone = await author.post(`/teams/${teamId}/proposals/new?kind=change&normCode=N-99`, {
      kind: "change",
      normCode: "N-99",
      title: "Mijn nieuwe titel <b>",
      body: "Een lange uitleg\nover twee regels.",
      category: "complaints",
    });
    expect(gone.status).toBe(400);
    expect(visibleText(gone.html)).toContain("There is no active norm with the code N-99.");
    expect(visibleText(gone.html)).toContain("What you wrote, not saved");
    expect(textareaValue(gone.html, "refused-title")).toBe("Mijn nieuwe titel <b>");
    expect(textareaValue(gone.html, "refused-body")).toBe("Een lange uitleg\nover twee regels.");
    expect(visibleText(gone.html)).toContain("Category: Complaints and recovery");
    const retire = await postProposal(author, teamId, { kind: "retire", normCode: "N-1", body: " " });
    expect(retire.status).toBe(400);
    expect(retire.html).toContain('name="kind" value="retire"');
    expect(visibleText(retire.html)).toContain("N-1 · We noemen bij doorverbinden de naam van de collega en een tijdstip.");
  });

  test("edit, comment, vote and open-vote validate their fields", async () => {
    const draft = proposalPath(teamId, draftId);
    let page = await author.post(draft, { intent: "edit", title: "x".repeat(161), body: "bewaard", category: "complaints" });
    expect(page.status).toBe(400);
    expect(inputValue(page.html, "edit-title")).toBe("x".repeat(161));
    expect(textareaValue(page.html, "edit-body")).toBe("bewaard");

    page = await other.post(draft, { intent: "comment", body: "  " });
    expect(page.status).toBe(400);
    page = await other.post(draft, { intent: "comment", body: "c".repeat(20_001) });
    expect(page.status).toBe(400);
    expect(textareaValue(page.html, "comment-body")).toBe("c".repeat(20_001));

    for (const closesAt of ["morgen", "2020-01-01T10:00", "2999-01-01T10:00", "2026-02-30T10:00"]) {
      page = await author.post(draft, { intent: "open-vote", closesAt });
      expect(page.status, closesAt).toBe(400);
      expect(inputValue(page.html, "open-vote-closesAt")).toBe(closesAt);
    }

    const voting = proposalPath(teamId, votingId);
    page = await other.post(voting, { intent: "vote", choice: "maybe", reason: "hmm" });
    expect(page.status).toBe(400);
    page = await other.post(voting, { intent: "vote", reason: "geen keuze" });
    expect(page.status).toBe(400);
    expect(textareaValue(page.html, "vote-reason")).toBe("geen keuze");
    page = await other.post(voting, { intent: "vote", choice: "object", reason: "" });
    expect(page.status).toBe(400);
    expect(isChecked(page.html, "vote-choice-object")).toBe(true);
    page = await other.post(voting, { intent: "vote", choice: "agree", reason: "r".repeat(2001) });
    expect(page.status).toBe(400);

    expect((await other.post(voting, { intent: "dance" })).status).toBe(400);
    expect((await other.post(voting, {})).status).toBe(400);
  });

  test("acknowledging a version that does not exist", async () => {
    for (const version of ["0", "2", "abc", "", "1.5"]) {
      expect((await other.post(`/teams/${teamId}/agreement`, { intent: "acknowledge", version })).status, version).toBe(400);
    }
    expect((await other.post(`/teams/${teamId}/agreement`, { intent: "shred", version: "1" })).status).toBe(400);
  });
});

describe("403: allowed only for the author or a lead", () => {
  test("a member who is not the author cannot edit, open the vote, withdraw or rebase", async () => {
    const draft = proposalPath(teamId, draftId);
    expect((await other.post(draft, { intent: "edit", title: "t", body: "b", category: "other" })).status).toBe(403);
    // Not even with invalid input: permission comes first.
    expect((await other.post(draft, { intent: "edit", title: "", body: "" })).status).toBe(403);
    // A lead who is not the author cannot edit either.
    expect((await lead.post(draft, { intent: "edit", title: "t", body: "b", category: "other" })).status).toBe(403);
    expect((await other.post(draft, { intent: "open-vote", closesAt: "" })).status).toBe(403);
    expect((await other.post(draft, { intent: "withdraw" })).status).toBe(403);
    expect((await other.post(draft, { intent: "rebase" })).status).toBe(403);
  });

  test("only a lead closes a vote early, the author included", async () => {
    const voting = proposalPath(teamId, votingId);
    expect((await author.post(voting, { intent: "close" })).status).toBe(403);
    expect((await other.post(voting, { intent: "close" })).status).toBe(403);
  });

  test("the edit form is shown to the author only", async () => {
    const draft = proposalPath(teamId, draftId);
    expect(textareaValue((await other.get(draft)).html, "edit-body")).toBeNull();
    expect(textareaValue((await lead.get(draft)).html, "edit-body")).toBeNull();
    expect(textareaValue((await author.get(draft)).html, "edit-body")).toBe("");
  });
});

describe("404: outsiders, other teams' things, things that do not exist", () => {
  test("an outsider gets 404 on every URL, GET and POST", async () => {
    const outsider = await signUp(server.url, "Buitenstaander");
    const t = `/teams/${teamId}`;
    for (const path of [
      `${t}/proposals`,
      `${t}/proposals/new`,
      `${t}/proposals/new?kind=change&normCode=N-1`,
      proposalPath(teamId, draftId),
      proposalPath(teamId, adoptedId),
      `${t}/agreement`,
      `${t}/agreement?version=1`,
      `${t}/agreement/history`,
      `${t}/agreement.md`,
      `${t}/norms/N-1`,
    ]) {
      const page = await outsider.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html, path).not.toContain("We noemen bij doorverbinden");
    }
    for (const [path, fields] of [
      [`${t}/proposals/new`, { kind: "add", title: "x", body: "", category: "other" }],
      [proposalPath(teamId, draftId), { intent: "comment", body: "hallo" }],
      [proposalPath(teamId, votingId), { intent: "vote", choice: "agree", reason: "" }],
      [proposalPath(teamId, draftId), { intent: "edit", title: "x", body: "", category: "other" }],
      [`${t}/agreement`, { intent: "acknowledge", version: "1" }],
    ] as const) {
      expect((await outsider.post(path, fields)).status, path).toBe(404);
    }
  });

  test("a proposal id of another team is 404, for reading and for every intent", async () => {
    const path = proposalPath(teamId, otherTeamProposal);
    expect((await lead.get(path)).status).toBe(404);
    for (const intent of ["edit", "comment", "open-vote", "vote", "close", "withdraw", "rebase"]) {
      const page = await lead.post(path, { intent, title: "x", body: "x", category: "other", choice: "agree", reason: "", closesAt: "" });
      expect(page.status, intent).toBe(404);
    }
  });

  test("ids and codes that do not exist", async () => {
    const t = `/teams/${teamId}`;
    for (const path of [
      `${t}/proposals/999999`,
      `${t}/proposals/abc`,
      `${t}/proposals/0`,
      `${t}/proposals/1.5`,
      `${t}/proposals/-1`,
      `${t}/norms/N-99`,
      `${t}/norms/n-1`,
      `${t}/norms/N-01`,
      `${t}/norms/xyz`,
      `${t}/agreement?version=2`,
      `${t}/agreement?version=-1`,
      `${t}/agreement.md?version=9`,
      `/teams/nope/agreement`,
      `/teams/nope/agreement.md`,
    ]) {
      expect((await author.get(path)).status, path).toBe(404);
    }
    expect((await author.post(`${t}/proposals/999999`, { intent: "comment", body: "x" })).status).toBe(404);
    // The new-proposal form itself exists; an unknown norm in its query is named, and the norm can be chosen again.
    const page = await author.get(`${t}/proposals/new?kind=change&normCode=N-42`);
    expect(page.status).toBe(200);
    expect(visibleText(page.html)).toContain("There is no active norm with the code N-42.");
  });
});

describe("409: the proposal is in the wrong state", () => {
  test("drafts cannot be voted on or closed; open votes cannot be edited or opened again", async () => {
    expect((await other.post(proposalPath(teamId, draftId), { intent: "vote", choice: "agree", reason: "" })).status).toBe(409);
    expect((await lead.post(proposalPath(teamId, draftId), { intent: "close" })).status).toBe(409);
    const voting = proposalPath(teamId, votingId);
    const page = await author.post(voting, { intent: "edit", title: "Nieuw", body: "Met **uitleg**\nop twee regels", category: "other" });
    expect(page.status).toBe(409);
    expect(visibleText(page.html)).toContain("The vote is open, so the text can no longer change.");
    // The edit form is gone now that the vote is open; what the author wrote is still there to copy.
    expect(textareaValue(page.html, "kept-title")).toBe("Nieuw");
    expect(textareaValue(page.html, "kept-body")).toBe("Met **uitleg**\nop twee regels");
    expect((await author.post(voting, { intent: "open-vote", closesAt: "" })).status).toBe(409);
  });

  test("a draft saved from another tab meanwhile is not overwritten unseen; the text typed stays in the form", async () => {
    const id = await newProposal(author, teamId, { kind: "add", title: "We bellen terug binnen een werkdag.", body: "begin", category: "follow-up" });
    const path = proposalPath(teamId, id);
    const savedAt = (html: string) => /name="savedAt" value="(\d+)"/.exec(html)![1];
    const opened = savedAt((await author.get(path)).html);
    const fields = { intent: "edit", title: "We bellen terug binnen een werkdag.", category: "follow-up" };
    // Tab A saves first.
    expectStatus(await author.post(path, { ...fields, body: "Tekst uit tabblad A", savedAt: opened }), 303);
    // Tab B, opened before that save, would undo it: refused, its text kept in the form.
    const b = await author.post(path, { ...fields, body: "Tekst uit tabblad B", savedAt: opened });
    expect(b.status).toBe(409);
    expect(visibleText(b.html)).toContain("This draft was saved from another tab or device after you opened it, with other text.");
    expect(textareaValue(b.html, "edit-body")).toBe("Tekst uit tabblad B");
    expect(visibleText(b.html)).toContain("Tekst uit tabblad A");
    // Saving again from that page is deliberate: it replaces the text.
    expectStatus(await author.post(path, { ...fields, body: "Tekst uit tabblad B", savedAt: savedAt(b.html) }), 303);
    expect(visibleText((await author.get(path)).html)).toContain("Tekst uit tabblad B");
    // The same text twice (a double click) is no conflict.
    expectStatus(await author.post(path, { ...fields, body: "Tekst uit tabblad B", savedAt: opened }), 303);
    // A time that is no time counts as an old one; a script that sends none saves as before.
    expect((await author.post(path, { ...fields, body: "iets anders", savedAt: "gisteren" })).status).toBe(409);
    expectStatus(await author.post(path, { ...fields, body: "Van een script" }), 303);
    expect(visibleText((await author.get(path)).html)).toContain("Van een script");
  });

  test("a decided proposal takes no votes, comments, edits or withdrawals", async () => {
    const adopted = proposalPath(teamId, adoptedId);
    const page = await other.post(adopted, { intent: "vote", choice: "object", reason: "te laat" });
    expect(page.status).toBe(409);
    expect(visibleText(page.html)).toContain("This vote has closed, so your vote was not counted.");
    expect(visibleText(page.html)).toContain("What you wrote");
    expect(textareaValue(page.html, "kept-reason")).toBe("te laat");
    const comment = await other.post(adopted, { intent: "comment", body: "nog iets" });
    expect(comment.status).toBe(409);
    expect(textareaValue(comment.html, "kept-body")).toBe("nog iets");
    // A refusal with nothing written shows no empty copy box.
    expect((await other.post(adopted, { intent: "vote", choice: "agree", reason: "  " })).html).not.toContain("kept-");
    expect((await other.post(adopted, { intent: "edit", title: "x", body: "", category: "other" })).status).toBe(403);
    expect((await lead.post(adopted, { intent: "edit", title: "x", body: "", category: "other" })).status).toBe(409);
    expect((await lead.post(adopted, { intent: "withdraw" })).status).toBe(409);
    expect((await lead.post(adopted, { intent: "close" })).status).toBe(409);
  });
});
