import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import {
  memberships,
  norms,
  normVersions,
  proposalComments,
  proposals,
  teams,
  users,
  votes,
  type NormCategory,
} from "../../db/schema";
import type { DB } from "../../db/client";
import { db, preparedOnce, write } from "../db.server";
import { conflictOnApply } from "../domain/norms";
import { rebaseText } from "../domain/rebase";
import { decide, type DecisionRule, type Tally, type VoteChoice } from "../domain/votes";
import { addLocalDays, parseLocalDateTime } from "../i18n/format";
import { registerSweep } from "../sweep.server";
import { ENDED_STATUSES, isEndedStatus, type EndedStatus } from "../proposal-forms";
import { publishAgreementVersionTx } from "./agreement.server";
import { audit } from "./audit.server";
import { addNormVersionTx, createNormTx, findNorm, normVersionOn, normVersionText, retireNormTx } from "./norms.server";


export type ProposalKind = "add" | "change" | "retire";
export type ProposalStatus = (typeof proposals.$inferSelect)["status"];
export type Actor = { id: string; isLead: boolean };

/** Why a write was refused; routes turn these into 403 / 404 / 409. */
export type Refusal =
  | { refused: "not-found" }
  | { refused: "forbidden" }
  | { refused: "state"; status: ProposalStatus }
  | { refused: "too-late" }
  | { refused: "stale" }
  | { refused: "norm-retired" }
  | { refused: "changed-meanwhile" };

export const CLOSED_STATUSES: ProposalStatus[] = ["adopted", "rejected", "conflict"];

// ---------------------------------------------------------------- create and edit

export type NewProposal =
  | { kind: "add"; title: string; body: string; category: NormCategory }
  | { kind: "change"; normCode: string; title: string; body: string; category: NormCategory | undefined }
  | { kind: "retire"; normCode: string; body: string };

/**
 * A new draft; null when a change/retire names no active norm of this team. The
 * same draft by the same author since `repeatSince` (a double click, decision 074)
 * is the first one.
 */
export function createProposal(teamId: string, authorId: string, input: NewProposal, now = Date.now(), repeatSince: number | null = null) {
  return write(
    (tx) => (repeatSince === null ? null : repeatedProposal(tx, teamId, authorId, input, repeatSince)) ?? createProposalTx(tx, teamId, authorId, input, now),
  );
}

function repeatedProposal(tx: DB, teamId: string, authorId: string, input: NewProposal, since: number): number | null {
  const norm = input.kind === "add" ? null : findNorm(teamId, { code: input.normCode });
  if (input.kind !== "add" && !norm) return null;
  const row = tx
    .select({ id: proposals.id })
    .from(proposals)
    .where(
      and(
        eq(proposals.teamId, teamId),
        eq(proposals.authorId, authorId),
        eq(proposals.kind, input.kind),
        norm ? eq(proposals.normId, norm.id) : isNull(proposals.normId),
        eq(proposals.title, input.kind === "retire" ? "" : input.title),
        eq(proposals.body, input.body),
        // The category createProposalTx would store: a change without one keeps the norm's.
        input.kind === "retire" ? isNull(proposals.category) : eq(proposals.category, input.category ?? norm!.category),
        eq(proposals.status, "draft"),
        isNull(proposals.rebasedFromId),
        gt(proposals.createdAt, since),
      ),
    )
    .orderBy(desc(proposals.id))
    .get();
  return row?.id ?? null;
}

export function createProposalTx(tx: DB, teamId: string, authorId: string, input: NewProposal, now: number) {
  let normId: number | null = null;
  let baseVersion: number | null = null;
  let category: NormCategory | null = input.kind === "retire" ? null : (input.category ?? null);
  let subject = input.kind === "retire" ? "" : input.title;
  if (input.kind !== "add") {
    const norm = findNorm(teamId, { code: input.normCode });
    if (!norm || norm.status !== "active") return null;
    normId = norm.id;
    baseVersion = norm.currentVersion;
    // A change that does not name a category keeps the norm's.
    if (input.kind === "change") category ??= norm.category;
    subject = norm.code;
  }
  const row = tx
    .insert(proposals)
    .values({
      teamId,
      authorId,
      kind: input.kind,
      normId,
      baseVersion,
      title: input.kind === "retire" ? "" : input.title,
      body: input.body,
      category,
      status: "draft",
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: proposals.id })
    .get();
  audit(tx, { teamId, actorId: authorId, kind: "proposal.created", subject, data: { proposalId: row.id, kind: input.kind }, at: now });
  return row.id;
}

type Loaded = typeof proposals.$inferSelect;

// Most writes to a proposal (a vote above all) start here, so it is built once (see
// preparedOnce); a statement prepared on `db` runs inside the caller's transaction.
const proposalById = preparedOnce(() =>
  db
    .select()
    .from(proposals)
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), eq(proposals.id, sql.placeholder("id"))))
    .prepare(),
);

