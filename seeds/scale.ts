// The scale data set for the benchmark: many teams with years of history.
//   npm run seed:scale -- --teams 200 [--out data/scale-200.db] [--seed 1]
// Deterministic for a given --teams and --seed. Bulk inserts in one transaction
// per team; check-in cycles are opened and closed through the app's own
// lifecycle functions, so frozen results are exactly what the app would store.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DB } from "../db/client";
import { NORM_CATEGORIES } from "../db/schema";
import { deriveSeed, prng } from "../app/domain/random";
import { SCALE_DATA_VERSION } from "./scale-version";

const { values: args } = parseArgs({
  options: {
    teams: { type: "string", default: "200" },
    out: { type: "string" },
    seed: { type: "string", default: "1" },
    members: { type: "string", default: "30" },
    quiet: { type: "boolean", default: false },
  },
});

const TEAMS = positive(args.teams, "--teams");
const MEMBERS = positive(args.members, "--members");
const SEED = Number(args.seed) || 1;
const OUT = path.resolve(args.out ?? `data/scale-${TEAMS}.db`);
const NORMS_ACTIVE = 12;
const NORMS_RETIRED = 2;
const PROPOSALS = 40;
const CYCLES = 12;
const PEERS = 3;
const DAY = 86_400_000;
const HOUR = 3_600_000;
// The seed's clock is fixed (2026-11-01), so the data is the same on every run. The
// open vote and the open check-in close years after it: a data file is reused by the
// benchmark for months, and an item that closed in that time would be closed by the
// first visit, which turns "a proposal in voting" into a decided one.
const OPEN_FOR = 5 * 365 * DAY;
export const SCALE_PASSWORD = "normwerk-scale";

function positive(value: string | undefined, name: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a whole number of at least 1 (got ${JSON.stringify(value)})`);
    process.exit(1);
  }
  return n;
}

const pad = (n: number, w = 4) => String(n).padStart(w, "0");
export const teamIdOf = (t: number) => `scale-t${pad(t)}`;
export const leadEmailOf = (t: number) => `lead.t${pad(t)}@scale.test`;
export const memberEmailOf = (t: number, m: number) => `m${pad(m, 2)}.t${pad(t)}@scale.test`;

const FIRST = ["Anna", "Bram", "Chantal", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ivo", "Jasmijn", "Kees", "Lotte", "Mo", "Noor", "Omar", "Pien", "Quinten", "Rosa", "Sem", "Tess"];
const LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "El Amrani", "Ramdin", "Yilmaz"];
const VERBS = ["We bellen", "We mailen", "We noemen", "We bevestigen", "We vragen", "We escaleren", "We beantwoorden", "We loggen"];
const WHEN = ["binnen één werkdag", "binnen twee uur", "na elke klacht", "voor 17:00 uur", "bij elke doorverbinding", "als een klant langer dan 2 minuten wacht"];

async function main() {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(OUT + suffix, { force: true });
  // The app's modules open the database named here when first imported.
  process.env.DATABASE_PATH = OUT;
  const { db } = await import("../app/db.server");
  const { hashPassword } = await import("../app/auth.server");
  const { insertCycle, closeCycle } = await import("../app/models/checkin-lifecycle.server");
  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const sqlite = db.$client;
  sqlite.pragma("synchronous = OFF");

  const started = Date.now();
  const now = Date.UTC(2026, 10, 1);
  const st = statements(sqlite);
  for (let t = 1; t <= TEAMS; t++) {
    db.transaction((tx) => seedTeam(tx as unknown as DB, st, t, { now, passwordHash, insertCycle, closeCycle }), {
      behavior: "immediate",
    });
    if (!args.quiet && (t % 25 === 0 || t === TEAMS)) {
      console.log(`  ${t}/${TEAMS} teams (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma(`user_version = ${SCALE_DATA_VERSION}`);
  sqlite.exec("ANALYZE");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`Wrote ${OUT}: ${TEAMS} teams × ${MEMBERS} members in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Sign in as ${leadEmailOf(1)} (lead) or ${memberEmailOf(1, 1)} (member), password ${SCALE_PASSWORD}`);
}

type Statements = ReturnType<typeof statements>;

