// Probe: a change proposal that rewrites a norm completely (two unrelated texts at the
// body limit). The word diff used to take seconds to minutes; now the proposal, norm and
// agreement pages say there are too many changes and show both texts whole.
import { beforeAll, expect, test } from "vitest";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import { adopt, newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

let lead: Client;
let member: Client;
let teamId: string;

// 20,000 characters each, sharing no word: every word is a change.
const before = "OLD-START " + ". , ; : ! ?".repeat(1_800).slice(0, 19_980);
const after = "NEW-START " + "b ".repeat(9_990);

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 1);
  ({ lead, teamId } = team);
  member = team.members[0];
  // The member acknowledges version 1, so the agreement page later shows what changed since.
  await adopt(lead, [member], teamId, { kind: "add", title: "We call back within one working day.", body: before, category: "follow-up" });
  expect((await member.post(`/teams/${teamId}/agreement`, { intent: "acknowledge", version: "1" })).status).toBe(303);
});

async function timedGet(client: Client, path: string) {
  const start = Date.now();
  const page = await client.get(path);
  return { ...page, ms: Date.now() - start };
}

function expectWholeTexts(html: string, lang: "en" | "nl" = "en") {
  const text = visibleText(html);
  expect(text).toContain(
    lang === "en"
      ? "Too many changes to show a word diff (more than 1,000 words added or removed). Both texts in full:"
      : "Te veel wijzigingen om woord voor woord te vergelijken (meer dan 1.000 woorden toegevoegd of verwijderd). Beide teksten volledig:",
  );
  expect(html).toMatch(/<del>OLD-START /);
  expect(html).toMatch(/<ins>NEW-START /);
}

test("the proposal page: the message and both texts, quickly", async () => {
  const id = await newProposal(member, teamId, { kind: "change", normCode: "N-1", title: "We call back the same day.", body: after, category: "follow-up" });
  const page = await timedGet(lead, proposalPath(teamId, id));
  expect(page.status).toBe(200);
  expect(page.ms).toBeLessThan(2000);
  expectWholeTexts(page.html);
  // The title changed in a few words: still a word diff.
  expect(page.html).toMatch(/<del><span class="visually-hidden">\[removed: <\/span>within one working/);

  // Adopted: the norm page and the member's "what changed" on the agreement page.
  expect((await lead.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" })).status).toBe(303);
  for (const voter of [lead, member]) expect((await voter.post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" })).status).toBe(303);
  expect((await lead.post(proposalPath(teamId, id), { intent: "close" })).status).toBe(303);
  for (const path of [`/teams/${teamId}/norms/N-1`, `/teams/${teamId}/agreement`]) {
    const shown = await timedGet(member, path);
    expect(shown.status, path).toBe(200);
    expect(shown.ms, path).toBeLessThan(2000);
    expectWholeTexts(shown.html);
  }
  expect((await member.post("/language", { language: "nl", redirectTo: "/" })).status).toBe(303);
  expectWholeTexts((await member.get(`/teams/${teamId}/norms/N-1`)).html, "nl");
});

test("a diff compares the words as read: a change of a bold word shows the word, not the asterisks around it", async () => {
  const team = await teamWithMembers(server.url, 1, "Diff Lezers");
  const body = "Een belofte kost vertrouwen als we een eerlijk **nee** verzwijgen.\n\n- bel ook zonder oplossing";
  await adopt(team.lead, team.members, team.teamId, { kind: "add", title: "We bellen terug binnen één werkdag.", body, category: "follow-up" });
  const id = await newProposal(team.members[0], team.teamId, {
    kind: "change",
    normCode: "N-1",
    title: "We bellen terug binnen één werkdag.",
    body: body.replace("**nee**", "**nee, nooit**"),
    category: "follow-up",
  });
  const html = (await team.lead.get(proposalPath(team.teamId, id))).html;
  const diff = html.slice(html.indexOf('id="h-diff"'), html.indexOf("</section>", html.indexOf('id="h-diff"')));
  expect(diff).toContain('eerlijk nee</span><ins><span class="visually-hidden">[added: </span>, nooit <span class="visually-hidden">]</span></ins>');
  expect(diff).not.toContain("**");
});
