// Check-in cycles: data access, always scoped by team id. Who rates whom is read
// here only to authorise a peer form and to count completion; nothing that leaves
// this module for a results page carries a rater, a per-rater value or a timestamp.
import { randomInt } from "node:crypto";
import { and, asc, count, desc, eq, gt, lte, sql } from "drizzle-orm";
import {
  checkinCycles,
  cycleMemberSignals,
  cycleNormStats,
  cycleNorms,
  cycleObservations,
  cycleParticipants,
  cycleResults,
  memberships,
  normVersions,
  norms,
  peerAssignments,
  peerRatings,
  selfRatings,
  users,
} from "../../db/schema";
import type { DB } from "../../db/client";
import { listActiveNorms } from "./norms.server";
import { inNormOrder, parseIdList, signalCountsPerNorm, type Signal } from "../domain/checkin-results";
import type { TrendPoint } from "../domain/norm-trend";
import { compareCodePoints } from "../domain/random";
import { distinctNames } from "../names";
import { db, preparedOnce, write } from "../db.server";
import { takesRatings } from "../domain/checkins";
import { registerSweep } from "../sweep.server";
import { BoundedCache } from "../bounded-cache.server";
import { notFound } from "../permissions.server";
import { parseRowId } from "../form-data";
import { closeCycle, insertCycle } from "./checkin-lifecycle.server";

export type Cycle = typeof checkinCycles.$inferSelect;

// ---------------------------------------------------------------- closing on time

/**
 * Closes every open cycle whose closing time has passed (of one team, or all).
 * Runs from the sweeper, so closing never waits for a visit, and from the team's
 * pages, so a page never shows a cycle as open after its time. Each close is its
 * own transaction and happens exactly once (see closeCycle).
 */
export function closeDueCycles(now = Date.now(), teamId?: string) {
  // In the order they were due: each closes at its closing time, and the trend frozen at
  // close counts the cycles closed before it (the lower id first at the same time, see
  // earlierPeerMeans), so an earlier one must be closed first.
  const due = teamId
    ? dueCyclesOfTeam().all({ teamId, now })
    : db
        .select({ id: checkinCycles.id, teamId: checkinCycles.teamId })
        .from(checkinCycles)
        .where(and(eq(checkinCycles.status, "open"), lte(checkinCycles.closesAt, now)))
        .orderBy(asc(checkinCycles.closesAt), asc(checkinCycles.id))
        .all();
  let closed = 0;
  for (const c of due) {
    if (write((tx) => closeCycle(tx, { teamId: c.teamId, cycleId: c.id, actorId: null, now }))) closed++;
  }
  return closed;
}

// Every team page asks this, so it is built once (see preparedOnce).
const dueCyclesOfTeam = preparedOnce(() =>
  db
    .select({ id: checkinCycles.id, teamId: checkinCycles.teamId })
    .from(checkinCycles)
    .where(
      and(
        eq(checkinCycles.teamId, sql.placeholder("teamId")),
        eq(checkinCycles.status, "open"),
        lte(checkinCycles.closesAt, sql.placeholder("now")),
      ),
    )
    .orderBy(asc(checkinCycles.closesAt), asc(checkinCycles.id))
    .prepare(),
);

registerSweep((now) => closeDueCycles(now));

/** A lead closes early. False when it was already closed. */
export function closeCycleEarly(teamId: string, cycleId: number, actorId: string, now = Date.now()) {
  // Cycles already due close first, at their closing times, so each one's frozen trend
  // counts the cycles closed before it.
  closeDueCycles(now, teamId);
  return write((tx) => closeCycle(tx, { teamId, cycleId, actorId, now }));
}

// ---------------------------------------------------------------- opening

export type OpenCycleInput = { title: string; normCodes: string[]; closesAt: number; peersPerMember: number };

/**
 * Opens a cycle: the chosen active norms at their current version, today's members
 * as participants, and a fresh random seed for the peer assignment.
 */
