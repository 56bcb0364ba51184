// The shape of the scale data. seeds/scale.ts stamps it into the file (SQLite's
// user_version); the benchmark seeds again when a reused file has another, so it
// never measures pages or writes the file lacks. Raise it when the seed's data changes.
// 2 (2026-11-30): an open check-in per team; the open vote closes five years after
//   the seed's clock instead of 60 days.
// 3 (2026-11-30): closed votes store a reason the proposal page can say ("majority-agree",
//   "majority-against"), not "majority".
// 4 (2026-12-01): peer assignments rotate against the team's last two cycles.
// 5 (2026-12-01): each member's recent figures per norm frozen at close (cycle_results).
export const SCALE_DATA_VERSION = 5;
