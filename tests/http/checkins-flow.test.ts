import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { openCycle, peersToRate, ratePeer, rateSelf, userIdByEmail } from "../support/checkins";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test("whole flow: open, rate, nothing shown before close, close, frozen results with blind spot and hidden strength", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const everyone = [lead, ...members];
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const [n1, n2] = insertActiveNorms(server.dbPath, teamId, [
    "We call a customer back within one working day when we promised to",
    "We never say “a colleague will help you” without a name and a time",
  ]).map((n) => n.code);

  // The form offers every active norm, all selected.
  const form = await lead.get(`/teams/${teamId}/checkins/new`);
  expect(form.status).toBe(200);
  const boxes = form.html.match(/<input[^>]*type="checkbox"[^>]*>/g) ?? [];
  for (const code of [n1, n2]) expect(boxes.some((b) => b.includes(`value="${code}"`) && b.includes("checked"))).toBe(true);

  const cycleId = await openCycle(lead, teamId, { title: "Voorjaar", normCodes: [n1, n2] });
  const cycleUrl = `/teams/${teamId}/checkins/${cycleId}`;
  expect((await lead.get(`/teams/${teamId}/checkins`)).html).toContain(`href="${cycleUrl}"`);

  // Team home shows the running cycle, my open self rating and the colleagues to rate.
  const homeHtml = (await members[0].get(`/teams/${teamId}`)).html;
  expect(homeHtml).toContain(`href="${cycleUrl}"`);
  const home = visibleText(homeHtml);
  expect(home).toContain("Rate yourself in “Voorjaar”");
  expect(home.match(/Rate .+? in “Voorjaar”/g)?.length).toBeGreaterThanOrEqual(1);

  // members[0] overrates themselves on n1 (blind spot); members[1] underrates on n2 (hidden strength).
  const [x, y, z] = members;
  const selfOf = (i: number) => (everyone[i] === x ? [5, 4] : everyone[i] === y ? [3, 2] : [3, 4]);
  const observationsAbout = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [i, client] of everyone.entries()) {
    const [s1, s2] = selfOf(i);
    expect((await rateSelf(client, teamId, cycleId, { [n1]: s1, [n2]: s2 }, { [n1]: `Example ${i} as typed  ` })).status).toBe(303);
    const peers = await peersToRate(client, teamId, cycleId);
    expect(peers).toHaveLength(3);
    expect(peers).not.toContain(ids[i]);
    for (const [j, rateeId] of peers.entries()) {
      if (client === x) {
        // Midway, the team home lists exactly what is left: no self rating, the peers not yet rated.
        const homeNow = (await x.get(`/teams/${teamId}`)).html;
        const left = visibleText(homeNow);
        expect(left).not.toContain("Rate yourself in “Voorjaar”");
        expect(left.match(/Rate .+? in “Voorjaar”/g)).toHaveLength(3 - j);
        for (const [k, peer] of peers.entries()) expect(homeNow.includes(`href="${cycleUrl}/peers/${peer}"`), `peer ${k} listed`).toBe(k >= j);
      }
      const text = `Situation ${i}${j}: asked the customer for a good time to call back.`;
      observationsAbout.get(rateeId)!.push(text);
      expect((await ratePeer(client, teamId, cycleId, rateeId, { [n1]: 3, [n2]: 4 }, { [n1]: text })).status).toBe(303);
    }
  }
  expect(visibleText((await members[0].get(`/teams/${teamId}`)).html)).toContain("Nothing waiting for you");
  // …and once the cycle has closed (below), no current check-in either.

  // Leads see completion as counts only.
  const progress = visibleText((await lead.get(cycleUrl)).html);
  expect(progress).toContain("Self ratings done: 5 of 5");
  expect(progress).toContain("Peer ratings done: 15 of 15");

  // Before close: a clear "after closing" page and no figures, for members and leads alike.
  for (const client of [lead, x]) {
    const page = await client.get(`${cycleUrl}/results`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain("Results after closing");
    expect(text).not.toContain("Peer mean");
    expect(text).not.toContain("Mean self rating");
    for (const list of observationsAbout.values()) for (const o of list) expect(page.html).not.toContain(o);
  }

  expect((await x.post(cycleUrl, { intent: "close" })).status).toBe(403);
  const closed = await lead.post(cycleUrl, { intent: "close" });
  expect(closed.status).toBe(303);
  expect(closed.location).toBe(`${cycleUrl}/results`);

  expect(visibleText((await x.get(`/teams/${teamId}`)).html)).toContain("No check-in is running.");
  const xText = visibleText((await x.get(`${cycleUrl}/results`)).html);
  expect(xText).toContain("Self rating 5 Peer mean 3.0 Possible blind spot: the peer mean is 2.0 points below the self rating.");
  expect(xText).toContain("What might they notice that you don't?");
  for (const o of observationsAbout.get(ids[1])!) expect(xText).toContain(o);
  for (const o of observationsAbout.get(ids[2])!) expect(xText).not.toContain(o);
  expect(xText).toContain("Example 1 as typed");

  const yText = visibleText((await y.get(`${cycleUrl}/results`)).html);
  expect(yText).toContain("Self rating 2 Peer mean 4.0 Hidden strength");
  expect(yText).not.toContain("Possible blind spot");

  const zPage = await z.get(`${cycleUrl}/results`);
  const zText = visibleText(zPage.html);
  expect(zText).not.toContain("Possible blind spot");
  expect(zText).not.toContain("Hidden strength");
  // Team level, one row per norm linking to its permalink: n1 self mean (5+3+3+3+3)/5 = 3.4,
  // peer mean 3; n2 self mean (4+2+4+4+4)/5 = 3.6, peer mean 4. Members see no signal counts.
  // The trend column has this one cycle so far.
  expect(zText).toContain("Norm Mean self rating Mean peer rating Mean peer rating, recent check-ins " + n1);
  expect(zText).toContain(`${n1} — We call a customer back within one working day when we promised to 3.4 3.0 3.0 ${n2}`);
  expect(zText).toContain(`${n2} — We never say “a colleague will help you” without a name and a time 3.6 4.0 4.0`);
  expect(zPage.html).toContain(`href="/teams/${teamId}/norms/${n1}"`);
  expect(zText).not.toContain("Members with a possible blind spot");
  // The trend lives on the norm's permalink.
  const normText = visibleText((await z.get(`/teams/${teamId}/norms/${n1}`)).html);
  expect(normText).toContain(`${n1} has peer figures from one check-in so far: 3.`);
  expect(normText).toContain("Rated in 1 closed check-in.");

  // The lead's overview: per norm how many members have a blind spot or a hidden
  // strength, and per member on which norms, with links to each member's results.
  const leadPage = await lead.get(`${cycleUrl}/results`);
  const leadText = visibleText(leadPage.html);
  expect(leadText).toContain(
    "Norm Mean self rating Mean peer rating Mean peer rating, recent check-ins Members with a possible blind spot Members with a hidden strength " +
      `${n1} — We call a customer back within one working day when we promised to 3.4 3.0 3.0 1 0 ` +
      `${n2} — We never say “a colleague will help you” without a name and a time 3.6 4.0 4.0 0 1`,
  );
  expect(leadText).toContain(`Member 1 ${n1} none 0 Conversation`);
  expect(leadText).toContain(`Member 2 none ${n2} 0 Conversation`);
  expect(leadText).toContain("Member 3 none none 0 Conversation");
  // Only the lead's own observations are on the overview (in "Your results").
  for (const id of ids.slice(1)) for (const o of observationsAbout.get(id)!) expect(leadText).not.toContain(o);
  for (const o of observationsAbout.get(ids[0])!) expect(leadText).toContain(o);
  expect(leadPage.html).toContain(`href="${cycleUrl}/results?member=${ids[1]}"`);
  // One member's page: every norm with the wording for the conversation.
  const m1 = visibleText((await lead.get(`${cycleUrl}/results?member=${ids[1]}`)).html);
  expect(m1).toContain("Results of Member 1: Voorjaar");
  expect(m1).toContain("Self rating 5 Peer mean 3.0 Possible blind spot");
  expect(m1).toContain("Member 1 rated themselves at least a point higher than colleagues did.");
  for (const o of observationsAbout.get(ids[1])!) expect(m1).toContain(o);
  for (const o of observationsAbout.get(ids[2])!) expect(m1).not.toContain(o);
  const m2 = visibleText((await lead.get(`${cycleUrl}/results?member=${ids[2]}`)).html);
  expect(m2).toContain("Colleagues rated Member 2 at least a point higher than they rated themselves.");
  // An empty ?member= is no member: the overview, not a 404.
  const emptyMember = await lead.get(`${cycleUrl}/results?member=`);
  expect(emptyMember.status).toBe(200);
  expect(visibleText(emptyMember.html)).toContain("Member 3 none none 0 Conversation");

  // After close nothing can change.
  const lateSelf = await rateSelf(x, teamId, cycleId, { [n1]: 1, [n2]: 1 }, { [n1]: "too late, kept" });
  expect(lateSelf.status).toBe(409);
  expect(visibleText(lateSelf.html)).toContain("This check-in is closed, so nothing can be changed any more.");
  expect(lateSelf.html).toContain("too late, kept");
  // Half filled in: the same 409, not a list of fields to fix that can no longer be saved.
  const lateHalf = await rateSelf(x, teamId, cycleId, { [n1]: 2 }, { [n1]: "half done, kept" });
  expect(lateHalf.status).toBe(409);
  expect(visibleText(lateHalf.html)).toContain("This check-in is closed, so nothing can be changed any more.");
  expect(lateHalf.html).not.toContain('class="field-error"');
  expect(lateHalf.html).toContain("half done, kept");
  const peerOfX = (await queryTestDb<{ ratee: string }>(
    server.dbPath,
    "select ratee_id as ratee from peer_assignments where cycle_id = ? and rater_id = ?",
    cycleId,
    ids[1],
  ))[0].ratee;
  expect((await ratePeer(x, teamId, cycleId, peerOfX, { [n1]: 1, [n2]: 1 })).status).toBe(409);
  const again = await lead.post(cycleUrl, { intent: "close" });
  expect(again.status).toBe(409);
  expect(visibleText(again.html)).toContain("This check-in is already closed.");
  const stored = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from self_ratings where cycle_id = ? and rating = 1", cycleId);
  expect(stored[0].n).toBe(0);

  // Frozen: a stricter threshold and a member leaving later change nothing.
  await lead.post(`/teams/${teamId}/settings`, {
    decisionRule: "majority",
    quorumPercent: "50",
    voteDays: "7",
    anonymityThreshold: "10",
    language: "en",
  });
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: ids[3] })).status).toBe(303);
  expect(visibleText((await x.get(`${cycleUrl}/results`)).html)).toContain(
    "Self rating 5 Peer mean 3.0 Possible blind spot",
  );

  // Audit: opened and closed, without any rating content.
  const auditRows = queryTestDb<{ kind: string; data: string; subject: string }>(
    server.dbPath,
    "select kind, data, subject from audit_log where team_id = ? and kind like 'cycle.%' order by id",
    teamId,
  );
  expect(auditRows.map((r) => r.kind)).toEqual(["cycle.opened", "cycle.closed"]);
  for (const row of auditRows) {
    expect(row.data).not.toMatch(/rating|Situation|Example/i);
  }
});

