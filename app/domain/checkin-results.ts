// Results of a check-in cycle, computed once at close and then frozen.
import { compareCodePoints, deriveSeed, seededShuffle } from "./random";

export const RATING_VALUES = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATING_VALUES)[number];
/** The DESIGN's floor: below three raters an average points too easily at a person. */
export const MIN_ANONYMITY_THRESHOLD = 3;
/** A gap of at least this many points between self and peer mean is worth a conversation. */
export const SIGNAL_GAP = 1;

export type Signal = "blind-spot" | "hidden-strength" | "none";

export function isRating(value: unknown): value is Rating {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function effectiveThreshold(threshold: number) {
  return Math.max(MIN_ANONYMITY_THRESHOLD, Math.floor(threshold));
}

/** Self above peers by ≥ 1 point is a blind spot, peers above self by ≥ 1 a hidden strength. */
export function signalFor(self: number | null, peerMean: number | null): Signal {
  if (self === null || peerMean === null) return "none";
  // Rounded to a thousandth so 4 − 3.0000000001 still counts as a full point.
  const gap = Math.round((self - peerMean) * 1000) / 1000;
  if (gap >= SIGNAL_GAP) return "blind-spot";
  if (gap <= -SIGNAL_GAP) return "hidden-strength";
  return "none";
}

export type MemberNormResult = {
  selfRating: number | null;
  peerShown: boolean;
  peerMean: number | null;
  signal: Signal;
};

/**
 * One member on one norm: self rating next to the peer mean. Below the threshold
 * nothing about the peer ratings survives, not even their count. No lowest or highest
 * peer rating either: each is one rater's value, and with three raters the two and the
 * mean give away all three (decision 031).
 */
export function aggregateMemberNorm(input: {
  self: number | null;
  peers: readonly number[];
  threshold: number;
}): MemberNormResult {
  const self = input.self ?? null;
  if (input.peers.length < effectiveThreshold(input.threshold)) {
    return { selfRating: self, peerShown: false, peerMean: null, signal: "none" };
  }
  const peerMean = mean(input.peers)!;
  return {
    selfRating: self,
    peerShown: true,
    peerMean,
    signal: signalFor(self, peerMean),
  };
}

export type Distribution = [number, number, number, number, number];

export function distribution(ratings: readonly number[]): Distribution {
  const out: Distribution = [0, 0, 0, 0, 0];
  for (const r of ratings) if (isRating(r)) out[r - 1]++;
  return out;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export type TeamNormStats = {
  meanSelf: number | null;
  meanPeer: number | null;
  selfDistribution: Distribution | null;
  peerDistribution: Distribution | null;
};

/**
 * Team level for one norm. A team figure is shown only when at least threshold + 1
 * people contributed: a viewer who contributed can subtract their own ratings and
 * must still be left with an average of at least `threshold` other people.
 * Peer ratings count only for members whose own peer result is shown (reached the
 * threshold); otherwise team figures minus the shown members' figures would reveal
 * the hidden ones.
 */
export function teamNormStats(input: {
  selfRatings: readonly number[];
  peerRatings: readonly { raterId: string; rateeId: string; rating: number }[];
  shownRatees: ReadonlySet<string>;
  threshold: number;
}): TeamNormStats {
  const needed = effectiveThreshold(input.threshold) + 1;
  const selfShown = input.selfRatings.length >= needed;
  const counted = input.peerRatings.filter((p) => input.shownRatees.has(p.rateeId));
  const peerShown = new Set(counted.map((p) => p.raterId)).size >= needed;
  const peerValues = counted.map((p) => p.rating);
  return {
    meanSelf: selfShown ? mean(input.selfRatings) : null,
    meanPeer: peerShown ? mean(peerValues) : null,
    selfDistribution: selfShown ? distribution(input.selfRatings) : null,
    peerDistribution: peerShown ? distribution(peerValues) : null,
  };
}

/** True when the text has something besides whitespace (blank observations are not copied). */
export function hasText(text: string) {
  return text.trim().length > 0;
}

/**
 * The order observations are shown in: a seeded shuffle of the texts sorted by
 * content, so neither submission order nor the rater shows through. The same cycle
 * seed always gives the same order; each member/norm gets its own stream.
 */
export function shuffleObservations(texts: readonly string[], seed: number, ...group: (string | number)[]): string[] {
  const sorted = texts.filter(hasText).sort(compareCodePoints);
  return seededShuffle(sorted, deriveSeed(seed, ...group));
}

/** On which norms (ids, any order) a member has a blind spot or a hidden strength. */
export type MemberSignals = { blindSpots: readonly number[]; hiddenStrengths: readonly number[] };
export type NormSignalCounts = { normId: number; blindSpots: number; hiddenStrengths: number };

/**
 * The lead's overview per norm, in the cycle's order: how many members have a
 * blind spot and how many a hidden strength on it. Norms outside the cycle are
 * not counted.
 */
export function signalCountsPerNorm(members: readonly MemberSignals[], normOrder: readonly number[]): NormSignalCounts[] {
  const counts = new Map(normOrder.map((normId) => [normId, { normId, blindSpots: 0, hiddenStrengths: 0 }]));
  for (const m of members) {
    for (const id of new Set(m.blindSpots)) {
      const c = counts.get(id);
      if (c) c.blindSpots++;
    }
    for (const id of new Set(m.hiddenStrengths)) {
      const c = counts.get(id);
      if (c) c.hiddenStrengths++;
    }
  }
  return [...counts.values()];
}

/** Norm ids in the cycle's order, once each; ids outside the cycle are dropped. */
export function inNormOrder(ids: readonly number[], normOrder: readonly number[]): number[] {
  const wanted = new Set(ids);
  return normOrder.filter((id) => wanted.has(id));
}

/** A comma-separated id list as SQLite's group_concat gives it (null for none); anything else is skipped. */
export function parseIdList(text: string | null): number[] {
  if (!text) return [];
  return text
    .split(",")
    .filter((part) => /^[0-9]{1,15}$/.test(part.trim()))
    .map(Number);
}

/** How many closed cycles a norm's trend column on the results page covers. */
export const TREND_CYCLES_ON_RESULTS = 6;

/**
 * A norm's trend as frozen at close: its mean peer rating over its latest closed
 * cycles (`earlier`, oldest first, only this norm's) followed by this cycle's, at
 * most `limit` points. A hidden mean stays a gap (null), as on the page.
 */
export function recentPeerMeans(earlier: readonly (number | null)[], own: number | null, limit = TREND_CYCLES_ON_RESULTS): (number | null)[] {
  return [...earlier, own].slice(-limit);
}

/**
 * Per member of a closed cycle, the lead's overview row: on which norms a blind spot
 * or a hidden strength shows (shown peer results only) and how many norms had too
 * few peer ratings to show. Members and norms keep the order of `results`.
 */
export function memberSignalSummaries(
  results: readonly { userId: string; normId: number; peerShown: boolean; signal: Signal }[],
): { userId: string; blindSpots: number[]; hiddenStrengths: number[]; peerHidden: number }[] {
  const byMember = new Map<string, { userId: string; blindSpots: number[]; hiddenStrengths: number[]; peerHidden: number }>();
  for (const r of results) {
    let m = byMember.get(r.userId);
    if (!m) byMember.set(r.userId, (m = { userId: r.userId, blindSpots: [], hiddenStrengths: [], peerHidden: 0 }));
    if (!r.peerShown) m.peerHidden++;
    else if (r.signal === "blind-spot") m.blindSpots.push(r.normId);
    else if (r.signal === "hidden-strength") m.hiddenStrengths.push(r.normId);
  }
  return [...byMember.values()];
}
