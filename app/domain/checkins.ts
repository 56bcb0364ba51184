// When a check-in takes ratings: pure, so the forms' refusal and the save agree.

/** Whether a cycle still takes ratings at `now`: open, and its closing time not reached. */
export function takesRatings(cycle: { status: string; closesAt: number }, now: number) {
  return cycle.status === "open" && cycle.closesAt > now;
}
