import { memberships, teams, users } from "../../db/schema";
import type { DB } from "../../db/client";
import { audit } from "../../app/models/audit.server";

export const DEMO_PASSWORD = "normwerk-demo";
export const DEMO_TEAM_ID = "klantenservice-noord";

// Fixed ids keep the demo deterministic: the same URLs after every reset.
export const demoPeople = [
  { id: "demo-marieke", name: "Marieke Jansen", email: "marieke@normwerk.test", role: "lead" as const },
  { id: "demo-sanne", name: "Sanne Bakker", email: "sanne@normwerk.test", role: "member" as const },
  { id: "demo-daan", name: "Daan Visser", email: "daan@normwerk.test", role: "member" as const },
  { id: "demo-fatima", name: "Fatima El Amrani", email: "fatima@normwerk.test", role: "member" as const },
  { id: "demo-joost", name: "Joost de Boer", email: "joost@normwerk.test", role: "member" as const },
  { id: "demo-priya", name: "Priya Ramdin", email: "priya@normwerk.test", role: "member" as const },
  { id: "demo-tom", name: "Tom Hendriks", email: "tom@normwerk.test", role: "member" as const },
  { id: "demo-lotte", name: "Lotte Smit", email: "lotte@normwerk.test", role: "member" as const },
];

export type DemoContext = { tx: DB; start: number; passwordHash: string };

/** The team "Klantenservice Noord": a lead and seven members who joined a few months ago. */
export function seedPeople({ tx, start, passwordHash }: DemoContext) {
  tx.insert(teams)
    .values({
      id: DEMO_TEAM_ID,
      name: "Klantenservice Noord",
      description: "Het klantcontactteam van de regio Noord: telefoon, chat en e-mail.",
      language: "nl",
      createdAt: start,
    })
    .run();
  audit(tx, { teamId: DEMO_TEAM_ID, actorId: null, kind: "team.created", subject: "Klantenservice Noord", at: start });
  demoPeople.forEach((p, i) => {
    tx.insert(users).values({ id: p.id, email: p.email, name: p.name, passwordHash, createdAt: start }).run();
    tx.insert(memberships)
      .values({ teamId: DEMO_TEAM_ID, userId: p.id, role: p.role, joinedAt: start + i * 60_000 })
      .run();
  });
}
