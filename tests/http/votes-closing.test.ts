// Closing at the closing time: by the periodic sweep without anybody visiting,
// exactly once, counting only votes cast before the closing time; a vote that
// arrives later is refused with a clear message.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, visibleText } from "../support/client";
import { expectStatus, newProposal, openDb, proposalPath } from "../support/norms";
import { openCycle } from "../support/checkins";
import { openDb as openWritable } from "../support/db";
import { insertActiveNorms } from "../support/norm-fixtures";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

describe("the sweep (every second)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { SWEEP_INTERVAL_SECONDS: "1" } });
  });
  afterAll(() => server?.stop());

  test("closes a due vote and adopts the norm without anyone visiting", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2);
    const id = await newProposal(lead, teamId, { kind: "add", title: "We bellen een klant binnen één werkdag terug als we dat beloofden.", body: "", category: "follow-up" });
    const path = proposalPath(teamId, id);
    expectStatus(await lead.post(path, { intent: "open-vote", closesAt: inMs(1500) }), 303);
    for (const c of [lead, ...members]) expectStatus(await c.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);

    // Nobody opens a page from here on; only the database is read.
    const db = openDb(server.dbPath);
    const status = () => db.prepare("select status, closed_at, closes_at, tally_agree from proposals where id = ?").get(id) as Record<string, unknown>;
    expect(status().status).toBe("voting");
    const deadline = Date.now() + 6000;
    while (status().status === "voting" && Date.now() < deadline) await sleep(200);
    const row = status();
    expect(row.status).toBe("adopted");
    expect(row.tally_agree).toBe(3);
    // Closed at the closing time, not whenever the sweep happened to run.
    expect(row.closed_at).toBe(row.closes_at);
    expect(db.prepare("select count(*) n from agreement_versions where team_id = ?").get(teamId)).toEqual({ n: 1 });
    expect(db.prepare("select code from norms where team_id = ?").all(teamId)).toEqual([{ code: "N-1" }]);
    // Exactly once, however many sweeps ran since.
    await sleep(1500);
    expect(db.prepare("select count(*) n from audit_log where team_id = ? and kind = 'proposal.closed'").get(teamId)).toEqual({ n: 1 });
    expect(db.prepare("select count(*) n from agreement_versions where team_id = ?").get(teamId)).toEqual({ n: 1 });
    db.close();

    expect(visibleText((await members[0].get(`/teams/${teamId}/agreement`)).html)).toContain("N-1 · We bellen een klant");
  });
});

