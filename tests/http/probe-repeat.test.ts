// Probe: the same write posted twice (a double click without JavaScript, a retried
// request, two tabs). The second answer is the first one's outcome or a clear 4xx,
// never a 500 and never a second copy of anything.
import { beforeAll, describe, expect, test } from "vitest";
import { teamWithMembers, visibleText, type Client } from "../support/client";
import type { TestDb } from "../support/db";
import { openCycle } from "../support/checkins";
import { insertActiveNorms } from "../support/norm-fixtures";
import { adopt, expectStatus, newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

let lead: Client;
let a: Client;
let b: Client;
let teamId: string;

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 2);
  ({ lead, teamId } = team);
  [a, b] = team.members;
});

const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

describe("rebasing a conflict", () => {
  test("posted twice, in a row or at once: one copy, and every answer leads to it", async () => {
    await adopt(lead, [lead, a, b], teamId, { kind: "add", title: "We call back within one working day.", body: "v1", category: "follow-up" });
    const conflicts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const first = await newProposal(a, teamId, { kind: "change", normCode: "N-1", title: `We call back within ${4 + i} hours.`, body: "v2", category: "follow-up" });
      const second = await newProposal(b, teamId, { kind: "change", normCode: "N-1", title: `We call back before 17:00 (${i}).`, body: "v2b", category: "follow-up" });
      for (const [author, id] of [[a, first], [b, second]] as const) {
        expectStatus(await author.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: "" }), 303);
        for (const v of [lead, a, b]) expectStatus(await v.post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
      }
      expectStatus(await lead.post(proposalPath(teamId, first), { intent: "close" }), 303);
      expectStatus(await lead.post(proposalPath(teamId, second), { intent: "close" }), 303);
      conflicts.push(second);
    }
    const [inRow, atOnce] = conflicts;
    expect(visibleText((await b.get(proposalPath(teamId, inRow))).html)).toContain("Not applied");

    // In a row.
    const one = await b.post(proposalPath(teamId, inRow), { intent: "rebase" });
    const two = await b.post(proposalPath(teamId, inRow), { intent: "rebase" });
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(two.location).toBe(one.location);
    expect(count("select count(*) as n from proposals where rebased_from_id = ?", inRow)).toBe(1);
    // The conflict now links to its copy instead of offering the button again.
    const conflictPage = await b.get(proposalPath(teamId, inRow));
    const copyId = Number(one.location!.split("/").pop());
    expect(visibleText(conflictPage.html)).toContain(`Updated to the current version as proposal #${copyId}`);
    expect(conflictPage.html).not.toContain('value="rebase"');

    // At once.
    const both = await Promise.all([0, 1, 2].map(() => b.post(proposalPath(teamId, atOnce), { intent: "rebase" })));
    expect(both.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(new Set(both.map((r) => r.location)).size).toBe(1);
    expect(count("select count(*) as n from proposals where rebased_from_id = ?", atOnce)).toBe(1);
  });

  test("a stale draft rebased twice stays one draft on the current version", async () => {
    const stale = await newProposal(a, teamId, { kind: "change", normCode: "N-1", title: "We call back the same day.", body: "", category: "follow-up" });
    await adopt(lead, [lead, a, b], teamId, { kind: "change", normCode: "N-1", title: "We call back within two hours.", body: "", category: "follow-up" });
    const answers = await Promise.all([0, 1].map(() => a.post(proposalPath(teamId, stale), { intent: "rebase" })));
    expect(answers.map((r) => [r.status, r.location])).toEqual([
      [303, proposalPath(teamId, stale)],
      [303, proposalPath(teamId, stale)],
    ]);
    expect(count("select count(*) as n from proposals where rebased_from_id = ?", stale)).toBe(0);
  });
});

describe("other writes posted twice", () => {
  test("close, withdraw, open-vote, acknowledge: the second is a 4xx with a message or the same outcome", async () => {
    const id = await newProposal(a, teamId, { kind: "add", title: "We name a colleague and a time when we transfer.", body: "", category: "customer-contact" });
    const path = proposalPath(teamId, id);
    const opened = await Promise.all([0, 1].map(() => a.post(path, { intent: "open-vote", closesAt: "" })));
    expect(opened.map((r) => r.status).sort()).toEqual([303, 409]);
    const closed = await Promise.all([0, 1].map(() => lead.post(path, { intent: "close" })));
    expect(closed.map((r) => r.status).sort()).toEqual([303, 409]);
    const again = await lead.post(path, { intent: "close" });
    expect(again.status).toBe(409);
    expect(visibleText(again.html)).toContain("decided");
    expect(count("select count(*) as n from agreement_versions where team_id = ?", teamId)).toBeGreaterThan(0);

    const draft = await newProposal(a, teamId, { kind: "add", title: "We confirm every appointment by e-mail.", body: "", category: "follow-up" });
    const withdrawn = await Promise.all([0, 1].map(() => a.post(proposalPath(teamId, draft), { intent: "withdraw" })));
    expect(withdrawn.map((r) => r.status).sort()).toEqual([303, 409]);

    const latest = count("select max(version) as n from agreement_versions where team_id = ?", teamId);
    const acks = await Promise.all([0, 1].map(() => b.post(`/teams/${teamId}/agreement`, { intent: "acknowledge", version: String(latest) })));
    expect(acks.map((r) => r.status)).toEqual([303, 303]);
  });

  test("closing a check-in twice", async () => {
    insertActiveNorms(server.dbPath, teamId, ["We answer the phone within three rings."]);
    const norms = db.prepare("select code from norms where team_id = ? and status = 'active'").all(teamId) as { code: string }[];
    const cycle = await openCycle(lead, teamId, { normCodes: norms.map((n) => n.code) });
    const answers = await Promise.all([0, 1].map(() => lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })));
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(count("select count(*) as n from audit_log where team_id = ? and kind = 'cycle.closed'", teamId)).toBe(1);
  });
});