function load(teamId: string, id: number): Loaded | undefined {
  return proposalById().get({ teamId, id });
}

/**
 * Only the author edits, and only while it is a draft. Retire proposals have only a reason (the body).
 * `savedAt` is the draft's `updatedAt` when the edit form was opened: if the draft was saved since
 * (another tab, another device) with other text, this save would silently undo that one, so it is
 * refused and the caller keeps what was typed. Without `savedAt` (a script) the last save wins.
 */
export function editDraft(
  teamId: string,
  actor: Actor,
  id: number,
  input: { title: string; body: string; category?: NormCategory; savedAt?: number | null },
  now = Date.now(),
): Refusal | { ok: true } {
  return write((tx) => {
    const p = load(teamId, id);
    if (!p) return { refused: "not-found" };
    if (p.authorId !== actor.id) return { refused: "forbidden" };
    if (p.status !== "draft") return { refused: "state", status: p.status };
    const same =
      p.body === input.body && (p.kind === "retire" || (p.title === input.title && p.category === (input.category ?? p.category)));
    // The same text sent twice (a double click) is no conflict: nothing would be lost.
    if (input.savedAt !== undefined && input.savedAt !== p.updatedAt && !same) return { refused: "changed-meanwhile" };
    tx.update(proposals)
      .set(
        p.kind === "retire"
          ? { body: input.body, updatedAt: now }
          : { title: input.title, body: input.body, category: input.category ?? p.category, updatedAt: now },
      )
      .where(eq(proposals.id, p.id))
      .run();
    return { ok: true };
  });
}

/**
 * Every member may comment until the outcome (draft or voting). The same comment by
 * the same author since `repeatSince` (a double click, decision 074) is the first one.
 */
export function addComment(
  teamId: string,
  actor: Actor,
  id: number,
  body: string,
  now = Date.now(),
  repeatSince: number | null = null,
): Refusal | { ok: true; id: number } {
  return write((tx) => {
    const repeated =
      repeatSince !== null &&
      tx
        .select({ id: proposalComments.id })
        .from(proposalComments)
        .where(
          and(
            eq(proposalComments.teamId, teamId),
            eq(proposalComments.proposalId, id),
            eq(proposalComments.authorId, actor.id),
            eq(proposalComments.body, body),
            gt(proposalComments.createdAt, repeatSince),
          ),
        )
        .get();
    return repeated ? { ok: true, id: repeated.id } : addCommentTx(tx, teamId, actor, id, body, now);
  });
}

export function addCommentTx(tx: DB, teamId: string, actor: Actor, id: number, body: string, now: number): Refusal | { ok: true; id: number } {
  const p = load(teamId, id);
  if (!p) return { refused: "not-found" };
  if (p.status !== "draft" && p.status !== "voting") return { refused: "state", status: p.status };
  if (p.status === "voting" && p.closesAt !== null && now >= p.closesAt) {
    closeProposalTx(tx, p.id, { now, actorId: null, early: false });
    return { refused: "too-late" };
  }
  const row = tx
    .insert(proposalComments)
    .values({ teamId, proposalId: p.id, authorId: actor.id, body, createdAt: now })
    .returning({ id: proposalComments.id })
    .get();
  return { ok: true, id: row.id };
}

export type CommentRefusal = Refusal | { refused: "removed" };

const commentById = preparedOnce(() =>
  db
    .select()
    .from(proposalComments)
    .where(
      and(
        eq(proposalComments.teamId, sql.placeholder("teamId")),
        eq(proposalComments.proposalId, sql.placeholder("proposalId")),
        eq(proposalComments.id, sql.placeholder("id")),
      ),
    )
    .prepare(),
);

/**
 * A comment in the thread of an open proposal, for its author to change or remove: once
 * the vote has closed, the discussion is part of how the team decided and stays as it was.
 * A lead may remove any comment at any time (something hurtful, a customer's details).
 */
function commentFor(
  tx: DB,
  teamId: string,
  actor: Actor,
  proposalId: number,
  commentId: number,
  asLead: boolean,
  now: number,
): CommentRefusal | { p: Loaded; c: typeof proposalComments.$inferSelect } {
  const p = load(teamId, proposalId);
  const c = p && commentById().get({ teamId, proposalId, id: commentId });
  if (!p || !c) return { refused: "not-found" };
  if (c.removedAt !== null) return { refused: "removed" };
  if (asLead) return { p, c };
  if (c.authorId !== actor.id) return { refused: "forbidden" };
  if (p.status !== "draft" && p.status !== "voting") return { refused: "state", status: p.status };
  if (p.status === "voting" && p.closesAt !== null && now >= p.closesAt) {
    closeProposalTx(tx, p.id, { now, actorId: null, early: false });
    return { refused: "too-late" };
  }
  return { p, c };
}

