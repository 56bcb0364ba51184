// Scale data sets (seeds/scale.ts) and the pages the benchmark and the
// flat-query tests look at, so both measure the same thing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { SCALE_DATA_VERSION } from "../../seeds/scale-version";

const root = path.resolve(import.meta.dirname, "../..");
export const SCALE_PASSWORD = "normwerk-scale";
export const SCALE_TEAM = "scale-t0001";
export const SCALE_LEAD = "lead.t0001@scale.test";
export const SCALE_MEMBER = "m01.t0001@scale.test";

export function seedScale(out: string, opts: { teams: number; members?: number }) {
  execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      "seeds/scale.ts",
      "--teams",
      String(opts.teams),
      "--members",
      String(opts.members ?? 30),
      "--out",
      out,
      "--quiet",
    ],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
}

/** Whether a scale file was written by the current seed (see seeds/scale-version.ts). */
export function isCurrentScaleFile(file: string) {
  const sql = new Database(file, { readonly: true });
  try {
    return sql.pragma("user_version", { simple: true }) === SCALE_DATA_VERSION;
  } finally {
    sql.close();
  }
}

export type BenchPage = { name: string; path: string; as: "lead" | "member" | "visitor" };

/** The hot pages of team 1 in a scale file: ids are looked up, not assumed. */
export function hotPages(dbFile: string): BenchPage[] {
  const sql = new Database(dbFile, { readonly: true });
  try {
    const voting = sql.prepare("select id from proposals where team_id = ? and status = 'voting' order by id limit 1").get(SCALE_TEAM) as { id: number };
    const cycle = sql.prepare("select id from checkin_cycles where team_id = ? and status = 'closed' order by id desc limit 1").get(SCALE_TEAM) as { id: number };
    const member = sql.prepare("select id from users where email = ?").get(SCALE_MEMBER) as { id: string };
    const base = `/teams/${SCALE_TEAM}`;
    return [
      { name: "GET /login (reference)", path: "/login", as: "visitor" },
      { name: "team home", path: base, as: "member" },
      { name: "agreement", path: `${base}/agreement`, as: "member" },
      { name: "norm permalink", path: `${base}/norms/N-1`, as: "member" },
      { name: "proposal in voting", path: `${base}/proposals/${voting.id}`, as: "member" },
      { name: "check-in results (lead)", path: `${base}/checkins/${cycle.id}/results`, as: "lead" },
      { name: "conversation (lead)", path: `${base}/checkins/${cycle.id}/conversations/${member.id}`, as: "lead" },
    ];
  } finally {
    sql.close();
  }
}

/** More pages of team 1, for the statement-count comparison beyond the benchmark's set. */
export function morePages(dbFile: string): BenchPage[] {
  const sql = new Database(dbFile, { readonly: true });
  try {
    const cycle = sql.prepare("select id from checkin_cycles where team_id = ? and status = 'closed' order by id desc limit 1").get(SCALE_TEAM) as { id: number };
    const member = sql.prepare("select id from users where email = ?").get(SCALE_MEMBER) as { id: string };
    const open = openCycleOf(sql);
    const peer = firstPeerOf(sql, open.id, member.id);
    const base = `/teams/${SCALE_TEAM}`;
    return [
      { name: "team home (lead)", path: base, as: "lead" },
      { name: "open check-in page", path: `${base}/checkins/${open.id}`, as: "member" },
      { name: "open check-in page (lead)", path: `${base}/checkins/${open.id}`, as: "lead" },
      { name: "self rating form", path: `${base}/checkins/${open.id}/self`, as: "member" },
      { name: "peer rating form", path: `${base}/checkins/${open.id}/peers/${peer.id}`, as: "member" },
      { name: "members", path: `${base}/members`, as: "lead" },
      { name: "proposals", path: `${base}/proposals`, as: "member" },
      { name: "agreement (lead)", path: `${base}/agreement`, as: "lead" },
      { name: "agreement history", path: `${base}/agreement/history`, as: "member" },
      { name: "agreement.md", path: `${base}/agreement.md`, as: "member" },
      { name: "check-ins", path: `${base}/checkins`, as: "member" },
      { name: "check-in page", path: `${base}/checkins/${cycle.id}`, as: "lead" },
      { name: "check-in results (member)", path: `${base}/checkins/${cycle.id}/results`, as: "member" },
      { name: "check-in results, one member (lead)", path: `${base}/checkins/${cycle.id}/results?member=${member.id}`, as: "lead" },
      { name: "conversation (member)", path: `${base}/checkins/${cycle.id}/conversations/${member.id}`, as: "member" },
      { name: "conversations overview", path: `${base}/checkins/${cycle.id}/conversations`, as: "lead" },
      { name: "audit", path: `${base}/audit`, as: "lead" },
    ];
  } finally {
    sql.close();
  }
}

function openCycleOf(sql: Database.Database) {
  return sql.prepare("select id from checkin_cycles where team_id = ? and status = 'open' order by id desc limit 1").get(SCALE_TEAM) as { id: number };
}

function firstPeerOf(sql: Database.Database, cycleId: number, raterId: string) {
  return sql
    .prepare("select ratee_id as id from peer_assignments where cycle_id = ? and rater_id = ? order by ratee_id limit 1")
    .get(cycleId, raterId) as { id: string };
}

/**
 * Team 1's member rating in the open check-in, every norm rated (saving again
 * replaces it, as in the app): their self rating (the benchmark's rating write) and
 * the first colleague they are assigned to rate.
 */
export function ratingWrites(dbFile: string): Record<"self" | "peer", { path: string; body: string }> {
  const sql = new Database(dbFile, { readonly: true });
  try {
    const open = openCycleOf(sql);
    const member = sql.prepare("select id from users where email = ?").get(SCALE_MEMBER) as { id: string };
    const peer = firstPeerOf(sql, open.id, member.id);
    const codes = sql
      .prepare("select n.code from cycle_norms cn join norms n on n.id = cn.norm_id where cn.cycle_id = ? order by cn.position")
      .all(open.id) as { code: string }[];
    const body = (textKind: string) => {
      const form = new URLSearchParams();
      codes.forEach(({ code }, i) => {
        form.set(`rating.${code}`, String(1 + (i % 5)));
        form.set(`${textKind}.${code}`, i % 3 === 0 ? "Vorige week bij een klacht, binnen een uur teruggebeld." : "");
      });
      return form.toString();
    };
    const base = `/teams/${SCALE_TEAM}/checkins/${open.id}`;
    return { self: { path: `${base}/self`, body: body("example") }, peer: { path: `${base}/peers/${peer.id}`, body: body("observation") } };
  } finally {
    sql.close();
  }
}
