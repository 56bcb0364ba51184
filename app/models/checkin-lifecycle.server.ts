// Opening and closing a check-in cycle, freezing its results at close. Works on a
// transaction handed in (no import of the app's db), so the demo seed opens and
// closes its cycles exactly the way the app does.
import { and, asc, desc, eq, gt, inArray, lt, lte, or, sql } from "drizzle-orm";
import {
  checkinCycles,
  peerAssignments,
  cycleMemberSignals,
  cycleNormStats,
  cycleNorms,
  cycleObservations,
  cycleParticipants,
  cycleResults,
  peerRatings,
  selfRatings,
  teams,
} from "../../db/schema";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DB } from "../../db/client";
import {
  aggregateMemberNorm,
  effectiveThreshold,
  memberSignalSummaries,
  recentPeerMeans,
  shuffleObservations,
  teamNormStats,
  TREND_CYCLES_ON_RESULTS,
} from "../domain/checkin-results";
import { assignPeers, replacementRaters, type Assignment } from "../domain/peer-assignment";
import { audit } from "./audit.server";

export type NewCycle = {
  teamId: string;
  title: string;
  openedBy: string | null;
  openedAt: number;
  closesAt: number;
  peersPerMember: number;
  seed: number;
  /** In display order, each with the version in force at opening. */
  norms: { normId: number; normVersion: number; code: string }[];
  participants: string[];
};

/** Inserts a cycle with its norms, participants and peer assignments, and the audit row. */
export function insertCycle(tx: DB, c: NewCycle): number {
  // Read before the new cycle exists, so these are the cycles before it.
  const recentAssignments = recentPeerAssignments(tx, c.teamId, ROTATION_HISTORY);
  const { id } = tx
    .insert(checkinCycles)
    .values({
      teamId: c.teamId,
      title: c.title,
      status: "open",
      openedBy: c.openedBy,
      openedAt: c.openedAt,
      closesAt: c.closesAt,
      peersPerMember: c.peersPerMember,
      seed: c.seed,
    })
    .returning({ id: checkinCycles.id })
    .get();
  tx.insert(cycleNorms)
    .values(c.norms.map((n, position) => ({ teamId: c.teamId, cycleId: id, normId: n.normId, normVersion: n.normVersion, position })))
    .run();
  insertChunked(
    c.participants.map((userId) => ({ teamId: c.teamId, cycleId: id, userId })),
    (rows) => tx.insert(cycleParticipants).values(rows).run(),
  );
  insertChunked(
    assignPeers(c.participants, c.peersPerMember, c.seed, recentAssignments).map((a) => ({ teamId: c.teamId, cycleId: id, ...a })),
    (rows) => tx.insert(peerAssignments).values(rows).run(),
  );
  audit(tx, {
    teamId: c.teamId,
    actorId: c.openedBy,
    kind: "cycle.opened",
    subject: c.title,
    data: { cycleId: id, norms: c.norms.map((n) => n.code), participants: c.participants.length, closesAt: c.closesAt },
    at: c.openedAt,
  });
  return id;
}

/** How many of a team's latest cycles peer assignment rotates away from (decision 030). */
const ROTATION_HISTORY = 2;

/**
 * The peer assignments of the team's latest `limit` cycles (by opening time, then id),
 * most recent first, in one statement: the team's cycles (sorted; a team has dozens,
 * not thousands), their pairs by peer_assignments' primary key.
 */
function recentPeerAssignments(tx: DB, teamId: string, limit: number): Assignment[][] {
  const latest = tx
    .select({ id: checkinCycles.id, openedAt: checkinCycles.openedAt })
    .from(checkinCycles)
    .where(eq(checkinCycles.teamId, teamId))
    .orderBy(desc(checkinCycles.openedAt), desc(checkinCycles.id))
    .limit(limit)
    .as("latest");
  const rows = tx
    .select({ cycleId: latest.id, openedAt: latest.openedAt, raterId: peerAssignments.raterId, rateeId: peerAssignments.rateeId })
    .from(latest)
    .innerJoin(peerAssignments, and(eq(peerAssignments.cycleId, latest.id), eq(peerAssignments.teamId, teamId)))
    .all();
  const byCycle = new Map<number, { openedAt: number; pairs: Assignment[] }>();
  for (const r of rows) {
    const cycle = byCycle.get(r.cycleId);
    if (cycle) cycle.pairs.push({ raterId: r.raterId, rateeId: r.rateeId });
    else byCycle.set(r.cycleId, { openedAt: r.openedAt, pairs: [{ raterId: r.raterId, rateeId: r.rateeId }] });
  }
  return [...byCycle.entries()]
    .sort(([idA, a], [idB, b]) => b.openedAt - a.openedAt || idB - idA)
    .map(([, cycle]) => cycle.pairs);
}

