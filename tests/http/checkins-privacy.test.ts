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
  expect(other).toContain("Self rating 5 Peer mean 2.0 Possible blind spot");

  // Leads included: the overview says the target has no peer result on either norm,
  // and the target's own results page says the same as the target's page.
  const leadHtml = (await lead.get(`${url}/results`)).html;
  expect(visibleText(rowOf(leadHtml, "Member 1"))).toBe("Member 1 none none 2 Conversation");
  expect(leadHtml).not.toContain("Observation for 1 ");
  const detail = await lead.get(`${url}/results?member=${targetId}`);
  expect(detail.status).toBe(200);
  const detailText = visibleText(detail.html);
  expect(detailText.match(/Not enough peer ratings for an anonymous result\./g)).toHaveLength(2);
  expect(detailText).not.toMatch(/Peer mean \d/);
  expect(detail.html).not.toContain("Observation for 1 ");

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

/** The row of one member in the lead's members table. */
function rowOf(html: string, name: string) {
  const table = html.split('<section aria-labelledby="members-title"')[1]?.split("</table>")[0] ?? "";
  const rows = table.split("<tr>").slice(2);
  const row = rows.find((r) => new RegExp(`^<th scope="row"><a [^>]*>${name}</a>`).test(r));
  if (!row) throw new Error(`no row for ${name} in the members table`);
  return row.split("</tr>")[0];
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
        // The lead's overview names each member, and links to their results and their
        // conversation by user id, only in that member's own row. (The page data holds
        // the members' ids too: a lead sees them on the members page anyway, and none
        // is a rater's.)
        const shown = html.replace(/<script[\s\S]*?<\/script>/g, "");
        const beforeMembers = shown.split('<section aria-labelledby="members-title"')[0];
        for (const name of names.slice(1)) expect(beforeMembers.includes(name)).toBe(false);
        for (const id of ids.slice(1)) expect(beforeMembers.includes(id)).toBe(false);
        for (const [k, name] of names.entries()) {
          const row = rowOf(shown, name);
          expect(row).toContain(`/checkins/${cycleId}/results?member=${ids[k]}`);
          expect(row).toContain(`/checkins/${cycleId}/conversations/${ids[k]}`);
          for (const [m, otherName] of names.entries()) {
            if (m !== k) expect(row.includes(otherName), `${otherName} in ${name}'s row`).toBe(false);
            if (m !== k) expect(row.includes(ids[m]), `id of ${otherName} in ${name}'s row`).toBe(false);
          }
        }
        // One member's page (page data included) names that member and the lead who
        // is looking, nobody else: not their raters, not another member.
        for (const [k, name] of names.entries()) {
          const detail = await lead.get(`${url}/results?member=${ids[k]}`);
          expect(detail.status).toBe(200);
          expect(visibleText(detail.html)).toContain(language === "en" ? `Results of ${name}:` : `Resultaten van ${name}:`);
          for (const at of times) expect(detail.html.includes(at), `rating time ${at} on ${name}'s page`).toBe(false);
          expect(/rater|ratee|updatedAt|updated_at/i.test(detail.html)).toBe(false);
          for (const [m, otherName] of names.entries()) {
            if (m === k || m === 0) continue;
            expect(detail.html.includes(otherName), `${otherName} on ${name}'s page`).toBe(false);
            expect(detail.html.includes(ids[m]), `id of ${otherName} on ${name}'s page`).toBe(false);
          }
        }
      }
    }
  }
});

test("?member= is for leads: a member gets 403 for anyone else, their own page for themselves; unknown ids are 404, never a 500", async () => {
  const { lead, teamId, members } = await teamWithMembers(server.url, 4);
  const everyone = [lead, ...members];
  const ids = everyone.map((c) => userIdByEmail(server.dbPath, c.email));
  const codes = insertActiveNorms(server.dbPath, teamId, ["We answer e-mail the same day"]).map((n) => n.code);
  const cycleId = await openCycle(lead, teamId, { normCodes: codes });
  const results = `/teams/${teamId}/checkins/${cycleId}/results`;

  // While the cycle runs: the lead gets the "after closing" page for a participant.
  const early = await lead.get(`${results}?member=${ids[1]}`);
  expect(early.status).toBe(200);
  expect(visibleText(early.html)).toContain("Results after closing");
  expect((await lead.get(`${results}?member=nobody`)).status).toBe(404);
  expect((await members[0].get(`${results}?member=${ids[2]}`)).status).toBe(403);

  for (const c of everyone) {
    await rateSelf(c, teamId, cycleId, { [codes[0]]: 4 }, { [codes[0]]: `Own example of ${c.email}` });
    for (const p of await peersToRate(c, teamId, cycleId)) await ratePeer(c, teamId, cycleId, p, { [codes[0]]: 3 });
  }
  expect((await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" })).status).toBe(303);

  // A member: someone else's id (or any other string) is refused without saying whether it exists.
  const member = members[0];
  for (const other of [ids[0], ids[2], "nobody"]) {
    const page = await member.get(`${results}?member=${encodeURIComponent(other)}`);
    expect(page.status, `member asking for ${JSON.stringify(other)}`).toBe(403);
    expect(page.html).not.toContain(`Own example of ${everyone[2].email}`);
  }
  // An empty ?member= names nobody: the page as without it.
  const empty = await member.get(`${results}?member=`);
  expect(empty.status).toBe(200);
  expect(visibleText(empty.html)).toContain(`Own example of ${member.email}`);
  expect(empty.html).not.toContain(`Own example of ${everyone[2].email}`);
  // Their own id is simply their own results page.
  const own = await member.get(`${results}?member=${ids[1]}`);
  expect(own.status).toBe(200);
  expect(visibleText(own.html)).toContain(`Own example of ${member.email}`);
  expect(visibleText(own.html)).toContain("Your results");

  // The lead: each member's page, with a way back and to the conversation; its own <title>.
  const detail = await lead.get(`${results}?member=${ids[2]}`);
  expect(detail.status).toBe(200);
  // (Any flash still unread, here the close, comes first.)
  expect(detail.html).toMatch(/<title>(?:[^<]+ — )?Results of Member 2: Check-in test — Team Test — Normwerk<\/title>/);
  expect(detail.html).toContain(`href="${results}#members-title"`);
  expect(detail.html).toContain(`href="/teams/${teamId}/checkins/${cycleId}/conversations/${ids[2]}"`);
  expect(visibleText(detail.html)).toContain(`Own example of ${everyone[2].email}`);
  expect(detail.html).not.toContain(`Own example of ${everyone[1].email}`);

  // Unknown, another team's, a non-participant's or garbage ids: 404, never a 500.
  const other = await teamWithMembers(server.url, 1, "Other Team");
  const otherId = userIdByEmail(server.dbPath, other.lead.email);
  const odd = [otherId, "nobody", "%20", "%00", "' or 1=1 --", "x".repeat(5000), "😀", "%E2%80%AE", "a%2Fb", "../1", `${ids[1]}%00`, "<script>"];
  for (const value of odd) {
    const page = await lead.get(`${results}?member=${value}`);
    expect(page.status, `?member=${value.slice(0, 40)}`).toBe(404);
  }
  expect((await lead.get(`${results}?member=${ids[1]}&member=${ids[2]}`)).status).toBe(200);
  // Another team's cycle with a valid member id stays a 404.
  expect((await other.lead.get(`${results}?member=${ids[1]}`)).status).toBe(404);
});
