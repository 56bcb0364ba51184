import { describe, expect, test } from "vitest";
import {
  aggregateMemberNorm,
  distribution,
  effectiveThreshold,
  shuffleObservations,
  signalFor,
  inNormOrder,
  memberSignalSummaries,
  parseIdList,
  recentPeerMeans,
  TREND_CYCLES_ON_RESULTS,
  signalCountsPerNorm,
  teamNormStats,
  type Signal,
} from "~/domain/checkin-results";

describe("blind spot and hidden strength", () => {
  test("self a full point above the peer mean is a blind spot", () => {
    expect(signalFor(4, 3)).toBe("blind-spot");
    expect(signalFor(5, 3.5)).toBe("blind-spot");
  });
  test("peers a full point above self is a hidden strength", () => {
    expect(signalFor(2, 3)).toBe("hidden-strength");
    expect(signalFor(3, 4.25)).toBe("hidden-strength");
  });
  test("a gap under one point is no signal", () => {
    expect(signalFor(4, 3.34)).toBe("none");
    expect(signalFor(3, 3.99)).toBe("none");
    expect(signalFor(3, 3)).toBe("none");
  });
  test("floating point noise does not hide a gap of exactly one", () => {
    // (3.1 + 3.1 + 2.8) / 3 is 2.9999999999999996 in binary floating point
    expect(signalFor(4, (3.1 + 3.1 + 2.8) / 3)).toBe("blind-spot");
  });
  test("no self rating or no peer figure: no signal", () => {
    expect(signalFor(null, 2)).toBe("none");
    expect(signalFor(5, null)).toBe("none");
  });
});

describe("per member and norm", () => {
  test("self next to peer mean, and nothing that is one rater's value (no lowest, no highest)", () => {
    expect(aggregateMemberNorm({ self: 5, peers: [3, 4, 5, 4], threshold: 3 })).toEqual({
      selfRating: 5,
      peerShown: true,
      peerMean: 4,
      signal: "blind-spot",
    });
  });
  test("below the threshold no peer figure at all", () => {
    const r = aggregateMemberNorm({ self: 5, peers: [1, 1], threshold: 3 });
    expect(r).toEqual({ selfRating: 5, peerShown: false, peerMean: null, signal: "none" });
  });
  test("exactly the threshold is enough; a higher team threshold is honoured", () => {
    expect(aggregateMemberNorm({ self: 2, peers: [3, 3, 4], threshold: 3 }).peerShown).toBe(true);
    expect(aggregateMemberNorm({ self: 2, peers: [3, 3, 4], threshold: 4 }).peerShown).toBe(false);
  });
  test("the threshold never drops below three", () => {
    expect(effectiveThreshold(1)).toBe(3);
    expect(aggregateMemberNorm({ self: 2, peers: [4, 4], threshold: 1 }).peerShown).toBe(false);
  });
  test("without a self rating peers still show, without a signal", () => {
    const r = aggregateMemberNorm({ self: null, peers: [2, 2, 2], threshold: 3 });
    expect(r.peerMean).toBe(2);
    expect(r.signal).toBe("none");
  });
});

describe("team level", () => {
  const peer = (raterId: string, rateeId: string, rating: number) => ({ raterId, rateeId, rating });

  test("means and distributions over everyone", () => {
    const stats = teamNormStats({
      selfRatings: [4, 4, 5, 3],
      peerRatings: [peer("a", "b", 3), peer("c", "b", 4), peer("d", "b", 2), peer("b", "a", 5)],
      shownRatees: new Set(["a", "b"]),
      threshold: 3,
    });
    expect(stats.meanSelf).toBe(4);
    expect(stats.selfDistribution).toEqual([0, 0, 1, 2, 1]);
    expect(stats.meanPeer).toBe(3.5);
    expect(stats.peerDistribution).toEqual([0, 1, 1, 1, 1]);
  });
  test("peer ratings of a member whose own result is hidden do not count", () => {
    const stats = teamNormStats({
      selfRatings: [],
      peerRatings: [peer("a", "x", 1), peer("b", "y", 5), peer("c", "y", 5), peer("d", "y", 5), peer("e", "y", 5)],
      shownRatees: new Set(["y"]),
      threshold: 3,
    });
    expect(stats.meanPeer).toBe(5);
    expect(stats.peerDistribution).toEqual([0, 0, 0, 0, 4]);
  });
  test("with fewer than threshold + 1 contributors the team figure is hidden", () => {
    const stats = teamNormStats({
      selfRatings: [4, 2, 3],
      peerRatings: [peer("a", "x", 4), peer("b", "x", 4), peer("c", "x", 4)],
      shownRatees: new Set(["x"]),
      threshold: 3,
    });
    expect(stats).toEqual({ meanSelf: null, meanPeer: null, selfDistribution: null, peerDistribution: null });
  });
  test("distribution counts ratings 1 to 5 and ignores anything else", () => {
    expect(distribution([1, 1, 2, 5, 7, 0, 2.5])).toEqual([2, 1, 0, 0, 1]);
  });
});

