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
import { Client, teamWithMembers, visibleText } from "../support/client";
import { openCycle, peersToRate, ratePeer, rateSelf } from "../support/checkins";
import { addNormVersion, insertActiveNorms, queryTestDb } from "../support/norm-fixtures";
import { SCALE_LEAD, SCALE_PASSWORD, SCALE_TEAM, seedScale } from "../support/scale";
import { startServer, type TestServer } from "../support/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-backfill-"));
const file = path.join(dir, "scale.db");
let server: TestServer;
let small: TestServer;
let lead: Client;
let cycleIds: number[] = [];

beforeAll(async () => {
  seedScale(file, { teams: 1, members: 8 });
  server = await startServer({ dbPath: file });
  small = await startServer({ dbPath: path.join(dir, "small.db") });
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
  await small?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// A migration runs before the server starts, and the server keeps a closed cycle's
// frozen figures in memory once read (decision 087): the pages after a wipe and after
// the backfill are read from a server started afresh on the changed file.
async function restarted(s: TestServer, clients: Client[]) {
  await s.stop();
  const next = await startServer({ dbPath: s.dbPath });
  for (const c of clients) c.base = next.url;
  return next;
}

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
  // The lead's own figures per norm over the latest six check-ins (a gap where hidden).
  const ownSix = /In de laatste check-ins, oudste eerst: zelfbeoordeling (\S+ → ){5}\S+; collega's (\S+ → ){5}\S+\./;
  expect(frozenAtClose[2]).toMatch(ownSix);
  expect(frozenAtClose[0]).not.toContain("In de laatste check-ins");

  const sql = new Database(file);
  sql.exec("delete from cycle_member_signals; update cycle_norm_stats set recent_peer_means = '[]', trend_from_version = null; update cycle_results set recent_self = '[]', recent_peer = '[]'");
  server = await restarted(server, [lead]);
  const wiped = await resultsPages();
  expect(wiped[2]).not.toMatch(sixPoints);
  expect(wiped[2]).not.toMatch(ownSix);
  expect(wiped[2]).not.toEqual(frozenAtClose[2]);

  backfill(sql);
  sql.close();
  server = await restarted(server, [lead]);
  expect(await resultsPages()).toEqual(frozenAtClose);
});

// 0003 fills the overview and the trend; 0010 the version the trend starts from (the
// "text changed" note); 0013 each member's own figures over the latest check-ins.
function backfill(sql: Database.Database) {
  for (const file of ["0003_backfill_frozen_results_overview.sql", "0010_backfill_trend_from_version.sql", "0013_backfill_member_recent_figures.sql"]) {
    const migration = fs.readFileSync(path.join(__dirname, "../../db/migrations", file), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) sql.exec(statement);
  }
}

test("the same for the odd cases: a norm left out, a hidden team mean, hidden peer results, two cycles closed at once", async () => {
  const { lead, teamId, members } = await teamWithMembers(small.url, 4);
  const everyone = [lead, ...members];
  const inserted = insertActiveNorms(small.dbPath, teamId, ["Rated in every cycle", "Rated now and then"]);
  const insertedIds = inserted.map((n) => n.id);
  const [often, seldom] = inserted.map((n) => n.code);
  async function runCycle(title: string, codes: string[], raters: number, close: boolean) {
    const cycleId = await openCycle(lead, teamId, { title, normCodes: codes });
    const ratings = Object.fromEntries(codes.map((code, i) => [code, ((title.length + i) % 5) + 1]));
    for (const c of everyone.slice(0, raters)) {
      await rateSelf(c, teamId, cycleId, ratings);
      for (const p of await peersToRate(c, teamId, cycleId)) await ratePeer(c, teamId, cycleId, p, ratings);
    }
    if (close) await lead.post(`/teams/${teamId}/checkins/${cycleId}`, { intent: "close" });
    return cycleId;
  }
  const first = await runCycle("Both norms", [often, seldom], 5, true);
  // The often-rated norm's text changes after the first cycle: the later trends span two texts.
  addNormVersion(small.dbPath, insertedIds[0], "Rated in every cycle, in new words");
  // Two raters: no peer result reaches the threshold, so the team mean is hidden too.
  const hidden = await runCycle("Few raters", [often], 2, true);
  // Two cycles due at the same moment, closed by one visit in one go: each closed at its
  // closing time, and the lower id counts as the earlier, in the freeze as in the migration.
  const twins = [await runCycle("Twin one", [often, seldom], 5, false), await runCycle("Twin two", [often, seldom], 5, false)];
  const db = new Database(small.dbPath);
  const due = Date.now();
  const setClosesAt = db.prepare("update checkin_cycles set closes_at = ? where id = ?");
  setClosesAt.run(due, twins[0]);
  setClosesAt.run(due, twins[1]);
  expect((await lead.get(`/teams/${teamId}/checkins`)).status).toBe(200);
  const closed = queryTestDb<{ closedAt: number }>(small.dbPath, `select closed_at as closedAt from checkin_cycles where id in (${twins.join(",")})`);
  expect(closed).toEqual([{ closedAt: due }, { closedAt: due }]);

  // What each cycle froze for the seldom-rated norm: its own points, the earlier twin first.
  const trend = (cycleId: number) =>
    JSON.parse(
      queryTestDb<{ t: string }>(small.dbPath, "select recent_peer_means as t from cycle_norm_stats s join norms n on n.id = s.norm_id where s.cycle_id = ? and n.code = ?", cycleId, seldom)[0].t,
    );
  expect(trend(twins[0])).toHaveLength(2);
  expect(trend(twins[1])).toHaveLength(3);
  const hiddenTrend = JSON.parse(
    queryTestDb<{ t: string }>(small.dbPath, "select recent_peer_means as t from cycle_norm_stats s join norms n on n.id = s.norm_id where s.cycle_id = ? and n.code = ?", hidden, often)[0].t,
  );
  expect(hiddenTrend).toHaveLength(2);
  expect(hiddenTrend[1]).toBeNull();
  expect(queryTestDb<{ n: number }>(small.dbPath, "select sum(peer_hidden) as n from cycle_member_signals where cycle_id = ?", hidden)[0].n).toBe(5);

  const pages = () => Promise.all([first, hidden, ...twins].map(async (id) => visibleText((await lead.get(`/teams/${teamId}/checkins/${id}/results`)).html)));
  const frozenAtClose = await pages();
  // Said where the trend spans the change (from the second cycle on), not in the first.
  const changed = "The norm's text changed (version 1 → 2): earlier figures rated the old text.";
  expect(frozenAtClose[0]).not.toContain(changed);
  expect(frozenAtClose[3]).toContain(changed);
  db.exec("delete from cycle_member_signals; update cycle_norm_stats set recent_peer_means = '[]', trend_from_version = null; update cycle_results set recent_self = '[]', recent_peer = '[]'");
  backfill(db);
  db.close();
  small = await restarted(small, [lead]);
  expect(await pages()).toEqual(frozenAtClose);
});
