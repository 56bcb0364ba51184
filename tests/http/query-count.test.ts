// No query per row: every hot page runs the same number of SQL statements for a
// team of 5 as for a team of 60 with the same shape of data (seeds/scale.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client } from "../support/client";
import { hotPages, morePages, SCALE_LEAD, SCALE_MEMBER, SCALE_PASSWORD, seedScale, type BenchPage } from "../support/scale";
import { startServer, type TestServer } from "../support/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-counts-"));
const sizes = [5, 60] as const;
const servers = new Map<number, TestServer>();
const clients = new Map<number, Record<BenchPage["as"], Client>>();
let pages: BenchPage[] = [];

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
    if (members === sizes[0]) pages = [...hotPages(file), ...morePages(file)];
  }
}, 180_000);

afterAll(async () => {
  for (const s of servers.values()) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("every page runs as many SQL statements for 60 members as for 5", async () => {
  const counts: Record<string, number[]> = {};
  for (const page of pages) {
    for (const members of sizes) {
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
  // at close (076) shows: the session, the user's teams, and the page's own.
  expect(counts["team home"][0], "team home").toBe(11);
  expect(counts["check-in results (lead)"][0], "the lead's results page").toBe(9);
}, 120_000);