describe("observation order", () => {
  const texts = ["Belde de klant terug.", "Noemde een naam en tijd.", "Luisterde uit.", "Vroeg door.", "Bleef rustig."];

  test("deterministic for a seed and independent of submission order", () => {
    const a = shuffleObservations(texts, 77, "user-1", 3);
    const b = shuffleObservations([...texts].reverse(), 77, "user-1", 3);
    expect(b).toEqual(a);
    expect([...a].sort()).toEqual([...texts].sort());
  });
  test("not simply sorted or in submission order for every seed", () => {
    const orders = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(shuffleObservations(texts, s, "u", 1))));
    expect(orders.size).toBeGreaterThan(2);
  });
  test("blank observations are left out, the rest kept exactly as typed", () => {
    expect(shuffleObservations(["  ", "", " kept  "], 1, "u", 1)).toEqual([" kept  "]);
  });
});

describe("the lead's overview of signals", () => {
  test("counts per norm how many members have a blind spot or a hidden strength, in the cycle's norm order", () => {
    const counts = signalCountsPerNorm(
      [
        { blindSpots: [20, 10], hiddenStrengths: [30] },
        { blindSpots: [10], hiddenStrengths: [] },
        { blindSpots: [], hiddenStrengths: [10] },
        { blindSpots: [], hiddenStrengths: [] },
      ],
      [10, 20, 30],
    );
    expect(counts).toEqual([
      { normId: 10, blindSpots: 2, hiddenStrengths: 1 },
      { normId: 20, blindSpots: 1, hiddenStrengths: 0 },
      { normId: 30, blindSpots: 0, hiddenStrengths: 1 },
    ]);
  });

  test("a member counts once per norm; norms outside the cycle are not counted", () => {
    expect(signalCountsPerNorm([{ blindSpots: [10, 10, 99], hiddenStrengths: [99] }], [10])).toEqual([
      { normId: 10, blindSpots: 1, hiddenStrengths: 0 },
    ]);
    expect(signalCountsPerNorm([], [])).toEqual([]);
  });

  test("a member's norms are listed in the cycle's order, once, without foreign ids", () => {
    expect(inNormOrder([30, 10, 99, 10], [10, 20, 30])).toEqual([10, 30]);
    expect(inNormOrder([], [10])).toEqual([]);
  });

  test("group_concat lists are read as ids; nothing else gets through", () => {
    expect(parseIdList("12,3,45")).toEqual([12, 3, 45]);
    expect(parseIdList(null)).toEqual([]);
    expect(parseIdList("")).toEqual([]);
    expect(parseIdList("7,x,,-1,2.5")).toEqual([7]);
  });

  test("each member's row is frozen at close from their results: shown signals per norm, and the hidden count", () => {
    const row = (userId: string, normId: number, peerShown: boolean, signal: Signal) => ({ userId, normId, peerShown, signal });
    expect(
      memberSignalSummaries([
        row("ann", 10, true, "blind-spot"),
        row("bob", 10, true, "hidden-strength"),
        row("ann", 20, true, "none"),
        row("bob", 20, false, "none"),
        row("ann", 30, true, "blind-spot"),
        row("bob", 30, false, "none"),
        row("cy", 10, false, "none"),
      ]),
    ).toEqual([
      { userId: "ann", blindSpots: [10, 30], hiddenStrengths: [], peerHidden: 0 },
      { userId: "bob", blindSpots: [], hiddenStrengths: [10], peerHidden: 2 },
      { userId: "cy", blindSpots: [], hiddenStrengths: [], peerHidden: 1 },
    ]);
  });

  test("a signal on a hidden peer result is not shown (a second lock behind aggregateMemberNorm)", () => {
    expect(memberSignalSummaries([{ userId: "ann", normId: 10, peerShown: false, signal: "blind-spot" }])).toEqual([
      { userId: "ann", blindSpots: [], hiddenStrengths: [], peerHidden: 1 },
    ]);
  });
});

describe("the trend column frozen at close", () => {
  test("this cycle's mean follows the earlier ones, keeping the latest six", () => {
    expect(recentPeerMeans([], 3.5)).toEqual([3.5]);
    expect(recentPeerMeans([1, 2, 3], 4)).toEqual([1, 2, 3, 4]);
    expect(recentPeerMeans([1, 2, 3, 4, 5, 6], 7)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(TREND_CYCLES_ON_RESULTS).toBe(6);
  });

  test("a hidden mean stays a gap, wherever it is", () => {
    expect(recentPeerMeans([null, 2], null)).toEqual([null, 2, null]);
  });
});
