// Helpers for check-in HTTP tests: drive the contract URLs the way a browser would.
import type { Client } from "./client";
import { queryTestDb } from "./norm-fixtures";

export type Ratings = Record<string, number | string>;

/** Opens a cycle as a lead through /checkins/new and returns its id (from the redirect). */
export async function openCycle(
  lead: Client,
  teamId: string,
  fields: { title?: string; normCodes: string[]; closesAt?: string; peersPerMember?: string },
) {
  const res = await lead.post(`/teams/${teamId}/checkins/new`, {
    title: fields.title ?? "Check-in test",
    normCodes: fields.normCodes,
    closesAt: fields.closesAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString(),
    peersPerMember: fields.peersPerMember ?? "3",
  });
  if (res.status !== 303 || !res.location) throw new Error(`opening the cycle failed: ${res.status} ${res.html.slice(0, 300)}`);
  const id = /\/checkins\/(\d+)$/.exec(new URL(res.location, lead.base).pathname)?.[1];
  if (!id) throw new Error(`unexpected redirect ${res.location}`);
  return Number(id);
}

/** The colleagues a member rates, read from the links on their cycle page. */
export async function peersToRate(member: Client, teamId: string, cycleId: number) {
  const page = await member.get(`/teams/${teamId}/checkins/${cycleId}`);
  if (page.status !== 200) throw new Error(`cycle page: ${page.status}`);
  const re = new RegExp(`href="/teams/${teamId}/checkins/${cycleId}/peers/([^"]+)"`, "g");
  return [...page.html.matchAll(re)].map((m) => m[1]);
}

function ratingFields(ratings: Ratings, textName: "example" | "observation", texts: Record<string, string> = {}) {
  const fields: Record<string, string> = {};
  for (const [code, value] of Object.entries(ratings)) fields[`rating.${code}`] = String(value);
  for (const [code, value] of Object.entries(texts)) fields[`${textName}.${code}`] = value;
  return fields;
}

export function rateSelf(member: Client, teamId: string, cycleId: number, ratings: Ratings, examples?: Record<string, string>) {
  return member.post(`/teams/${teamId}/checkins/${cycleId}/self`, ratingFields(ratings, "example", examples));
}

export function ratePeer(
  member: Client,
  teamId: string,
  cycleId: number,
  rateeId: string,
  ratings: Ratings,
  observations?: Record<string, string>,
) {
  return member.post(`/teams/${teamId}/checkins/${cycleId}/peers/${rateeId}`, ratingFields(ratings, "observation", observations));
}

/** A user's id by e-mail address, read from the test database. */
export function userIdByEmail(dbPath: string, email: string) {
  const row = queryTestDb<{ id: string }>(dbPath, "select id from users where email = ?", email)[0];
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

/** The URL of the check-in conversation with the member signed up as `email`. */
export function conversationPath(dbPath: string, teamId: string, cycleId: number, email: string) {
  return `/teams/${teamId}/checkins/${cycleId}/conversations/${userIdByEmail(dbPath, email)}`;
}

/** Everyone rates themselves (`self(i)` for the i-th person) and each assigned colleague the same way. */
export async function rateAll(
  everyone: Client[],
  teamId: string,
  cycleId: number,
  ratings: { self: (i: number) => Ratings; peer: Ratings; example?: Record<string, string>; observation?: Record<string, string> },
) {
  for (const [i, client] of everyone.entries()) {
    const self = await rateSelf(client, teamId, cycleId, ratings.self(i), ratings.example);
    if (self.status !== 303) throw new Error(`self rating failed: ${self.status}`);
    for (const rateeId of await peersToRate(client, teamId, cycleId)) {
      const peer = await ratePeer(client, teamId, cycleId, rateeId, ratings.peer, ratings.observation);
      if (peer.status !== 303) throw new Error(`peer rating failed: ${peer.status}`);
    }
  }
}
