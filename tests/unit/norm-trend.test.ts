import { describe, expect, test } from "vitest";
import { describeTrend, sparklinePoints, trendSummary, versionChanges, type TrendPoint } from "~/domain/norm-trend";
import { serverT } from "~/i18n/server";

const point = (i: number, meanPeer: number | null, meanSelf: number | null, normVersion = 1): TrendPoint => ({
  cycleId: i,
  title: `Cycle ${i}`,
  closedAt: i * 1000,
  normVersion,
  meanSelf,
  meanPeer,
});

test("direction from the first known value to the last", () => {
  expect(describeTrend([3.1, null, 3.8])).toEqual({ kind: "rose", from: 3.1, to: 3.8, count: 2 });
  expect(describeTrend([4, 3.5])).toMatchObject({ kind: "fell" });
  expect(describeTrend([3.04, 2.96])).toMatchObject({ kind: "steady" });
  expect(describeTrend([null, 2])).toEqual({ kind: "single", value: 2 });
  expect(describeTrend([null])).toEqual({ kind: "none" });
});

test("trend text in English and Dutch", () => {
  const points = [point(1, 3.1, 4), point(2, 3.4, 4), point(3, 3.8, 4)];
  expect(trendSummary(serverT("en"), "N-2", points)).toBe(
    "N-2 rose from 3.1 to 3.8 in the peer ratings. Self ratings stayed at 4.0.",
  );
  expect(trendSummary(serverT("nl"), "N-2", points)).toBe(
    "N-2 steeg van 3,1 naar 3,8 in de collegabeoordelingen. Zelfbeoordelingen bleven op 4,0.",
  );
});

test("a falling trend, hidden figures and a new version are all told", () => {
  const points = [point(1, 4.2, 4.5, 1), point(2, null, 4.1, 2), point(3, 3.6, 3.9, 2)];
  expect(trendSummary(serverT("en"), "N-1", points)).toBe(
    "N-1 fell from 4.2 to 3.6 in the peer ratings. Self ratings fell from 4.5 to 3.9. The norm got a new version (v2) before “Cycle 2”.",
  );
  expect(trendSummary(serverT("nl"), "N-4", [point(1, null, null)])).toBe("N-4 heeft nog geen anonieme collegacijfers.");
});

test("version markers sit between the cycles where the version changed", () => {
  expect(versionChanges([point(1, 1, 1, 1), point(2, 1, 1, 1), point(3, 1, 1, 2), point(4, 1, 1, 3)])).toEqual([
    { index: 2, version: 2 },
    { index: 3, version: 3 },
  ]);
});

describe("sparklinePoints", () => {
  test("spreads the cycles over the width, 5 at the top and 1 at the bottom", () => {
    expect(sparklinePoints([1, 3, 5], 60, 20)).toBe("0,20 30,10 60,0");
  });
  test("leaves out cycles without a figure, and draws nothing for fewer than two values", () => {
    expect(sparklinePoints([2, null, 4], 40, 20)).toBe("0,15 40,5");
    expect(sparklinePoints([null, 4], 40, 20)).toBe("");
    expect(sparklinePoints([], 40, 20)).toBe("");
  });
});