test("participants are the members at opening; a later joiner is not in the cycle", async () => {
  const { lead, teamId, joinPath } = await teamWithMembers(server.url, 3);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We listen to the whole complaint before we answer"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code] });
  const { signUp, join } = await import("../support/client");
  const late = await signUp(server.url, "Late Joiner");
  await join(late, joinPath);
  const page = await late.get(`/teams/${teamId}/checkins/${cycleId}`);
  expect(page.status).toBe(200);
  expect(visibleText(page.html)).toContain("You are not taking part in this check-in");
  expect((await late.get(`/teams/${teamId}/checkins/${cycleId}/self`)).status).toBe(404);
  expect((await rateSelf(late, teamId, cycleId, { [code]: 4 })).status).toBe(404);
  const participants = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from cycle_participants where cycle_id = ?", cycleId);
  expect(participants[0].n).toBe(4);
});

test("someone who leaves during a check-in leaves it: nobody is asked to rate them, what they gave stays", async () => {
  const { lead, teamId, everyone } = await teamWithNames(server.url, [
    "Lotte Lead",
    "Ahmed Amrani",
    "Bea Bakker",
    "Cas Claes",
    "Dewi Vertrekt",
  ]);
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const leaver = everyone[4];
  const leaverId = ids[4];
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We confirm every promise to a customer in writing"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { title: "Najaar", normCodes: [code], peersPerMember: "3" });
  const cycleUrl = `/teams/${teamId}/checkins/${cycleId}`;

  // Before leaving, Dewi rates herself and her three colleagues (a 1 each, to find it back later).
  expect((await rateSelf(leaver, teamId, cycleId, { [code]: 4 })).status).toBe(303);
  const ratedByLeaver = await peersToRate(leaver, teamId, cycleId);
  expect(ratedByLeaver).toHaveLength(3);
  for (const rateeId of ratedByLeaver) expect((await ratePeer(leaver, teamId, cycleId, rateeId, { [code]: 1 })).status).toBe(303);
  expect(visibleText((await lead.get(cycleUrl)).html)).toContain("Self ratings done: 1 of 5");

  // Three colleagues were to rate Dewi; the lead removes her from the team.
  const raters = [];
  for (const [i, c] of everyone.slice(0, 4).entries()) if ((await peersToRate(c, teamId, cycleId)).includes(leaverId)) raters.push(i);
  expect(raters).toHaveLength(3);
  expect(visibleText((await everyone[raters[0]].get(`/teams/${teamId}`)).html)).toContain("Rate Dewi Vertrekt");
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: leaverId })).status).toBe(303);

  for (const i of raters) {
    const rater = everyone[i];
    expect(await peersToRate(rater, teamId, cycleId)).not.toContain(leaverId);
    expect(visibleText((await rater.get(`/teams/${teamId}`)).html)).not.toContain("Rate Dewi Vertrekt");
    expect((await rater.get(`${cycleUrl}/peers/${leaverId}`)).status).toBe(404);
    expect((await ratePeer(rater, teamId, cycleId, leaverId, { [code]: 5 })).status).toBe(404);
  }
  // The counts are of the four who are still in the team: twelve pairs became nine, none rated yet.
  const progress = visibleText((await lead.get(cycleUrl)).html);
  expect(progress).toContain("Self ratings done: 0 of 4");
  expect(progress).toContain("Peer ratings done: 0 of 9");

  // The others rate everyone they are still asked to rate a 5; after the close, Dewi's 1
  // still counts for the colleagues she rated, and she has no results of her own.
  for (const [i, c] of everyone.slice(0, 4).entries()) {
    expect((await rateSelf(c, teamId, cycleId, { [code]: 3 })).status).toBe(303);
    for (const rateeId of await peersToRate(c, teamId, cycleId)) {
      expect((await ratePeer(c, teamId, cycleId, rateeId, { [code]: 5 }, { [code]: `van ${i}` })).status).toBe(303);
    }
  }
  expect(visibleText((await lead.get(cycleUrl)).html)).toContain("Peer ratings done: 9 of 9");
  expect((await lead.post(cycleUrl, { intent: "close" })).status).toBe(303);
  const ratee = ratedByLeaver.find((id) => id !== ids[0])!;
  const rateeClient = everyone[ids.indexOf(ratee)];
  // Everyone is rated by three: Dewi (1) and the two colleagues still asked to rate them (5 each).
  const resultsText = visibleText((await rateeClient.get(`${cycleUrl}/results`)).html);
  expect(resultsText).toContain("Peer mean 3.7");
  // No lowest or highest peer rating: with three raters those and the mean give every
  // rating away, here Dewi's 1 (decision 031). Not in the page, nor in its data.
  expect(resultsText).not.toMatch(/1 to 5|Spread/);
  const data = await rateeClient.get(`${cycleUrl}/results.data`);
  expect(data.status).toBe(200);
  expect(data.html).toContain("peerMean");
  expect(data.html).not.toMatch(/peerMin|peerMax/);
  const frozen = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from cycle_results where cycle_id = ? and user_id = ?", cycleId, leaverId);
  expect(frozen[0].n).toBe(0);
});

