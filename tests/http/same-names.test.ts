// Two members with the same name: the lead's overviews tell them apart by e-mail address.
import { expect, test } from "vitest";
import { useTestServer } from "../support/setup";
import type { TestServer } from "../support/server";
import { teamWithNames, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";
import { openCycle } from "../support/checkins";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

test("the lead's results and conversation overviews add the address only where a name occurs twice", async () => {
  const { lead, teamId, members } = await teamWithNames(server.url, ["Lea Lead", "Bram Jansen", "Bram Jansen", "Anna Unique"]);
  const [one, two, anna] = members;
  const norms = insertActiveNorms(server.dbPath, teamId, ["We bellen binnen één werkdag terug."]);
  const cycle = await openCycle(lead, teamId, { normCodes: norms.map((n) => n.code) });
  expect((await lead.post(`/teams/${teamId}/checkins/${cycle}`, { intent: "close" })).status).toBe(303);

  for (const path of [`/teams/${teamId}/checkins/${cycle}/results`, `/teams/${teamId}/checkins/${cycle}/conversations`]) {
    const text = visibleText((await lead.get(path)).html);
    expect(text, path).toContain(`Bram Jansen (${one.email})`);
    expect(text, path).toContain(`Bram Jansen (${two.email})`);
    expect(text, path).toContain("Anna Unique");
    expect(text, path).not.toContain(anna.email);
  }
});