export function openCycle(teamId: string, actorId: string, input: OpenCycleInput, now = Date.now(), repeatSince: number | null = null) {
  return write((tx) => {
    const active = listActiveNorms(teamId);
    const wanted = new Set(input.normCodes);
    const unknown = [...wanted].filter((code) => !active.some((n) => n.code === code));
    if (unknown.length > 0) return { ok: false as const, unknown };
    // The same cycle (title, closing time, peers, norms) opened again by the same lead
    // since `repeatSince` (a double click) is the first one (decision 074).
    const repeated =
      repeatSince !== null &&
      tx
        .select({ id: checkinCycles.id })
        .from(checkinCycles)
        .where(
          and(
            eq(checkinCycles.teamId, teamId),
            eq(checkinCycles.status, "open"),
            eq(checkinCycles.openedBy, actorId),
            eq(checkinCycles.title, input.title),
            eq(checkinCycles.closesAt, input.closesAt),
            eq(checkinCycles.peersPerMember, input.peersPerMember),
            gt(checkinCycles.openedAt, repeatSince),
          ),
        )
        .get();
    if (repeated && sameNorms(tx, teamId, repeated.id, active.filter((n) => wanted.has(n.code)).map((n) => n.id))) {
      return { ok: true as const, cycleId: repeated.id };
    }
    const participants = tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.teamId, teamId))
      .all()
      .map((m) => m.userId);
    const cycleId = insertCycle(tx, {
      teamId,
      title: input.title,
      openedBy: actorId,
      openedAt: now,
      closesAt: input.closesAt,
      peersPerMember: input.peersPerMember,
      seed: randomInt(0, 2 ** 31),
      norms: active.filter((n) => wanted.has(n.code)).map((n) => ({ normId: n.id, normVersion: n.currentVersion, code: n.code })),
      participants,
    });
    return { ok: true as const, cycleId };
  });
}

function sameNorms(tx: DB, teamId: string, cycleId: number, normIds: number[]) {
  const inCycle = tx
    .select({ normId: cycleNorms.normId })
    .from(cycleNorms)
    .where(and(eq(cycleNorms.teamId, teamId), eq(cycleNorms.cycleId, cycleId)))
    .all();
  return inCycle.length === normIds.length && inCycle.every((n) => normIds.includes(n.normId));
}

// ---------------------------------------------------------------- reading cycles

// People listed by name, and by id where names are equal, so the order never varies.
// Same order as String#localeCompare, without building a collator on every comparison.
const byName = new Intl.Collator();
function byNameThenId(a: { name: string; userId: string }, b: { name: string; userId: string }) {
  return byName.compare(a.name, b.name) || compareCodePoints(a.userId, b.userId);
}

/** Per assignment row: how many norms the rater has rated the ratee on so far. */
const ratedSoFar = sql<number>`(select count(*) from ${peerRatings} pr where pr.cycle_id = ${peerAssignments.cycleId}
  and pr.rater_id = ${peerAssignments.raterId} and pr.ratee_id = ${peerAssignments.rateeId})`;

export function listCycles(teamId: string) {
  const normCount = sql<number>`(select count(*) from ${cycleNorms} cn where cn.cycle_id = ${checkinCycles.id})`;
  const participantCount = sql<number>`(select count(*) from ${cycleParticipants} cp where cp.cycle_id = ${checkinCycles.id})`;
  return db
    .select({
      id: checkinCycles.id,
      title: checkinCycles.title,
      status: checkinCycles.status,
      openedAt: checkinCycles.openedAt,
      closesAt: checkinCycles.closesAt,
      closedAt: checkinCycles.closedAt,
      normCount,
      participantCount,
    })
    .from(checkinCycles)
    .where(eq(checkinCycles.teamId, teamId))
    .orderBy(desc(checkinCycles.openedAt), desc(checkinCycles.id))
    .all();
}

const cycleById = preparedOnce(() =>
  db
    .select()
    .from(checkinCycles)
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.id, sql.placeholder("cycleId"))))
    .prepare(),
);

export function getCycle(teamId: string, cycleId: number): Cycle | null {
  return cycleById().get({ teamId, cycleId }) ?? null;
}

/** The cycle named in the URL, of this team; 404 for anything else (another team's id, junk). */
export function requireCycle(teamId: string, param: string | undefined): Cycle {
  const id = parseRowId(param) ?? notFound();
  return getCycle(teamId, id) ?? notFound();
}

export type CycleNorm = { normId: number; code: string; version: number; title: string };

/** The cycle's norms as they read when it opened (the version in force then). */
export function cycleNormList(teamId: string, cycleId: number): CycleNorm[] {
  return cycleNormsQuery().all({ teamId, cycleId });
}

/** As cycleNormList, with each norm's explanation: the rating forms show what is rated. */
export function cycleNormTexts(teamId: string, cycleId: number): (CycleNorm & { body: string })[] {
  return cycleNormsWithBodyQuery().all({ teamId, cycleId });
}

// One statement, built once per shape: with the explanations for the rating forms.
const cycleNormsSelect = <Extra extends { body?: typeof normVersions.body }>(extra: Extra) =>
  db
    .select({ normId: cycleNorms.normId, code: norms.code, version: cycleNorms.normVersion, title: normVersions.title, ...extra })
    .from(cycleNorms)
    .innerJoin(norms, eq(norms.id, cycleNorms.normId))
    .innerJoin(normVersions, and(eq(normVersions.normId, cycleNorms.normId), eq(normVersions.version, cycleNorms.normVersion)))
    .where(and(eq(cycleNorms.teamId, sql.placeholder("teamId")), eq(cycleNorms.cycleId, sql.placeholder("cycleId"))))
    .orderBy(asc(cycleNorms.position))
    .prepare();
