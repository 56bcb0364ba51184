// A norm's permalink after years of use: the proposals about it come before its history,
// work in progress first; only the latest versions are shown in full.
import { expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestServer } from "../support/server";
import { teamWithNames, visibleText } from "../support/client";
import { addNormVersion, insertActiveNorms } from "../support/norm-fixtures";
import { expectStatus, newProposal, proposalPath } from "../support/norms";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

test("a norm with many versions shows the latest five and folds the rest; proposals about it come first, open ones on top, with their titles", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Abel Author"]);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bellen binnen één werkdag terug."]);
  for (let v = 2; v <= 8; v++) addNormVersion(server.dbPath, norm.id, `Versie-${v}: we bellen binnen ${9 - v} uur terug.`);

  const older = await newProposal(lead, teamId, { kind: "change", normCode: norm.code, title: "Eerdere wijziging die is ingetrokken.", body: "", category: "customer-contact" });
  expectStatus(await lead.post(proposalPath(teamId, older), { intent: "withdraw" }), 303);
  const draft = await newProposal(members[0], teamId, { kind: "change", normCode: norm.code, title: "We bellen binnen vier uur terug.", body: "", category: "customer-contact" });

  const page = await lead.get(`/teams/${teamId}/norms/${norm.code}`);
  expect(page.status).toBe(200);
  const text = visibleText(page.html);
  // Proposals before versions, the draft first, each named by its title.
  expect(text.indexOf("Proposals about this norm")).toBeLessThan(text.indexOf("8 versions"));
  expect(text.indexOf(`#${draft} We bellen binnen vier uur terug.`)).toBeGreaterThan(-1);
  expect(text.indexOf(`#${draft} `)).toBeLessThan(text.indexOf(`#${older} `));
  // Versions 8..4 in full; 3..1 behind one disclosure, still in the page.
  const fold = page.html.indexOf('<details class="older-versions">');
  expect(fold).toBeGreaterThan(-1);
  expect(visibleText(page.html.slice(fold))).toMatch(/^Show the 3 older versions/);
  for (const v of [8, 7, 6, 5, 4]) expect(page.html.indexOf(`Versie-${v}:`)).toBeLessThan(fold);
  for (const v of [3, 2]) expect(page.html.indexOf(`Versie-${v}:`)).toBeGreaterThan(fold);
});
