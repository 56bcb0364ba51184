import { expect, test } from "vitest";
import { takesRatings } from "~/domain/checkins";

test("a check-in takes ratings while open and before its closing time, not at it", () => {
  expect(takesRatings({ status: "open", closesAt: 1_000 }, 999)).toBe(true);
  expect(takesRatings({ status: "open", closesAt: 1_000 }, 1_000)).toBe(false);
  expect(takesRatings({ status: "closed", closesAt: 1_000 }, 500)).toBe(false);
});
