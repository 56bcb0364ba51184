// Probe: ratings aimed at the wrong thing. A norm the cycle does not cover is a 400
// naming it; a colleague one was not assigned (or oneself, or nobody) is the 404 page;
// someone who joined after the cycle opened has no form. Nothing is stored, never a 500.
import { beforeAll, expect, test } from "vitest";
import { join, signUp, teamWithMembers, visibleText, type Client } from "../support/client";
import { openCycle, peersToRate, userIdByEmail } from "../support/checkins";
import type { TestDb } from "../support/db";
import { formError } from "../support/forms";
import { insertActiveNorms } from "../support/norm-fixtures";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

let lead: Client & { email: string };
let members: (Client & { email: string })[];
let teamId: string;
let joinPath: string;
let cycle: number;

const ratings = () => (db.prepare("select (select count(*) from self_ratings) + (select count(*) from peer_ratings) as n").get() as { n: number }).n;

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 4);
  ({ teamId, joinPath } = team);
  lead = team.lead as Client & { email: string };
  members = team.members as (Client & { email: string })[];
  insertActiveNorms(server.dbPath, teamId, ["We call back within one working day.", "We name a colleague when we transfer.", "We confirm appointments by e-mail."]);
  // N-3 stays out of the cycle.
  cycle = await openCycle(lead, teamId, { normCodes: ["N-1", "N-2"], peersPerMember: "1" });
});

test("a rating for a norm outside the cycle is a 400 that names it, on the self and the peer form", async () => {
  const [m] = members;
  const before = ratings();
  const extras: Record<string, string>[] = [{ "rating.N-3": "4" }, { "rating.N-99": "4" }, { "example.N-3": "text" }, { "rating.n-1": "4" }];
  for (const extra of extras) {
    const res = await m.post(`/teams/${teamId}/checkins/${cycle}/self`, { "rating.N-1": "3", "rating.N-2": "3", ...extra });
    const code = Object.keys(extra)[0].split(".")[1];
    expect(res.status, code).toBe(400);
    expect(formError(res.html), code).toBe(`${code} is not one of the norms of this check-in, so it cannot be rated here.`);
  }
  const [peer] = await peersToRate(m, teamId, cycle);
  const res = await m.post(`/teams/${teamId}/checkins/${cycle}/peers/${peer}`, { "rating.N-1": "3", "rating.N-2": "3", "observation.N-3": "Seen" });
  expect(res.status).toBe(400);
  expect(formError(res.html)).toBe("N-3 is not one of the norms of this check-in, so it cannot be rated here.");
  expect(ratings()).toBe(before);
  // The Dutch form says the same.
  await m.post("/language", { language: "nl", redirectTo: "/" });
  const nl = await m.post(`/teams/${teamId}/checkins/${cycle}/self`, { "rating.N-1": "3", "rating.N-2": "3", "rating.N-3": "3" });
  expect(formError(nl.html)).toBe("N-3 is geen van de normen van deze check-in en kan hier dus geen score krijgen.");
  await m.post("/language", { language: "en", redirectTo: "/" });
});

test("rating a colleague one was not assigned, oneself, or an id that is no one: the 404 page", async () => {
  const [m] = members;
  const mine = await peersToRate(m, teamId, cycle);
  const everyone = [lead, ...members].map((c) => userIdByEmail(server.dbPath, c.email));
  const self = userIdByEmail(server.dbPath, m.email);
  const notAssigned = everyone.filter((id) => id !== self && !mine.includes(id));
  expect(notAssigned.length).toBeGreaterThan(0);
  const before = ratings();
  for (const target of [...notAssigned, self, "nobody", "x".repeat(3000), "%00", "..%2F..%2Fsettings"]) {
    for (const method of ["get", "post"] as const) {
      const path = `/teams/${teamId}/checkins/${cycle}/peers/${target}`;
      const res = method === "get" ? await m.get(path) : await m.post(path, { "rating.N-1": "3", "rating.N-2": "3" });
      expect(res.status, `${method} ${target.slice(0, 20)}`).toBe(404);
      expect(visibleText(res.html)).toContain("Page not found");
    }
  }
  expect(ratings()).toBe(before);
});

test("someone who joined after the cycle opened has no self or peer form in it", async () => {
  const late = await signUp(server.url, "Late Joiner");
  await join(late, joinPath);
  expect((await late.get(`/teams/${teamId}/checkins/${cycle}/self`)).status).toBe(404);
  expect((await late.post(`/teams/${teamId}/checkins/${cycle}/self`, { "rating.N-1": "3", "rating.N-2": "3" })).status).toBe(404);
  const someone = userIdByEmail(server.dbPath, members[1].email);
  expect((await late.post(`/teams/${teamId}/checkins/${cycle}/peers/${someone}`, { "rating.N-1": "3", "rating.N-2": "3" })).status).toBe(404);
  // Their team home says why the running check-in is not theirs; a participant's does not.
  const notice = "You joined after it opened, so you take part from the next check-in.";
  expect(visibleText((await late.get(`/teams/${teamId}`)).html)).toContain(notice);
  expect(visibleText((await members[1].get(`/teams/${teamId}`)).html)).not.toContain(notice);
});