/**
 * The author changes their comment while the discussion is open. `savedAt` is the
 * comment's last save when the form was opened: a save from another tab since then is
 * not overwritten unread (as for drafts).
 */
export function editComment(
  teamId: string,
  actor: Actor,
  proposalId: number,
  commentId: number,
  body: string,
  savedAt: number | null,
  now = Date.now(),
): CommentRefusal | { ok: true } {
  return write((tx) => {
    const found = commentFor(tx, teamId, actor, proposalId, commentId, false, now);
    if ("refused" in found) return found;
    const { c } = found;
    if (c.body === body) return { ok: true };
    if (savedAt !== null && savedAt !== (c.editedAt ?? c.createdAt)) return { refused: "changed-meanwhile" };
    tx.update(proposalComments).set({ body, editedAt: now }).where(eq(proposalComments.id, c.id)).run();
    return { ok: true };
  });
}

/**
 * Takes a comment's text out of the thread; its place stays, saying who removed it. The
 * author may while the discussion is open; a lead may always, and the audit log records
 * a lead removing someone else's words.
 */
export function removeComment(
  teamId: string,
  actor: Actor,
  proposalId: number,
  commentId: number,
  now = Date.now(),
): CommentRefusal | { ok: true } {
  return write((tx) => {
    const found = commentFor(tx, teamId, actor, proposalId, commentId, actor.isLead, now);
    // Removed already (a double click, or a lead and the author at once): done.
    if ("refused" in found) return found.refused === "removed" ? { ok: true } : found;
    const { p, c } = found;
    const own = c.authorId === actor.id;
    tx.update(proposalComments)
      .set({ body: "", removedAt: now, removedAs: own ? "author" : "lead" })
      .where(eq(proposalComments.id, c.id))
      .run();
    if (!own) {
      audit(tx, { teamId, actorId: actor.id, kind: "proposal.comment-removed", subject: subjectOf(tx, p), data: { proposalId: p.id }, at: now });
    }
    return { ok: true };
  });
}

// ---------------------------------------------------------------- vote lifecycle

/**
 * Author or lead opens the vote on a draft. The team's rule and quorum are
 * copied onto the proposal: a settings change later does not change this vote.
 */
export function openVote(teamId: string, actor: Actor, id: number, closesAt: number | null, now = Date.now()): Refusal | { ok: true; closesAt: number } {
  return write((tx) => openVoteTx(tx, teamId, actor, id, closesAt, now));
}

export function openVoteTx(tx: DB, teamId: string, actor: Actor, id: number, closesAt: number | null, now: number): Refusal | { ok: true; closesAt: number } {
  const p = load(teamId, id);
  if (!p) return { refused: "not-found" };
  if (p.authorId !== actor.id && !actor.isLead) return { refused: "forbidden" };
  if (p.status !== "draft") return { refused: "state", status: p.status };
  if (p.kind !== "add") {
    const norm = p.normId ? findNorm(teamId, { id: p.normId }) : null;
    if (conflictOnApply(p, norm)) return { refused: norm?.status === "retired" ? "norm-retired" : "stale" };
  }
  const team = tx
    .select({ rule: teams.decisionRule, quorum: teams.quorumPercent, days: teams.voteDays })
    .from(teams)
    .where(eq(teams.id, teamId))
    .get();
  if (!team) return { refused: "not-found" };
  const closes = closesAt ?? addLocalDays(now, team.days);
  tx.update(proposals)
    .set({ status: "voting", votingOpenedAt: now, closesAt: closes, decisionRule: team.rule, quorumPercent: team.quorum, updatedAt: now })
    .where(and(eq(proposals.id, p.id), eq(proposals.status, "draft")))
    .run();
  audit(tx, {
    teamId,
    actorId: actor.id,
    kind: "proposal.vote-opened",
    subject: subjectOf(tx, p),
    data: { proposalId: p.id, closesAt: closes, rule: team.rule, quorumPercent: team.quorum },
    at: now,
  });
  return { ok: true, closesAt: closes };
}

/**
 * One vote per member per proposal (primary key + upsert), changeable until the
 * close. A vote that arrives after the closing time is refused, and the vote is
 * closed right there, in the same transaction.
 */
export function castVote(teamId: string, actor: Actor, id: number, choice: VoteChoice, reason: string, now = Date.now()): Refusal | { ok: true } {
  return write((tx) => castVoteTx(tx, teamId, actor, id, choice, reason, now));
}

export function castVoteTx(tx: DB, teamId: string, actor: Actor, id: number, choice: VoteChoice, reason: string, now: number): Refusal | { ok: true } {
  const p = load(teamId, id);
  if (!p) return { refused: "not-found" };
  if (p.status !== "voting") return { refused: "state", status: p.status };
  if (p.closesAt !== null && now >= p.closesAt) {
    closeProposalTx(tx, p.id, { now, actorId: null, early: false });
    return { refused: "too-late" };
  }
  upsertVote().run({ teamId, proposalId: p.id, userId: actor.id, choice, reason, now });
  return { ok: true };
}

