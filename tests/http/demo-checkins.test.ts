// The demo check-ins, seeded into a database the way `npm run demo` does (with
// stand-in demo norms until the norms feature seeds its own), then served.
import { expect, test } from "vitest";
import { EXAMPLES, OBSERVATIONS } from "../../seeds/demo/checkins";
import { DEMO_TEAM_ID } from "../../seeds/demo/people";
import { seedDemoFile, useDemoServer } from "../support/demo-seed";
import { visibleText } from "../support/client";
import { queryTestDb } from "../support/norm-fixtures";

const demo = useDemoServer();
const signIn = demo.signIn;

const cycles = () =>
  queryTestDb<{ id: number; status: string; title: string }>(
    demo.server.dbPath,
    "select id, status, title from checkin_cycles where team_id = ? order by opened_at",
    DEMO_TEAM_ID,
  );

test("three closed cycles and one open one", () => {
  expect(cycles().map((c) => c.status)).toEqual(["closed", "closed", "closed", "open"]);
  const audit = queryTestDb<{ kind: string }>(demo.server.dbPath, "select kind from audit_log where kind like 'cycle.%'");
  expect(audit.filter((a) => a.kind === "cycle.opened")).toHaveLength(4);
  expect(audit.filter((a) => a.kind === "cycle.closed")).toHaveLength(3);
});

