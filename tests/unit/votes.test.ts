import { describe, expect, test } from "vitest";
import { decide, OUTCOME_REASONS, parseClosesAt, quorumReached, tally, votesForQuorum, type Tally } from "~/domain/votes";
import { messagesFor, type MessageKey } from "~/i18n/dictionaries";
import { parseLocalDateTime } from "~/i18n/format";

const t = (agree: number, object: number, abstain = 0): Tally => ({ agree, object, abstain });

describe("tally", () => {
  test("counts each choice once", () => {
    const votes = [
      { choice: "agree" as const },
      { choice: "agree" as const },
      { choice: "object" as const },
      { choice: "abstain" as const },
    ];
    expect(tally(votes)).toEqual({ agree: 2, object: 1, abstain: 1 });
    expect(tally([])).toEqual({ agree: 0, object: 0, abstain: 0 });
  });
});

describe("majority", () => {
  const m = (tl: Tally, members = 10, quorumPercent = 50) => decide({ rule: "majority", quorumPercent, memberCount: members, tally: tl });

  test("adopted when more agree than object", () => {
    expect(m(t(4, 3))).toMatchObject({ outcome: "adopted", reason: "majority-agree", voters: 7, turnout: 0.7 });
  });
  test("a tie is not a majority", () => {
    expect(m(t(3, 3, 1))).toMatchObject({ outcome: "rejected", reason: "majority-tie" });
    // Nobody agreeing or objecting is no majority either, and says so in its own words.
    expect(m(t(0, 0, 5))).toMatchObject({ outcome: "rejected", reason: "majority-none" });
  });
  test("rejected when more object", () => {
    expect(m(t(2, 4))).toMatchObject({ outcome: "rejected", reason: "majority-against" });
  });
  test("abstentions count for turnout but not for the majority", () => {
    expect(m(t(1, 0, 4))).toMatchObject({ outcome: "adopted", voters: 5, quorumMet: true });
  });
});

describe("consent", () => {
  const c = (tl: Tally, members = 10, quorumPercent = 50) => decide({ rule: "consent", quorumPercent, memberCount: members, tally: tl });

  test("adopted when nobody objects", () => {
    expect(c(t(5, 0, 2))).toMatchObject({ outcome: "adopted", reason: "consent-no-objection" });
  });
  test("one objection is enough to reject, however many agree", () => {
    expect(c(t(9, 1))).toMatchObject({ outcome: "rejected", reason: "consent-objection" });
  });
  test("only abstentions, quorum met: nobody objects, so adopted", () => {
    expect(c(t(0, 0, 6))).toMatchObject({ outcome: "adopted" });
  });
});

