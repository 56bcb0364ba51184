// The demo check-ins, seeded into a database the way `npm run demo` does (with
// stand-in demo norms until the norms feature seeds its own), then served.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openDatabase, type DB } from "../../db/client";
import { normVersions, norms, teams } from "../../db/schema";
import { seedCheckins } from "../../seeds/demo/checkins";
import { DEMO_PASSWORD, DEMO_TEAM_ID, seedPeople } from "../../seeds/demo/people";
import { startServer, type TestServer } from "../support/server";
import { Client, visibleText } from "../support/client";
import { queryTestDb } from "../support/norm-fixtures";

const DAY = 86_400_000;
// The server runs on the real clock, so the demo is seeded relative to it too.
const NOW = Date.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-demo-"));
let server: TestServer;
let passwordHash: string;

/** Seeds people, four stand-in norms (N-2 changed between the second and third cycle) and the check-ins. */
function seed(file: string, withNorms = true) {
  const db = openDatabase(file);
  const start = NOW - 150 * DAY;
  db.transaction(
    (raw) => {
      const tx = raw as unknown as DB;
      const ctx = { tx, start, passwordHash };
      seedPeople(ctx);
      if (withNorms) {
        const titles = [
          "We bellen een klant binnen één werkdag terug als we dat hebben beloofd",
          "We zeggen nooit ‘mijn collega helpt u zo’ zonder naam en tijd",
          "We laten een klant met een klacht eerst helemaal uitpraten",
          "We checken na een opgeloste klacht of de klant tevreden is",
        ];
        titles.forEach((title, i) => {
          const createdAt = start + 30 * DAY;
          const { id } = tx
            .insert(norms)
            .values({ teamId: DEMO_TEAM_ID, number: i + 1, code: `N-${i + 1}`, createdAt })
            .returning({ id: norms.id })
            .get();
          const version = { teamId: DEMO_TEAM_ID, normId: id, body: "", category: "customer-contact" as const };
          tx.insert(normVersions).values({ ...version, version: 1, title, createdAt }).run();
          if (i === 1) {
            tx.insert(normVersions).values({ ...version, version: 2, title: `${title}, ook in de chat`, createdAt: NOW - 40 * DAY }).run();
            tx.update(norms).set({ currentVersion: 2 }).where(eq(norms.id, id)).run();
          }
        });
        tx.update(teams).set({ nextNormNumber: 5 }).where(eq(teams.id, DEMO_TEAM_ID)).run();
      }
      seedCheckins(ctx, NOW);
    },
    { behavior: "immediate" },
  );
  db.$client.close();
}

beforeAll(async () => {
  passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
  seed(path.join(dir, "demo.db"));
  server = await startServer({ dbPath: path.join(dir, "demo.db") });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(email: string) {
  const client = new Client(server.url);
  const res = await client.post("/login", { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
  return client;
}

const cycles = () =>
  queryTestDb<{ id: number; status: string; title: string }>(
    server.dbPath,
    "select id, status, title from checkin_cycles where team_id = ? order by opened_at",
    DEMO_TEAM_ID,
  );

test("three closed cycles and one open one", () => {
  expect(cycles().map((c) => c.status)).toEqual(["closed", "closed", "closed", "open"]);
  const audit = queryTestDb<{ kind: string }>(server.dbPath, "select kind from audit_log where kind like 'cycle.%'");
  expect(audit.filter((a) => a.kind === "cycle.opened")).toHaveLength(4);
  expect(audit.filter((a) => a.kind === "cycle.closed")).toHaveLength(3);
});

test("Daan sees a blind spot, Fatima a hidden strength, and the trends move", async () => {
  const last = cycles()[2];
  const daan = visibleText((await (await signIn("daan@normwerk.test")).get(`/teams/${DEMO_TEAM_ID}/checkins/${last.id}/results`)).html);
  expect(daan).toContain("Mogelijke blinde vlek");
  expect(daan).toMatch(/N-\d (steeg|daalde) van \d(,\d)? naar \d(,\d)? in de collegabeoordelingen\./);
  expect(daan).toContain("De norm kreeg een nieuwe versie (v2) vóór");
  const fatima = visibleText((await (await signIn("fatima@normwerk.test")).get(`/teams/${DEMO_TEAM_ID}/checkins/${last.id}/results`)).html);
  expect(fatima).toContain("Verborgen kracht");
  expect(fatima).toContain("Observaties van collega's");
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
  const again = path.join(dir, "again.db");
  seed(again);
  const dump = (file: string) =>
    JSON.stringify([
      queryTestDb(file, "select cycle_id, rater_id, ratee_id, norm_id, rating, observation from peer_ratings order by 1, 2, 3, 4"),
      queryTestDb(file, "select cycle_id, user_id, norm_id, rating, example from self_ratings order by 1, 2, 3"),
      queryTestDb(file, "select * from cycle_results order by cycle_id, user_id, norm_id"),
      queryTestDb(file, "select cycle_id, user_id, norm_id, position, text from cycle_observations order by 1, 2, 3, 4"),
    ]);
  expect(dump(again)).toBe(dump(server.dbPath));

  const bare = path.join(dir, "bare.db");
  seed(bare, false);
  expect(queryTestDb(bare, "select id from checkin_cycles")).toEqual([]);
});