test("Daan sees a blind spot, Fatima a hidden strength, and the trends move", async () => {
  const last = cycles()[2];
  const daanClient = await signIn("daan@normwerk.test");
  const daanPage = await daanClient.get(`/teams/${DEMO_TEAM_ID}/checkins/${last.id}/results`);
  const daan = visibleText(daanPage.html);
  expect(daan).toContain("Mogelijke blinde vlek");
  // What a blind spot means is said once above his norms, however many he has; each
  // norm says how far apart the figures are.
  expect(daan.split("Je gaf jezelf minstens een punt meer").length - 1).toBe(1);
  expect(daan.match(/Mogelijke blinde vlek: het gemiddelde van collega's ligt \d,\d punt lager dan de zelfbeoordeling\./g)?.length).toBeGreaterThan(1);
  // The team table shows each norm's mean peer rating over the three closed cycles,
  // as a small line and as figures, oldest first.
  expect(daan).toContain("Gemiddelde van collega's, recente check-ins");
  expect(daan).toMatch(/N-\d — [^\n]*?\d(,\d)? → \d(,\d)? → \d(,\d)?/);
  expect(daanPage.html).toMatch(/<svg class="sparkline"[^>]*aria-hidden="true"[^>]*><polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
  // The team table links each norm to its permalink, where the whole trend is.
  const codes = [...daanPage.html.matchAll(new RegExp(`href="/teams/${DEMO_TEAM_ID}/norms/(N-\\d+)"`, "g"))].map((m) => m[1]);
  expect(codes.length).toBeGreaterThan(0);
  const trends = (await Promise.all(codes.map((code) => daanClient.get(`/teams/${DEMO_TEAM_ID}/norms/${code}`)))).map((p) => visibleText(p.html)).join(" ");
  expect(trends).toMatch(/N-\d (steeg|daalde) van \d(,\d)? naar \d(,\d)? in de collegabeoordelingen\./);
  expect(trends).toContain("De norm kreeg een nieuwe versie (v2) vóór");
  const fatima = visibleText((await (await signIn("fatima@normwerk.test")).get(`/teams/${DEMO_TEAM_ID}/checkins/${last.id}/results`)).html);
  expect(fatima).toContain("Verborgen kracht");
  expect(fatima).toContain("Observaties van collega's");
});

test("every demo peer rating is by a colleague the cycle assigned, and the pairs rotate from one check-in to the next", () => {
  const unassigned = queryTestDb<{ n: number }>(
    demo.server.dbPath,
    `select count(*) as n from peer_ratings r where r.team_id = ? and not exists
       (select 1 from peer_assignments a where a.cycle_id = r.cycle_id and a.rater_id = r.rater_id and a.ratee_id = r.ratee_id)`,
    DEMO_TEAM_ID,
  );
  expect(unassigned).toEqual([{ n: 0 }]);
  const pairs = (cycleId: number) =>
    new Set(
      queryTestDb<{ p: string }>(demo.server.dbPath, "select rater_id || '>' || ratee_id as p from peer_assignments where cycle_id = ?", cycleId).map((r) => r.p),
    );
  const [a, b] = cycles().slice(0, 2).map((c) => pairs(c.id));
  expect(a.size).toBeGreaterThan(0);
  expect([...b].filter((p) => a.has(p)).length).toBeLessThan(a.size / 4);
});

test("the open cycle is partly filled", async () => {
  const open = cycles()[3];
  const lead = await signIn("marieke@normwerk.test");
  const text = visibleText((await lead.get(`/teams/${DEMO_TEAM_ID}/checkins/${open.id}`)).html);
  expect(text).toMatch(/Zelfbeoordelingen klaar: 4 van 8/);
  expect(text).toMatch(/Collegabeoordelingen klaar: ([1-9]|1\d) van 24/);
  const home = visibleText((await (await signIn("sanne@normwerk.test")).get(`/teams/${DEMO_TEAM_ID}`)).html);
  expect(home).toMatch(/Beoordeel (jezelf|.+?) in „Check-in/);
});

test("the demo is the same after every reset, and empty without norms", () => {
  const { served, again, bare } = demo.reseed([
    "select cycle_id, rater_id, ratee_id, norm_id, rating, observation from peer_ratings order by 1, 2, 3, 4",
    "select cycle_id, user_id, norm_id, rating, example from self_ratings order by 1, 2, 3",
    "select * from cycle_results order by cycle_id, user_id, norm_id",
    "select cycle_id, user_id, norm_id, position, text from cycle_observations order by 1, 2, 3, 4",
    "select id from checkin_cycles",
  ]);
  expect(again).toBe(served);
  expect(bare.flat()).toEqual([]);
});

test("no two demo check-ins share a name, even when two open in one month", () => {
  // Seeded on 30 November 2026, cycles open on 5 September, 3 October, 31 October and 27 November.
  const file = `${demo.dir}/titles.db`;
  seedDemoFile(file, { now: Date.UTC(2026, 10, 30, 12), passwordHash: "unused" });
  const titles = queryTestDb<{ title: string }>(file, "select title from checkin_cycles order by opened_at").map((c) => c.title);
  expect(titles).toEqual(["Check-in september 2026", "Check-in oktober 2026", "Check-in 31 oktober 2026", "Check-in november 2026"]);
});

test("what colleagues wrote in the demo is about the norm it is shown under", () => {
  const shown = queryTestDb<{ code: string; text: string }>(
    demo.server.dbPath,
    "select n.code, o.text from cycle_observations o join norms n on n.id = o.norm_id",
  );
  const examples = queryTestDb<{ code: string; text: string }>(
    demo.server.dbPath,
    "select n.code, s.example as text from self_ratings s join norms n on n.id = s.norm_id where s.example <> ''",
  );
  // Spread over the norms, not all under the first one.
  expect(new Set(shown.map((o) => o.code)).size).toBeGreaterThan(2);
  expect(new Set(examples.map((e) => e.code)).size).toBeGreaterThan(2);
  for (const o of shown) expect(OBSERVATIONS[o.code], `${o.code}: ${o.text}`).toContain(o.text);
  // Never the same text twice on one person's results, nor one example for two people.
  const twice = (sql: string) => queryTestDb<{ n: number }>(demo.server.dbPath, sql)[0].n;
  expect(twice("select count(*) as n from (select 1 from cycle_observations group by cycle_id, user_id, norm_id, text having count(*) > 1)")).toBe(0);
  expect(twice("select count(*) as n from (select 1 from self_ratings where example <> '' group by cycle_id, norm_id, example having count(*) > 1)")).toBe(0);
  for (const e of examples) expect(EXAMPLES[e.code], `${e.code}: ${e.text}`).toContain(e.text);
});