// The most frequent write of the app, built once (see preparedOnce).
const upsertVote = preparedOnce(() =>
  db
    .insert(votes)
    .values({
      teamId: sql.placeholder("teamId"),
      proposalId: sql.placeholder("proposalId"),
      userId: sql.placeholder("userId"),
      choice: sql.placeholder("choice"),
      reason: sql.placeholder("reason"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: [votes.proposalId, votes.userId],
      set: { choice: sql`excluded.choice`, reason: sql`excluded.reason`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare(),
);

/** A lead closes the vote before its time. */
export function closeEarly(teamId: string, actor: Actor, id: number, now = Date.now()): Refusal | { ok: true; status: ProposalStatus } {
  if (!actor.isLead) return { refused: "forbidden" };
  // Votes that were already due close first, in order, so agreement versions follow the closing times.
  closeDueVotes(teamId, now);
  return write((tx) => {
    const p = load(teamId, id);
    if (!p) return { refused: "not-found" };
    if (p.status !== "voting") return { refused: "state", status: p.status };
    const status = closeProposalTx(tx, p.id, { now, actorId: actor.id, early: true });
    return status ? { ok: true, status } : { refused: "state", status: p.status };
  });
}

/** Author or lead withdraws a draft or an open vote. */
export function withdraw(teamId: string, actor: Actor, id: number, now = Date.now()): Refusal | { ok: true } {
  return write((tx) => {
    const p = load(teamId, id);
    if (!p) return { refused: "not-found" };
    if (p.authorId !== actor.id && !actor.isLead) return { refused: "forbidden" };
    if (p.status !== "draft" && p.status !== "voting") return { refused: "state", status: p.status };
    const res = tx
      .update(proposals)
      .set({ status: "withdrawn", withdrawnBy: actor.id, closedAt: now, updatedAt: now })
      .where(and(eq(proposals.id, p.id), inArray(proposals.status, ["draft", "voting"])))
      .run();
    if (res.changes !== 1) return { refused: "state", status: p.status };
    audit(tx, { teamId, actorId: actor.id, kind: "proposal.withdrawn", subject: subjectOf(tx, p), data: { proposalId: p.id, from: p.status }, at: now });
    return { ok: true };
  });
}

/**
 * The author brings a proposal up to date with its norm's current version. A
 * draft is moved onto the new base in place; a proposal whose adoption ended in
 * `conflict` is copied into a new draft (the conflict stays on record).
 */
export function rebase(teamId: string, actor: Actor, id: number, now = Date.now()): Refusal | { ok: true; id: number; overlaps: string[] } {
  return write((tx) => {
    const p = load(teamId, id);
    if (!p) return { refused: "not-found" };
    if (p.authorId !== actor.id) return { refused: "forbidden" };
    if (p.status !== "draft" && p.status !== "conflict") return { refused: "state", status: p.status };
    const norm = p.normId ? findNorm(teamId, { id: p.normId }) : null;
    if (!norm || norm.status !== "active") return { refused: "norm-retired" };
    // A change is laid over what was adopted since (its words, not the whole text);
    // a retirement's text is its reason, which no adopted version touches.
    const base = p.kind === "change" && p.baseVersion !== null ? normVersionText(tx, norm.id, p.baseVersion) : null;
    const kept = { title: p.title, body: p.body, category: p.category, overlaps: [] };
    const text = base ? rebaseText(base, { title: p.title, body: p.body, category: p.category ?? base.category }, norm) : kept;
    if (p.status === "draft") {
      if (p.baseVersion === norm.currentVersion) return { ok: true, id: p.id, overlaps: [] };
      const changed = text.title !== p.title || text.body !== p.body || text.category !== p.category;
      // Only a changed text is a new save: an edit form opened before an update that kept
      // the text (savedAt, see editDraft) still saves without a false "saved meanwhile".
      tx.update(proposals)
        .set({ baseVersion: norm.currentVersion, title: text.title, body: text.body, category: text.category, ...(changed ? { updatedAt: now } : {}) })
        .where(eq(proposals.id, p.id))
        .run();
      audit(tx, { teamId, actorId: actor.id, kind: "proposal.rebased", subject: norm.code, data: { proposalId: p.id, from: p.baseVersion, to: norm.currentVersion }, at: now });
      return { ok: true, id: p.id, overlaps: text.overlaps };
    }
    // A conflict is copied once: posting "rebase" again (a double click, a retried request)
    // leads to the copy made the first time instead of a second draft.
    // The same warning as the first time, should the author have missed it.
    const copy = findRebasedCopy(teamId, p.id, tx);
    if (copy !== null) return { ok: true, id: copy, overlaps: text.overlaps };
    const row = tx
      .insert(proposals)
      .values({
        teamId,
        authorId: actor.id,
        kind: p.kind,
        normId: p.normId,
        baseVersion: norm.currentVersion,
        title: text.title,
        body: text.body,
        category: text.category,
        status: "draft",
        rebasedFromId: p.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: proposals.id })
      .get();
    audit(tx, { teamId, actorId: actor.id, kind: "proposal.rebased", subject: norm.code, data: { proposalId: row.id, from: p.id, to: norm.currentVersion }, at: now });
    return { ok: true, id: row.id, overlaps: text.overlaps };
  });
}

/**
 * Closes one vote, exactly once: the status moves from `voting` with a guarded
 * UPDATE, and only the transaction that made that change applies the outcome.
 * Counted are the votes of people who are members at the close, cast before the
 * closing time; the rule and quorum are those stored when the vote opened.
 * Returns the new status, or null when there was nothing to close.
 */
export function closeProposalTx(tx: DB, id: number, opts: { now: number; actorId: string | null; early: boolean }): ProposalStatus | null {
  const p = tx.select().from(proposals).where(and(eq(proposals.id, id), eq(proposals.status, "voting"))).get();
  if (!p || p.closesAt === null) return null;
  if (!opts.early && p.closesAt > opts.now) return null;
  const closedAt = opts.early ? Math.min(opts.now, p.closesAt) : p.closesAt;

  const counted = tx
    .select({ choice: votes.choice, n: count() })
    .from(votes)
    .innerJoin(memberships, and(eq(memberships.teamId, votes.teamId), eq(memberships.userId, votes.userId)))
    .where(and(eq(votes.proposalId, p.id), opts.early ? undefined : lt(votes.updatedAt, closedAt)))
    .groupBy(votes.choice)
    .all();
  const t: Tally = { agree: 0, object: 0, abstain: 0 };
  for (const row of counted) t[row.choice] = row.n;
  const memberCount = tx.select({ n: count() }).from(memberships).where(eq(memberships.teamId, p.teamId)).get()?.n ?? 0;
  const rule: DecisionRule = p.decisionRule ?? "majority";
  const decision = decide({ rule, quorumPercent: p.quorumPercent ?? 50, memberCount, tally: t });

  const norm = p.normId ? findNorm(p.teamId, { id: p.normId }) : null;
  const conflict = decision.outcome === "adopted" ? conflictOnApply(p, norm) : null;
  const status: ProposalStatus = conflict ? "conflict" : decision.outcome;

  const res = tx
    .update(proposals)
    .set({
      status,
      closedAt,
      closedBy: opts.actorId,
      memberCountAtClose: memberCount,
      tallyAgree: t.agree,
      tallyObject: t.object,
      tallyAbstain: t.abstain,
      outcomeReason: conflict ?? decision.reason,
      updatedAt: opts.now,
    })
    .where(and(eq(proposals.id, p.id), eq(proposals.status, "voting")))
    .run();
  if (res.changes !== 1) return null;

  let subject = norm?.code ?? p.title;
  // Adopted at its closing time, even when noticed later (server down at the deadline):
  // the norm's version and the agreement's carry the day the vote decided.
  if (status === "adopted") subject = applyTx(tx, p, norm, closedAt, opts.actorId);
  audit(tx, {
    teamId: p.teamId,
    actorId: opts.actorId,
    kind: "proposal.closed",
    subject,
    data: {
      proposalId: p.id,
      outcome: status,
      reason: conflict ?? decision.reason,
      early: opts.early,
      rule,
      quorumPercent: p.quorumPercent,
      members: memberCount,
      agree: t.agree,
      object: t.object,
      abstain: t.abstain,
    },
    at: closedAt,
  });
  return status;
}

/** Adoption: the norm change and a new agreement version, in the closing transaction. Returns the norm code. */
function applyTx(tx: DB, p: Loaded, norm: ReturnType<typeof findNorm>, at: number, actorId: string | null) {
  const ctx = { teamId: p.teamId, actorId, proposalId: p.id, at };
  const category = p.category ?? norm?.category ?? "other";
  if (p.kind === "add") {
    const created = createNormTx(tx, ctx, { title: p.title, body: p.body, category });
    // The proposal now points at the norm it created, for the norm's history.
    tx.update(proposals).set({ normId: created.normId }).where(eq(proposals.id, p.id)).run();
    publishAgreementVersionTx(tx, { ...ctx, changeKind: "add", normId: created.normId, normCode: created.code, normVersion: 1 });
    return created.code;
  }
  if (!norm) throw new Error(`proposal ${p.id}: norm vanished after the conflict check`);
  if (p.kind === "change") {
    const version = addNormVersionTx(tx, ctx, norm, { title: p.title, body: p.body, category });
    publishAgreementVersionTx(tx, { ...ctx, changeKind: "change", normId: norm.id, normCode: norm.code, normVersion: version });
  } else {
    retireNormTx(tx, ctx, norm);
    publishAgreementVersionTx(tx, { ...ctx, changeKind: "retire", normId: norm.id, normCode: norm.code, normVersion: norm.currentVersion });
  }
  return norm.code;
}

function subjectOf(tx: DB, p: Loaded) {
  if (p.kind === "add") return p.title.slice(0, 160);
  const norm = p.normId ? tx.select({ code: norms.code }).from(norms).where(eq(norms.id, p.normId)).get() : null;
  return norm?.code ?? "";
}

/**
 * Closes every vote whose time is up, oldest first, each in its own transaction.
 * Called by the sweep (all teams) and by team page loaders (one team), so no
 * outcome waits for somebody to open the proposal. One statement when nothing is due.
 */
export function closeDueVotes(teamId: string | null, now = Date.now()) {
  const due = teamId ? dueVotesOfTeam().all({ teamId, now }) : dueVotesEverywhere().all({ now });
  let closed = 0;
  for (const { id } of due) if (write((tx) => closeProposalTx(tx, id, { now, actorId: null, early: false }))) closed++;
  return closed;
}

const dueVotes = (byTeam: boolean) =>
  db
    .select({ id: proposals.id })
    .from(proposals)
    .where(
      and(
        eq(proposals.status, "voting"),
        lte(proposals.closesAt, sql.placeholder("now")),
        byTeam ? eq(proposals.teamId, sql.placeholder("teamId")) : undefined,
      ),
    )
    .orderBy(asc(proposals.closesAt), asc(proposals.id))
    .prepare();
// The team home, proposal and norm pages ask this on every visit: built once (see preparedOnce).
const dueVotesOfTeam = preparedOnce(() => dueVotes(true));
const dueVotesEverywhere = preparedOnce(() => dueVotes(false));

registerSweep((now) => closeDueVotes(null, now));

// ---------------------------------------------------------------- reading

const memberCountQuery = preparedOnce(() =>
  db.select({ n: count() }).from(memberships).where(eq(memberships.teamId, sql.placeholder("teamId"))).prepare(),
);
const memberCountOf = (teamId: string) => memberCountQuery().get({ teamId })?.n ?? 0;

/** The draft a conflict proposal was copied into by a rebase, if any (the latest). */
export function findRebasedCopy(teamId: string, id: number, tx: DB = db): number | null {
  return (
    tx
      .select({ id: proposals.id })
      .from(proposals)
      .where(and(eq(proposals.teamId, teamId), eq(proposals.rebasedFromId, id)))
      .orderBy(desc(proposals.id))
      .get()?.id ?? null
  );
}

const proposalMeta = preparedOnce(() =>
  db
    .select({ id: proposals.id, authorId: proposals.authorId, kind: proposals.kind, status: proposals.status, normCode: norms.code })
    .from(proposals)
    .leftJoin(norms, eq(norms.id, proposals.normId))
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), eq(proposals.id, sql.placeholder("id"))))
    .prepare(),
);

/** A rejected or withdrawn proposal's text, to start a new one from ("propose again"); otherwise null. */
export function endedProposalText(teamId: string, id: number) {
  const p = load(teamId, id);
  if (!p || (p.status !== "rejected" && p.status !== "withdrawn")) return null;
  const norm = p.normId ? db.select({ code: norms.code }).from(norms).where(and(eq(norms.teamId, teamId), eq(norms.id, p.normId))).get() : undefined;
  return { id: p.id, kind: p.kind, normCode: norm?.code ?? null, title: p.title, body: p.body, category: p.category };
}

/** What an action needs to check permissions before it validates input (one statement). */
export function getProposalMeta(teamId: string, id: number) {
  return proposalMeta().get({ teamId, id }) ?? null;
}

// The proposal page's queries are built once: building their SQL cost more than running it.
const proposalRow = preparedOnce(() =>
  db
    .select({
      proposal: proposals,
      authorName: users.name,
      norm: { id: norms.id, code: norms.code, status: norms.status, currentVersion: norms.currentVersion },
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .leftJoin(norms, eq(norms.id, proposals.normId))
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), eq(proposals.id, sql.placeholder("id"))))
    .prepare(),
);