describe("quorum", () => {
  test("exactly at the quorum is enough (5 of 10 at 50%)", () => {
    expect(decide({ rule: "majority", quorumPercent: 50, memberCount: 10, tally: t(5, 0) }).quorumMet).toBe(true);
  });
  test("one short of the quorum rejects, even when everybody agrees", () => {
    expect(decide({ rule: "majority", quorumPercent: 50, memberCount: 10, tally: t(4, 0) })).toMatchObject({
      outcome: "rejected",
      reason: "no-quorum",
      quorumMet: false,
    });
    expect(decide({ rule: "consent", quorumPercent: 50, memberCount: 10, tally: t(4, 0) }).reason).toBe("no-quorum");
  });
  test("odd team sizes do not round in anyone's favour (50% of 7 needs 4)", () => {
    expect(quorumReached(3, 7, 50)).toBe(false);
    expect(quorumReached(4, 7, 50)).toBe(true);
    // 1/3 is 33.33…%: 33% is met, 34% is not.
    expect(quorumReached(1, 3, 33)).toBe(true);
    expect(quorumReached(1, 3, 34)).toBe(false);
  });
  test("quorum 100% needs everybody", () => {
    expect(decide({ rule: "majority", quorumPercent: 100, memberCount: 3, tally: t(2, 0) }).reason).toBe("no-quorum");
    expect(decide({ rule: "majority", quorumPercent: 100, memberCount: 3, tally: t(2, 0, 1) }).outcome).toBe("adopted");
  });
  test("quorum 0%: no votes at all still decides by the rule", () => {
    expect(decide({ rule: "majority", quorumPercent: 0, memberCount: 4, tally: t(0, 0) })).toMatchObject({
      outcome: "rejected",
      reason: "majority-none",
      quorumMet: true,
    });
    expect(decide({ rule: "consent", quorumPercent: 0, memberCount: 4, tally: t(0, 0) })).toMatchObject({
      outcome: "adopted",
      reason: "consent-no-objection",
    });
  });
  test("a team without members decides nothing", () => {
    for (const rule of ["majority", "consent"] as const) {
      expect(decide({ rule, quorumPercent: 0, memberCount: 0, tally: t(0, 0) })).toMatchObject({
        outcome: "rejected",
        reason: "no-members",
        turnout: 0,
      });
    }
  });
  test("turnout is voters over members at close", () => {
    expect(decide({ rule: "majority", quorumPercent: 50, memberCount: 8, tally: t(3, 1, 2) }).turnout).toBe(0.75);
  });
});

describe("closing time of a vote", () => {
  const now = Date.UTC(2026, 2, 2, 12, 0); // 13:00 in Amsterdam
  const local = (v: string) => parseLocalDateTime(v);
  test("empty means the team's default", () => {
    expect(parseClosesAt(undefined, now, local)).toEqual({ ok: true, closesAt: null });
    expect(parseClosesAt("  ", now, local)).toEqual({ ok: true, closesAt: null });
  });
  test("a datetime-local value is Amsterdam wall-clock time", () => {
    expect(parseClosesAt("2026-03-05T17:00", now, local)).toEqual({ ok: true, closesAt: Date.UTC(2026, 2, 5, 16, 0) });
  });
  test("an ISO time with a zone is taken as is", () => {
    expect(parseClosesAt("2026-03-02T12:00:03.500Z", now, local)).toEqual({ ok: true, closesAt: now + 3500 });
  });
  test("nonsense, the past and more than 90 days ahead are refused", () => {
    expect(parseClosesAt("tomorrow", now, local)).toEqual({ ok: false, error: "invalid" });
    expect(parseClosesAt("2026-02-30T10:00", now, local)).toEqual({ ok: false, error: "invalid" });
    expect(parseClosesAt("2026-03-02T13:00", now, local)).toEqual({ ok: false, error: "past" });
    expect(parseClosesAt("2026-07-01T10:00", now, local)).toEqual({ ok: false, error: "too-far" });
  });
});

test("every reason a vote can end with is said in English and in Dutch, each in its own words", () => {
  for (const locale of ["en", "nl"] as const) {
    const texts = OUTCOME_REASONS.map((r) => messagesFor(locale)[`vote.reason.${r}` as MessageKey]);
    for (const [i, text] of texts.entries()) expect(text, `${locale} ${OUTCOME_REASONS[i]}`).toMatch(/\w/);
    expect(new Set(texts).size).toBe(texts.length);
  }
});

test("votesForQuorum is the fewest voters quorumReached accepts, for every team size and quorum", () => {
  for (let members = 1; members <= 60; members++) {
    for (let quorum = 0; quorum <= 100; quorum++) {
      const needed = votesForQuorum(members, quorum);
      expect(quorumReached(needed, members, quorum), `${needed}/${members} at ${quorum}%`).toBe(true);
      if (needed > 0) expect(quorumReached(needed - 1, members, quorum), `${needed - 1}/${members} at ${quorum}%`).toBe(false);
    }
  }
  expect(votesForQuorum(3, 67)).toBe(3);
  expect(votesForQuorum(8, 50)).toBe(4);
});
