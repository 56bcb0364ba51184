// Votes arriving at the same time: the tally is exact, one member's burst of
// posts leaves one vote, and the page's statement count does not grow with the team.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import { expectStatus, newProposal, openDb, proposalPath } from "../support/norms";

let server: TestServer;
let lead: Client;
let members: Client[];
let teamId: string;

beforeAll(async () => {
  server = await startServer();
  ({ lead, members, teamId } = await teamWithMembers(server.url, 30));
}, 120_000);
afterAll(() => server?.stop());

const choiceFor = (i: number) => (i % 4 === 0 ? "object" : i % 4 === 1 ? "abstain" : "agree");

test("31 members voting concurrently give an exact tally", async () => {
  const id = await newProposal(lead, teamId, { kind: "add", title: "We vatten aan het eind van elk gesprek samen wat we afspraken.", body: "", category: "customer-contact" });
  const path = proposalPath(teamId, id);
  expectStatus(await lead.post(path, { intent: "open-vote", closesAt: "" }), 303);
  const voters = [lead, ...members];
  const results = await Promise.all(
    voters.map((c, i) => c.post(path, { intent: "vote", choice: choiceFor(i), reason: choiceFor(i) === "object" ? `Bezwaar ${i}` : "" })),
  );
  expect(results.map((r) => r.status)).toEqual(voters.map(() => 303));
  const expected = { agree: 0, object: 0, abstain: 0 };
  voters.forEach((_, i) => expected[choiceFor(i)]++);

  // While open: the running turnout counts every vote.
  expect(visibleText((await members[0].get(path)).html)).toContain("Voted: 31 of 31 members (100%)");

  expectStatus(await lead.post(path, { intent: "close" }), 303);
  const text = visibleText((await members[5].get(path)).html);
  expect(text).toContain(`Agree Object Abstain ${expected.agree} ${expected.object} ${expected.abstain}`);
  expect(text).toContain("Adopted — more members agreed than objected.");

  const db = openDb(server.dbPath);
  const stored = db.prepare("select tally_agree a, tally_object o, tally_abstain b, member_count_at_close m from proposals where id = ?").get(id);
  const rows = db.prepare("select choice, count(*) n from votes where proposal_id = ? group by choice").all(id) as { choice: keyof typeof expected; n: number }[];
  db.close();
  expect(stored).toEqual({ a: expected.agree, o: expected.object, b: expected.abstain, m: 31 });
  expect(Object.fromEntries(rows.map((r) => [r.choice, r.n]))).toEqual(expected);
});

test("20 parallel posts of one member's vote leave exactly one vote", async () => {
  const id = await newProposal(lead, teamId, { kind: "add", title: "We bevestigen elke toezegging binnen een uur per e-mail.", body: "", category: "follow-up" });
  const path = proposalPath(teamId, id);
  expectStatus(await lead.post(path, { intent: "open-vote", closesAt: "" }), 303);
  const member = members[7];
  const posts = Array.from({ length: 20 }, (_, i) =>
    member.post(path, { intent: "vote", choice: ["agree", "object", "abstain"][i % 3], reason: `poging ${i}` }),
  );
  const results = await Promise.all(posts);
  expect(results.every((r) => r.status === 303)).toBe(true);

  const db = openDb(server.dbPath);
  const rows = db.prepare("select user_id, choice, reason from votes where proposal_id = ?").all(id) as { choice: string; reason: string }[];
  db.close();
  expect(rows).toHaveLength(1);
  // The one vote is one of the posted ones, whole (choice and reason from the same post).
  const n = Number(rows[0].reason.replace("poging ", ""));
  expect(rows[0].choice).toBe(["agree", "object", "abstain"][n % 3]);
  expect(visibleText((await lead.get(path)).html)).toContain("Voted: 1 of 31 members");
});

test("the proposal page needs as many SQL statements for 31 members as for 2", async () => {
  const small = await teamWithMembers(server.url, 1, "Klein team");
  const statements = async (client: Client, team: string, voters: Client[]) => {
    const id = await newProposal(client, team, { kind: "add", title: "We noteren bij elk gesprek de reden van contact.", body: "", category: "other" });
    const path = proposalPath(team, id);
    expectStatus(await client.post(path, { intent: "open-vote", closesAt: "" }), 303);
    await Promise.all(voters.map((v) => v.post(path, { intent: "vote", choice: "agree", reason: "" })));
    await client.post(path, { intent: "comment", body: "Eens." });
    const open = Number((await client.get(path)).headers.get("x-statement-count"));
    expectStatus(await client.post(path, { intent: "close" }), 303);
    const closed = Number((await client.get(path)).headers.get("x-statement-count"));
    const list = Number((await client.get(`/teams/${team}/proposals`)).headers.get("x-statement-count"));
    const agreement = Number((await client.get(`/teams/${team}/agreement`)).headers.get("x-statement-count"));
    const home = Number((await client.get(`/teams/${team}`)).headers.get("x-statement-count"));
    return { open, closed, list, agreement, home };
  };
  const big = await statements(lead, teamId, [lead, ...members]);
  const little = await statements(small.lead, small.teamId, [small.lead, ...small.members]);
  expect(big.open).toBeGreaterThan(0);
  expect(big).toEqual(little);
});