const proposalNormVersions = preparedOnce(() =>
  db
    .select({ version: normVersions.version, title: normVersions.title, body: normVersions.body, category: normVersions.category })
    .from(normVersions)
    .where(
      and(
        eq(normVersions.teamId, sql.placeholder("teamId")),
        eq(normVersions.normId, sql.placeholder("normId")),
        inArray(normVersions.version, [sql.placeholder("base"), sql.placeholder("current")]),
      ),
    )
    .prepare(),
);

const proposalCommentRows = preparedOnce(() =>
  db
    .select({
      id: proposalComments.id,
      body: proposalComments.body,
      createdAt: proposalComments.createdAt,
      editedAt: proposalComments.editedAt,
      removedAt: proposalComments.removedAt,
      removedAs: proposalComments.removedAs,
      authorId: proposalComments.authorId,
      authorName: users.name,
    })
    .from(proposalComments)
    .leftJoin(users, eq(users.id, proposalComments.authorId))
    .where(and(eq(proposalComments.teamId, sql.placeholder("teamId")), eq(proposalComments.proposalId, sql.placeholder("id"))))
    .orderBy(asc(proposalComments.id))
    .prepare(),
);

const proposalVoteRows = preparedOnce(() =>
  db
    .select({
      userId: votes.userId,
      name: users.name,
      choice: votes.choice,
      reason: votes.reason,
      updatedAt: votes.updatedAt,
      member: memberships.userId,
    })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.userId))
    .leftJoin(memberships, and(eq(memberships.teamId, votes.teamId), eq(memberships.userId, votes.userId)))
    .where(and(eq(votes.teamId, sql.placeholder("teamId")), eq(votes.proposalId, sql.placeholder("id"))))
    .orderBy(asc(users.name), asc(users.id))
    .prepare(),
);

