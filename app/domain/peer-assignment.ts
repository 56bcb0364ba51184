import { compareCodePoints, deriveSeed, seededShuffle } from "./random";

export type Assignment = { raterId: string; rateeId: string };

/** How many colleagues each participant rates: k, but never more than there are others. */
export function peersEach(participants: number, k: number) {
  return Math.max(0, Math.min(k, participants - 1));
}

/** How many seeded circles rotation starts from at most (decision 030, rotation). */
const ROTATION_CANDIDATES = 64;
/**
 * Work allowed for rotation, in weight look-ups, shared by all candidates: counted, not
 * timed, so the answer does not depend on the machine, and a large team stays quick.
 */
const ROTATION_BUDGET = 150_000;

/**
 * Who rates whom in a cycle. The participants are put in a seeded random circle and
 * m = min(k, n−1) distinct seeded offsets 1…n−1 are drawn; participant i rates the
 * people at i+offset. Each offset is a permutation without fixed points, so nobody
 * rates themselves, everybody rates exactly m different colleagues, and everybody
 * is rated exactly m times (the "differs by at most one" rule, with room to spare).
 * The input order does not matter: ids are sorted before the seeded shuffle.
 *
 * `recent` holds the pairs of the team's earlier cycles, most recent first, so that
 * people rate other colleagues than last time (rotation). Each earlier pair has a
 * weight: the number of cycles given minus its age (2 for the last of two cycles, 1 for
 * the one before; a pair in both adds up). Starting from the circle drawn with `seed`
 * and then from circles drawn with seeds derived from it (at most ROTATION_CANDIDATES),
 * each start is improved step by step (`improve`) and the circle with the lowest
 * total weight of repeated pairs wins, the earlier start on a tie; the search stops at
 * zero or when ROTATION_BUDGET is spent. Every circle it looks at is a circle as
 * above, so the guarantees hold whichever wins; the rotation itself is best effort.
 * Without history (or none among these participants) the answer is the circle drawn
 * with `seed`, the same assignment as before rotation existed.
 */
export function assignPeers(
  participantIds: readonly string[],
  k: number,
  seed: number,
  recent: readonly (readonly Assignment[])[] = [],
): Assignment[] {
  const ids = [...new Set(participantIds)].sort(compareCodePoints);
  const n = ids.length;
  const m = peersEach(n, Math.floor(k));
  if (m === 0) return [];
  const weights = pastWeights(ids, recent);
  let best = drawCircle(n, m, seed);
  if (weights) {
    const budget = { left: ROTATION_BUDGET };
    let bestScore = Infinity;
    for (let c = 0; c < ROTATION_CANDIDATES && bestScore > 0 && budget.left > 0; c++) {
      const start = c === 0 ? best : drawCircle(n, m, deriveSeed(seed, "peer-rotation", c));
      const found = improve(start, n, weights, budget);
      if (found.score < bestScore) [best, bestScore] = [found, found.score];
    }
  }
  const out: Assignment[] = [];
  for (let i = 0; i < n; i++) {
    for (const offset of best.offsets) out.push({ raterId: ids[best.circle[i]], rateeId: ids[best.circle[(i + offset) % n]] });
  }
  return out;
}

type Circle = { circle: number[]; offsets: number[] };

/** Positions in the sorted ids, shuffled as the ids themselves would be (same length, same seed). */
function drawCircle(n: number, m: number, seed: number): Circle {
  return {
    circle: seededShuffle(
      Array.from({ length: n }, (_, i) => i),
      seed,
    ),
    offsets: seededShuffle(
      Array.from({ length: n - 1 }, (_, i) => i + 1),
      seed ^ 0x5bd1e995,
    ).slice(0, m),
  };
}

/** rater × ratee weights of earlier pairs among these participants (see assignPeers), or null when there are none. */
function pastWeights(ids: readonly string[], recent: readonly (readonly Assignment[])[]) {
  const n = ids.length;
  const position = new Map(ids.map((id, i) => [id, i]));
  let weights: Int32Array | null = null;
  for (const [age, pairs] of recent.entries()) {
    const seen = new Set<number>();
    for (const { raterId, rateeId } of pairs) {
      const r = position.get(raterId);
      const e = position.get(rateeId);
      if (r === undefined || e === undefined || r === e || seen.has(r * n + e)) continue;
      seen.add(r * n + e);
      weights ??= new Int32Array(n * n);
      weights[r * n + e] += recent.length - age;
    }
  }
  return weights;
}

/**
 * Lowers a circle's weight of repeated pairs step by step while that helps and the
 * budget lasts: trade a drawn offset for an unused one that repeats less, then swap two
 * people on the circle where that lowers it; again until a round changes nothing. The
 * order is fixed, so the same input gives the same answer. Any order of the people with
 * any m distinct offsets is a valid circle, so every step keeps the guarantees.
 */
function improve(start: Circle, n: number, weights: Int32Array, budget: { left: number }): Circle & { score: number } {
  const circle = start.circle.slice();
  const offsets = start.offsets.slice();
  const m = offsets.length;
  const at = (i: number, d: number) => circle[i + d < n ? i + d : i + d - n];
  // The weight of the pairs that involve position a or b (at most 4 per offset, each once).
  const touching = (a: number, b: number) => {
    let sum = 0;
    for (let o = 0; o < m; o++) {
      const d = offsets[o];
      const ra = a >= d ? a - d : a - d + n;
      const rb = b >= d ? b - d : b - d + n;
      sum += weights[circle[a] * n + at(a, d)] + weights[circle[b] * n + at(b, d)];
      if (ra !== b) sum += weights[circle[ra] * n + circle[a]];
      if (rb !== a && rb !== ra) sum += weights[circle[rb] * n + circle[b]];
    }
    budget.left -= 4 * m;
    return sum;
  };
  const byOffset = new Int32Array(n);
  let score = 0;
  for (let d = 1; d < n; d++) {
    byOffset[d] = 0;
    for (let i = 0; i < n; i++) byOffset[d] += weights[circle[i] * n + at(i, d)];
  }
  for (const d of offsets) score += byOffset[d];
  budget.left -= n * (n - 1);
  for (;;) {
    const before = score;
    for (let o = 0; o < m && score > 0; o++) {
      let trade = offsets[o];
      for (let d = 1; d < n; d++) if (byOffset[d] < byOffset[trade] && !offsets.includes(d)) trade = d;
      score -= byOffset[offsets[o]] - byOffset[trade];
      offsets[o] = trade;
    }
    for (let a = 0; a < n && score > 0 && budget.left > 0; a++) {
      for (let b = a + 1; b < n && score > 0 && budget.left > 0; b++) {
        const was = touching(a, b);
        if (was === 0) continue;
        [circle[a], circle[b]] = [circle[b], circle[a]];
        const now = touching(a, b);
        if (now < was) score -= was - now;
        else [circle[a], circle[b]] = [circle[b], circle[a]];
      }
    }
    if (score === before || score === 0 || budget.left <= 0) break;
    for (let d = 1; d < n; d++) {
      byOffset[d] = 0;
      for (let i = 0; i < n; i++) byOffset[d] += weights[circle[i] * n + at(i, d)];
    }
    budget.left -= n * (n - 1);
  }
  return { circle, offsets, score };
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