/**
 * Someone who leaves the team leaves the check-ins still running (decision 030): nobody
 * is asked to rate them any more, they are asked for nothing, and they get no results.
 * Ratings they gave before they left stay in their colleagues' results, and everyone they
 * were still to rate gets another colleague as rater instead. A cycle past its
 * closing time but not yet swept is over: it keeps them, as it would have had it been
 * closed on time.
 */
export function leaveOpenCycles(tx: DB, input: { teamId: string; userId: string; now: number }) {
  const open = tx
    .select({ id: checkinCycles.id })
    .from(checkinCycles)
    .where(and(eq(checkinCycles.teamId, input.teamId), eq(checkinCycles.status, "open"), gt(checkinCycles.closesAt, input.now)))
    .all()
    .map((c) => c.id);
  if (open.length === 0) return;
  const inOpen = (t: { teamId: SQLiteColumn; cycleId: SQLiteColumn }) => and(eq(t.teamId, input.teamId), inArray(t.cycleId, open));
  // Whoever the leaver was still to rate gets another colleague (replacementRaters), read
  // before the leaver's rows go: without one they could end below the anonymity threshold.
  const participants = tx
    .select({ cycleId: cycleParticipants.cycleId, userId: cycleParticipants.userId })
    .from(cycleParticipants)
    .where(inOpen(cycleParticipants))
    .all();
  const pairs = tx
    .select({ cycleId: peerAssignments.cycleId, raterId: peerAssignments.raterId, rateeId: peerAssignments.rateeId })
    .from(peerAssignments)
    .where(inOpen(peerAssignments))
    .all();
  // A colleague the leaver already rated lost nothing: that rating stays and counts.
  const given = new Set(
    tx
      .selectDistinct({ cycleId: peerRatings.cycleId, rateeId: peerRatings.rateeId })
      .from(peerRatings)
      .where(and(inOpen(peerRatings), eq(peerRatings.raterId, input.userId)))
      .all()
      .map((r) => `${r.cycleId}:${r.rateeId}`),
  );
  const added = open.flatMap((cycleId) =>
    replacementRaters(
      participants.filter((p) => p.cycleId === cycleId).map((p) => p.userId),
      pairs.filter((p) => p.cycleId === cycleId && !(p.raterId === input.userId && given.has(`${cycleId}:${p.rateeId}`))),
      input.userId,
    ).map((a) => ({ teamId: input.teamId, cycleId, ...a })),
  );
  tx.delete(cycleParticipants).where(and(inOpen(cycleParticipants), eq(cycleParticipants.userId, input.userId))).run();
  tx.delete(selfRatings).where(and(inOpen(selfRatings), eq(selfRatings.userId, input.userId))).run();
  tx.delete(peerAssignments)
    .where(and(inOpen(peerAssignments), or(eq(peerAssignments.raterId, input.userId), eq(peerAssignments.rateeId, input.userId))))
    .run();
  tx.delete(peerRatings).where(and(inOpen(peerRatings), eq(peerRatings.rateeId, input.userId))).run();
  if (added.length > 0) tx.insert(peerAssignments).values(added).run();
}

/**
 * Closes an open cycle exactly once: the status flip is conditional, and only the
 * caller whose UPDATE changed the row freezes the results, in the same transaction.
 * Returns false when the cycle was already closed (or is not this team's).
 */
export function closeCycle(tx: DB, input: { teamId: string; cycleId: number; actorId: string | null; now: number }) {
  const team = tx
    .select({ threshold: teams.anonymityThreshold })
    .from(teams)
    .where(eq(teams.id, input.teamId))
    .get();
  if (!team) return false;
  const threshold = effectiveThreshold(team.threshold);
  const cycle = tx
    .select({ title: checkinCycles.title, seed: checkinCycles.seed, closesAt: checkinCycles.closesAt })
    .from(checkinCycles)
    .where(and(eq(checkinCycles.id, input.cycleId), eq(checkinCycles.teamId, input.teamId)))
    .get();
  if (!cycle) return false;
  // Closed by its time, a cycle closed at that time, even when the server noticed later
  // (it was down, or the next sweep came 30 s on): no rating was taken after it.
  const closedAt = input.actorId === null ? Math.min(input.now, cycle.closesAt) : input.now;
  const flipped = tx
    .update(checkinCycles)
    .set({ status: "closed", closedAt, closedBy: input.actorId, anonymityThreshold: threshold })
    .where(
      and(
        eq(checkinCycles.id, input.cycleId),
        eq(checkinCycles.teamId, input.teamId),
        eq(checkinCycles.status, "open"),
      ),
    )
    .run();
  if (flipped.changes !== 1) return false;
  freezeResults(tx, { teamId: input.teamId, cycleId: input.cycleId, seed: cycle.seed, threshold, closedAt });
  audit(tx, {
    teamId: input.teamId,
    actorId: input.actorId,
    kind: "cycle.closed",
    subject: cycle.title,
    data: { cycleId: input.cycleId, by: input.actorId ? "lead" : "closing-time" },
    at: closedAt,
  });
  return true;
}

