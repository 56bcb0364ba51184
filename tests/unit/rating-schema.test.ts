// The rating forms' schema is kept per cycle's norms (zod compiles a schema on its
// first parse); keeping it must never let one cycle's norms stand in for another's.
import { describe, expect, test } from "vitest";
import { ratingSchema } from "~/components/rating-form";

const ratings = (codes: string[]) => ({ rating: Object.fromEntries(codes.map((c) => [c, "3"])) });

describe("ratingSchema", () => {
  test("each cycle's norms get their own schema, also after another cycle's was kept", () => {
    expect(ratingSchema(["N-1", "N-2"], "example").safeParse(ratings(["N-1", "N-2"])).success).toBe(true);
    const other = ratingSchema(["N-1", "N-3"], "example");
    // N-3 is required and N-2 is no norm of this cycle.
    expect(other.safeParse(ratings(["N-1", "N-2"])).success).toBe(false);
    expect(other.safeParse(ratings(["N-1", "N-3"])).success).toBe(true);
    // The first cycle's schema still asks for its own norms.
    expect(ratingSchema(["N-1", "N-2"], "example").safeParse(ratings(["N-1", "N-3"])).success).toBe(false);
  });

  test("the self form's and the peer form's texts stay apart", () => {
    const peer = ratingSchema(["N-1"], "observation");
    const self = ratingSchema(["N-1"], "example");
    expect(peer).not.toBe(self);
    expect(self.parse({ ...ratings(["N-1"]), example: { "N-1": "Tuesday's call" } })).toMatchObject({ example: { "N-1": "Tuesday's call" } });
    expect(peer.parse({ ...ratings(["N-1"]), observation: { "N-1": "Asked for a time" } })).toMatchObject({ observation: { "N-1": "Asked for a time" } });
  });

  test("the same norms in the same order reuse one schema", () => {
    expect(ratingSchema(["N-4", "N-5"], "example")).toBe(ratingSchema(["N-4", "N-5"], "example"));
  });
});
