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
