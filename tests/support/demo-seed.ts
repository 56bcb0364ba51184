// The demo data set seeded into a database file the way `npm run demo` does, with
// four stand-in demo norms until the norms feature seeds its own (N-2 changed
// between the second and third cycle). Tests then serve the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type DB } from "../../db/client";
import { normVersions, norms, teams } from "../../db/schema";
import { seedCheckins } from "../../seeds/demo/checkins";
import { seedConversations } from "../../seeds/demo/conversations";
import { DEMO_PASSWORD, DEMO_TEAM_ID, seedPeople } from "../../seeds/demo/people";
import { Client } from "./client";
import { queryTestDb } from "./norm-fixtures";
import { startServer, type TestServer } from "./server";

const DAY = 86_400_000;

export const STAND_IN_NORMS = [
  "We bellen een klant binnen één werkdag terug als we dat hebben beloofd",
  "We zeggen nooit ‘mijn collega helpt u zo’ zonder naam en tijd",
  "We laten een klant met een klacht eerst helemaal uitpraten",
  "We checken na een opgeloste klacht of de klant tevreden is",
];

/** Seeds people, (optionally) the stand-in norms, the check-ins and the conversations. */
export function seedDemoFile(file: string, opts: { now: number; passwordHash: string; withNorms?: boolean }) {
  const db = openDatabase(file);
  const { now, passwordHash } = opts;
  const start = now - 150 * DAY;
  db.transaction(
    (raw) => {
      const tx = raw as unknown as DB;
      const ctx = { tx, start, passwordHash };
      seedPeople(ctx);
      if (opts.withNorms ?? true) {
        STAND_IN_NORMS.forEach((title, i) => {
          const createdAt = start + 30 * DAY;
          const { id } = tx
            .insert(norms)
            .values({ teamId: DEMO_TEAM_ID, number: i + 1, code: `N-${i + 1}`, createdAt })
            .returning({ id: norms.id })
            .get();
          const version = { teamId: DEMO_TEAM_ID, normId: id, body: "", category: "customer-contact" as const };
          tx.insert(normVersions).values({ ...version, version: 1, title, createdAt }).run();
          if (i === 1) {
            tx.insert(normVersions).values({ ...version, version: 2, title: `${title}, ook in de chat`, createdAt: now - 40 * DAY }).run();
            tx.update(norms).set({ currentVersion: 2 }).where(eq(norms.id, id)).run();
          }
        });
        tx.update(teams).set({ nextNormNumber: 5 }).where(eq(teams.id, DEMO_TEAM_ID)).run();
      }
      seedCheckins(ctx, now);
      seedConversations(ctx, now);
    },
    { behavior: "immediate" },
  );
  db.$client.close();
}

/**
 * Seeds the demo into a temp file before the file's tests and serves it; the server
 * runs on the real clock, so the demo is seeded relative to it too. `signIn` opens a
 * session for a demo account.
 */
export function useDemoServer() {
  const now = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-demo-"));
  let resets = 0;
  const handle = {
    now,
    dir,
    server: undefined as unknown as TestServer,
    passwordHash: "",
    /** Seeds another file with the same clock and password hash (for comparing resets). */
    seed: (file: string, withNorms = true) => seedDemoFile(file, { now, passwordHash: handle.passwordHash, withNorms }),
    /**
     * Seeds the demo again into fresh files and returns the rows `queries` read from the
     * served file, from a reset, and from a reset without norms (JSON, for comparing).
     */
    reseed: (queries: string[]) => {
      const again = path.join(dir, `again-${++resets}.db`);
      const bare = path.join(dir, `bare-${resets}.db`);
      handle.seed(again);
      handle.seed(bare, false);
      const dump = (file: string) => JSON.stringify(queries.map((sql) => queryTestDb(file, sql)));
      return { served: dump(handle.server.dbPath), again: dump(again), bare: queries.map((sql) => queryTestDb(bare, sql)) };
    },
    signIn: async (email: string) => {
      const client = new Client(handle.server.url);
      const res = await client.post("/login", { email, password: DEMO_PASSWORD });
      if (res.status !== 303) throw new Error(`demo sign-in failed for ${email}: ${res.status}`);
      return client;
    },
  };
  beforeAll(async () => {
    handle.passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
    handle.seed(path.join(dir, "demo.db"));
    handle.server = await startServer({ dbPath: path.join(dir, "demo.db") });
  });
  afterAll(async () => {
    await handle.server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return handle;
}