test("when someone leaves before rating their colleagues, each of those gets another colleague as rater, so nobody falls below the threshold", async () => {
  const { lead, teamId, everyone } = await teamWithNames(server.url, ["Lotte Lead", "Ahmed Amrani", "Bea Bakker", "Cas Claes", "Dewi Vertrekt"]);
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const leaverId = ids[4];
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We confirm every promise to a customer in writing"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { title: "Winter", normCodes: [code], peersPerMember: "3" });
  const cycleUrl = `/teams/${teamId}/checkins/${cycleId}`;
  const leftWithout = await peersToRate(everyone[4], teamId, cycleId);
  expect(leftWithout).toHaveLength(3);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: leaverId })).status).toBe(303);

  // Four stay, each rating the three others: nine pairs left, and three new ones for Dewi's three.
  expect(visibleText((await lead.get(cycleUrl)).html)).toContain("Peer ratings done: 0 of 12");
  for (const [i, c] of everyone.slice(0, 4).entries()) {
    const mine = await peersToRate(c, teamId, cycleId);
    expect(mine.sort()).toEqual(ids.slice(0, 4).filter((_, j) => j !== i).sort());
    expect((await rateSelf(c, teamId, cycleId, { [code]: 3 })).status).toBe(303);
    for (const rateeId of mine) expect((await ratePeer(c, teamId, cycleId, rateeId, { [code]: 4 })).status).toBe(303);
  }
  expect((await lead.post(cycleUrl, { intent: "close" })).status).toBe(303);
  // Someone Dewi was to rate has three raters after all: a peer mean, not "hidden".
  const ratee = everyone[ids.indexOf(leftWithout[0])];
  expect(visibleText((await ratee.get(`${cycleUrl}/results`)).html)).toContain("Peer mean 4.0");
});