function statements(sqlite: DB["$client"]) {
  return {
    user: sqlite.prepare("insert or ignore into users (id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?)"),
    team: sqlite.prepare(
      "insert into teams (id, name, description, language, next_norm_number, created_at) values (?, ?, ?, 'nl', ?, ?)",
    ),
    membership: sqlite.prepare("insert or ignore into memberships (team_id, user_id, role, joined_at) values (?, ?, ?, ?)"),
    norm: sqlite.prepare(
      "insert into norms (team_id, number, code, status, current_version, created_at, retired_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    normVersion: sqlite.prepare(
      "insert into norm_versions (team_id, norm_id, version, title, body, category, proposal_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    proposal: sqlite.prepare(
      `insert into proposals (team_id, author_id, kind, norm_id, base_version, title, body, category, status, created_at, updated_at,
        voting_opened_at, closes_at, closed_at, decision_rule, quorum_percent, member_count_at_close, tally_agree, tally_object, tally_abstain, outcome_reason)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    vote: sqlite.prepare(
      "insert into votes (team_id, proposal_id, user_id, choice, reason, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    comment: sqlite.prepare(
      "insert into proposal_comments (team_id, proposal_id, author_id, body, created_at) values (?, ?, ?, ?, ?)",
    ),
    agreementVersion: sqlite.prepare(
      "insert into agreement_versions (team_id, version, proposal_id, change_kind, norm_id, norm_version, created_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    agreementNorm: sqlite.prepare(
      "insert into agreement_version_norms (team_id, version, norm_id, norm_version) values (?, ?, ?, ?)",
    ),
    ack: sqlite.prepare("insert into acknowledgements (team_id, user_id, version, at) values (?, ?, ?, ?)"),
    self: sqlite.prepare(
      "insert into self_ratings (team_id, cycle_id, user_id, norm_id, rating, example, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    peer: sqlite.prepare(
      "insert into peer_ratings (team_id, cycle_id, rater_id, ratee_id, norm_id, rating, observation, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    assignments: sqlite.prepare("select rater_id as raterId, ratee_id as rateeId from peer_assignments where cycle_id = ?"),
    conversation: sqlite.prepare(
      "insert into conversations (team_id, cycle_id, member_id, held_at, held_by, created_at) values (?, ?, ?, ?, ?, ?)",
    ),
    note: sqlite.prepare(
      "insert into conversation_notes (team_id, conversation_id, author_id, visibility, body, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    revision: sqlite.prepare("insert into conversation_note_revisions (team_id, note_id, body, edited_at) values (?, ?, ?, ?)"),
    action: sqlite.prepare(
      "insert into conversation_actions (team_id, conversation_id, member_id, text, norm_id, due_on, done_at, done_by, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    normVersionBump: sqlite.prepare("update norms set current_version = ? where id = ?"),
    retireNorm: sqlite.prepare("update norms set status = 'retired', retired_at = ? where id = ?"),
    audit: sqlite.prepare("insert into audit_log (team_id, actor_id, kind, subject, data, at) values (?, ?, ?, ?, '{}', ?)"),
  };
}

type Lifecycle = {
  now: number;
  passwordHash: string;
  insertCycle: typeof import("../app/models/checkin-lifecycle.server").insertCycle;
  closeCycle: typeof import("../app/models/checkin-lifecycle.server").closeCycle;
};

function seedTeam(tx: DB, st: Statements, t: number, ctx: Lifecycle) {
  const rand = prng(deriveSeed(SEED, "team", t));
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const teamId = teamIdOf(t);
  const start = ctx.now - 3 * 365 * DAY;
  const normCount = NORMS_ACTIVE + NORMS_RETIRED;
  st.team.run(teamId, `Klantenservice ${pad(t)}`, `Team ${t} van de schaaltest.`, normCount + 1, start);
  st.audit.run(teamId, null, "team.created", `Klantenservice ${pad(t)}`, start);

  // People: a lead and members; every tenth team shares two members with the previous team.
  const people: string[] = [];
  const leadId = `s-lead-${pad(t)}`;
  st.user.run(leadId, leadEmailOf(t), `${pick(FIRST)} ${pick(LAST)}`, ctx.passwordHash, start);
  st.membership.run(teamId, leadId, "lead", start);
  people.push(leadId);
  for (let m = 1; m < MEMBERS; m++) {
    const id = `s-m${pad(m, 2)}-${pad(t)}`;
    st.user.run(id, memberEmailOf(t, m), `${pick(FIRST)} ${pick(LAST)}`, ctx.passwordHash, start);
    st.membership.run(teamId, id, "member", start + m * 60_000);
    people.push(id);
  }
  if (t > 1 && t % 10 === 0) {
    for (const m of [1, 2]) st.membership.run(teamId, `s-m${pad(m, 2)}-${pad(t - 1)}`, "member", start + DAY);
  }

  // Norms and their history: each adoption is a proposal, a norm version and an agreement version.
  type Norm = { id: number; code: string; version: number; category: string };
  const norms: Norm[] = [];
  let agreementVersion = 0;
  const snapshot = new Map<number, number>(); // normId → version in the current agreement
  const proposalTime = (i: number) => start + 30 * DAY + i * 12 * DAY;
  let proposalIndex = 0;

  const adopt = (kind: "add" | "change" | "retire", norm: Norm | null, title: string, category: string) => {
    const at = proposalTime(proposalIndex++);
    const author = pick(people);
    const agree = 18 + Math.floor(rand() * 8);
    const object = Math.floor(rand() * 3);
    const abstain = Math.floor(rand() * 3);
    const proposalId = Number(
      st.proposal.run(
        teamId, author, kind, norm?.id ?? null, norm?.version ?? null, title, `Waarom: ${title.toLowerCase()}`, category,
        "adopted", at - 7 * DAY, at, at - 7 * DAY, at, at, "majority", 50, people.length, agree, object, abstain, "majority-agree",
      ).lastInsertRowid,
    );
    votesAndComments(st, teamId, proposalId, people, rand, at, agree + object + abstain);
    return { proposalId, at };
  };

  for (let n = 1; n <= normCount; n++) {
    const category = NORM_CATEGORIES[n % NORM_CATEGORIES.length];
    const title = `${pick(VERBS)} ${pick(WHEN)} (norm ${n}).`;
    const { proposalId, at } = adopt("add", null, title, category);
    const normId = Number(st.norm.run(teamId, n, `N-${n}`, "active", 1, at, null).lastInsertRowid);
    st.normVersion.run(teamId, normId, 1, title, `Zo ziet het eruit in de praktijk voor norm ${n}.`, category, proposalId, at);
    const norm = { id: normId, code: `N-${n}`, version: 1, category };
    norms.push(norm);
    snapshot.set(normId, 1);
    publish(st, teamId, ++agreementVersion, proposalId, "add", normId, 1, snapshot, at);
  }
  // A second and third version for some norms; the last two are retired.
  for (const norm of norms.slice(0, 8)) {
    for (let v = 2; v <= 1 + Math.floor(rand() * 3); v++) {
      const title = `${pick(VERBS)} ${pick(WHEN)} (norm ${norm.code}, versie ${v}).`;
      const { proposalId, at } = adopt("change", norm, title, norm.category);
      norm.version = v;
      st.normVersion.run(teamId, norm.id, v, title, `Versie ${v}: scherper geformuleerd.`, norm.category, proposalId, at);
      st.normVersionBump.run(v, norm.id);
      snapshot.set(norm.id, v);
      publish(st, teamId, ++agreementVersion, proposalId, "change", norm.id, v, snapshot, at);
    }
  }
  for (const norm of norms.slice(NORMS_ACTIVE)) {
    const { proposalId, at } = adopt("retire", norm, "", norm.category);
    st.retireNorm.run(at, norm.id);
    snapshot.delete(norm.id);
    publish(st, teamId, ++agreementVersion, proposalId, "retire", norm.id, norm.version, snapshot, at);
  }
  // Fill up to PROPOSALS with rejected ones, one draft and one open vote (for the benchmark).
  while (proposalIndex < PROPOSALS - 2) {
    const at = proposalTime(proposalIndex++);
    const id = Number(
      st.proposal.run(
        teamId, pick(people), "add", null, null, `Voorstel ${proposalIndex}: ${pick(VERBS)} ${pick(WHEN)}.`, "Toelichting.", "other",
        "rejected", at - 7 * DAY, at, at - 7 * DAY, at, at, "majority", 50, people.length, 8, 12, 2, "majority-against",
      ).lastInsertRowid,
    );
    votesAndComments(st, teamId, id, people, rand, at, 22);
  }
  const draftAt = ctx.now - 3 * DAY;
  st.proposal.run(teamId, people[1], "add", null, null, "We sturen na elk gesprek een samenvatting binnen één uur.", "Concept.", "follow-up",
    "draft", draftAt, draftAt, null, null, null, null, null, null, null, null, null, null);
  const votingId = Number(
    st.proposal.run(teamId, people[2], "change", norms[0].id, norms[0].version, "We bellen binnen vier uur terug als we dat beloven.",
      "Sneller dan nu.", norms[0].category, "voting", draftAt, draftAt, draftAt, ctx.now + OPEN_FOR, null, "majority", 50,
      null, null, null, null, null).lastInsertRowid,
  );
  votesAndComments(st, teamId, votingId, people, rand, draftAt, Math.floor(people.length / 2));

  // Everyone acknowledged some version; most the current one.
  people.forEach((userId, i) => {
    const version = i % 5 === 0 ? Math.max(1, agreementVersion - 2) : agreementVersion;
    st.ack.run(teamId, userId, version, ctx.now - 10 * DAY);
  });

  // Twelve closed check-in cycles with full self and peer ratings, and conversations.
  const active = norms.slice(0, NORMS_ACTIVE);
  for (let c = 0; c < CYCLES; c++) {
    const openedAt = start + 365 * DAY + c * 60 * DAY;
    const cycleId = ctx.insertCycle(tx, {
      teamId,
      title: `Check-in ${c + 1}`,
      openedBy: leadId,
      openedAt,
      closesAt: openedAt + 14 * DAY,
      peersPerMember: PEERS,
      seed: deriveSeed(SEED, teamId, c),
      norms: active.map((n) => ({ normId: n.id, normVersion: n.version, code: n.code })),
      participants: people,
    });
    for (const userId of people) {
      for (const norm of active) {
        st.self.run(teamId, cycleId, userId, norm.id, 3 + Math.floor(rand() * 3), rand() < 0.3 ? "Vorige week nog bij een klacht." : "", openedAt + DAY);
      }
    }
    for (const a of st.assignments.all(cycleId) as { raterId: string; rateeId: string }[]) {
      for (const norm of active) {
        st.peer.run(teamId, cycleId, a.raterId, a.rateeId, norm.id, 2 + Math.floor(rand() * 4), rand() < 0.15 ? "Situatie: drukke maandag. Gedrag: belde terug. Effect: tevreden klant." : "", openedAt + 2 * DAY);
      }
    }
    ctx.closeCycle(tx, { teamId, cycleId, actorId: null, now: openedAt + 14 * DAY });
    for (const userId of people.slice(1)) {
      const convAt = openedAt + 20 * DAY;
      const conversationId = Number(st.conversation.run(teamId, cycleId, userId, convAt, leadId, convAt).lastInsertRowid);
      // The shared note was edited once: the page shows its earlier version too.
      const shared = Number(st.note.run(teamId, conversationId, leadId, "shared", "We bespraken N-1 en N-3; goede voorbeelden.", convAt, convAt + HOUR).lastInsertRowid);
      st.revision.run(teamId, shared, "We bespraken N-1.", convAt + HOUR);
      st.note.run(teamId, conversationId, leadId, "private", "Let op werkdruk.", convAt, convAt);
      const done = c < CYCLES - 1 || rand() < 0.5;
      st.action.run(teamId, conversationId, userId, "Twee klanten terugbellen na een klacht.", pick(active).id,
        new Date(convAt + 30 * DAY).toISOString().slice(0, 10), done ? convAt + 20 * DAY : null, done ? userId : null, leadId, convAt);
    }
  }

  // A check-in under way (for the benchmark's rating write): every other person has
  // rated themselves and their peers; the first member (the benchmark's) has rated
  // themselves, not yet their peers, so the benchmark's write replaces a rating, as its
  // vote replaces a vote, and the team home looks the same on every run.
  const openedAt = ctx.now - 3 * DAY;
  const openCycleId = ctx.insertCycle(tx, {
    teamId,
    title: `Check-in ${CYCLES + 1}`,
    openedBy: leadId,
    openedAt,
    closesAt: ctx.now + OPEN_FOR,
    peersPerMember: PEERS,
    seed: deriveSeed(SEED, teamId, CYCLES),
    norms: active.map((n) => ({ normId: n.id, normVersion: n.version, code: n.code })),
    participants: people,
  });
  const rated = new Set(people.filter((_, i) => i % 2 === 0));
  for (const userId of [...rated, people[1]]) {
    for (const norm of active) st.self.run(teamId, openCycleId, userId, norm.id, 3 + Math.floor(rand() * 3), "", openedAt + DAY);
  }
  for (const a of st.assignments.all(openCycleId) as { raterId: string; rateeId: string }[]) {
    if (!rated.has(a.raterId)) continue;
    for (const norm of active) st.peer.run(teamId, openCycleId, a.raterId, a.rateeId, norm.id, 2 + Math.floor(rand() * 4), "", openedAt + DAY);
  }
}

function votesAndComments(st: Statements, teamId: string, proposalId: number, people: string[], rand: () => number, at: number, voters: number) {
  for (let i = 0; i < Math.min(voters, people.length); i++) {
    const roll = rand();
    const choice = roll < 0.75 ? "agree" : roll < 0.9 ? "abstain" : "object";
    st.vote.run(teamId, proposalId, people[i], choice, choice === "object" ? "Niet haalbaar op drukke dagen." : "", at - DAY, at - DAY);
  }
  for (let i = 0; i < 2; i++) st.comment.run(teamId, proposalId, people[(i * 7) % people.length], "Eens, maar hoe meten we dit?", at - 3 * DAY);
}

function publish(
  st: Statements,
  teamId: string,
  version: number,
  proposalId: number,
  kind: "add" | "change" | "retire",
  normId: number,
  normVersion: number,
  snapshot: Map<number, number>,
  at: number,
) {
  st.agreementVersion.run(teamId, version, proposalId, kind, normId, normVersion, at);
  for (const [id, v] of snapshot) st.agreementNorm.run(teamId, version, id, v);
}

await main();