const cycleNormsQuery = preparedOnce(() => cycleNormsSelect({}));
const cycleNormsWithBodyQuery = preparedOnce(() => cycleNormsSelect({ body: normVersions.body }));

// The cycle page's statements are built once (see preparedOnce): during a check-in it
// is the page every member lands on after each save.
const participantIdsQuery = preparedOnce(() =>
  db
    .select({ userId: cycleParticipants.userId })
    .from(cycleParticipants)
    .where(eq(cycleParticipants.cycleId, sql.placeholder("cycleId")))
    .prepare(),
);

function participantIds(cycleId: number) {
  return participantIdsQuery()
    .all({ cycleId })
    .map((p) => p.userId);
}

export function isParticipant(teamId: string, cycleId: number, userId: string) {
  return !!participantQuery().get({ teamId, cycleId, userId });
}

const participantQuery = preparedOnce(() =>
  db
    .select({ userId: cycleParticipants.userId })
    .from(cycleParticipants)
    .where(
      and(
        eq(cycleParticipants.teamId, sql.placeholder("teamId")),
        eq(cycleParticipants.cycleId, sql.placeholder("cycleId")),
        eq(cycleParticipants.userId, sql.placeholder("userId")),
      ),
    )
    .prepare(),
);

const mySelfRatingCount = preparedOnce(() =>
  db
    .select({ n: count() })
    .from(selfRatings)
    .where(and(eq(selfRatings.cycleId, sql.placeholder("cycleId")), eq(selfRatings.userId, sql.placeholder("userId"))))
    .prepare(),
);

const myAssignments = preparedOnce(() =>
  db
    .select({ userId: users.id, name: users.name, rated: ratedSoFar })
    .from(peerAssignments)
    .innerJoin(users, eq(users.id, peerAssignments.rateeId))
    .where(and(eq(peerAssignments.cycleId, sql.placeholder("cycleId")), eq(peerAssignments.raterId, sql.placeholder("userId"))))
    .prepare(),
);

/** What one participant has to do in a cycle: own self rating, the colleagues they rate. */
function tasksOf(cycleId: number, userId: string, normCount: number) {
  const selfDone = (mySelfRatingCount().get({ cycleId, userId })?.n ?? 0) >= normCount;
  const peers = myAssignments()
    .all({ cycleId, userId })
    .map((p) => ({ userId: p.userId, name: p.name, done: p.rated >= normCount }))
    .sort(byNameThenId);
  return { selfDone, peers };
}

const completionQuery = preparedOnce(() => {
  const cycleId = sql.placeholder("cycleId");
  const normCount = sql.placeholder("normCount");
  return db
    .select({
      selfDone: sql<number>`(select count(*) from (select 1 from ${selfRatings} sr
        join ${cycleParticipants} cp on cp.cycle_id = sr.cycle_id and cp.user_id = sr.user_id
        where sr.cycle_id = ${cycleId} group by sr.user_id having count(*) >= ${normCount}))`,
      // Pairs still assigned: ratings given by someone who has since left the team stay in
      // the results but are no longer a task of this cycle (leaveOpenCycles).
      peerDone: sql<number>`(select count(*) from (select 1 from ${peerRatings} pr
        join ${peerAssignments} pa on pa.cycle_id = pr.cycle_id and pa.rater_id = pr.rater_id and pa.ratee_id = pr.ratee_id
        where pr.cycle_id = ${cycleId} group by pr.rater_id, pr.ratee_id having count(*) >= ${normCount}))`,
      peerTotal: sql<number>`(select count(*) from ${peerAssignments} pa where pa.cycle_id = ${cycleId})`,
    })
    .from(checkinCycles)
    .where(eq(checkinCycles.id, cycleId))
    .prepare();
});

/**
 * Completion as counts only: participants whose self rating is complete, and
 * assignments whose peer rating is complete. Never which person or which pair.
 */
function completionCounts(cycleId: number, normCount: number) {
  const row = completionQuery().get({ cycleId, normCount });
  return { selfDone: row?.selfDone ?? 0, peerDone: row?.peerDone ?? 0, peerTotal: row?.peerTotal ?? 0 };
}

/** The cycle page: my tasks, and for leads the completion counts. */
export function cyclePage(cycle: Cycle, userId: string, isLead: boolean) {
  const normList = cycleNormList(cycle.teamId, cycle.id);
  const participants = participantIds(cycle.id);
  const isParticipant = participants.includes(userId);
  const tasks = isParticipant && cycle.status === "open" ? tasksOf(cycle.id, userId, normList.length) : null;
  const completion = isLead ? completionCounts(cycle.id, normList.length) : null;
  return {
    norms: normList,
    participantCount: participants.length,
    isParticipant,
    tasks,
    completion: completion ? { ...completion, selfTotal: participants.length } : null,
  };
}

