import { compareCodePoints, seededShuffle } from "./random";

export type Assignment = { raterId: string; rateeId: string };

/** How many colleagues each participant rates: k, but never more than there are others. */
export function peersEach(participants: number, k: number) {
  return Math.max(0, Math.min(k, participants - 1));
}

/**
 * Who rates whom in a cycle. The participants are put in a seeded random circle and
 * m = min(k, n−1) distinct seeded offsets 1…n−1 are drawn; participant i rates the
 * people at i+offset. Each offset is a permutation without fixed points, so nobody
 * rates themselves, everybody rates exactly m different colleagues, and everybody
 * is rated exactly m times (the "differs by at most one" rule, with room to spare).
 * The input order does not matter: ids are sorted before the seeded shuffle.
 */
export function assignPeers(participantIds: readonly string[], k: number, seed: number): Assignment[] {
  const ids = [...new Set(participantIds)].sort(compareCodePoints);
  const n = ids.length;
  const m = peersEach(n, Math.floor(k));
  if (m === 0) return [];
  const circle = seededShuffle(ids, seed);
  const offsets = seededShuffle(
    Array.from({ length: n - 1 }, (_, i) => i + 1),
    seed ^ 0x5bd1e995,
  ).slice(0, m);
  const out: Assignment[] = [];
  for (let i = 0; i < n; i++) {
    for (const offset of offsets) out.push({ raterId: circle[i], rateeId: circle[(i + offset) % n] });
  }
  return out;
}

/**
 * New raters when a participant leaves a running cycle. Everyone the leaver was to rate
 * lost a rater, and below the anonymity threshold their peer results would stay hidden;
 * so each of them gets one colleague more: the participant who rates the fewest so far
 * (after an even assignment those are the ones who were to rate the leaver and lost that
 * task), never themselves and never someone who already rates them. Ties go by id, so
 * the same input gives the same answer. Returns only the pairs to add; the leaver's own
 * pairs are for the caller to remove.
 */
export function replacementRaters(participantIds: readonly string[], assignments: readonly Assignment[], leaverId: string): Assignment[] {
  const staying = [...new Set(participantIds)].filter((id) => id !== leaverId).sort(compareCodePoints);
  const kept = assignments.filter((a) => a.raterId !== leaverId && a.rateeId !== leaverId);
  const load = new Map(staying.map((id) => [id, 0]));
  const ratedBy = new Map(staying.map((id) => [id, new Set<string>()]));
  for (const a of kept) {
    if (load.has(a.raterId)) load.set(a.raterId, load.get(a.raterId)! + 1);
    ratedBy.get(a.rateeId)?.add(a.raterId);
  }
  const lost = [...new Set(assignments.filter((a) => a.raterId === leaverId && a.rateeId !== leaverId).map((a) => a.rateeId))]
    .filter((id) => ratedBy.has(id))
    .sort(compareCodePoints);
  const added: Assignment[] = [];
  for (const rateeId of lost) {
    const already = ratedBy.get(rateeId)!;
    let best: string | null = null;
    for (const id of staying) {
      if (id === rateeId || already.has(id)) continue;
      if (best === null || load.get(id)! < load.get(best)!) best = id;
    }
    if (best === null) continue;
    added.push({ raterId: best, rateeId });
    load.set(best, load.get(best)! + 1);
    already.add(best);
  }
  return added;
}
