// Norm codes, categories, and the rule that decides whether an adopted change can be applied.
import type { NormCategory } from "../../db/schema";

export type { NormCategory };

// The order categories appear in on the agreement. Typed against the schema's
// enum (type-only import, so pages do not pull drizzle into the browser bundle):
// a category added there and forgotten here fails the typecheck.
const categoryRank: Record<NormCategory, number> = {
  "customer-contact": 0,
  "follow-up": 1,
  complaints: 2,
  colleagues: 3,
  escalation: 4,
  other: 5,
};
export const NORM_CATEGORY_ORDER = (Object.keys(categoryRank) as NormCategory[]).sort(
  (a, b) => categoryRank[a] - categoryRank[b],
);

export const NORM_CODE_PREFIX = "N-";

export function normCode(number: number) {
  return `${NORM_CODE_PREFIX}${number}`;
}

/** "N-12" → 12; anything else (n-12, N-012, N-0, N-1.5) → null. */
export function parseNormCode(code: string): number | null {
  const m = /^N-([1-9]\d{0,8})$/.exec(code);
  return m ? Number(m[1]) : null;
}

/**
 * The number for a new norm. The team row carries the next number; the highest
 * number ever used is a second guard, so a code is never handed out twice even
 * if the counter were behind (codes of retired norms stay taken).
 */
export function assignNormNumber(teamNext: number, usedNumbers: Iterable<number>) {
  let highest = 0;
  for (const n of usedNumbers) if (n > highest) highest = n;
  return Math.max(teamNext, highest + 1, 1);
}

export type ConflictReason = "norm-changed" | "norm-retired" | "norm-missing";

/**
 * Whether an adopted proposal can be applied as is. A change or retirement was
 * written against one version of its norm; if the norm moved on (a newer
 * version, or it was retired) while the proposal was open, applying it would
 * silently undo someone else's decision.
 */
export function conflictOnApply(
  proposal: { kind: "add" | "change" | "retire"; baseVersion: number | null },
  norm: { currentVersion: number; status: "active" | "retired" } | null,
): ConflictReason | null {
  if (proposal.kind === "add") return null;
  if (!norm) return "norm-missing";
  if (norm.status === "retired") return "norm-retired";
  if (proposal.baseVersion !== norm.currentVersion) return "norm-changed";
  return null;
}
