// Migration 0003 fills the lead's overview and the trend column, which are frozen at
// close since 0002, for cycles closed before it. Its SQL must give the results pages
// exactly what freezing at close gives: a scale team (twelve closed cycles, so the
// six-cycle trend window slides) is rendered, its frozen rows are wiped and rebuilt
// by the migration's SQL, and the pages are rendered again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client, visibleText } from "../support/client";
import { SCALE_LEAD, SCALE_PASSWORD, SCALE_TEAM, seedScale } from "../support/scale";
import { startServer, type TestServer } from "../support/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-backfill-"));
const file = path.join(dir, "scale.db");
let server: TestServer;
let lead: Client;
let cycleIds: number[] = [];

beforeAll(async () => {
  seedScale(file, { teams: 1, members: 8 });
  server = await startServer({ dbPath: file });
  lead = new Client(server.url);
  const res = await lead.post("/login", { email: SCALE_LEAD, password: SCALE_PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const sql = new Database(file, { readonly: true });
  cycleIds = (sql.prepare("select id from checkin_cycles where team_id = ? and status = 'closed' order by closed_at").all(SCALE_TEAM) as { id: number }[]).map(
    (c) => c.id,
  );
  sql.close();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// The first cycle (a one-point trend), one inside the window, and the last (the window full).
const resultsPages = async () =>
  Promise.all([cycleIds[0], cycleIds[4], cycleIds.at(-1)!].map(async (id) => visibleText((await lead.get(`/teams/${SCALE_TEAM}/checkins/${id}/results`)).html)));

test("the backfill gives the results pages the overview and trends that freezing at close gave", async () => {
  expect(cycleIds).toHaveLength(12);
  const frozenAtClose = await resultsPages();
  // The pages show what is at stake (the scale team reads Dutch): a full trend
  // window of six cycles in the team table, one point after the first cycle, and
  // each member's norms with a blind spot or a hidden strength.
  const sixPoints = /\(norm 12\)\. [\d,]+ [\d,]+ ([\d,]+ → ){5}[\d,]+ \d+ \d+ Per teamlid/;
  expect(frozenAtClose[2]).toMatch(sixPoints);
  expect(frozenAtClose[0]).toMatch(/\(norm 12\)\. [\d,]+ [\d,]+ [\d,]+ \d+ \d+ Per teamlid/);
  expect(frozenAtClose[2]).toMatch(/Gesprek [^()]+ (N-\d+(, )?)+ /);

  const sql = new Database(file);
  sql.exec("delete from cycle_member_signals; update cycle_norm_stats set recent_peer_means = '[]'");
  const wiped = await resultsPages();
  expect(wiped[2]).not.toMatch(sixPoints);
  expect(wiped[2]).not.toEqual(frozenAtClose[2]);

  const migration = fs.readFileSync(path.join(__dirname, "../../db/migrations/0003_backfill_frozen_results_overview.sql"), "utf8");
  for (const statement of migration.split("--> statement-breakpoint")) sql.exec(statement);
  sql.close();
  expect(await resultsPages()).toEqual(frozenAtClose);
});