describe("without a sweep in time", () => {
  let server: TestServer;
  beforeAll(async () => {
    // The default interval (30 s) is longer than these tests: closing happens on the request.
    server = await startServer();
  });
  afterAll(() => server?.stop());

  test("a vote posted after the closing time is refused, and the vote closes with the votes cast before", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 2);
    const id = await newProposal(lead, teamId, { kind: "add", title: "We sturen na elke klacht binnen twee dagen een bevestiging.", body: "", category: "complaints" });
    const path = proposalPath(teamId, id);
    expectStatus(await lead.post(path, { intent: "open-vote", closesAt: inMs(1200) }), 303);
    expectStatus(await lead.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
    expectStatus(await members[0].post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
    await sleep(1500);

    const late = await members[1].post(path, { intent: "vote", choice: "object", reason: "Te laat, maar toch." });
    expect(late.status).toBe(409);
    expect(visibleText(late.html)).toContain("This vote has closed, so your vote was not counted.");
    // A member changing their vote after the close is refused too; their earlier vote stands.
    expect((await members[0].post(path, { intent: "vote", choice: "object", reason: "Toch niet." })).status).toBe(409);

    const db = openDb(server.dbPath);
    expect(db.prepare("select status, tally_agree, tally_object from proposals where id = ?").get(id)).toEqual({
      status: "adopted",
      tally_agree: 2,
      tally_object: 0,
    });
    expect(db.prepare("select count(*) n from votes where proposal_id = ?").get(id)).toEqual({ n: 2 });
    db.close();
  });

  test("a vote and a check-in noticed late (the server was down) close at their closing times, and say so everywhere", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1);
    const id = await newProposal(lead, teamId, { kind: "add", title: "We bevestigen elke terugbelafspraak per sms.", body: "", category: "follow-up" });
    const path = proposalPath(teamId, id);
    expectStatus(await lead.post(path, { intent: "open-vote", closesAt: inMs(60_000) }), 303);
    for (const c of [lead, members[0]]) expectStatus(await c.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
    // The check-in in a second team, with a norm of its own.
    const other = await teamWithMembers(server.url, 2);
    const [norm] = insertActiveNorms(server.dbPath, other.teamId, ["We noemen een tijd bij elke terugbelafspraak."]);
    const cycleId = await openCycle(other.lead, other.teamId, { normCodes: [norm.code] });
    // Both were due three and two days ago; nothing ran since.
    const voteDue = Date.now() - 3 * 86_400_000;
    const cycleDue = Date.now() - 2 * 86_400_000;
    const db = openWritable(server.dbPath);
    db.prepare("update votes set updated_at = ? where proposal_id = ?").run(voteDue - 60_000, id);
    db.prepare("update proposals set closes_at = ? where id = ?").run(voteDue, id);
    db.prepare("update checkin_cycles set closes_at = ? where id = ?").run(cycleDue, cycleId);
    expect((await members[0].get(`/teams/${teamId}`)).status).toBe(200);
    expect((await other.members[0].get(`/teams/${other.teamId}`)).status).toBe(200);

    expect(db.prepare("select status, closed_at from proposals where id = ?").get(id)).toEqual({ status: "adopted", closed_at: voteDue });
    expect(db.prepare("select created_at from agreement_versions where team_id = ?").all(teamId)).toEqual([{ created_at: voteDue }]);
    expect(db.prepare("select nv.created_at from norm_versions nv join norms n on n.id = nv.norm_id where n.team_id = ?").all(teamId)).toEqual([{ created_at: voteDue }]);
    expect(db.prepare("select status, closed_at from checkin_cycles where id = ?").get(cycleId)).toEqual({ status: "closed", closed_at: cycleDue });
    const closings = db.prepare("select kind, at from audit_log where team_id in (?, ?) and kind in ('proposal.closed', 'cycle.closed') order by at");
    expect(closings.all(teamId, other.teamId)).toEqual([
      { kind: "proposal.closed", at: voteDue },
      { kind: "cycle.closed", at: cycleDue },
    ]);
    db.close();
  });

  test("team pages close what is due before they show it", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1);
    const id = await newProposal(lead, teamId, { kind: "add", title: "We beantwoorden interne vragen dezelfde werkdag.", body: "", category: "colleagues" });
    expectStatus(await lead.post(proposalPath(teamId, id), { intent: "open-vote", closesAt: inMs(800) }), 303);
    expectStatus(await members[0].post(proposalPath(teamId, id), { intent: "vote", choice: "agree", reason: "" }), 303);
    await sleep(1000);
    // The team home, not the proposal, is the first page opened after the closing time.
    const home = visibleText((await members[0].get(`/teams/${teamId}`)).html);
    expect(home).toContain("Read and confirm the team agreement (version 1)");
    expect(home).not.toContain("Vote on “");
  });

  test("a tie under the majority rule is rejected; the sweep-free close stores rule and quorum", async () => {
    const { lead, teamId, members } = await teamWithMembers(server.url, 1);
    const id = await newProposal(lead, teamId, { kind: "add", title: "We noteren elke klacht binnen een uur in het klantsysteem.", body: "", category: "complaints" });
    const path = proposalPath(teamId, id);
    expectStatus(await lead.post(path, { intent: "open-vote", closesAt: inMs(800) }), 303);
    expectStatus(await lead.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
    expectStatus(await members[0].post(path, { intent: "vote", choice: "object", reason: "Een uur is te kort bij drukte." }), 303);
    await sleep(1000);
    const text = visibleText((await members[0].get(path)).html);
    expect(text).toContain("Rejected — as many members objected as agreed, so there was no majority.");
    expect(text).toContain("Member 1 Object Een uur is te kort bij drukte.");
  });
});
