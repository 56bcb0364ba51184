// Demo check-ins: three closed cycles whose trends move (and where Daan's self
// picture runs ahead of his colleagues' — a visible blind spot — while Fatima
// undersells herself), plus one open cycle that is partly filled. Built from the
// demo team's active norms as they stand at seed time; without norms it does nothing.
// Everything comes from a fixed seed, so every reset gives the same demo.
import { and, asc, eq } from "drizzle-orm";
import { normVersions, norms, peerRatings, selfRatings } from "../../db/schema";
import { prng } from "../../app/domain/random";
import { assignPeers } from "../../app/domain/peer-assignment";
import { TIME_ZONE } from "../../app/i18n/format";
import { closeCycle, insertCycle } from "../../app/models/checkin-lifecycle.server";
import { DEMO_TEAM_ID, demoPeople, type DemoContext } from "./people";

const DAY = 86_400_000;
const LEAD = demoPeople.find((p) => p.role === "lead")!.id;

// How people see themselves: most a little too positive, Daan a lot, Fatima too modest.
const SELF_BIAS: Record<string, number> = {
  "demo-marieke": 0.3,
  "demo-sanne": 0.4,
  "demo-daan": 1.6,
  "demo-fatima": -1.3,
  "demo-joost": 0.6,
  "demo-priya": 0.2,
  "demo-tom": 0.8,
  "demo-lotte": 0.4,
};

// Observations in the form the peer form asks for: situation, behaviour, effect.
const OBSERVATIONS = [
  "Klant belde boos over een dubbele factuur. Liet de klant eerst helemaal uitpraten en vatte samen wat er mis was; de klant werd zichtbaar rustiger.",
  "Bij een terugbelverzoek een tijd genoemd en precies dan teruggebeld. De klant bedankte daar later nog voor.",
  "Op een drukke ochtend 'mijn collega helpt u zo' gezegd zonder naam of tijd. De klant hing na tien minuten op.",
  "Na een opgeloste klacht uit eigen beweging gemaild om te checken of alles nu goed ging. De klant reageerde verrast en blij.",
  "Bij een vraag over een uitzondering uitgelegd wat wél kon in plaats van alleen 'dat mag niet'. De klant ging akkoord met het alternatief.",
  "Een klant vroeg om een leidinggevende. Netjes opgeschaald, met een naam en een tijd voor de klant.",
  "In de chat een vraag half beantwoord en het gesprek gesloten. De klant kwam een uur later terug met dezelfde vraag.",
  "Bij het overdragen van een dossier kort opgeschreven wat er beloofd was. Ik kon de klant daardoor meteen verder helpen.",
  "Toen het druk was zonder te vragen twee terugbelverzoeken van een collega overgenomen. Beide werden dezelfde dag afgehandeld.",
  "Een klant onderbroken die het verhaal nog aan het doen was, met een oplossing die niet paste. De klant moest alles opnieuw uitleggen.",
];

const EXAMPLES = [
  "Vorige week een klant teruggebeld om te checken of de monteur echt was geweest.",
  "Bij een klacht eerst laten uitpraten en daarna samengevat wat ik had gehoord.",
  "Een collega een naam en tijd laten noemen toen hij een klant doorverbond.",
  "",
];

type SeedNorm = { id: number; code: string; versions: { version: number; createdAt: number }[] };

/** The version of a norm in force at a moment, or null when it did not exist yet. */
function versionAt(norm: SeedNorm, at: number) {
  let found: number | null = null;
  for (const v of norm.versions) if (v.createdAt <= at) found = v.version;
  return found;
}

/**
 * "Check-in oktober 2026"; cycles four weeks apart can open twice in one month, and
 * two check-ins of the same name make "carried over from Check-in …" ambiguous, so a
 * second one in a month is named by its day.
 */
function cycleTitle(at: number, taken: Set<string>) {
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("nl-NL", { ...options, timeZone: TIME_ZONE }).format(new Date(at));
  let title = `Check-in ${format({ month: "long", year: "numeric" })}`;
  if (taken.has(title)) title = `Check-in ${format({ day: "numeric", month: "long", year: "numeric" })}`;
  taken.add(title);
  return title;
}

const clamp = (v: number) => Math.min(5, Math.max(1, Math.round(v)));

