// Probe: Markdown "depth bombs" in every place users write Markdown (proposal body,
// comment, adopted norm, conversation note) render as plain text, quickly, never a 500
// (docs/decisions/061).
import { beforeAll, expect, test } from "vitest";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import { conversationPath, openCycle } from "../support/checkins";
import { insertActiveNorms } from "../support/norm-fixtures";
import { adopt, newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

let lead: Client;
let member: Client & { email: string };
let teamId: string;

// Each fits the 20,000-character limit of bodies, comments and notes.
const bombs = {
  quotes: ">".repeat(10_000) + " QUOTE-BOMB",
  lists: "- ".repeat(9_000) + "LIST-BOMB",
  ordered: "1. ".repeat(6_000) + "ORDERED-BOMB",
  emphasis: "*".repeat(9_000) + "EM-BOMB" + "*".repeat(9_000),
  brackets: "[".repeat(9_000) + "BRACKET-BOMB" + "]".repeat(9_000),
};

async function timedGet(client: Client, path: string) {
  const start = Date.now();
  const page = await client.get(path);
  return { ...page, ms: Date.now() - start };
}

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 1);
  ({ lead, teamId } = team);
  member = team.members[0] as Client & { email: string };
});

test("a proposal body and comments of nothing but nesting: the page renders in well under two seconds", async () => {
  const id = await newProposal(member, teamId, { kind: "add", title: "We answer every e-mail within a day.", body: bombs.quotes, category: "other" });
  for (const body of Object.values(bombs)) {
    expect((await member.post(proposalPath(teamId, id), { intent: "comment", body })).status).toBe(303);
  }
  const page = await timedGet(lead, proposalPath(teamId, id));
  expect(page.status).toBe(200);
  expect(page.ms).toBeLessThan(2000);
  const text = visibleText(page.html);
  for (const marker of ["QUOTE-BOMB", "LIST-BOMB", "ORDERED-BOMB", "EM-BOMB", "BRACKET-BOMB"]) expect(text).toContain(marker);
  // The author's edit form still holds the text exactly as stored.
  expect(page.html).not.toContain("<blockquote><blockquote><blockquote>");
});

test("an adopted norm whose body is a bomb: agreement, norm page and Markdown export", async () => {
  await adopt(lead, [member], teamId, { kind: "add", title: "We name a colleague when we transfer.", body: bombs.lists, category: "other" });
  for (const path of [`/teams/${teamId}/agreement`, `/teams/${teamId}/norms/N-1`, `/teams/${teamId}/agreement/history`]) {
    const page = await timedGet(member, path);
    expect(page.status, path).toBe(200);
    expect(page.ms, path).toBeLessThan(2000);
  }
  expect(visibleText((await member.get(`/teams/${teamId}/norms/N-1`)).html)).toContain("LIST-BOMB");
  const md = await member.get(`/teams/${teamId}/agreement.md`);
  expect(md.status).toBe(200);
  expect(md.html).toContain(bombs.lists);
});

test("the Markdown export nests a norm body's headings under the norm's own", async () => {
  await adopt(lead, [member], teamId, { kind: "add", title: "We confirm every change of plan in writing.", body: "# Why\n\nSo nobody has to guess.\n\nHow\n---\n\nBy e-mail.", category: "other" });
  const md = (await member.get(`/teams/${teamId}/agreement.md`)).html;
  const norm = md.slice(md.indexOf("We confirm every change of plan in writing."));
  expect(norm).toContain("\n#### Why\n\nSo nobody has to guess.\n\n##### How\n\nBy e-mail.");
});

test("conversation notes", async () => {
  insertActiveNorms(server.dbPath, teamId, ["We call back when we promised to."]);
  const cycle = await openCycle(lead, teamId, { normCodes: ["N-2"] });
  const path = conversationPath(server.dbPath, teamId, cycle, member.email);
  for (const body of Object.values(bombs)) {
    expect((await lead.post(path, { intent: "note", body, visibility: "shared" })).status).toBe(303);
  }
  for (const viewer of [lead, member]) {
    const page = await timedGet(viewer, path);
    expect(page.status).toBe(200);
    expect(page.ms).toBeLessThan(2000);
    expect(visibleText(page.html)).toContain("QUOTE-BOMB");
  }
});
