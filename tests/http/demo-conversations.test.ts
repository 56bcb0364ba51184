// The demo conversations, seeded after the demo check-ins and served.
import { expect, test } from "vitest";
import { DEMO_TEAM_ID } from "../../seeds/demo/people";
import { useDemoServer } from "../support/demo-seed";
import { visibleText } from "../support/client";
import { queryTestDb } from "../support/norm-fixtures";

const demo = useDemoServer();
const query = <T,>(sql: string, ...params: unknown[]) => queryTestDb<T>(demo.server.dbPath, sql, ...params);
const closedCycles = () =>
  query<{ id: number }>("select id from checkin_cycles where team_id = ? and status = 'closed' order by opened_at", DEMO_TEAM_ID);
const conversationUrl = (cycle: number, member: string) => `/teams/${DEMO_TEAM_ID}/checkins/${cycle}/conversations/${member}`;

test("every closed cycle has conversations with shared and private notes, actions done and open, some held", () => {
  const perCycle = query<{ cycleId: number; n: number; held: number }>(
    "select cycle_id as cycleId, count(*) as n, sum(held_at is not null) as held from conversations group by cycle_id order by cycle_id",
  );
  expect(perCycle.map((c) => c.cycleId)).toEqual(closedCycles().map((c) => c.id));
  expect(perCycle.reduce((sum, c) => sum + c.held, 0)).toBeGreaterThanOrEqual(2);
  expect(perCycle.at(-1)!.held).toBeLessThan(perCycle.at(-1)!.n);

  const notes = query<{ visibility: string; n: number }>("select visibility, count(*) as n from conversation_notes group by visibility order by 1");
  expect(notes.map((n) => n.visibility)).toEqual(["private", "shared"]);
  // Notes refer to the norms by code.
  expect(query("select 1 from conversation_notes where body like '%N-_%'").length).toBeGreaterThan(3);

  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date());
  const actions = query<{ done: number; overdue: number }>(
    "select done_at is not null as done, (done_at is null and due_on < ?) as overdue from conversation_actions",
    today,
  );
  expect(actions.filter((a) => a.done).length).toBeGreaterThanOrEqual(2);
  expect(actions.filter((a) => !a.done).length).toBeGreaterThanOrEqual(2);
  expect(actions.filter((a) => a.overdue)).toHaveLength(1);
});

test("Daan prepares his latest conversation with his blind spot at hand and an overdue action carried over; no private note", async () => {
  const last = closedCycles().at(-1)!.id;
  const daan = await demo.signIn("daan@normwerk.test");
  const page = await daan.get(conversationUrl(last, "demo-daan"));
  expect(page.status).toBe(200);
  const text = visibleText(page.html);
  expect(text).toContain("Bereid je gesprek voor");
  expect(text).toContain("Mogelijke blinde vlek");
  expect(text).toContain("Uit eerdere gesprekken");
  expect(text).toContain("Op maandag het eerste uur alleen de terugbelverzoeken van het weekend afhandelen");
  expect(text).toContain("Te laat");
  expect(text).toContain("1 eerdere versie");
  for (const row of query<{ body: string }>("select body from conversation_notes where visibility = 'private'")) {
    expect(page.html).not.toContain(row.body.slice(0, 40));
  }
});

test("Marieke's overview shows who has been talked to and the open and overdue actions", async () => {
  const last = closedCycles().at(-1)!.id;
  const marieke = await demo.signIn("marieke@normwerk.test");
  const text = visibleText((await marieke.get(`/teams/${DEMO_TEAM_ID}/checkins/${last}/conversations`)).html);
  expect(text).toContain("Fatima El Amrani Gevoerd");
  expect(text).toMatch(/Daan Visser Nog niet 1 1/);
  const lead = visibleText((await marieke.get(conversationUrl(last, "demo-tom"))).html);
  expect(lead).toContain("Privé");
  expect(lead).toContain("Voorbereiding: Tom schat zichzelf");
});

test("the demo conversations are the same after every reset, and absent without closed cycles", () => {
  const { served, again, bare } = demo.reseed([
    "select * from conversations order by id",
    "select * from conversation_notes order by id",
    "select * from conversation_note_revisions order by id",
    "select * from conversation_actions order by id",
  ]);
  expect(again).toBe(served);
  expect(bare.flat()).toEqual([]);
});