/**
 * The proposal page in five statements: the proposal with its author and norm,
 * the base and current versions of that norm, the comments, the votes, the team size.
 */
export function getProposalPage(teamId: string, id: number) {
  const row = proposalRow().get({ teamId, id });
  if (!row) return null;
  const p = row.proposal;
  const norm = row.norm?.id ? row.norm : null;
  const versions = norm
    ? proposalNormVersions().all({ teamId, normId: norm.id, base: p.baseVersion ?? norm.currentVersion, current: norm.currentVersion })
    : [];
  return {
    proposal: p,
    authorName: row.authorName,
    norm,
    baseVersion: versions.find((v) => v.version === (p.baseVersion ?? norm?.currentVersion)) ?? null,
    currentVersion: versions.find((v) => v.version === norm?.currentVersion) ?? null,
    comments: proposalCommentRows().all({ teamId, id: p.id }),
    votes: proposalVoteRows().all({ teamId, id: p.id }),
    memberCount: memberCountOf(teamId),
  };
}

const proposalList = (only: "all" | "open") => {
  const voteCount = sql<number>`(select count(*) from ${votes} v
    join ${memberships} m on m.team_id = v.team_id and m.user_id = v.user_id
    where v.proposal_id = ${proposals.id})`;
  const myVote = sql<string | null>`(select v.choice from ${votes} v where v.proposal_id = ${proposals.id} and v.user_id = ${sql.placeholder("userId")})`;
  return db
    .select({
      id: proposals.id,
      kind: proposals.kind,
      status: proposals.status,
      title: proposals.title,
      authorName: users.name,
      authorId: proposals.authorId,
      normCode: norms.code,
      normTitle: normVersions.title,
      // A change or retirement written against an older version of its norm.
      stale: sql<number>`(${proposals.kind} != 'add' and ${proposals.baseVersion} is not ${norms.currentVersion})`,
      createdAt: proposals.createdAt,
      updatedAt: proposals.updatedAt,
      closesAt: proposals.closesAt,
      closedAt: proposals.closedAt,
      outcomeReason: proposals.outcomeReason,
      voteCount,
      myVote,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .leftJoin(norms, eq(norms.id, proposals.normId))
    .leftJoin(normVersions, normVersionOn(norms.id, norms.currentVersion))
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), only === "open" ? inArray(proposals.status, ["draft", "voting"]) : undefined))
    .orderBy(desc(proposals.updatedAt), desc(proposals.id))
    .prepare();
};
// The team home lists the open ones on every visit: both lists are built once.
const allProposals = preparedOnce(() => proposalList("all"));
const openProposals = preparedOnce(() => proposalList("open"));

