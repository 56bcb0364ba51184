// Demo check-ins: three closed cycles whose trends move (and where Daan's self
// picture runs ahead of his colleagues' — a visible blind spot — while Fatima
// undersells herself), plus one open cycle that is partly filled. Built from the
// demo team's active norms as they stand at seed time; without norms it does nothing.
// Everything comes from a fixed seed, so every reset gives the same demo.
import { and, asc, eq } from "drizzle-orm";
import { normVersions, norms, peerAssignments, peerRatings, selfRatings } from "../../db/schema";
import { prng } from "../../app/domain/random";
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

// Observations in the form the peer form asks for (situation, behaviour, effect), and
// self-rating examples, per norm code, so what a colleague wrote is about the norm it
// is shown under. The stand-in norms of the tests have the same first four topics.
export const OBSERVATIONS: Record<string, string[]> = {
  "N-1": [
    "Bij een terugbelverzoek een tijd genoemd en precies dan teruggebeld. De klant bedankte daar later nog voor.",
    "Een klant beloofd vóór het eind van de dag terug te bellen en dat pas de volgende middag gedaan. De klant had intussen al twee keer zelf gebeld.",
    "Toen het druk was zonder te vragen twee terugbelverzoeken van een collega overgenomen. Beide werden dezelfde dag afgehandeld.",
  ],
  "N-2": [
    "Een klant vroeg om een leidinggevende. Netjes doorverbonden, met de naam van de collega en een tijd voor de klant.",
    "Op een drukke ochtend 'mijn collega helpt u zo' gezegd zonder naam of tijd. De klant hing na tien minuten op.",
    "Bij het doorverbinden gezegd: 'Ahmed belt u vóór drie uur.' De klant hoefde niet in de wacht te blijven.",
  ],
  "N-3": [
    "Klant belde boos over een dubbele factuur. Liet de klant eerst helemaal uitpraten en vatte samen wat er mis was; de klant werd zichtbaar rustiger.",
    "Een klant onderbroken die het verhaal nog aan het doen was, met een oplossing die niet paste. De klant moest alles opnieuw uitleggen.",
    "Bij een lange klacht pas iets gevraagd toen de klant klaar was. Daardoor bleek het om een ander probleem te gaan dan het leek.",
  ],
  "N-4": [
    "Na een opgeloste klacht uit eigen beweging gebeld om te checken of alles nu goed ging. De klant reageerde verrast en blij.",
    "Het nabellen na een opgeloste klacht een week laten liggen. De klant bleek het probleem alweer te hebben.",
    "Bij het nabellen gevraagd of de oplossing ook echt werkte. Zo kwam een tweede fout in de factuur boven.",
  ],
  "N-5": [
    "Een klant met een kapotte lader meteen een nieuwe gestuurd, zonder eerst toestemming te vragen. Het gesprek duurde vijf minuten in plaats van een dag.",
    "Voor een tegoed van € 30 toch eerst de leidinggevende gemaild. De klant moest twee dagen op antwoord wachten.",
  ],
  "N-6": [
    "Een vraag van de planning dezelfde middag beantwoord, met 'ik weet het morgen om tien uur'. De planner kon verder.",
    "Een interne vraag over een retour drie dagen laten liggen. De collega had de klant intussen iets anders beloofd.",
  ],
};

export const EXAMPLES: Record<string, string[]> = {
  "N-1": ["Vorige week een klant teruggebeld om te checken of de monteur echt was geweest.", "Maandag drie terugbelverzoeken vóór de lunch afgehandeld."],
  "N-2": ["Een klant doorverbonden met 'Priya belt u om half vier'.", "Bij een vraag over een factuur de naam van de collega op de financiële afdeling genoemd."],
  "N-3": ["Bij een klacht eerst laten uitpraten en daarna samengevat wat ik had gehoord.", "Een boze klant tien minuten laten vertellen voordat ik iets voorstelde."],
  "N-4": ["Twee dagen na een opgeloste storing nagebeld; alles werkte.", "Na een creditnota gemaild of het bedrag goed was overgemaakt."],
  "N-5": ["Zelf een vervangend onderdeel van € 40 laten sturen."],
  "N-6": ["Een vraag van een collega over een levertijd dezelfde dag beantwoord."],
};

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
  // Which texts are written comes from a generator of its own, so choosing texts never shifts the ratings.
  const texts = prng(20260402);
  // A text not used yet under `key`: one person's page never shows the same observation
  // twice, nor two colleagues the same example, which would read as a bug.
  const used = new Map<string, Set<string>>();
  const pick = (list: string[] | undefined, chance: number, key: string) => {
    if (!list || texts() >= chance) return "";
    const taken = used.get(key) ?? new Set<string>();
    const text = list[Math.floor(texts() * list.length)];
    if (taken.has(text)) return "";
    used.set(key, taken.add(text));
    return text;
  };
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
      cycleNorms.forEach((n) => {
        const normIndex = active.findIndex((a) => a.id === n.normId);
        const real = level.get(p)![normIndex] + growth[normIndex] * round;
        tx.insert(selfRatings)
          .values({
            teamId: DEMO_TEAM_ID,
            cycleId,
            userId: p,
            normId: n.normId,
            rating: clamp(real + SELF_BIAS[p] + (random() - 0.5) * 0.6),
            example: pick(EXAMPLES[n.code], 0.3, `example ${cycleId} ${n.code}`),
            updatedAt: at(i),
          })
          .run();
      });
    });
    const byRater = new Map<string, string[]>();
    // Who rates whom as the cycle stored it (it rotates against the earlier cycles' pairs).
    const assigned = tx
      .select({ raterId: peerAssignments.raterId, rateeId: peerAssignments.rateeId })
      .from(peerAssignments)
      .where(and(eq(peerAssignments.teamId, DEMO_TEAM_ID), eq(peerAssignments.cycleId, cycleId)))
      .orderBy(asc(peerAssignments.raterId), asc(peerAssignments.rateeId))
      .all();
    for (const a of assigned) byRater.set(a.raterId, [...(byRater.get(a.raterId) ?? []), a.rateeId]);
    people.forEach((rater, i) => {
      (byRater.get(rater) ?? []).forEach((ratee, j) => {
        if (!donePeer(i, j)) return;
        cycleNorms.forEach((n) => {
          const normIndex = active.findIndex((a) => a.id === n.normId);
          const real = level.get(ratee)![normIndex] + growth[normIndex] * round;
          tx.insert(peerRatings)
            .values({
              teamId: DEMO_TEAM_ID,
              cycleId,
              raterId: rater,
              rateeId: ratee,
              normId: n.normId,
              rating: clamp(real + (random() - 0.5) * 1.2),
              observation: pick(OBSERVATIONS[n.code], 0.2, `observation ${cycleId} ${ratee} ${n.code}`),
              updatedAt: at(i) + j * 600_000,
            })
            .run();
        });
      });
    });
    if (!isOpen) closeCycle(tx, { teamId: DEMO_TEAM_ID, cycleId, actorId: null, now: slot.closesAt });
  });
}
