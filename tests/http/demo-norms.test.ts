// The demo team's norms as a visitor of `npm run demo` finds them.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { Client, visibleText } from "../support/client";
import { openDb } from "../support/norms";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { NORMWERK_DEMO: "1" } });
});
afterAll(() => server?.stop());

async function signIn(email: string) {
  const client = new Client(server.url, { language: "nl" });
  const res = await client.post("/login", { email, password: "normwerk-demo" });
  if (res.status !== 303) throw new Error(`demo sign-in failed: ${res.status}`);
  return client;
}
const team = "/teams/klantenservice-noord";

test("agreement version 6 with six adopted norms and a real history", async () => {
  const marieke = await signIn("marieke@normwerk.test");
  const agreement = visibleText((await marieke.get(`${team}/agreement`)).html);
  expect(agreement).toContain("Versie 6 van de afspraken van Klantenservice Noord");
  for (const code of ["N-1", "N-2", "N-3", "N-4", "N-5", "N-6"]) expect(agreement).toContain(`${code} ·`);
  expect(agreement).toContain("We bellen een klant binnen één werkdag terug");
  // Most members have confirmed the current version; the lead sees who has not.
  expect(agreement).toContain("Bevestigd: 6 van de 8 leden.");
  // (The role is there twice: once beside the name for a phone, once in its own column.)
  expect(agreement).toMatch(/Joost de Boer Lid Lid nog niet \(laatst bevestigd: versie \d\)/);

  const history = visibleText((await marieke.get(`${team}/agreement/history`)).html);
  expect(history.match(/Versie \d+/g)?.length).toBe(6);
});

test("a vote in progress with some votes, and a draft with comments", async () => {
  const tom = await signIn("tom@normwerk.test");
  const list = visibleText((await tom.get(`${team}/proposals`)).html);
  expect(list).toMatch(/Lopende stemmingen \( ?1 ?\)/);
  expect(list).toContain("N-5 wijzigen: Iedere medewerker mag een probleem van een klant tot €100");
  expect(list).toContain("4 van 8 gestemd");
  expect(list).toMatch(/Concepten \( ?1 ?\)/);

  const home = visibleText((await tom.get(team)).html);
  expect(home).toContain("Stem over „N-5 wijzigen");

  const db = openDb(server.dbPath);
  const voting = db.prepare("select id, closes_at from proposals where status = 'voting'").get() as { id: number; closes_at: number };
  const draft = db.prepare("select id from proposals where status = 'draft'").get() as { id: number };
  const rejected = db.prepare("select count(*) n from proposals where status = 'rejected'").get();
  const titles = db.prepare("select title from norm_versions").all() as { title: string }[];
  db.close();
  // Closing in a few days.
  expect(voting.closes_at - Date.now()).toBeGreaterThan(2 * 86_400_000);
  expect(voting.closes_at - Date.now()).toBeLessThan(5 * 86_400_000);
  expect(rejected).toEqual({ n: 1 });
  expect(titles.every((t) => t.title.length <= 160)).toBe(true);

  const page = visibleText((await tom.get(`${team}/proposals/${voting.id}`)).html);
  expect(page).toContain("Gestemd: 4 van de 8 leden (50%). Quorum van 50%: gehaald (4 stemmen nodig).");
  expect(page).toContain("€50");
  expect(page).not.toContain("te veel voor nieuwe collega's"); // reasons are hidden until the close
  const draftPage = visibleText((await tom.get(`${team}/proposals/${draft.id}`)).html);
  expect(draftPage).toContain("3 reacties");
  expect(draftPage).toContain("‘zo snel mogelijk’: dat zegt niet hoe snel.");
});

test("a member who read an older version sees what changed since", async () => {
  const joost = await signIn("joost@normwerk.test");
  const agreement = visibleText((await joost.get(`${team}/agreement`)).html);
  expect(agreement).toContain("Wat er veranderde sinds versie 4, die je hebt bevestigd");
  expect(agreement).toContain("Nieuwe normen N-5");
  expect(agreement).toContain("Ik heb versie 6 gelezen");
});