const CHUNK = 400;
function insertChunked<T>(rows: T[], insert: (chunk: T[]) => void) {
  for (let i = 0; i < rows.length; i += CHUNK) insert(rows.slice(i, i + CHUNK));
}

/**
 * Copies everything the results pages may show into the frozen tables: per member
 * and norm the self rating and the peer figures (null below the threshold), peer
 * observations without their author in a seeded order, and team figures per norm.
 * Nothing about who rated whom is copied.
 */
function freezeResults(tx: DB, c: { teamId: string; cycleId: number; seed: number; threshold: number; closedAt: number }) {
  const norms = tx
    .select({ normId: cycleNorms.normId, normVersion: cycleNorms.normVersion })
    .from(cycleNorms)
    .where(eq(cycleNorms.cycleId, c.cycleId))
    .all();
  const participants = tx
    .select({ userId: cycleParticipants.userId })
    .from(cycleParticipants)
    .where(eq(cycleParticipants.cycleId, c.cycleId))
    .all()
    .map((p) => p.userId);
  const selfRows = tx
    .select({ userId: selfRatings.userId, normId: selfRatings.normId, rating: selfRatings.rating, example: selfRatings.example })
    .from(selfRatings)
    .where(eq(selfRatings.cycleId, c.cycleId))
    .all();
  const peerRows = tx
    .select({
      raterId: peerRatings.raterId,
      rateeId: peerRatings.rateeId,
      normId: peerRatings.normId,
      rating: peerRatings.rating,
      observation: peerRatings.observation,
    })
    .from(peerRatings)
    .where(eq(peerRatings.cycleId, c.cycleId))
    .all();

  const inCycle = new Set(participants);
  const key = (userId: string, normId: number) => `${normId}\u0000${userId}`;
  const self = new Map(selfRows.map((r) => [key(r.userId, r.normId), r]));
  const peers = new Map<string, typeof peerRows>();
  for (const r of peerRows) appendTo(peers, key(r.rateeId, r.normId), r);

  const earlier = earlierPeerMeans(tx, c, TREND_CYCLES_ON_RESULTS - 1);
  const earlierMine = earlierMemberFigures(tx, c, TREND_CYCLES_ON_RESULTS - 1);

  const results: (typeof cycleResults.$inferInsert)[] = [];
  const observations: (typeof cycleObservations.$inferInsert)[] = [];
  const stats: (typeof cycleNormStats.$inferInsert)[] = [];
  for (const norm of norms) {
    const shownRatees = new Set<string>();
    for (const userId of participants) {
      const mine = self.get(key(userId, norm.normId));
      const received = peers.get(key(userId, norm.normId)) ?? [];
      const r = aggregateMemberNorm({ self: mine?.rating ?? null, peers: received.map((p) => p.rating), threshold: c.threshold });
      const before = earlierMine.get(key(userId, norm.normId));
      results.push({
        teamId: c.teamId,
        cycleId: c.cycleId,
        userId,
        normId: norm.normId,
        selfExample: mine?.example ?? "",
        ...r,
        recentSelf: JSON.stringify([...(before?.self ?? []), r.selfRating]),
        recentPeer: JSON.stringify([...(before?.peer ?? []), r.peerMean]),
      });
      if (!r.peerShown) continue;
      shownRatees.add(userId);
      shuffleObservations(
        received.map((p) => p.observation),
        c.seed,
        userId,
        norm.normId,
      ).forEach((text, position) =>
        observations.push({ teamId: c.teamId, cycleId: c.cycleId, userId, normId: norm.normId, position, text }),
      );
    }
    const team = teamNormStats({
      selfRatings: selfRows.filter((r) => r.normId === norm.normId && inCycle.has(r.userId)).map((r) => r.rating),
      peerRatings: peerRows.filter((r) => r.normId === norm.normId),
      shownRatees,
      threshold: c.threshold,
    });
    stats.push({
      teamId: c.teamId,
      cycleId: c.cycleId,
      normId: norm.normId,
      normVersion: norm.normVersion,
      meanSelf: team.meanSelf,
      meanPeer: team.meanPeer,
      // "null" when hidden: the counts are never stored for a figure nobody may see.
      selfDistribution: JSON.stringify(team.selfDistribution),
      peerDistribution: JSON.stringify(team.peerDistribution),
      recentPeerMeans: JSON.stringify(recentPeerMeans(earlier.means.get(norm.normId) ?? [], team.meanPeer)),
      trendFromVersion: Math.min(earlier.fromVersion.get(norm.normId) ?? norm.normVersion, norm.normVersion),
    });
  }
  const signals = memberSignalSummaries(results).map((m) => ({
    teamId: c.teamId,
    cycleId: c.cycleId,
    userId: m.userId,
    blindSpots: m.blindSpots.join(","),
    hiddenStrengths: m.hiddenStrengths.join(","),
    peerHidden: m.peerHidden,
  }));
  insertChunked(results, (rows) => tx.insert(cycleResults).values(rows).run());
  insertChunked(signals, (rows) => tx.insert(cycleMemberSignals).values(rows).run());
  insertChunked(observations, (rows) => tx.insert(cycleObservations).values(rows).run());
  insertChunked(stats, (rows) => tx.insert(cycleNormStats).values(rows).run());
}