export function seedCheckins({ tx }: DemoContext, now: number) {
  const rows = tx
    .select({ id: norms.id, code: norms.code, version: normVersions.version, createdAt: normVersions.createdAt })
    .from(norms)
    .innerJoin(normVersions, eq(normVersions.normId, norms.id))
    .where(and(eq(norms.teamId, DEMO_TEAM_ID), eq(norms.status, "active")))
    .orderBy(asc(norms.number), asc(normVersions.version))
    .all();
  if (rows.length === 0) return;
  const active: SeedNorm[] = [];
  for (const r of rows) {
    let norm = active.find((n) => n.id === r.id);
    if (!norm) active.push((norm = { id: r.id, code: r.code, versions: [] }));
    norm.versions.push({ version: r.version, createdAt: r.createdAt });
  }

  const random = prng(20260401);
  const people = demoPeople.map((p) => p.id);
  // Each person's real level per norm; the team slowly gets better at most norms.
  const level = new Map(people.map((p) => [p, active.map(() => 2.6 + random() * 1.4)]));
  const growth = active.map((_, i) => (i % 3 === 2 ? -0.15 : 0.35));
  level.get("demo-daan")![0] = 2.8; // his blind spot is on the first norm

  const schedule = [
    { opensAt: now - 86 * DAY, closesAt: now - 76 * DAY },
    { opensAt: now - 58 * DAY, closesAt: now - 48 * DAY },
    { opensAt: now - 30 * DAY, closesAt: now - 20 * DAY },
    { opensAt: now - 3 * DAY, closesAt: now + 11 * DAY },
  ];
  const titles = new Set<string>();
  schedule.forEach((slot, round) => {
    const cycleNorms = active
      .map((n) => ({ normId: n.id, code: n.code, normVersion: versionAt(n, slot.opensAt) }))
      .filter((n): n is { normId: number; code: string; normVersion: number } => n.normVersion !== null);
    if (cycleNorms.length === 0) return;
    const seed = 7100 + round;
    const isOpen = slot.closesAt > now;
    const cycleId = insertCycle(tx, {
      teamId: DEMO_TEAM_ID,
      title: cycleTitle(slot.opensAt, titles),
      openedBy: LEAD,
      openedAt: slot.opensAt,
      closesAt: slot.closesAt,
      peersPerMember: 3,
      seed,
      norms: cycleNorms,
      participants: people,
    });
    // In the open cycle only some have done their part so far.
    const doneSelf = (i: number) => !isOpen || i % 2 === 0;
    const donePeer = (i: number, j: number) => !isOpen || (i + j) % 3 === 0;
    const at = (i: number) => slot.opensAt + DAY + i * 3_600_000;

    people.forEach((p, i) => {
      if (!doneSelf(i)) return;
      cycleNorms.forEach((n, k) => {
        const normIndex = active.findIndex((a) => a.id === n.normId);
        const real = level.get(p)![normIndex] + growth[normIndex] * round;
        tx.insert(selfRatings)
          .values({
            teamId: DEMO_TEAM_ID,
            cycleId,
            userId: p,
            normId: n.normId,
            rating: clamp(real + SELF_BIAS[p] + (random() - 0.5) * 0.6),
            example: k === 0 ? EXAMPLES[(i + round) % EXAMPLES.length] : "",
            updatedAt: at(i),
          })
          .run();
      });
    });
    const byRater = new Map<string, string[]>();
    for (const a of assignPeers(people, 3, seed)) byRater.set(a.raterId, [...(byRater.get(a.raterId) ?? []), a.rateeId]);
    people.forEach((rater, i) => {
      (byRater.get(rater) ?? []).forEach((ratee, j) => {
        if (!donePeer(i, j)) return;
        cycleNorms.forEach((n, k) => {
          const normIndex = active.findIndex((a) => a.id === n.normId);
          const real = level.get(ratee)![normIndex] + growth[normIndex] * round;
          const withObservation = k === 0 && random() < 0.6;
          tx.insert(peerRatings)
            .values({
              teamId: DEMO_TEAM_ID,
              cycleId,
              raterId: rater,
              rateeId: ratee,
              normId: n.normId,
              rating: clamp(real + (random() - 0.5) * 1.2),
              observation: withObservation ? OBSERVATIONS[Math.floor(random() * OBSERVATIONS.length)] : "",
              updatedAt: at(i) + j * 600_000,
            })
            .run();
        });
      });
    });
    if (!isOpen) closeCycle(tx, { teamId: DEMO_TEAM_ID, cycleId, actorId: null, now: slot.closesAt });
  });
}
