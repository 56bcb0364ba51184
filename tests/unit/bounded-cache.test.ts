import { expect, test } from "vitest";
import { BoundedCache } from "~/bounded-cache.server";

function counting<V>(limit: number, value: (key: string) => V) {
  const cache = new BoundedCache<V>(limit);
  const computed: string[] = [];
  const take = (key: string, size = 100) => cache.remember(key, () => (computed.push(key), value(key)), () => size);
  return { take, computed };
}

test("a kept value is computed once; past the limit the least recently used goes first", () => {
  const { take, computed } = counting(30_000, (key) => key.toUpperCase());
  for (let i = 0; i < 300; i++) take(`k${i}`); // 300 × 100: exactly the limit
  expect(take("k0")).toBe("K0"); // kept, and now the most recently used
  take("k300"); // over the limit: k1, the least recently used, goes
  computed.length = 0;
  take("k0");
  take("k2");
  take("k300");
  expect(computed).toEqual([]);
  take("k1");
  expect(computed).toEqual(["k1"]);
});

test("a value above a hundredth of the limit is computed every time, never kept", () => {
  const { take, computed } = counting(30_000, (key) => key);
  take("big", 301);
  take("big", 301);
  take("fits", 300);
  take("fits", 300);
  expect(computed).toEqual(["big", "big", "fits"]);
});

test("null is kept like any value", () => {
  const { take, computed } = counting(10_000, () => null);
  expect(take("none")).toBeNull();
  expect(take("none")).toBeNull();
  expect(computed).toEqual(["none"]);
});
