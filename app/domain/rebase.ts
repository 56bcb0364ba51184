import { diffArrays } from "diff";

export type ChangeText<C extends string = string> = { title: string; body: string; category: C };
export type RebasedText<C extends string = string> = ChangeText<C> & { overlaps: (keyof ChangeText)[] };

/**
 * A change proposal written against version `base` of a norm, moved onto the `current`
 * version (decision 022): what the author changed is laid over what was adopted since,
 * so updating a draft never quietly undoes a decision. Field by field, and the
 * explanation line by line (a three-way merge). Where both changed the same lines, the
 * author's lines are kept there, everything else merges, and the field is named in
 * `overlaps`: there the draft's diff would undo part of the adopted change, and the
 * author has to look.
 */
export function rebaseText<C extends string>(base: ChangeText<C>, mine: ChangeText<C>, current: ChangeText<C>): RebasedText<C> {
  const overlaps: (keyof ChangeText)[] = [];
  const field = <K extends keyof ChangeText>(key: K, a: ChangeText<C>[K], b: ChangeText<C>[K], o: ChangeText<C>[K]): ChangeText<C>[K] => {
    if (a === o) return b;
    if (b === o || b === a) return a;
    overlaps.push(key);
    return a;
  };
  // A browser sends a textarea's lines ending in CRLF, the seeds and scripts in LF, and
  // an Enter at the very end is nothing in Markdown: the same words either way, or every
  // line (or the last) would look changed.
  const lf = (s: string) => s.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const body = mergeLines(lf(base.body), lf(mine.body), lf(current.body));
  if (body.overlap) overlaps.push("body");
  return {
    title: field("title", mine.title, current.title, base.title),
    body: body.text,
    category: field("category", mine.category, current.category, base.category),
    overlaps: overlaps.sort((x, y) => FIELDS.indexOf(x) - FIELDS.indexOf(y)),
  };
}

const FIELDS: (keyof ChangeText)[] = ["title", "body", "category"];

/** Lines `start`–`end` of the base (end exclusive; equal for an insertion) become `lines`. */
type Hunk = { start: number; end: number; lines: string[] };

function hunks(base: string[], other: string[]): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let open: Hunk | null = null;
  for (const part of diffArrays(base, other)) {
    if (!part.added && !part.removed) {
      if (open) out.push(open);
      open = null;
      at += part.value.length;
      continue;
    }
    open ??= { start: at, end: at, lines: [] };
    if (part.removed) {
      at += part.value.length;
      open.end = at;
    } else open.lines.push(...part.value);
  }
  if (open) out.push(open);
  return out;
}

/**
 * Three-way merge of lines: each side's changes to the base, applied together. Changes
 * to the same base lines (or two insertions at one place) are an overlap: the author's
 * lines are taken there. Changes next to each other both stay.
 */
function mergeLines(base: string, mine: string, current: string): { text: string; overlap: boolean } {
  if (mine === base) return { text: current, overlap: false };
  if (current === base || current === mine) return { text: mine, overlap: false };
  const lines = base.split("\n");
  const a = hunks(lines, mine.split("\n")).map((h) => ({ ...h, mine: true }));
  const b = hunks(lines, current.split("\n")).map((h) => ({ ...h, mine: false }));
  const all = [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
  const clash = (x: Hunk, y: Hunk) =>
    (x.start < y.end && y.start < x.end) || (x.start === x.end && y.start === y.end && x.start === y.start) ||
    (x.start === x.end && y.start < x.start && x.start < y.end) || (y.start === y.end && x.start < y.start && y.start < x.end);
  const out: string[] = [];
  let at = 0;
  let overlap = false;
  for (let i = 0; i < all.length; ) {
    // A group: hunks that clash with any hunk already in it.
    const group = [all[i++]];
    let end = group[0].end;
    while (i < all.length && group.some((g) => clash(g, all[i]))) {
      end = Math.max(end, all[i].end);
      group.push(all[i++]);
    }
    const start = group[0].start;
    out.push(...lines.slice(at, start));
    const sides = new Set(group.map((g) => g.mine));
    if (sides.size === 1) {
      // One side only (or the same side twice): its lines.
      out.push(...applied(lines, group, start, end));
    } else if (group.length === 2 && group.every((g) => g.start === g.end)) {
      // Both added lines at the same place (a list item each): both stay, what was adopted
      // first. Worth a look unless one side added only blank lines.
      const [theirs, ours] = group[0].mine ? [group[1], group[0]] : [group[0], group[1]];
      const blank = (g: Hunk) => g.lines.every((l) => l.trim() === "");
      if (!blank(theirs) && !blank(ours)) overlap = true;
      out.push(...theirs.lines, ...(blank(ours) && blank(theirs) ? [] : ours.lines));
    } else {
      const mineHunks = group.filter((g) => g.mine);
      const theirs = group.filter((g) => !g.mine);
      const same = mineHunks.length === theirs.length && mineHunks.every((g, k) => g.start === theirs[k].start && g.end === theirs[k].end && g.lines.join("\n") === theirs[k].lines.join("\n"));
      if (!same) overlap = true;
      out.push(...applied(lines, mineHunks, start, end));
    }
    at = end;
  }
  out.push(...lines.slice(at));
  return { text: out.join("\n"), overlap };
}

/** Base lines `start`–`end` with `hunks` (in order, inside that range) applied. */
function applied(lines: string[], hunks: Hunk[], start: number, end: number): string[] {
  const out: string[] = [];
  let from = start;
  for (const g of hunks) {
    out.push(...lines.slice(from, g.start), ...g.lines);
    from = g.end;
  }
  out.push(...lines.slice(from, end));
  return out;
}
