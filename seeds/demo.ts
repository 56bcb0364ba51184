// The demo data set: one Dutch customer-service team with a history. Each feature
// adds its part under seeds/demo/ and one line below; keep it deterministic.
import { count } from "drizzle-orm";
import { users } from "../db/schema";
import type { DB } from "../db/client";
import { hashPassword } from "../app/auth.server";
import { db } from "../app/db.server";
import { seedCheckins } from "./demo/checkins";
import { seedConversations } from "./demo/conversations";
import { seedNorms } from "./demo/norms";
import { DEMO_PASSWORD, demoPeople, seedPeople, type DemoContext } from "./demo/people";

const DAY = 86_400_000;

/**
 * Seeds the app's own database (the proposal and norm models read through statements
 * prepared on it, so they cannot be handed another database's transaction).
 */
export async function seedDemoIfEmpty(now = Date.now()) {
  const existing = db.select({ n: count() }).from(users).get()?.n ?? 0;
  if (existing > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The team's story starts five months ago; later parts move forward from here.
  const start = now - 150 * DAY;
  db.transaction(
    (tx) => {
      const ctx: DemoContext = { tx: tx as unknown as DB, start, passwordHash };
      seedPeople(ctx);
      seedNorms(ctx);
      // Needs the demo norms (seeded before this line); without them it adds nothing.
      seedCheckins(ctx, now);
      // Reads the closed cycles the line above made; without them it adds nothing.
      seedConversations(ctx, now);
    },
    { behavior: "immediate" },
  );
  return true;
}

export function demoSignIns() {
  return demoPeople.map((p) => ({ email: p.email, name: p.name, role: p.role, password: DEMO_PASSWORD }));
}