test("someone removed after the closing time, before anyone looked, keeps their results", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 3);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We answer every e-mail within a day"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code], closesAt: new Date(Date.now() + 2500).toISOString() });
  expect((await rateSelf(members[2], teamId, cycleId, { [code]: 4 })).status).toBe(303);
  await new Promise((r) => setTimeout(r, 3000));
  const leaverId = userIdByEmail(server.dbPath, members[2].email);
  expect((await lead.post(`/teams/${teamId}/members`, { intent: "remove", userId: leaverId })).status).toBe(303);
  // The check-in was over when they left: it closes with them in it.
  expect((await lead.get(`/teams/${teamId}/checkins/${cycleId}`)).status).toBe(200);
  const frozen = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from cycle_results where cycle_id = ? and user_id = ?", cycleId, leaverId);
  expect(frozen[0].n).toBe(1);
});

test("a team of fewer than four is told that peer results will stay hidden", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 2);
  const [code] = insertActiveNorms(server.dbPath, teamId, ["We check back with the customer after solving it"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: [code] });
  const text = visibleText((await members[0].get(`/teams/${teamId}/checkins/${cycleId}`)).html);
  expect(text).toContain("This check-in has fewer than 4 participants. Peer results will stay hidden");
  // Each rates both others (k capped at n − 1); after close nobody gets a peer figure.
  for (const c of [lead, ...members]) {
    await rateSelf(c, teamId, cycleId, { [code]: 4 });
    for (const p of await peersToRate(c, teamId, cycleId)) await ratePeer(c, teamId, cycleId, p, { [code]: 2 }, { [code]: "Seen it." });
  }
  await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" });
  const results = await members[0].get(`/teams/${teamId}/checkins/${cycleId}/results`);
  const resultText = visibleText(results.html);
  expect(resultText).toContain("Not enough peer ratings for an anonymous result.");
  expect(resultText).not.toContain("Seen it.");
  // Three people: too few for any anonymous team figure (threshold + 1 = 4).
  expect(resultText).toContain(`${code} — We check back with the customer after solving it hidden hidden`);
  expect(resultText).toContain("“Hidden” means too few people for an anonymous team figure.");
  // The lead's overview says so per member: no blind spot, because no peer result.
  expect(visibleText((await lead.get(`/teams/${teamId}/checkins/${cycleId}/results`)).html)).toContain("Member 1 none none 1 Conversation");
});