// ---------------------------------------------------------------- rating

export type RatingInput = { normId: number; rating: number; text: string };
export type SaveOutcome = "ok" | "closed" | "not-allowed";

/**
 * Checks inside the write transaction that the cycle is still open; a cycle past
 * its closing time is closed right there (exactly once), so no rating slips in late.
 * `getCycle` runs on `db`, which takes part in the transaction only because `write()`
 * hands over `db`'s own (see preparedOnce).
 */
function stillOpen(tx: DB, teamId: string, cycleId: number, now: number) {
  const cycle = getCycle(teamId, cycleId);
  if (!cycle) return false;
  if (takesRatings(cycle, now)) return true;
  // Past its closing time and not closed yet: it closes now, in this transaction.
  if (cycle.status === "open") closeCycle(tx, { teamId, cycleId, actorId: null, now });
  return false;
}

// A rating's save is built once (see preparedOnce): it is the app's heaviest frequent
// write, building its twelve inserts' SQL cost more than running them, and other
// writes wait for the write lock meanwhile.
const upsertSelfRating = preparedOnce(() =>
  db
    .insert(selfRatings)
    .values({
      teamId: sql.placeholder("teamId"),
      cycleId: sql.placeholder("cycleId"),
      userId: sql.placeholder("userId"),
      normId: sql.placeholder("normId"),
      rating: sql.placeholder("rating"),
      example: sql.placeholder("text"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [selfRatings.cycleId, selfRatings.userId, selfRatings.normId],
      set: { rating: sql`excluded.rating`, example: sql`excluded.example`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare(),
);

const upsertPeerRating = preparedOnce(() =>
  db
    .insert(peerRatings)
    .values({
      teamId: sql.placeholder("teamId"),
      cycleId: sql.placeholder("cycleId"),
      raterId: sql.placeholder("raterId"),
      rateeId: sql.placeholder("rateeId"),
      normId: sql.placeholder("normId"),
      rating: sql.placeholder("rating"),
      observation: sql.placeholder("text"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [peerRatings.cycleId, peerRatings.raterId, peerRatings.rateeId, peerRatings.normId],
      set: { rating: sql`excluded.rating`, observation: sql`excluded.observation`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare(),
);

// The rating forms' reads are built once, like their saves (below).
const mySelfRatingsQuery = preparedOnce(() =>
  db
    .select({ normId: selfRatings.normId, rating: selfRatings.rating, text: selfRatings.example })
    .from(selfRatings)
    .where(and(eq(selfRatings.cycleId, sql.placeholder("cycleId")), eq(selfRatings.userId, sql.placeholder("userId"))))
    .prepare(),
);

export function mySelfRatings(cycleId: number, userId: string) {
  return mySelfRatingsQuery().all({ cycleId, userId });
}

/** Stores (or replaces) a participant's self ratings; one row per norm, whatever the concurrency. */
export function saveSelfRatings(teamId: string, cycleId: number, userId: string, input: RatingInput[], now = Date.now()): SaveOutcome {
  return write((tx) => {
    if (!stillOpen(tx, teamId, cycleId, now)) return "closed";
    if (!isParticipant(teamId, cycleId, userId)) return "not-allowed";
    for (const r of input) upsertSelfRating().run({ teamId, cycleId, userId, normId: r.normId, rating: r.rating, text: r.text, now });
    return "ok";
  });
}

const assignedRateeName = preparedOnce(() =>
  db
    .select({ name: users.name })
    .from(peerAssignments)
    .innerJoin(users, eq(users.id, peerAssignments.rateeId))
    .where(
      and(
        eq(peerAssignments.cycleId, sql.placeholder("cycleId")),
        eq(peerAssignments.raterId, sql.placeholder("raterId")),
        eq(peerAssignments.rateeId, sql.placeholder("rateeId")),
      ),
    )
    .prepare(),
);

const myPeerRatingsQuery = preparedOnce(() =>
  db
    .select({ normId: peerRatings.normId, rating: peerRatings.rating, text: peerRatings.observation })
    .from(peerRatings)
    .where(
      and(
        eq(peerRatings.cycleId, sql.placeholder("cycleId")),
        eq(peerRatings.raterId, sql.placeholder("raterId")),
        eq(peerRatings.rateeId, sql.placeholder("rateeId")),
      ),
    )
    .prepare(),
);

/** The peer form: null unless `raterId` was assigned to rate `rateeId` in this cycle. */
export function peerFormData(cycleId: number, raterId: string, rateeId: string) {
  const ratee = assignedRateeName().get({ cycleId, raterId, rateeId });
  if (!ratee) return null;
  return { name: ratee.name, existing: myPeerRatingsQuery().all({ cycleId, raterId, rateeId }) };
}

export function savePeerRatings(
  teamId: string,
  cycleId: number,
  raterId: string,
  rateeId: string,
  input: RatingInput[],
  now = Date.now(),
): SaveOutcome {
  return write((tx) => {
    if (!stillOpen(tx, teamId, cycleId, now)) return "closed";
    // stillOpen found the cycle in this team, so the cycle's assignment is the team's.
    if (!assignedRateeName().get({ cycleId, raterId, rateeId })) return "not-allowed";
    for (const r of input) {
      upsertPeerRating().run({ teamId, cycleId, raterId, rateeId, normId: r.normId, rating: r.rating, text: r.text, now });
    }
    return "ok";
  });
}

// ---------------------------------------------------------------- results (frozen)

export type NormResult = {
  normId: number;
  selfRating: number | null;
  selfExample: string;
  peerShown: boolean;
  peerMean: number | null;
  signal: Signal;
  observations: string[];
  /**
   * This member on this norm over the team's latest closed check-ins up to this one
   * (at most six, oldest first; null where they gave none or the peer figure was hidden),
   * when there is more than this one: whether a blind spot came back, whether a
   * figure moved. Absent when this cycle is the first.
   */
  history?: { self: (number | null)[]; peer: (number | null)[] };
};
/**
 * One member's results. The user id is the member's own (never a rater's); it only
 * reaches a page where the viewer may open that member's conversation (see
 * `cycleResultsFor`).
 */
export type MemberResults = { userId: string; isMe: boolean; norms: NormResult[] };
/** A norm's team means (null: too few people for an anonymous figure, see 031). */
export type TeamNormFigures = { normId: number; meanSelf: number | null; meanPeer: number | null };

const resultsOfMember = () =>
  and(
    eq(cycleResults.teamId, sql.placeholder("teamId")),
    eq(cycleResults.cycleId, sql.placeholder("cycleId")),
    eq(cycleResults.userId, sql.placeholder("userId")),
  );

/**
 * One member's frozen results of a cycle, in the cycle's norm order: two
 * statements. Peer figures and observations below the threshold were never
 * frozen; the checks on `peerShown` are a second lock. Null when the member has no
 * results in this cycle (not a participant, another team's id, junk).
 */
const memberResultRows = preparedOnce(() =>
  db
    .select({
      normId: cycleResults.normId,
      selfRating: cycleResults.selfRating,
      selfExample: cycleResults.selfExample,
      peerShown: cycleResults.peerShown,
      peerMean: cycleResults.peerMean,
      signal: cycleResults.signal,
      recentSelf: cycleResults.recentSelf,
      recentPeer: cycleResults.recentPeer,
    })
    .from(cycleResults)
    .where(resultsOfMember())
    .prepare(),
);

/** A participant's current name, when they have results in this closed cycle. */
const participantName = preparedOnce(() =>
  db
    .select({ name: users.name })
    .from(cycleResults)
    .innerJoin(users, eq(users.id, cycleResults.userId))
    .where(resultsOfMember())
    .limit(1)
    .prepare(),
);

const memberObservationRows = preparedOnce(() =>
  db
    .select({ normId: cycleObservations.normId, text: cycleObservations.text })
    .from(cycleObservations)
    .where(
      and(
        eq(cycleObservations.teamId, sql.placeholder("teamId")),
        eq(cycleObservations.cycleId, sql.placeholder("cycleId")),
        eq(cycleObservations.userId, sql.placeholder("userId")),
      ),
    )
    .orderBy(asc(cycleObservations.position))
    .prepare(),
);

/**
 * A closed cycle's frozen figures never change (decision 076), and the results and
 * conversation pages read the same ones on every visit: they are kept in memory,
 * bounded (decision 087). The key holds the cycle's close, so a cycle id cannot answer
 * with another cycle's figures; names are not kept (they change), pages read them
 * with rows of their own.
 */
export type ClosedCycle = { id: number; closedAt: number | null };
const frozenCycles = new BoundedCache<{ norms: CycleNorm[]; team: ReturnType<typeof teamFigures> }>(2_000_000);
const frozenMembers = new BoundedCache<NormResult[] | null>(4_000_000);

// What later requests share must not change under them: a caller's sort or push throws.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function frozenKey(teamId: string, cycle: ClosedCycle, userId = "") {
  return `${teamId}\u0000${cycle.id}\u0000${cycle.closedAt}\u0000${userId}`;
}

function frozenCycle(teamId: string, cycle: ClosedCycle) {
  const read = () => {
    const norms = cycleNormList(teamId, cycle.id);
    return { norms, team: teamFigures(teamId, cycle.id, norms) };
  };
  if (cycle.closedAt === null) return read();
  return frozenCycles.remember(frozenKey(teamId, cycle), () => deepFreeze(read()), ({ norms }) =>
    norms.reduce((size, n) => size + 100 + n.code.length + n.title.length, 100),
  );
}

function frozenMemberNorms(teamId: string, cycle: ClosedCycle, normList: CycleNorm[], userId: string) {
  const read = () => readMemberNorms(teamId, cycle.id, normList, userId);
  if (cycle.closedAt === null) return read();
  return frozenMembers.remember(frozenKey(teamId, cycle, userId), () => deepFreeze(read()), (norms) =>
    (norms ?? []).reduce((size, n) => size + 150 + n.selfExample.length + n.observations.reduce((o, text) => o + 20 + text.length, 0), 100),
  );
}

function frozenMemberResults(teamId: string, cycle: ClosedCycle, normList: CycleNorm[], viewerId: string, userId: string): MemberResults | null {
  const norms = frozenMemberNorms(teamId, cycle, normList, userId);
  return norms ? { userId, isMe: userId === viewerId, norms } : null;
}

function readMemberNorms(teamId: string, cycleId: number, normList: CycleNorm[], userId: string): NormResult[] | null {
  const results = memberResultRows().all({ teamId, cycleId, userId });
  if (results.length === 0) return null;
  const observations = memberObservationRows().all({ teamId, cycleId, userId });

  const order = new Map(normList.map((n, i) => [n.normId, i]));
  const norms: NormResult[] = results.map((r) => {
    // Frozen at close with the results: the latest check-ins' figures, this one last.
    const recentSelf = parseFigures(r.recentSelf);
    return {
      normId: r.normId,
      selfRating: r.selfRating,
      selfExample: r.selfExample,
      peerShown: r.peerShown,
      peerMean: r.peerShown ? r.peerMean : null,
      signal: r.peerShown ? r.signal : "none",
      observations: [],
      ...(recentSelf.length > 1 ? { history: { self: recentSelf, peer: parseFigures(r.recentPeer) } } : {}),
    };
  });
  const byNorm = new Map(norms.map((n) => [n.normId, n]));
  for (const o of observations) {
    const norm = byNorm.get(o.normId);
    if (norm?.peerShown) norm.observations.push(o.text);
  }
  norms.sort((a, b) => (order.get(a.normId) ?? 0) - (order.get(b.normId) ?? 0));
  return norms;
}

/**
 * Team figures per norm of a closed cycle, in the cycle's norm order, with each
 * norm's trend as frozen at close (its latest closed cycles, oldest first): one statement.
 */
const teamStatsRows = preparedOnce(() =>
  db
    .select({
      normId: cycleNormStats.normId,
      meanSelf: cycleNormStats.meanSelf,
      meanPeer: cycleNormStats.meanPeer,
      recentPeerMeans: cycleNormStats.recentPeerMeans,
      trendFromVersion: cycleNormStats.trendFromVersion,
    })
    .from(cycleNormStats)
    .where(and(eq(cycleNormStats.teamId, sql.placeholder("teamId")), eq(cycleNormStats.cycleId, sql.placeholder("cycleId"))))
    .prepare(),
);

function teamFigures(teamId: string, cycleId: number, normList: CycleNorm[]) {
  const stats = new Map(teamStatsRows().all({ teamId, cycleId }).map((s) => [s.normId, s]));
  return normList.map((n) => {
    const s = stats.get(n.normId);
    const figures: TeamNormFigures = { normId: n.normId, meanSelf: s?.meanSelf ?? null, meanPeer: s?.meanPeer ?? null };
    // The version the trend's oldest figure rated, when that is not the one this cycle rated.
    const changedFrom = s?.trendFromVersion != null && s.trendFromVersion < n.version ? s.trendFromVersion : null;
    return { figures, trend: s ? parseFigures(s.recentPeerMeans) : [], changedFrom };
  });
}

// Written by freezeResults (or the 0003 and 0013 backfills) as a JSON array of numbers and nulls.
function parseFigures(json: string): (number | null)[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map((v) => (typeof v === "number" ? v : null)) : [];
}

/** A row of the lead's members overview: who, and on which norms (codes) a signal shows. */
export type MemberOverviewRow = {
  userId: string;
  name: string;
  isMe: boolean;
  blindSpots: string[];
  hiddenStrengths: string[];
  peerHidden: number;
};

/**
 * The lead's overview of a closed cycle: per norm how many members have a blind
 * spot or a hidden strength, and per member on which norms; one statement that
 * reads no figure, example or observation. Sorted by name.
 */

// Per participant the overview row frozen at close (cycle_member_signals), with
// their current name: thirty rows rather than members × norms.
const signalRows = preparedOnce(() =>
  db
    .select({
      userId: cycleMemberSignals.userId,
      name: users.name,
      email: users.email,
      blindSpots: cycleMemberSignals.blindSpots,
      hiddenStrengths: cycleMemberSignals.hiddenStrengths,
      peerHidden: cycleMemberSignals.peerHidden,
    })
    .from(cycleMemberSignals)
    .innerJoin(users, eq(users.id, cycleMemberSignals.userId))
    .where(and(eq(cycleMemberSignals.teamId, sql.placeholder("teamId")), eq(cycleMemberSignals.cycleId, sql.placeholder("cycleId"))))
    .prepare(),
);

/**
 * The lead's overview of a closed cycle: per member on which norms a blind spot
 * or a hidden strength shows, and per norm how many members have one; one
 * statement that reads no figure, example or observation. Sorted by name.
 */
function membersOverview(teamId: string, cycleId: number, normList: CycleNorm[], viewerId: string) {
  const order = normList.map((n) => n.normId);
  const codeOf = new Map(normList.map((n) => [n.normId, n.code]));
  const codes = (ids: number[]) => ids.map((id) => codeOf.get(id)!);
  const rows = distinctNames(signalRows().all({ teamId, cycleId }))
    .map((r) => ({
      userId: r.userId,
      name: r.name,
      blindSpots: inNormOrder(parseIdList(r.blindSpots), order),
      hiddenStrengths: inNormOrder(parseIdList(r.hiddenStrengths), order),
      peerHidden: r.peerHidden,
    }));
  const members: MemberOverviewRow[] = rows
    .map((r) => ({ ...r, isMe: r.userId === viewerId, blindSpots: codes(r.blindSpots), hiddenStrengths: codes(r.hiddenStrengths) }))
    .sort(byNameThenId);
  return { perNorm: signalCountsPerNorm(rows, order), members };
}

/**
 * The frozen results of a closed cycle: the viewer's own, the team figures, and
 * for leads the overview of every participant (with their user id, for the links
 * to each member's results and conversation). A fixed number of statements
 * whatever the team size: four for a member, five for a lead; once the cycle's
 * figures are kept (decision 087), none for a member, one (the names) for a lead.
 */
export function cycleResultsFor(teamId: string, cycle: Cycle, viewerId: string, isLead: boolean) {
  const { norms: normList, team } = frozenCycle(teamId, cycle);
  const mine = frozenMemberResults(teamId, cycle, normList, viewerId, viewerId);
  const overview = isLead ? membersOverview(teamId, cycle.id, normList, viewerId) : null;
  return {
    norms: normList,
    // Per norm the team's mean peer rating over its latest closed cycles up to this
    // one, oldest first, for the trend column; the whole history is on the norm's permalink.
    trends: team.map((t) => t.trend),
    // Per norm, the earlier version the trend's oldest figures rated (null: one text throughout).
    trendsFrom: team.map((t) => t.changedFrom),
    mine,
    // Leads also see per norm how many members have a blind spot or a hidden strength.
    team: team.map(({ figures }, i) => ({
      ...figures,
      blindSpots: overview ? overview.perNorm[i].blindSpots : null,
      hiddenStrengths: overview ? overview.perNorm[i].hiddenStrengths : null,
    })),
    members: overview?.members ?? null,
    threshold: cycle.anonymityThreshold ?? 3,
  };
}

/**
 * One member's frozen results of a closed cycle, for their check-in conversation
 * and the lead's `?member=` view of the results page: three statements, none once
 * kept. The caller decides who may see them (the member, a lead).
 */
export function memberResultsFor(teamId: string, cycle: ClosedCycle, memberId: string, viewerId: string) {
  const { norms } = frozenCycle(teamId, cycle);
  return { norms, member: frozenMemberResults(teamId, cycle, norms, viewerId, memberId) };
}

/** A participant's name, for the lead's `?member=` page: null when they have no results in the cycle. */
export function participantNameOf(teamId: string, cycleId: number, userId: string): string | null {
  return participantName().get({ teamId, cycleId, userId })?.name ?? null;
}

const normTrendRows = preparedOnce(() =>
  db
    .select({
      cycleId: checkinCycles.id,
      title: checkinCycles.title,
      closedAt: checkinCycles.closedAt,
      normVersion: cycleNormStats.normVersion,
      meanSelf: cycleNormStats.meanSelf,
      meanPeer: cycleNormStats.meanPeer,
    })
    .from(cycleNormStats)
    .innerJoin(checkinCycles, eq(checkinCycles.id, cycleNormStats.cycleId))
    .where(
      and(
        eq(cycleNormStats.teamId, sql.placeholder("teamId")),
        eq(cycleNormStats.normId, sql.placeholder("normId")),
        eq(checkinCycles.status, "closed"),
      ),
    )
    .orderBy(asc(checkinCycles.closedAt), asc(checkinCycles.id))
    .prepare(),
);

/**
 * The team's trend for one norm over all closed cycles, oldest first, for the norm
 * permalink page (render it with NormTrendPanel from app/components/norm-health.tsx).
 */
export function normTrend(teamId: string, normId: number): TrendPoint[] {
  return normTrendRows()
    .all({ teamId, normId })
    .map((r) => ({ ...r, closedAt: r.closedAt ?? 0 }));
}

// ---------------------------------------------------------------- team home

// The team home asks these on every visit: built once (see preparedOnce).
const runningCyclesQuery = preparedOnce(() =>
  db
    .select({
      id: checkinCycles.id,
      title: checkinCycles.title,
      closesAt: checkinCycles.closesAt,
      // Someone who joined after it opened is not in it, and should be told so.
      mine: sql<number>`exists (select 1 from ${cycleParticipants} cp where cp.cycle_id = ${checkinCycles.id} and cp.user_id = ${sql.placeholder("userId")})`,
    })
    .from(checkinCycles)
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.status, "open")))
    .orderBy(asc(checkinCycles.closesAt), asc(checkinCycles.id))
    .prepare(),
);

/** Running cycles of a team, soonest closing first (team home: "current check-in"), and whether `userId` takes part. */
export function runningCycles(teamId: string, userId: string) {
  return runningCyclesQuery()
    .all({ teamId, userId })
    .map((c) => ({ ...c, mine: c.mine === 1 }));
}

// With each cycle, how many norms it has and how many of them I rated myself: counted
// in the same statement, so the team home runs as many statements for any number of
// running cycles.
const myRunningCycles = preparedOnce(() =>
  db
    .select({
      id: checkinCycles.id,
      title: checkinCycles.title,
      closesAt: checkinCycles.closesAt,
      needed: sql<number>`(select count(*) from ${cycleNorms} cn where cn.cycle_id = ${checkinCycles.id})`,
      selfRated: sql<number>`(select count(*) from ${selfRatings} sr where sr.cycle_id = ${checkinCycles.id}
        and sr.user_id = ${cycleParticipants.userId})`,
    })
    .from(checkinCycles)
    .innerJoin(
      cycleParticipants,
      and(eq(cycleParticipants.cycleId, checkinCycles.id), eq(cycleParticipants.userId, sql.placeholder("userId"))),
    )
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.status, "open")))
    .orderBy(asc(checkinCycles.closesAt), asc(checkinCycles.id))
    .prepare(),
);

// The colleagues I rate in the team's running cycles, with how far I got. Limited to
// the team through the cycle; being assigned to rate implies taking part, and
// checkinTodos matches each row to one of my cycles anyway.
const myRunningAssignments = preparedOnce(() =>
  db
    .select({ cycleId: peerAssignments.cycleId, userId: users.id, name: users.name, rated: ratedSoFar })
    .from(checkinCycles)
    .innerJoin(
      peerAssignments,
      and(eq(peerAssignments.cycleId, checkinCycles.id), eq(peerAssignments.raterId, sql.placeholder("userId"))),
    )
    .innerJoin(users, eq(users.id, peerAssignments.rateeId))
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.status, "open")))
    .prepare(),
);

