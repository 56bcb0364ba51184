// A closed check-in's frozen figures are kept in memory after the first visit
// (decision 087). What must never come from that memory: another member's
// figures, or a name from before a rename.
import { expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestServer } from "../support/server";
import { teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { openCycle, rateAll, userIdByEmail } from "../support/checkins";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

test("each member's results page shows their own self rating, whichever member's page was read first", async () => {
  const { lead, teamId, everyone, members } = await teamWithNames(server.url, ["Lea Lead", "Bram Jansen", "Anna de Wit", "Sam Smit"]);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bellen binnen één werkdag terug."]);
  const cycle = await openCycle(lead, teamId, { normCodes: [norm.code] });
  // Self ratings 2, 3, 4, 5 in sign-up order; every colleague rates 3.
  await rateAll(everyone, teamId, cycle, { self: (i) => ({ [norm.code]: i + 2 }), peer: { [norm.code]: 3 } });
  expect((await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })).status).toBe(303);

  const selfRating = (html: string) => /Self rating\s*([1-5])/.exec(visibleText(html))?.[1];
  const memberPage = (i: number) => `/teams/${teamId}/checkins/${cycle}/results?member=${userIdByEmail(server.dbPath, members[i].email)}`;
  for (const round of [1, 2]) {
    for (const [i, member] of members.entries()) {
      expect(selfRating((await lead.get(memberPage(i))).html), `member ${i}, visit ${round}`).toBe(String(i + 3));
      expect(selfRating((await member.get(`/teams/${teamId}/checkins/${cycle}/results`)).html), `own page ${i}, visit ${round}`).toBe(String(i + 3));
    }
  }
  expect(selfRating((await lead.get(`/teams/${teamId}/checkins/${cycle}/results`)).html), "the lead's own").toBe("2");
});

test("a member renamed after the results were read is shown by their new name", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Bram Jansen", "Anna de Wit"]);
  const [bram] = members;
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bellen binnen één werkdag terug."]);
  const cycle = await openCycle(lead, teamId, { normCodes: [norm.code] });
  expect((await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })).status).toBe(303);
  const bramId = userIdByEmail(server.dbPath, bram.email);
  const pages = [
    `/teams/${teamId}/checkins/${cycle}/results`,
    `/teams/${teamId}/checkins/${cycle}/results?member=${bramId}`,
    `/teams/${teamId}/checkins/${cycle}/conversations/${bramId}`,
  ];
  for (const path of pages) expect(visibleText((await lead.get(path)).html), path).toContain("Bram Jansen");
  expect((await bram.get(`/teams/${teamId}/checkins/${cycle}/results`)).status).toBe(200);

  const renamed = await bram.post("/account", { intent: "profile", name: "Bram de Boer", language: "" });
  expect(renamed.status).toBe(303);
  for (const path of pages) {
    const text = visibleText((await lead.get(path)).html);
    expect(text, path).toContain("Bram de Boer");
    expect(text, path).not.toContain("Bram Jansen");
  }
});
