import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, visibleText } from "../support/client";
import { insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { openCycle, rateSelf } from "../support/checkins";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { SWEEP_INTERVAL_SECONDS: "1" } });
});
afterAll(() => server?.stop());

test("a cycle closes at its closing time without anyone visiting, exactly once", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 3);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We call back when we said we would"]).map((n) => n.code);
  // Self-rated while it still has a few seconds to run.
  const cycleId = await openCycle(lead, teamId, { normCodes: [code], closesAt: new Date(Date.now() + 4000).toISOString() });
  await Promise.all([lead, ...members].map(async (c) => expect((await rateSelf(c, teamId, cycleId, { [code]: 4 })).status).toBe(303)));

  // Only the database is watched: no page of this team is requested until it has closed.
  const status = () =>
    queryTestDb<{ status: string; closedBy: string | null }>(
      server.dbPath,
      "select status, closed_by as closedBy from checkin_cycles where id = ?",
      cycleId,
    )[0];
  const deadline = Date.now() + 10_000;
  while (status().status !== "closed" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(status()).toEqual({ status: "closed", closedBy: null });
  await new Promise((r) => setTimeout(r, 1500)); // another sweep or two must not close it again

  const frozen = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from cycle_results where cycle_id = ?", cycleId);
  expect(frozen[0].n).toBe(4);
  const audits = queryTestDb<{ actor: string | null }>(
    server.dbPath,
    "select actor_id as actor from audit_log where team_id = ? and kind = 'cycle.closed'",
    teamId,
  );
  expect(audits).toEqual([{ actor: null }]);

  const results = visibleText((await members[0].get(`/teams/${teamId}/checkins/${cycleId}/results`)).html);
  expect(results).toContain("Self rating 4 Peer mean Not enough peer ratings for an anonymous result.");
  expect((await rateSelf(members[0], teamId, cycleId, { [code]: 1 })).status).toBe(409);
});