/** The proposals of a team (all, or only drafts and open votes) with vote counts and `userId`'s vote (two statements). */
export function listProposals(teamId: string, userId: string, only: "all" | "open" = "all") {
  const rows = (only === "open" ? openProposals() : allProposals()).all({ teamId, userId });
  return { proposals: rows, memberCount: memberCountOf(teamId) };
}

export type ProposalListItem = ReturnType<typeof listProposals>["proposals"][number];

// ---------------------------------------------------------------- the closed list

export { ENDED_STATUSES, isEndedStatus, type EndedStatus };
export const CLOSED_PAGE_SIZE = 50;
// The shared list names only statuses the table has.
ENDED_STATUSES satisfies readonly ProposalStatus[];

// When a proposal left the open work: its close (withdrawals set it too), else its last change.
const endedAt = sql<number>`coalesce(${proposals.closedAt}, ${proposals.updatedAt})`;
// The calendar year of that moment in the app's time zone: the zone's offset on New Year's
// night (no summer time then) is passed in as `yearShift`, in milliseconds.
const endedYear = sql<number>`cast(strftime('%Y', (${endedAt} + ${sql.placeholder("yearShift")}) / 1000, 'unixepoch') as integer)`;

/** The offset of the app's time zone at the turn of the year (Amsterdam: one hour). */
function yearShift(now = Date.now()) {
  const year = new Date(now).getUTCFullYear();
  const local = parseLocalDateTime(`${year}-01-01T00:00`);
  return local === null ? 0 : Date.UTC(year, 0, 1) - local;
}

