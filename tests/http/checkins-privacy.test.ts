// The privacy rules of check-ins, checked on the HTML the server actually sends.
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

test("a member rated by only 2 colleagues gets no peer figure and no observations", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const everyone = [lead, ...members];
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const codes = insertActiveNorms(server.dbPath, teamId, ["We greet every caller by name", "We confirm what we agreed"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: codes });
  const url = `/teams/${teamId}/checkins/${cycleId}`;

  const target = members[0];
  const targetId = ids[1];
  const assignments = await Promise.all(everyone.map((c) => peersToRate(c, teamId, cycleId)));
  const ratersOfTarget = everyone.filter((_, i) => assignments[i].includes(targetId));
  expect(ratersOfTarget).toHaveLength(3);
  const skipper = ratersOfTarget[2];

  for (const [i, client] of everyone.entries()) {
    await rateSelf(client, teamId, cycleId, { [codes[0]]: 5, [codes[1]]: 5 });
    for (const rateeId of assignments[i]) {
      if (client === skipper && rateeId === targetId) continue;
      const res = await ratePeer(client, teamId, cycleId, rateeId, { [codes[0]]: 2, [codes[1]]: 2 }, {
        [codes[0]]: `Observation for ${ids.indexOf(rateeId)} number ${i}`,
      });
      expect(res.status).toBe(303);
    }
  }
  expect((await lead.post(url, { intent: "close" })).status).toBe(303);

  const page = await target.get(`${url}/results`);
  const text = visibleText(page.html);
  expect(text.match(/Not enough peer ratings for an anonymous result\./g)).toHaveLength(2);
  expect(text).not.toMatch(/Peer mean \d/);
  expect(text).not.toContain("Spread of peer ratings");
  expect(text).not.toContain("Possible blind spot");
  expect(text).not.toContain("Observation for 1 ");

  // Everyone else was rated three times and does see a figure (and a blind spot: 5 vs 2).
  const other = visibleText((await members[1].get(`${url}/results`)).html);
  expect(other).toContain("Self rating 5 Peer mean 2 Spread of peer ratings 2 to 2 Possible blind spot");

  // Leads included: the target's section says the same.
  const leadHtml = (await lead.get(`${url}/results`)).html;
  const targetSection = sectionOf(leadHtml, "Member 1");
  expect(visibleText(targetSection)).toContain("Not enough peer ratings for an anonymous result.");
  expect(visibleText(targetSection)).not.toMatch(/Peer mean \d/);
  expect(leadHtml).not.toContain("Observation for 1 ");

  // Nothing below the threshold was even stored in the frozen tables.
  const frozen = queryTestDb<{ shown: number; mean: number | null }>(
    server.dbPath,
    "select peer_shown as shown, peer_mean as mean from cycle_results where cycle_id = ? and user_id = ?",
    cycleId,
    targetId,
  );
  expect(frozen).toEqual([
    { shown: 0, mean: null },
    { shown: 0, mean: null },
  ]);
  expect(
    queryTestDb(server.dbPath, "select 1 from cycle_observations where cycle_id = ? and user_id = ?", cycleId, targetId),
  ).toEqual([]);
});

/** The lead's "each member" block for one member, up to the next member's block. */
function sectionOf(html: string, name: string) {
  const blocks = html.split(/<section aria-labelledby="member-\d+">/).slice(1);
  const block = blocks.find((b) => new RegExp(`^<h3 id="member-\\d+">${name}(<| )`).test(b));
  if (!block) throw new Error(`no results section for ${name}`);
  return block.split("</section>")[0];
}