test("ratings refer to the norm version in force when the cycle opened; the norm's chart marks a new version", async () => {
  const { addNormVersion } = await import("../support/norm-fixtures");
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["Old wording of the norm"]);
  const everyone = [lead, ...members];

  async function runCycle(title: string, peerRating: number) {
    const cycleId = await openCycle(lead, teamId, { title, normCodes: [norm.code] });
    for (const c of everyone) {
      await rateSelf(c, teamId, cycleId, { [norm.code]: 4 });
      for (const p of await peersToRate(c, teamId, cycleId)) await ratePeer(c, teamId, cycleId, p, { [norm.code]: peerRating });
    }
    return cycleId;
  }

  const first = await runCycle("First", 3);
  addNormVersion(server.dbPath, norm.id, "New wording of the norm");
  // Still open: the form shows the wording the cycle opened with.
  const form = visibleText((await members[0].get(`/teams/${teamId}/checkins/${first}/self`)).html);
  expect(form).toContain("Old wording of the norm");
  expect(form).not.toContain("New wording");
  await lead.post(`/teams/${teamId}/checkins/${first}`, { intent: "close" });

  const second = await runCycle("Second", 4);
  expect(visibleText((await members[0].get(`/teams/${teamId}/checkins/${second}/self`)).html)).toContain("New wording of the norm");
  await lead.post(`/teams/${teamId}/checkins/${second}`, { intent: "close" });

  // Each cycle's results show the wording the cycle opened with, and link to the
  // norm's permalink, where the trend over both cycles is.
  const secondResults = await members[1].get(`/teams/${teamId}/checkins/${second}/results`);
  expect(visibleText(secondResults.html)).toContain(`${norm.code} — New wording of the norm`);
  expect(secondResults.html).toContain(`href="/teams/${teamId}/norms/${norm.code}"`);
  // Its trend column runs over both cycles, as a line and as figures; the first
  // cycle's results show only what was known when it closed.
  expect(visibleText(secondResults.html)).toMatch(new RegExp(`${norm.code} — New wording of the norm \\d\\.\\d \\d\\.\\d \\d\\.\\d → \\d\\.\\d`));
  expect(secondResults.html).toMatch(/<svg class="sparkline"[^>]*aria-hidden="true"/);
  // Read out as figures in order, not as arrows.
  expect(secondResults.html).toMatch(/role="img" aria-label="From the oldest check-in to this one: \d\.\d; \d\.\d"/);
  const firstText = visibleText((await members[1].get(`/teams/${teamId}/checkins/${first}/results`)).html);
  expect(firstText).not.toContain("→");
  expect(firstText).toContain(`${norm.code} — Old wording of the norm`);
  expect(firstText).not.toContain("New wording");

  const page = await members[1].get(`/teams/${teamId}/norms/${norm.code}`);
  const text = visibleText(page.html);
  expect(text).toContain(`${norm.code} rose from 3.0 to 4.0 in the peer ratings. Self ratings stayed at 4.0.`);
  expect(text).toContain("The norm got a new version (v2) before “Second”.");
  // The chart: an SVG image with a name and a description, a version marker, and the table behind it.
  const id = `norm-trend-${norm.code}`;
  expect(new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="${id}-title"[^>]*aria-describedby="${id}-summary"`).test(page.html)).toBe(true);
  expect(/<g class="chart-version">.*?>v2<\/text>/.test(page.html)).toBe(true);
  expect(/<th scope="row">First<\/th>.*?<td>1<\/td><td>3\.0<\/td><td>4\.0<\/td>/.test(page.html)).toBe(true);
  expect(/<th scope="row">Second<\/th>.*?<td>2<\/td><td>4\.0<\/td><td>4\.0<\/td>/.test(page.html)).toBe(true);

  // Dutch: the same summary in the reader's language.
  expect((await members[1].post("/language", { language: "nl", redirectTo: "/" })).status).toBe(303);
  const nl = visibleText((await members[1].get(`/teams/${teamId}/norms/${norm.code}`)).html);
  expect(nl).toContain(`${norm.code} steeg van 3,0 naar 4,0 in de collegabeoordelingen. Zelfbeoordelingen bleven op 4,0.`);
  expect(nl).toContain("De norm kreeg een nieuwe versie (v2) vóór „Second”.");
});

test("the results' trend column counts each norm's own cycles: a norm left out of recent cycles keeps its earlier points", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const [often, seldom] = insertActiveNorms(server.dbPath, teamId, ["Rated in every cycle", "Rated now and then"]);
  const everyone = [lead, ...members];

  async function runCycle(title: string, normCodes: string[], peerRating: number | null) {
    const cycleId = await openCycle(lead, teamId, { title, normCodes });
    const ratings = Object.fromEntries(normCodes.map((code) => [code, peerRating ?? 3]));
    if (peerRating !== null) {
      for (const c of everyone) {
        await rateSelf(c, teamId, cycleId, ratings);
        for (const p of await peersToRate(c, teamId, cycleId)) await ratePeer(c, teamId, cycleId, p, ratings);
      }
    }
    await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" });
    return cycleId;
  }

  await runCycle("Both, first", [often.code, seldom.code], 2);
  // More cycles without the second norm than the trend column shows (six).
  for (let i = 1; i <= 6; i++) await runCycle(`Only the first norm ${i}`, [often.code], null);
  const last = await runCycle("Both, again", [often.code, seldom.code], 4);

  const text = visibleText((await lead.get(`/teams/${teamId}/checkins/${last}/results`)).html);
  expect(text).toMatch(new RegExp(`${seldom.code} — Rated now and then \\d\\.\\d \\d\\.\\d 2\\.0 → 4\\.0`));
});
