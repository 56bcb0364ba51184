import { describe, expect, test } from "vitest";
import { assignPeers, peersEach, replacementRaters } from "~/domain/peer-assignment";

const people = (n: number) => Array.from({ length: n }, (_, i) => `user-${String(i).padStart(2, "0")}`);

describe("peer assignment, for every team size 2–60 and k 1–6", () => {
  for (let n = 2; n <= 60; n++) {
    test(`${n} participants`, () => {
      const ids = people(n);
      for (let k = 1; k <= 6; k++) {
        for (const seed of [1, 42, 0x7fffffff, n * 1000 + k]) {
          const pairs = assignPeers(ids, k, seed);
          const m = Math.min(k, n - 1);
          const ratesWho = new Map(ids.map((id) => [id, new Set<string>()]));
          const timesRated = new Map(ids.map((id) => [id, 0]));
          // Plain checks in the hot loop (an expect per pair makes 20k assertions slow).
          const selfRatings = pairs.filter((p) => p.raterId === p.rateeId);
          const strangers = pairs.filter((p) => !ratesWho.has(p.rateeId));
          expect(selfRatings).toEqual([]);
          expect(strangers).toEqual([]);
          for (const { raterId, rateeId } of pairs) {
            ratesWho.get(raterId)!.add(rateeId);
            timesRated.set(rateeId, timesRated.get(rateeId)! + 1);
          }
          // No pair twice, and everybody rates min(k, n−1) different colleagues.
          expect(pairs.length).toBe(n * m);
          expect([...ratesWho.values()].filter((rated) => rated.size !== m)).toEqual([]);
          const counts = [...timesRated.values()];
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
      }
    });
  }
});

test("the same seed gives the same assignment, whatever order the participants come in", () => {
  const ids = people(17);
  const a = assignPeers(ids, 3, 1234);
  const b = assignPeers([...ids].reverse(), 3, 1234);
  expect(b).toEqual(a);
});

test("different seeds give different assignments", () => {
  const ids = people(17);
  const key = (seed: number) => JSON.stringify(assignPeers(ids, 3, seed));
  const distinct = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(key));
  expect(distinct.size).toBeGreaterThan(1);
});

test("one participant rates nobody; k is capped at the number of colleagues", () => {
  expect(assignPeers(["solo"], 3, 9)).toEqual([]);
  expect(assignPeers(people(3), 6, 9)).toHaveLength(3 * 2);
  expect(peersEach(3, 6)).toBe(2);
  expect(peersEach(10, 3)).toBe(3);
  expect(peersEach(1, 3)).toBe(0);
});

test("duplicate ids in the input count once", () => {
  const pairs = assignPeers(["a", "b", "a", "c"], 2, 5);
  expect(pairs).toHaveLength(6);
});

describe("replacementRaters: a participant leaves a running cycle", () => {
  test("everyone the leaver rated keeps as many raters as before, without rating themselves or twice, for every team size, k, seed and leaver", () => {
    for (let n = 2; n <= 12; n++) {
      for (let k = 1; k <= 5; k++) {
        for (let seed = 1; seed <= 25; seed++) {
          const ids = Array.from({ length: n }, (_, i) => `u${String(i).padStart(2, "0")}`);
          const before = assignPeers(ids, k, seed);
          for (const leaver of ids) {
            const added = replacementRaters(ids, before, leaver);
            const after = [...before.filter((a) => a.raterId !== leaver && a.rateeId !== leaver), ...added];
            const label = `n=${n} k=${k} seed=${seed} leaver=${leaver}`;
            expect(added.every((a) => a.raterId !== leaver && a.rateeId !== leaver), label).toBe(true);
            expect(after.every((a) => a.raterId !== a.rateeId), label).toBe(true);
            const pairs = after.map((a) => `${a.raterId}>${a.rateeId}`);
            expect(new Set(pairs).size, label).toBe(pairs.length);
            for (const id of ids.filter((i) => i !== leaver)) {
              const had = before.filter((a) => a.rateeId === id).length;
              // n − 2: everyone but the leaver and themselves
              expect(after.filter((a) => a.rateeId === id).length, `${label} ratee=${id}`).toBe(Math.min(had, n - 2));
            }
            // The extra work is spread: nobody rates more than two colleagues more than anyone else.
            const load = ids.filter((i) => i !== leaver).map((id) => after.filter((a) => a.raterId === id).length);
            expect(Math.max(...load) - Math.min(...load), label).toBeLessThanOrEqual(2);
          }
        }
      }
    }
  });

  test("the task goes to whoever rates the fewest, such as someone who was to rate the leaver, and the same input gives the same pairs", () => {
    // Everyone rates two; d was to rate L, so now rates one: d gets c (before a, by id).
    const ids = ["a", "b", "c", "d", "L"];
    const pairs = [
      { raterId: "a", rateeId: "b" },
      { raterId: "a", rateeId: "d" },
      { raterId: "b", rateeId: "c" },
      { raterId: "b", rateeId: "d" },
      { raterId: "c", rateeId: "a" },
      { raterId: "c", rateeId: "b" },
      { raterId: "d", rateeId: "a" },
      { raterId: "d", rateeId: "L" },
      { raterId: "L", rateeId: "c" },
    ];
    expect(replacementRaters(ids, pairs, "L")).toEqual([{ raterId: "d", rateeId: "c" }]);
    expect(replacementRaters([...ids].reverse(), [...pairs].reverse(), "L")).toEqual([{ raterId: "d", rateeId: "c" }]);
    // Nobody left who could: nothing is added.
    expect(replacementRaters(["x", "L"], [{ raterId: "L", rateeId: "x" }], "L")).toEqual([]);
  });
});