const latestClosedCycleQuery = preparedOnce(() =>
  db
    .select({ id: checkinCycles.id, title: checkinCycles.title, closedAt: checkinCycles.closedAt })
    .from(checkinCycles)
    .innerJoin(
      cycleParticipants,
      and(eq(cycleParticipants.cycleId, checkinCycles.id), eq(cycleParticipants.userId, sql.placeholder("userId"))),
    )
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.status, "closed")))
    .orderBy(desc(checkinCycles.closedAt), desc(checkinCycles.id))
    .limit(1)
    .prepare(),
);

export type CheckinTodo = {
  cycleId: number;
  title: string;
  closesAt: number;
  selfOpen: boolean;
  peersOpen: { userId: string; name: string }[];
};

/**
 * My open check-in work for the team home page: per running cycle I take part in,
 * whether my self rating is still open and which colleagues I still have to rate.
 * Two statements when a cycle runs, one when none does, whatever the number of
 * cycles or colleagues, plus the due-cycle check.
 */
export function checkinTodos(teamId: string, userId: string, now = Date.now()): CheckinTodo[] {
  closeDueCycles(now, teamId);
  const cycles = myRunningCycles().all({ teamId, userId });
  if (cycles.length === 0) return [];
  const assignments = myRunningAssignments().all({ teamId, userId });
  return cycles
    .map((c) => ({
      cycleId: c.id,
      title: c.title,
      closesAt: c.closesAt,
      selfOpen: c.selfRated < c.needed,
      peersOpen: assignments
        .filter((a) => a.cycleId === c.id && a.rated < c.needed)
        .map((a) => ({ userId: a.userId, name: a.name }))
        .sort(byNameThenId),
    }))
    .filter((c) => c.selfOpen || c.peersOpen.length > 0);
}

/** The most recently closed cycle the member took part in (for "my latest results"), or null. */
export function latestClosedCycleFor(teamId: string, userId: string) {
  return latestClosedCycleQuery().get({ teamId, userId }) ?? null;
}
