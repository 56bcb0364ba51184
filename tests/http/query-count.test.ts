// No query per row: every hot page runs the same number of SQL statements for a
// team of 5 as for a team of 60 with the same shape of data (seeds/scale.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client } from "../support/client";
import { hotPages, morePages, SCALE_LEAD, SCALE_MEMBER, SCALE_PASSWORD, SCALE_TEAM, seedScale, type BenchPage } from "../support/scale";
import { startServer, type TestServer } from "../support/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-counts-"));
const sizes = [5, 60] as const;
const servers = new Map<number, TestServer>();
const clients = new Map<number, Record<BenchPage["as"], Client>>();
// Per file: ids (a cycle's, an assigned peer's) are looked up in each.
const pages = new Map<number, BenchPage[]>();

async function signIn(base: string, email: string) {
  const client = new Client(base);
  const res = await client.post("/login", { email, password: SCALE_PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return client;
}

beforeAll(async () => {
  for (const members of sizes) {
    const file = path.join(dir, `team-of-${members}.db`);
    seedScale(file, { teams: 2, members });
    const server = await startServer({ dbPath: file });
    servers.set(members, server);
    clients.set(members, {
      visitor: new Client(server.url),
      lead: await signIn(server.url, SCALE_LEAD),
      member: await signIn(server.url, SCALE_MEMBER),
    });
    pages.set(members, [...hotPages(file), ...morePages(file)]);
  }
}, 180_000);

afterAll(async () => {
  for (const s of servers.values()) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("every page runs as many SQL statements for 60 members as for 5", async () => {
  const counts: Record<string, number[]> = {};
  for (const [i, { name }] of pages.get(sizes[0])!.entries()) {
    for (const members of sizes) {
      const page = pages.get(members)![i];
      expect(page.name).toBe(name);
      const res = await clients.get(members)![page.as].get(page.path);
      expect(res.status, `${page.name} with ${members} members`).toBe(200);
      const count = Number(res.headers.get("X-Statement-Count"));
      expect(res.headers.has("X-Statement-Count"), `${page.name}: statement count header`).toBe(true);
      (counts[page.name] ??= []).push(count);
    }
  }
  for (const [name, [small, large]] of Object.entries(counts)) {
    expect(large, `${name}: ${small} statements for 5 members, ${large} for 60`).toBe(small);
  }
  // Two pages' counts pinned, so that losing the session and team lookup shared by
  // the root and the page's loader (decision 077) or the overview and trend frozen
  // at close (076) shows: the session, the user's teams, and the page's own. The team
  // home's count is with a check-in running and the member's peers still to rate (two
  // statements for that work, whatever the number of cycles or colleagues).
  expect(counts["team home"][0], "team home").toBe(12);
  expect(counts["check-in results (lead)"][0], "the lead's results page").toBe(9);
}, 120_000);

test("a closed check-in's frozen results are read from the database once (decision 087)", async () => {
  // On the second visit, left: the session, the user's teams, the due-cycle check,
  // the cycle, and the overview's names; on the conversation page its notes, actions
  // and the rest, without the member's three statements of results.
  const visit = async (name: string) => {
    const page = pages.get(sizes[1])!.find((p) => p.name === name)!;
    const res = await clients.get(sizes[1])![page.as].get(page.path);
    expect(res.status).toBe(200);
    return Number(res.headers.get("X-Statement-Count"));
  };
  for (const name of ["check-in results (lead)", "conversation (lead)"]) await visit(name);
  expect(await visit("check-in results (lead)")).toBe(5);
  expect(await visit("conversation (lead)")).toBe(8);
});

test("the scale data's open vote and open check-in stay open for years, so the benchmark keeps measuring them", () => {
  // The seed's clock is fixed (seeds/scale.ts). When this fails, move that clock
  // forward and raise SCALE_DATA_VERSION (seeds/scale-version.ts).
  const sql = new Database(path.join(dir, `team-of-${sizes[0]}.db`), { readonly: true });
  try {
    const open = sql
      .prepare(
        `select 'vote' as kind, closes_at as closesAt from proposals where team_id = ? and status = 'voting'
         union all select 'check-in', closes_at from checkin_cycles where team_id = ? and status = 'open'`,
      )
      .all(SCALE_TEAM, SCALE_TEAM) as { kind: string; closesAt: number }[];
    expect(open.map((o) => o.kind).sort()).toEqual(["check-in", "vote"]);
    const twoYears = 2 * 365 * 86_400_000;
    for (const o of open) expect(o.closesAt, `the ${o.kind} closes more than two years from now (else move the seed's clock)`).toBeGreaterThan(Date.now() + twoYears);
  } finally {
    sql.close();
  }
});
