import { diffWords } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** A word-level diff of two texts, as parts a page can render with <ins>/<del>. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((c) => ({
    kind: c.added ? "added" : c.removed ? "removed" : "same",
    text: c.value,
  }));
}

export function hasChanges(parts: DiffPart[]) {
  return parts.some((p) => p.kind !== "same");
}
