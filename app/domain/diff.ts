import { diffWords } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/**
 * Two texts compared word by word, or, when they differ in more than
 * MAX_DIFF_EDITS words, both texts whole: a word diff of two unrelated texts is
 * unreadable, and finding it costs time that grows with the square of their length
 * (20,000 characters of punctuation took two minutes).
 */
export type WordDiff =
  | { kind: "words"; parts: DiffPart[] }
  // `limit` travels with the result so that pages can name it without importing this module (and `diff`) into the browser.
  | { kind: "too-many"; before: string; after: string; limit: number };

/** Words (and punctuation marks) added plus removed beyond which no word diff is computed. */
export const MAX_DIFF_EDITS = 1000;

/** A word-level diff of two texts, as parts a page can render with <ins>/<del>. */
export function wordDiff(before: string, after: string): WordDiff {
  // Words in one text and not the other must each be added or removed: when those alone pass
  // the limit, no diff can stay under it. A cheap count that settles most unrelated texts.
  if (unmatchedWords(before, after) > MAX_DIFF_EDITS) return tooMany(before, after);
  // Otherwise diffWords gives up (undefined) once its edit script would pass maxEditLength
  // (the same words shuffled), so its work stays bounded.
  const changes = diffWords(before, after, { maxEditLength: MAX_DIFF_EDITS });
  if (!changes) return tooMany(before, after);
  return {
    kind: "words",
    parts: changes.map((c) => ({
      kind: c.added ? "added" : c.removed ? "removed" : "same",
      text: c.value,
    })),
  };
}

function tooMany(before: string, after: string): WordDiff {
  return { kind: "too-many", before, after, limit: MAX_DIFF_EDITS };
}

export function hasChanges(diff: WordDiff) {
  return diff.kind === "too-many" ? diff.before !== diff.after : diff.parts.some((p) => p.kind !== "same");
}

/** How many words (separated by white space) one text has that the other lacks, counted with repeats. */
function unmatchedWords(before: string, after: string) {
  const counts = new Map<string, number>();
  for (const w of before.match(/\S+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const w of after.match(/\S+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) - 1);
  let unmatched = 0;
  for (const n of counts.values()) unmatched += Math.abs(n);
  return unmatched;
}
