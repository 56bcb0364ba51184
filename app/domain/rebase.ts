import { applyPatch, structuredPatch } from "diff";

export type ChangeText<C extends string = string> = { title: string; body: string; category: C };
export type RebasedText<C extends string = string> = ChangeText<C> & { overlaps: (keyof ChangeText)[] };

/**
 * A change proposal written against version `base` of a norm, moved onto the `current`
 * version (decision 022): what the author changed is laid over what was adopted since,
 * so updating a draft never quietly undoes a decision. Field by field, and the
 * explanation line by line (a line of context either side, so changes to neighbouring
 * paragraphs both stay). Where both changed the same part, the author's text is kept
 * and the field is named in `overlaps`: there the draft's diff would undo the adopted
 * change, and the author has to look.
 */
export function rebaseText<C extends string>(base: ChangeText<C>, mine: ChangeText<C>, current: ChangeText<C>): RebasedText<C> {
  // A browser sends a textarea's lines ending in CRLF, the seeds and scripts in LF: the
  // same words either way, or every line would look changed and nothing would merge.
  [base, mine, current] = [base, mine, current].map((t) => ({ ...t, body: t.body.replace(/\r\n?/g, "\n") }));
  const overlaps: (keyof ChangeText)[] = [];
  const field = <K extends keyof ChangeText>(key: K, merge?: () => string | false): ChangeText<C>[K] => {
    if (mine[key] === base[key]) return current[key];
    if (current[key] === base[key] || current[key] === mine[key]) return mine[key];
    const merged = merge?.();
    if (typeof merged === "string") return merged as ChangeText<C>[K];
    overlaps.push(key);
    return mine[key];
  };
  return {
    title: field("title"),
    body: field("body", () => applyPatch(current.body, structuredPatch("", "", base.body, mine.body, "", "", { context: 1 }))),
    category: field("category"),
    overlaps,
  };
}