/**
 * Per norm, its mean peer rating in the team's latest cycles closed before this one
 * (at most `limit`, oldest first). Ranked per norm, because a cycle may cover only
 * some of the norms: a norm left out of recent cycles keeps its earlier points.
 * "Before" is by closing time, then id (cycles closed in one sweep share the time),
 * the same rule as migration 0003.
 */
function earlierPeerMeans(tx: DB, c: { teamId: string; cycleId: number; closedAt: number }, limit: number) {
  const ranked = tx
    .select({
      normId: cycleNormStats.normId,
      cycleId: cycleNormStats.cycleId,
      meanPeer: cycleNormStats.meanPeer,
      normVersion: cycleNormStats.normVersion,
      closedAt: checkinCycles.closedAt,
      rank: sql<number>`row_number() over (partition by ${cycleNormStats.normId} order by ${checkinCycles.closedAt} desc, ${checkinCycles.id} desc)`.as(
        "rank",
      ),
    })
    .from(cycleNormStats)
    .innerJoin(checkinCycles, eq(checkinCycles.id, cycleNormStats.cycleId))
    .where(
      and(
        eq(cycleNormStats.teamId, c.teamId),
        eq(checkinCycles.status, "closed"),
        or(lt(checkinCycles.closedAt, c.closedAt), and(eq(checkinCycles.closedAt, c.closedAt), lt(checkinCycles.id, c.cycleId))),
      ),
    )
    .as("ranked");
  const rows = tx
    .select({ normId: ranked.normId, meanPeer: ranked.meanPeer, normVersion: ranked.normVersion })
    .from(ranked)
    .where(lte(ranked.rank, limit))
    .orderBy(asc(ranked.closedAt), asc(ranked.cycleId))
    .all();
  const byNorm = new Map<number, (number | null)[]>();
  // The oldest version that a figure shown in the window rated (versions only go up):
  // a hidden mean is a gap in the trend, and says nothing about the old text.
  const fromVersion = new Map<number, number>();
  for (const r of rows) {
    appendTo(byNorm, r.normId, r.meanPeer);
    if (r.meanPeer !== null) fromVersion.set(r.normId, Math.min(fromVersion.get(r.normId) ?? r.normVersion, r.normVersion));
  }
  return { means: byNorm, fromVersion };
}

/**
 * Each member's figures per norm in the team's latest `limit` closed cycles before this
 * one, oldest first, keyed as freezeResults keys them (norm, user): one statement over
 * at most `limit` cycles' results. A hidden peer mean is null in cycle_results already.
 */
function earlierMemberFigures(tx: DB, c: { teamId: string; cycleId: number; closedAt: number }, limit: number) {
  const latest = tx
    .select({ id: checkinCycles.id })
    .from(checkinCycles)
    .where(
      and(
        eq(checkinCycles.teamId, c.teamId),
        eq(checkinCycles.status, "closed"),
        or(lt(checkinCycles.closedAt, c.closedAt), and(eq(checkinCycles.closedAt, c.closedAt), lt(checkinCycles.id, c.cycleId))),
      ),
    )
    .orderBy(desc(checkinCycles.closedAt), desc(checkinCycles.id))
    .limit(limit);
  const rows = tx
    .select({ userId: cycleResults.userId, normId: cycleResults.normId, selfRating: cycleResults.selfRating, peerMean: cycleResults.peerMean })
    .from(cycleResults)
    .innerJoin(checkinCycles, eq(checkinCycles.id, cycleResults.cycleId))
    .where(and(eq(cycleResults.teamId, c.teamId), inArray(cycleResults.cycleId, latest)))
    .orderBy(asc(checkinCycles.closedAt), asc(checkinCycles.id))
    .all();
  const byKey = new Map<string, { self: (number | null)[]; peer: (number | null)[] }>();
  for (const r of rows) {
    const k = `${r.normId}\u0000${r.userId}`;
    const entry = byKey.get(k) ?? { self: [], peer: [] };
    entry.self.push(r.selfRating);
    entry.peer.push(r.peerMean);
    byKey.set(k, entry);
  }
  return byKey;
}

function appendTo<K, V>(lists: Map<K, V[]>, key: K, value: V) {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
