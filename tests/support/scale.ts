// Scale data sets (seeds/scale.ts) and the pages the benchmark and the
// flat-query tests look at, so both measure the same thing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";

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
    const base = `/teams/${SCALE_TEAM}`;
    return [
      { name: "team home (lead)", path: base, as: "lead" },
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