test("no results page, cycle page or to-do list reveals who rated whom, per-rater values or rating times", async () => {
  // Distinctive names, so a name in the page cannot be a coincidence.
  const names = ["Anouk Vermeulen", "Bram Kuipers", "Chantal Dekker", "Dirk Mulder", "Esra Yilmaz", "Floor van Dijk"];
  const { lead, teamId, everyone } = await teamWithNames(server.url, names, "Privacy Team");
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const codes = insertActiveNorms(server.dbPath, teamId, ["We keep promises about call-backs", "We escalate within an hour"]).map(
    (n) => n.code,
  );
  const cycleId = await openCycle(lead, teamId, { normCodes: codes, peersPerMember: "4" });
  const url = `/teams/${teamId}/checkins/${cycleId}`;

  const assignments = await Promise.all(everyone.map((c) => peersToRate(c, teamId, cycleId)));
  for (const [i, client] of everyone.entries()) {
    await rateSelf(client, teamId, cycleId, { [codes[0]]: 4, [codes[1]]: 3 }, { [codes[0]]: "My own example." });
    for (const [j, rateeId] of assignments[i].entries()) {
      // Values differ per rater, so a per-rater value would stand out.
      await ratePeer(client, teamId, cycleId, rateeId, { [codes[0]]: 1 + ((i + j) % 5), [codes[1]]: 2 }, {
        [codes[0]]: `Calm voice, customer stayed ${i * 10 + j}.`,
      });
    }
  }

  // While open: a member's own pages show their own ratees and nobody who rates them.
  for (const [i, client] of everyone.entries()) {
    const own = [ids[i], ...assignments[i]].sort();
    const cyclePage = (await client.get(url)).html;
    expect(ids.filter((id) => cyclePage.includes(id)).sort()).toEqual(own);
    const home = (await client.get(`/teams/${teamId}`)).html;
    for (const id of ids.filter((id) => home.includes(id))) expect(own).toContain(id);
  }

  expect((await lead.post(url, { intent: "close" })).status).toBe(303);
  const times = queryTestDb<{ at: number }>(
    server.dbPath,
    "select updated_at as at from peer_ratings where cycle_id = ? union select updated_at from self_ratings where cycle_id = ?",
    cycleId,
    cycleId,
  ).map((r) => String(r.at));
  expect(times.length).toBeGreaterThan(0);

  for (const [i, client] of everyone.entries()) {
    for (const language of ["en", "nl"] as const) {
      await client.post("/language", { language, redirectTo: "/" });
      const page = await client.get(`${url}/results`);
      expect(page.status).toBe(200);
      const html = page.html;
      // Never a rating time, never a field about raters.
      for (const at of times) expect(html.includes(at), `rating time ${at} in the page`).toBe(false);
      expect(/rater|ratee|updatedAt|updated_at/i.test(html)).toBe(false);
      if (client !== lead) {
        // Only the viewer's own user id appears (the page shell knows who is signed in).
        for (const [k, id] of ids.entries()) if (k !== i) expect(html.includes(id), `user id of ${names[k]}`).toBe(false);
        // A member's results name nobody else.
        for (const [k, name] of names.entries()) if (k !== i) expect(html.includes(name), `${name} on ${names[i]}'s page`).toBe(false);
      } else {
        // The lead's page names each member, and links to their conversation by user id,
        // only in that member's own block. (The lead's own page data holds the members'
        // ids too: a lead sees them on the members page anyway, and none is a rater's.)
        const shown = html.replace(/<script[\s\S]*?<\/script>/g, "");
        const beforeMembers = shown.split(/<section aria-labelledby="member-1">/)[0];
        for (const name of names.slice(1)) expect(beforeMembers.includes(name)).toBe(false);
        for (const id of ids.slice(1)) expect(beforeMembers.includes(id)).toBe(false);
        for (const [k, name] of names.entries()) {
          const block = sectionOf(shown, name);
          if (k > 0) expect(block).toContain(`/checkins/${cycleId}/conversations/${ids[k]}`);
          for (const [m, otherName] of names.entries()) {
            if (m !== k) expect(block.includes(otherName), `${otherName} in ${name}'s block`).toBe(false);
            if (m !== k) expect(block.includes(ids[m]), `id of ${otherName} in ${name}'s block`).toBe(false);
          }
        }
      }
    }
  }
});
