// The decision rules of DESIGN.md ("Vote"), free of the database so they can be
// tested exhaustively: turnout against the quorum first, then the team's rule.
import { parseIsoInstant } from "./dates";

export const DECISION_RULES = ["majority", "consent"] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const VOTE_CHOICES = ["agree", "object", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export type Tally = { agree: number; object: number; abstain: number };

export const OUTCOME_REASONS = [
  "no-members",
  "no-quorum",
  "majority-agree",
  "majority-tie",
  "majority-none",
  "majority-against",
  "consent-no-objection",
  "consent-objection",
] as const;
export type OutcomeReason = (typeof OUTCOME_REASONS)[number];

export type Decision = {
  outcome: "adopted" | "rejected";
  reason: OutcomeReason;
  voters: number;
  memberCount: number;
  /** voters / members, 0 when the team has no members. */
  turnout: number;
  quorumMet: boolean;
};

export function tally(votes: Iterable<{ choice: VoteChoice }>): Tally {
  const t: Tally = { agree: 0, object: 0, abstain: 0 };
  for (const v of votes) t[v.choice]++;
  return t;
}

export function voterCount(t: Tally) {
  return t.agree + t.object + t.abstain;
}

/** The fewest voters out of `memberCount` that reach `quorumPercent`: the count `quorumReached` accepts. */
export function votesForQuorum(memberCount: number, quorumPercent: number) {
  return Math.max(0, Math.ceil((quorumPercent * memberCount) / 100));
}

/** True when `voters` out of `memberCount` reach `quorumPercent` (integer arithmetic: no rounding surprises). */
export function quorumReached(voters: number, memberCount: number, quorumPercent: number) {
  return voters * 100 >= quorumPercent * memberCount;
}

/**
 * The outcome of a closed vote. `tally` holds only the votes of people who are
 * members at close, cast before the closing time; `memberCount` is the team's size at close.
 */
export function decide(input: { rule: DecisionRule; quorumPercent: number; memberCount: number; tally: Tally }): Decision {
  const { rule, quorumPercent, memberCount, tally: t } = input;
  const voters = voterCount(t);
  const turnout = memberCount > 0 ? voters / memberCount : 0;
  const base = { voters, memberCount, turnout };
  // A team without members cannot decide anything, whatever the quorum says.
  if (memberCount <= 0) return { ...base, outcome: "rejected", reason: "no-members", quorumMet: false };
  const quorumMet = quorumReached(voters, memberCount, quorumPercent);
  if (!quorumMet) return { ...base, outcome: "rejected", reason: "no-quorum", quorumMet };
  if (rule === "majority") {
    if (t.agree > t.object) return { ...base, outcome: "adopted", reason: "majority-agree", quorumMet };
    // Nobody agreeing or objecting (all abstained, or no votes at a quorum of 0) is a tie
    // too, but "as many objected as agreed" would be a strange thing to read about it.
    if (t.agree === 0 && t.object === 0) return { ...base, outcome: "rejected", reason: "majority-none", quorumMet };
    return { ...base, outcome: "rejected", reason: t.agree === t.object ? "majority-tie" : "majority-against", quorumMet };
  }
  // Consent: silence is consent once the quorum is met (see docs/decisions/020).
  if (t.object === 0) return { ...base, outcome: "adopted", reason: "consent-no-objection", quorumMet };
  return { ...base, outcome: "rejected", reason: "consent-objection", quorumMet };
}

export const MAX_VOTE_DAYS = 90;

export type ClosesAtResult = { ok: true; closesAt: number | null } | { ok: false; error: "invalid" | "past" | "too-far" };

/**
 * The closing time typed in the open-vote form: empty means the team default
 * (null); a `datetime-local` value is wall-clock time in the display zone; a
 * full ISO time with a zone (scripts) is taken as is.
 */
export function parseClosesAt(value: string | undefined, now: number, parseLocal: (v: string) => number | null): ClosesAtResult {
  if (value === undefined || !value.trim()) return { ok: true, closesAt: null };
  const v = value.trim();
  const ms = parseLocal(v) ?? parseIsoInstant(v);
  if (ms === null) return { ok: false, error: "invalid" };
  if (ms <= now) return { ok: false, error: "past" };
  if (ms > now + MAX_VOTE_DAYS * 86_400_000) return { ok: false, error: "too-far" };
  return { ok: true, closesAt: ms };
}