// Every norm of the team, retired ones too, for the norm filter: by number.
const teamNormChoices = preparedOnce(() =>
  db
    .select({ id: norms.id, code: norms.code, status: norms.status, title: normVersions.title })
    .from(norms)
    .leftJoin(normVersions, normVersionOn(norms.id, norms.currentVersion))
    .where(eq(norms.teamId, sql.placeholder("teamId")))
    .orderBy(asc(norms.number))
    .prepare(),
);

// How many closed proposals per status, norm and year: the counts, the year choices and the
// page count from one statement (a few dozen rows however long the history).
const closedFacets = preparedOnce(() =>
  db
    .select({ status: proposals.status, normId: proposals.normId, year: endedYear, n: count() })
    .from(proposals)
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), inArray(proposals.status, [...ENDED_STATUSES])))
    .groupBy(proposals.status, proposals.normId, endedYear)
    .prepare(),
);

// One page of them, newest first. Unused filters get values that match everything:
// all four statuses, a null norm, year 0.
const closedPage = preparedOnce(() =>
  db
    .select({
      id: proposals.id,
      kind: proposals.kind,
      status: proposals.status,
      title: proposals.title,
      authorName: users.name,
      normCode: norms.code,
      normTitle: normVersions.title,
      closedAt: endedAt,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .leftJoin(norms, eq(norms.id, proposals.normId))
    .leftJoin(normVersions, normVersionOn(norms.id, norms.currentVersion))
    .where(
      and(
        eq(proposals.teamId, sql.placeholder("teamId")),
        inArray(proposals.status, [sql.placeholder("s1"), sql.placeholder("s2"), sql.placeholder("s3"), sql.placeholder("s4")]),
        sql`(${sql.placeholder("normId")} is null or ${proposals.normId} = ${sql.placeholder("normId")})`,
        sql`(${sql.placeholder("year")} = 0 or ${endedYear} = ${sql.placeholder("year")})`,
      ),
    )
    .orderBy(desc(endedAt), desc(proposals.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(),
);

export type ClosedFilter = { status: EndedStatus | null; normCode: string | null; year: number | null; page: number };

/**
 * The team's closed proposals, filtered and one page at a time (three statements, whatever
 * the history). A filter value the team has no use for (a norm code it never had, a year
 * without closed proposals) is dropped; a page past the end is the last page. `filter`
 * in the answer is what was applied, for the form and the links.
 */
export function listClosedProposals(teamId: string, asked: ClosedFilter, pageSize = CLOSED_PAGE_SIZE, now = Date.now()) {
  const shift = yearShift(now);
  const normChoices = teamNormChoices().all({ teamId });
  const norm = asked.normCode === null ? null : (normChoices.find((n) => n.code === asked.normCode) ?? null);
  const facets = closedFacets().all({ teamId, yearShift: shift });
  const years = [...new Set(facets.map((f) => f.year))].sort((a, b) => b - a);
  const year = asked.year !== null && years.includes(asked.year) ? asked.year : null;
  const counts: Record<EndedStatus, number> = { adopted: 0, rejected: 0, conflict: 0, withdrawn: 0 };
  let all = 0;
  for (const f of facets) {
    all += f.n;
    if ((norm === null || f.normId === norm.id) && (year === null || f.year === year) && isEndedStatus(f.status)) counts[f.status] += f.n;
  }
  const status = asked.status;
  const matching = status ? counts[status] : counts.adopted + counts.rejected + counts.conflict + counts.withdrawn;
  const pages = Math.max(1, Math.ceil(matching / pageSize));
  const page = Math.min(Math.max(1, Math.floor(asked.page) || 1), pages);
  const statuses = status ? [status, status, status, status] : ENDED_STATUSES;
  const rows = closedPage().all({
    teamId,
    s1: statuses[0],
    s2: statuses[1],
    s3: statuses[2],
    s4: statuses[3],
    normId: norm?.id ?? null,
    year: year ?? 0,
    yearShift: shift,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    rows,
    filter: { status, normCode: norm?.code ?? null, year, page } satisfies ClosedFilter,
    counts,
    all,
    matching,
    pages,
    pageSize,
    years,
    norms: normChoices.map(({ code, status, title }) => ({ code, status, title })),
  };
}

export type ClosedProposalItem = ReturnType<typeof listClosedProposals>["rows"][number];
