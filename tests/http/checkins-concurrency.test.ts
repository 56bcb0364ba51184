import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import { insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { openCycle, peersToRate, ratePeer, rateSelf, userIdByEmail } from "../support/checkins";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test("50 concurrent submissions store each rating exactly once", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 9);
  const everyone = [lead, ...members];
  const codes = insertActiveNorms(server.dbPath, teamId, ["We take ownership of a complaint", "We say what happens next"]).map(
    (n) => n.code,
  );
  const cycleId = await openCycle(lead, teamId, { normCodes: codes });
  const assignments = await Promise.all(everyone.map((c) => peersToRate(c, teamId, cycleId)));

  // 10 self ratings + 30 peer ratings + 10 second self ratings racing the first ones = 50.
  const requests: Promise<{ status: number }>[] = [];
  everyone.forEach((client, i) => {
    requests.push(rateSelf(client, teamId, cycleId, { [codes[0]]: 3, [codes[1]]: 3 }));
    for (const rateeId of assignments[i]) requests.push(ratePeer(client, teamId, cycleId, rateeId, { [codes[0]]: 4, [codes[1]]: 2 }));
    requests.push(rateSelf(client, teamId, cycleId, { [codes[0]]: 5, [codes[1]]: 5 }));
  });
  expect(requests).toHaveLength(50);
  const responses = await Promise.all(requests);
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(303));

  const count = (sql: string) => queryTestDb<{ n: number }>(server.dbPath, sql, cycleId)[0].n;
  expect(count("select count(*) as n from self_ratings where cycle_id = ?")).toBe(10 * 2);
  expect(count("select count(*) as n from peer_ratings where cycle_id = ?")).toBe(30 * 2);
  expect(count("select count(*) as n from (select distinct user_id, norm_id from self_ratings where cycle_id = ?)")).toBe(20);
  // Each person's two self ratings per norm are the same submission (3/3 or 5/5), never a mix.
  const mixed = queryTestDb(
    server.dbPath,
    "select user_id from self_ratings where cycle_id = ? group by user_id having count(distinct rating) > 1",
    cycleId,
  );
  expect(mixed).toEqual([]);

  const progress = visibleText((await lead.get(`/teams/${teamId}/checkins/${cycleId}`)).html);
  expect(progress).toContain("Self ratings done: 10 of 10");
  expect(progress).toContain("Peer ratings done: 30 of 30");
});

/** Runs a full cycle for a team of `n` members plus the lead and returns the statement counts of its pages. */
async function statementCounts(n: number) {
  const { lead, teamId, members } = await teamWithMembers(server.url, n);
  const everyone: Client[] = [lead, ...members];
  const codes = insertActiveNorms(server.dbPath, teamId, ["Norm one", "Norm two", "Norm three"]).map((c) => c.code);
  const first = await openCycle(lead, teamId, { normCodes: codes });
  const cycleId = await openCycle(lead, teamId, { normCodes: codes });
  for (const id of [first, cycleId]) {
    for (const c of everyone) {
      await rateSelf(c, teamId, id, { [codes[0]]: 4, [codes[1]]: 3, [codes[2]]: 2 }, { [codes[0]]: "Example" });
      for (const p of await peersToRate(c, teamId, id)) {
        await ratePeer(c, teamId, id, p, { [codes[0]]: 3, [codes[1]]: 3, [codes[2]]: 3 }, { [codes[0]]: "Seen" });
      }
    }
  }
  const counts: Record<string, string | null> = {};
  const open = async (path: string) => {
    const res = await lead.get(path);
    expect(res.status, path).toBe(200);
    return res.headers.get("x-statement-count");
  };
  counts.openCycle = await open(`/teams/${teamId}/checkins/${cycleId}`);
  counts.home = await open(`/teams/${teamId}`);
  await lead.post(`/teams/${teamId}/checkins/${first}`, { intent: "close" });
  await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" });
  counts.index = await open(`/teams/${teamId}/checkins`);
  counts.results = await open(`/teams/${teamId}/checkins/${cycleId}/results`);
  counts.memberResults = (await members[0].get(`/teams/${teamId}/checkins/${cycleId}/results`)).headers.get("x-statement-count");
  counts.closedCycle = await open(`/teams/${teamId}/checkins/${cycleId}`);

  // Conversations with one member: notes (one edited), actions, one carried over from the first cycle.
  const memberId = userIdByEmail(server.dbPath, members[0].email);
  const conversation = (id: number) => `/teams/${teamId}/checkins/${id}/conversations/${memberId}`;
  for (const id of [first, cycleId]) {
    await lead.post(conversation(id), { intent: "note", body: "Shared", visibility: "shared" });
    await lead.post(conversation(id), { intent: "note", body: "Private", visibility: "private" });
    await lead.post(conversation(id), { intent: "action", text: "Call back", normCode: codes[0], dueOn: "2099-01-01" });
    await members[0].post(conversation(id), { intent: "note", body: `Mine ${id}` });
  }
  const noteId = queryTestDb<{ id: number }>(server.dbPath, "select id from conversation_notes where body = ?", `Mine ${cycleId}`)[0].id;
  await members[0].post(conversation(cycleId), { intent: "edit-note", noteId: String(noteId), body: "Mine, edited" });
  counts.conversation = await open(conversation(cycleId));
  counts.ownConversation = (await members[0].get(conversation(cycleId))).headers.get("x-statement-count");
  counts.conversations = await open(`/teams/${teamId}/checkins/${cycleId}/conversations`);
  return counts;
}

test("check-in pages use the same number of SQL statements for a team of 5 and of 12", async () => {
  const small = await statementCounts(4);
  const large = await statementCounts(11);
  for (const value of Object.values(small)) expect(Number(value)).toBeGreaterThan(0);
  expect(large).toEqual(small);
});
