// A norm's permalink after years of use: the proposals about it come before its history,
// work in progress first; only the latest versions are shown in full.
import { expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestServer } from "../support/server";
import type { TestDb } from "../support/db";
import { teamWithNames, visibleText } from "../support/client";
import { addNormVersion, insertActiveNorms } from "../support/norm-fixtures";
import { expectStatus, newProposal, proposalPath } from "../support/norms";

let server: TestServer;
let sql: TestDb;
useTestServer((s, db) => {
  server = s;
  sql = db;
});

test("a norm with many versions shows the latest five and folds the rest; proposals about it come first, open ones on top, with their titles", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Abel Author"]);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bellen binnen één werkdag terug."]);
  for (let v = 2; v <= 8; v++) addNormVersion(server.dbPath, norm.id, `Versie-${v}: we bellen binnen ${9 - v} uur terug.`);

  const older = await newProposal(lead, teamId, { kind: "change", normCode: norm.code, title: "Eerdere wijziging die is ingetrokken.", body: "", category: "customer-contact" });
  expectStatus(await lead.post(proposalPath(teamId, older), { intent: "withdraw" }), 303);
  const voting = await newProposal(lead, teamId, { kind: "change", normCode: norm.code, title: "We bellen binnen twee uur terug.", body: "", category: "customer-contact" });
  expectStatus(await lead.post(proposalPath(teamId, voting), { intent: "open-vote", closesAt: "" }), 303);
  const draft = await newProposal(members[0], teamId, { kind: "change", normCode: norm.code, title: "We bellen binnen vier uur terug.", body: "", category: "customer-contact" });

  const page = await lead.get(`/teams/${teamId}/norms/${norm.code}`);
  expect(page.status).toBe(200);
  const text = visibleText(page.html);
  // Proposals before versions, the draft first, each named by its title.
  expect(text.indexOf("Proposals about this norm")).toBeLessThan(text.indexOf("8 versions"));
  expect(text.indexOf(`#${draft} We bellen binnen vier uur terug.`)).toBeGreaterThan(-1);
  // The open vote first, then the draft, then the rest.
  expect(text.indexOf(`#${voting} `)).toBeLessThan(text.indexOf(`#${draft} `));
  expect(text.indexOf(`#${draft} `)).toBeLessThan(text.indexOf(`#${older} `));
  // Versions 8..4 in full; 3..1 behind one disclosure, still in the page.
  const fold = page.html.indexOf('<details class="older-versions">');
  expect(fold).toBeGreaterThan(-1);
  expect(visibleText(page.html.slice(fold))).toMatch(/^Show the 3 older versions/);
  for (const v of [8, 7, 6, 5, 4]) expect(page.html.indexOf(`Versie-${v}:`)).toBeLessThan(fold);
  for (const v of [3, 2]) expect(page.html.indexOf(`Versie-${v}:`)).toBeGreaterThan(fold);
});

test("after years of check-ins the norm's chart keeps its date labels apart, with the year", async () => {
  const { lead, teamId } = await teamWithNames(server.url, ["Lea Lead"]);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We noemen onze naam."]);
  // Twenty closed check-ins, one a month from January 2024.
  const cycle = sql.prepare(
    "insert into checkin_cycles (team_id, title, status, opened_at, closes_at, closed_at, peers_per_member, seed) values (?, ?, 'closed', ?, ?, ?, 3, 1)",
  );
  const stats = sql.prepare(
    "insert into cycle_norm_stats (team_id, cycle_id, norm_id, norm_version, mean_self, mean_peer, self_distribution, peer_distribution) values (?, ?, ?, 1, 3, 3.5, '[0,0,1,0,0]', '[0,0,1,0,0]')",
  );
  for (let i = 0; i < 20; i++) {
    const at = Date.UTC(2024, i, 15, 12);
    const { lastInsertRowid } = cycle.run(teamId, `Check-in ${i + 1}`, at - 7 * 86_400_000, at, at);
    stats.run(teamId, lastInsertRowid, norm.id);
  }
  const html = (await lead.get(`/teams/${teamId}/norms/${norm.code}`)).html;
  const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
  const labels = [...svg.matchAll(/<text[^>]*class="chart-axis"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((l) => !/^[1-5]$/.test(l));
  expect(labels.length).toBeLessThanOrEqual(8);
  expect(labels.at(-1)).toBe("Aug 2025");
  expect(labels.every((l) => /\d{4}$/.test(l))).toBe(true);
  // Every check-in is still in the table under the chart.
  expect(visibleText(html)).toContain("Check-in 1 ");

  // Three check-ins a month over a new year: month and year alone would repeat, so the day is added.
  const [often] = insertActiveNorms(server.dbPath, teamId, ["We mailen binnen een uur terug."]);
  for (let i = 0; i < 12; i++) {
    const at = Date.UTC(2024, 10, 1, 12) + i * 10 * 86_400_000;
    const { lastInsertRowid } = cycle.run(teamId, `Halfmaandelijks ${i + 1}`, at - 86_400_000, at, at);
    stats.run(teamId, lastInsertRowid, often.id);
  }
  const twice = (await lead.get(`/teams/${teamId}/norms/${often.code}`)).html;
  const svg2 = twice.slice(twice.indexOf("<svg"), twice.indexOf("</svg>"));
  const labels2 = [...svg2.matchAll(/<text[^>]*class="chart-axis"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((l) => !/^[1-5]$/.test(l));
  expect(new Set(labels2).size).toBe(labels2.length);
  expect(labels2.every((l) => /^\w{3} \d{1,2}, \d{4}$/.test(l))).toBe(true);
});
