// Probe: every route's URL params filled with garbage, one param at a time (the others
// real). Very long, NUL, "../", unicode and direction marks, and numbers written the ways
// Number() forgives ("0x1", "1.0", "01", "1e0"): each is the 404 page, for GET and POST,
// never a 500 and never the page of the row the number happens to mean.
import { beforeAll, expect, test } from "vitest";
import { Client, teamWithMembers, visibleText } from "../support/client";
import { openCycle, peersToRate, userIdByEmail } from "../support/checkins";
import { insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { newProposal } from "../support/norms";
import { exportsAction, fillParams, paramsOf, routeModules, urlPattern } from "../support/routes";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

let lead: Client;
let real: Record<string, string>;

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 2);
  lead = team.lead;
  insertActiveNorms(server.dbPath, team.teamId, ["We call back within one working day."]);
  const cycle = await openCycle(lead, team.teamId, { normCodes: ["N-1"], peersPerMember: "1" });
  const proposal = await newProposal(lead, team.teamId, { kind: "add", title: "We confirm appointments by e-mail.", body: "", category: "other" });
  // Cycle and proposal 1 exist, so "01", "1.0" and "0x1" would each find a real row if read with Number().
  expect([cycle, proposal]).toEqual([1, 1]);
  real = {
    team: team.teamId,
    token: team.joinPath.split("/")[2],
    id: String(proposal),
    cycle: String(cycle),
    userId: userIdByEmail(server.dbPath, (team.members[0] as Client & { email: string }).email),
    code: "N-1",
    // The dictionary's file name, as a page names it (decision 073).
    file: /href="\/i18n\/([^"]+)"/.exec((await new Client(server.url).get("/login")).html)![1],
  };
});

const garbage = [
  "x".repeat(3000),
  "\u0000",
  "a\u0000b",
  "../",
  "../../settings",
  "..\\..",
  "🙂",
  "\u202Eevil",
  "مرحبا",
  "0x1",
  "1.0",
  "01",
  "1e0",
  "+1",
  " 1",
  "-1",
  "0",
  "99999999999999999999",
  "N-01",
  "N-1.0",
  "%",
  "%00",
  "null",
  "undefined",
  "[object Object]",
];

test("every param of every route, filled with garbage: 404", async () => {
  const failures: string[] = [];
  let checked = 0;
  for (const route of routeModules()) {
    const pattern = urlPattern(route.id);
    const names = paramsOf(pattern).filter((p) => p !== "*");
    for (const name of names) {
      expect(real, `a real value for :${name}`).toHaveProperty(name);
      for (const value of garbage) {
        const url = fillParams(pattern, { ...real, [name]: value, "*": "x" });
        const label = `${route.id} :${name}=${JSON.stringify(value.slice(0, 20))}`;
        const got = await lead.get(url);
        checked++;
        if (got.status !== 404) failures.push(`GET ${label} → ${got.status}`);
        // Pages show the 404 page; the Markdown export, the invite page and the dictionary file answer in their own words.
        else if (!/agreement\[\.md\]|join|i18n/.test(route.id) && !visibleText(got.html).includes("Page not found")) {
          failures.push(`GET ${label}: not the 404 page`);
        }
        if (exportsAction(route.source)) {
          const posted = await lead.post(url, { intent: "close" });
          if (posted.status !== 404) failures.push(`POST ${label} → ${posted.status}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
  expect(checked).toBeGreaterThan(200);
  // A few hundred requests: more than the default 30 s on a busy machine.
}, 240_000);

test("the same URLs with real values are found", async () => {
  const [assigned] = await peersToRate(lead, real.team, Number(real.cycle));
  for (const route of routeModules()) {
    const pattern = urlPattern(route.id);
    if (!paramsOf(pattern).length || pattern.includes(":*") || route.id.includes("join")) continue;
    const userId = route.id.includes("peers") ? assigned : real.userId;
    const res = await lead.get(fillParams(pattern, { ...real, userId }));
    expect([200, 303], route.id).toContain(res.status);
  }
});

test("query parameters too: ?version= on the agreement and its Markdown", async () => {
  for (const value of garbage.filter((v) => v !== "%")) {
    for (const path of ["agreement", "agreement.md"]) {
      const res = await lead.get(`/teams/${real.team}/${path}?version=${encodeURIComponent(value)}`);
      expect(res.status, `${path}?version=${JSON.stringify(value.slice(0, 20))}`).toBe(404);
    }
  }
  // Broken percent-encoding in the path or query never reaches a route as a 500.
  for (const raw of [`/teams/${real.team}/checkins/%E0%A4%A`, `/teams/${real.team}/norms/%`, `/teams/${real.team}/agreement?version=%E0`]) {
    expect((await lead.get(raw)).status, raw).toBeLessThan(500);
  }
});

test("Remix's old ?_data= protocol is refused before any route runs, for reads and writes", async () => {
  const invites = () => queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from invites where team_id = ?", real.team)[0].n;
  const before = invites();
  for (const route of routeModules()) {
    const pattern = urlPattern(route.id);
    if (pattern.includes(":*")) continue;
    const path = `${fillParams(pattern, real)}?_data=${encodeURIComponent(`routes/${route.id}`)}`;
    const read = await lead.get(path);
    expect(read.status, path).toBe(400);
    expect(read.html, path).not.toContain('"teamId"');
    if (exportsAction(route.source)) expect((await lead.post(path, { intent: "invite" })).status, path).toBe(400);
  }
  // No action ran: the posts asked for invite links and none was made.
  expect(invites()).toBe(before);
});
