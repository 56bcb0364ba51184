// One to-do list for the team home page, built from what each feature says is
// waiting for the member. Pure: the route gathers the items, this orders them.

/** What the ordering needs of a to-do; callers add whatever they render. */
export type Todo = { kind: string; id: string; dueAt: number | null; firstTime?: boolean };

/**
 * Most urgent first: whatever is overdue or due soonest, then undated work.
 * Reading a new agreement version has no deadline but matters more than an
 * undated action, so it comes right after the dated items. Reading the agreement
 * for the first time (a new hire) comes before everything: a vote on changing a
 * norm, or rating colleagues against the norms, means little to someone who has
 * not read them yet.
 */
export function orderTodos<T extends Todo>(todos: readonly T[]): T[] {
  const rank = (t: Todo) => (t.kind === "acknowledge" ? (t.firstTime ? -1 : 1) : t.dueAt !== null ? 0 : 2);
  return [...todos].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (a.dueAt !== null && b.dueAt !== null && a.dueAt !== b.dueAt) return a.dueAt - b.dueAt;
    return a.id.localeCompare(b.id);
  });
}

/** Due date (YYYY-MM-DD, end of that day in the display zone is close enough) as epoch ms for ordering. */
export function dueDayToMs(day: string | null): number | null {
  if (!day) return null;
  const ms = Date.parse(`${day}T23:59:59Z`);
  return Number.isNaN(ms) ? null : ms;
}
