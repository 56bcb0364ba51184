import { and, asc, desc, eq, gt, isNotNull, isNull, lt, not, or, sql, type AnyColumn } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  checkinCycles,
  conversationActions,
  conversationNoteRevisions,
  conversationNotes,
  conversations,
  cycleParticipants,
  memberships,
  norms,
  users,
} from "../../db/schema";
import type { DB } from "../../db/client";
import { distinctNames } from "../names";
import { compareCodePoints } from "../domain/random";
import { db, preparedOnce, write } from "../db.server";
import { audit } from "./audit.server";

export type Visibility = "shared" | "private";

/**
 * Whether a person is (still) a member of the team: someone removed keeps their
 * conversations as a record, closed to new notes and actions, and their open actions
 * are nobody's work any more.
 */
const stillMember = (teamId: AnyColumn, userId: AnyColumn) =>
  sql<number>`exists (select 1 from ${memberships} m where m.team_id = ${teamId} and m.user_id = ${userId})`;

/** Whether a person took part in a cycle (removal from the team ends it, decision 030). */
const tookPart = (cycleId: AnyColumn, userId: AnyColumn) =>
  sql`exists (select 1 from ${cycleParticipants} p where p.cycle_id = ${cycleId} and p.user_id = ${userId})`;

/** The same as stillMember, inside a write: checked in the transaction that would add to the record. */
function isMember(tx: DB, teamId: string, userId: string) {
  return !!tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId))).get();
}

const heldBy = alias(users, "held_by");

// The conversation page's queries are built once: building their SQL cost more than running it.
const conversationScope = preparedOnce(() =>
  db
    .select({
      cycleId: checkinCycles.id,
      title: checkinCycles.title,
      status: checkinCycles.status,
      openedAt: checkinCycles.openedAt,
      closesAt: checkinCycles.closesAt,
      closedAt: checkinCycles.closedAt,
      anonymityThreshold: checkinCycles.anonymityThreshold,
      memberName: users.name,
      // A member removed from the team keeps their conversations as a record, closed to new notes and actions.
      inTeam: stillMember(checkinCycles.teamId, users.id),
      // The conversation itself once begun (a note, an action, "held"); null before.
      conversationId: conversations.id,
      heldAt: conversations.heldAt,
      heldByName: heldBy.name,
    })
    .from(checkinCycles)
    .innerJoin(users, eq(users.id, sql.placeholder("memberId")))
    .leftJoin(conversations, and(eq(conversations.cycleId, checkinCycles.id), eq(conversations.memberId, users.id)))
    .leftJoin(heldBy, eq(heldBy.id, conversations.heldBy))
    .where(
      and(
        eq(checkinCycles.teamId, sql.placeholder("teamId")),
        eq(checkinCycles.id, sql.placeholder("cycleId")),
        // A participant; or someone removed while the cycle ran (which ends their
        // participation, decision 030) whose conversation had begun: it stays readable.
        or(tookPart(checkinCycles.id, users.id), isNotNull(conversations.id)),
      ),
    )
    .prepare(),
);

/**
 * The cycle (of this team), whether `memberId` took part in it (or has a conversation
 * in it), and the conversation once begun; null when the cycle or the member is missing.
 */
export function findConversationScope(teamId: string, cycleId: number, memberId: string) {
  return conversationScope().get({ teamId, cycleId, memberId }) ?? null;
}
export type ConversationScope = NonNullable<ReturnType<typeof findConversationScope>>;

// One conversation's notes a viewer may read: the member's statements cannot match a private note.
const readableNotes = (viewerIsLead: boolean) =>
  and(
    eq(conversationNotes.teamId, sql.placeholder("teamId")),
    eq(conversationNotes.conversationId, sql.placeholder("conversationId")),
    viewerIsLead ? undefined : eq(conversationNotes.visibility, "shared"),
  );

const noteRows = (viewerIsLead: boolean) =>
  db
    .select({
      id: conversationNotes.id,
      visibility: conversationNotes.visibility,
      body: conversationNotes.body,
      authorId: conversationNotes.authorId,
      authorName: users.name,
      createdAt: conversationNotes.createdAt,
      updatedAt: conversationNotes.updatedAt,
      revisions: sql<number>`(select count(*) from ${conversationNoteRevisions} r where r.note_id = ${conversationNotes.id})`,
    })
    .from(conversationNotes)
    .leftJoin(users, eq(users.id, conversationNotes.authorId))
    .where(readableNotes(viewerIsLead))
    .orderBy(asc(conversationNotes.id))
    .prepare();
// Two prepared variants rather than one with a viewer flag: the member's statement has
// no way to return a private note, whatever value is bound to it.
const notesForLead = preparedOnce(() => noteRows(true));
const sharedNotes = preparedOnce(() => noteRows(false));

/**
 * Everything the conversation page shows, in a fixed number of statements.
 * Private notes are filtered out in SQL for non-leads, so they never reach a member's page.
 */
export function loadConversation(teamId: string, scope: ConversationScope, memberId: string, viewerIsLead: boolean) {
  const { cycleId, openedAt: cycleOpenedAt } = scope;
  const conversation = scope.conversationId === null ? null : { id: scope.conversationId, heldAt: scope.heldAt, heldByName: scope.heldByName };
  const notes = conversation
    ? (viewerIsLead ? notesForLead() : sharedNotes()).all({ teamId, conversationId: conversation.id })
    : [];

  // This conversation's actions, plus open ones carried over from the member's earlier cycles.
  const actions = listMemberActions(teamId, memberId, {
    conversationId: conversation?.id ?? -1,
    openedBefore: cycleOpenedAt,
    cycleId,
  });

  return {
    conversation,
    notes,
    actions: actions.filter((a) => a.conversationId === conversation?.id),
    carriedOver: actions.filter((a) => a.conversationId !== conversation?.id),
  };
}

const closedBy = alias(users, "closed_by");

const actionColumns = {
  id: conversationActions.id,
  conversationId: conversationActions.conversationId,
  text: conversationActions.text,
  dueOn: conversationActions.dueOn,
  doneAt: conversationActions.doneAt,
  closedAs: conversationActions.closedAs,
  closedByName: closedBy.name,
  createdAt: conversationActions.createdAt,
  normCode: norms.code,
  normRetired: sql<number>`${norms.status} = 'retired'`,
  cycleId: checkinCycles.id,
  cycleTitle: checkinCycles.title,
};

// An action with the cycle of its conversation, the code of its norm and who closed it, as the lists show it.
const actionsWithCycle = () =>
  db
    .select(actionColumns)
    .from(conversationActions)
    .innerJoin(conversations, eq(conversations.id, conversationActions.conversationId))
    .innerJoin(checkinCycles, eq(checkinCycles.id, conversations.cycleId))
    .leftJoin(norms, eq(norms.id, conversationActions.normId))
    .leftJoin(closedBy, eq(closedBy.id, conversationActions.doneBy));

const memberActions = preparedOnce(() =>
  actionsWithCycle()
    .where(
      and(
        eq(conversationActions.teamId, sql.placeholder("teamId")),
        eq(conversationActions.memberId, sql.placeholder("memberId")),
        or(
          eq(conversationActions.conversationId, sql.placeholder("conversationId")),
          // Earlier cycles' actions still open, or closed on this cycle's conversation
          // page: the follow-up shows where it happened ("done on … by …"), and no other
          // conversation claims it.
          and(
            lt(checkinCycles.openedAt, sql.placeholder("openedBefore")),
            or(isNull(conversationActions.doneAt), eq(conversationActions.closedInCycleId, sql.placeholder("cycleId"))),
          ),
        ),
      ),
    )
    .orderBy(asc(conversationActions.id))
    .prepare(),
);

function listMemberActions(teamId: string, memberId: string, scope: { conversationId: number; openedBefore: number; cycleId: number }) {
  return memberActions().all({ teamId, memberId, ...scope });
}

// The team home shows these on every visit (see preparedOnce).
const openActionsOfMember = preparedOnce(() =>
  actionsWithCycle()
    .where(
      and(
        eq(conversationActions.teamId, sql.placeholder("teamId")),
        eq(conversationActions.memberId, sql.placeholder("memberId")),
        isNull(conversationActions.doneAt),
      ),
    )
    .orderBy(sql`${conversationActions.dueOn} is null`, asc(conversationActions.dueOn), asc(conversationActions.id))
    .prepare(),
);

/** A member's open actions across all cycles, soonest due first (undated last). */
export function openActionsForMember(teamId: string, memberId: string) {
  return openActionsOfMember().all({ teamId, memberId });
}

const openActionCount = preparedOnce(() =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(conversationActions)
    .where(
      and(
        eq(conversationActions.teamId, sql.placeholder("teamId")),
        eq(conversationActions.normId, sql.placeholder("normId")),
        isNull(conversationActions.doneAt),
        // A removed member's actions are nobody's work any more.
        stillMember(conversationActions.teamId, conversationActions.memberId),
      ),
    )
    .prepare(),
);

/** How many open actions of the team's members point at a norm: a count only, never note or action text. */
export function openActionCountForNorm(teamId: string, normId: number) {
  return openActionCount().get({ teamId, normId })?.n ?? 0;
}

function ensureConversation(tx: DB, teamId: string, cycleId: number, memberId: string, now: number) {
  tx.insert(conversations)
    .values({ teamId, cycleId, memberId, createdAt: now })
    .onConflictDoNothing({ target: [conversations.cycleId, conversations.memberId] })
    .run();
  return tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.cycleId, cycleId), eq(conversations.memberId, memberId)))
    .get()!.id;
}

export function addNote(
  teamId: string,
  cycleId: number,
  memberId: string,
  authorId: string,
  visibility: Visibility,
  body: string,
  now = Date.now(),
  repeatSince: number | null = null,
) {
  return write((tx) => {
    if (!isMember(tx, teamId, memberId)) return null;
    const conversationId = ensureConversation(tx, teamId, cycleId, memberId, now);
    // The same note by its author since `repeatSince` (a double click) is the first one (decision 074).
    const repeated =
      repeatSince !== null &&
      tx
        .select({ id: conversationNotes.id })
        .from(conversationNotes)
        .where(
          and(
            eq(conversationNotes.teamId, teamId),
            eq(conversationNotes.conversationId, conversationId),
            eq(conversationNotes.authorId, authorId),
            eq(conversationNotes.visibility, visibility),
            eq(conversationNotes.body, body),
            gt(conversationNotes.createdAt, repeatSince),
          ),
        )
        .get();
    if (repeated) return repeated.id;
    return tx
      .insert(conversationNotes)
      .values({ teamId, conversationId, authorId, visibility, body, createdAt: now, updatedAt: now })
      .returning({ id: conversationNotes.id })
      .get().id;
  });
}

export type NoteEdit = "ok" | "not-found" | "not-author" | "changed-meanwhile";

/** Only the author edits a note; the previous text is kept as a revision. */
export function editNote(
  teamId: string,
  cycleId: number,
  memberId: string,
  noteId: number,
  editorId: string,
  viewerIsLead: boolean,
  body: string,
  savedAt?: number | null,
  now = Date.now(),
): NoteEdit {
  return write((tx) => {
    const note = tx
      .select({
        id: conversationNotes.id,
        body: conversationNotes.body,
        authorId: conversationNotes.authorId,
        visibility: conversationNotes.visibility,
        updatedAt: conversationNotes.updatedAt,
      })
      .from(conversationNotes)
      .innerJoin(conversations, eq(conversations.id, conversationNotes.conversationId))
      .where(
        and(
          eq(conversationNotes.teamId, teamId),
          eq(conversationNotes.id, noteId),
          eq(conversations.cycleId, cycleId),
          eq(conversations.memberId, memberId),
        ),
      )
      .get();
    // A member must not even learn that a private note with this id exists.
    if (!note || (note.visibility === "private" && !viewerIsLead)) return "not-found";
    if (note.authorId !== editorId) return "not-author";
    if (note.body === body) return "ok";
    // Saved from another tab since this edit form was opened (`savedAt`, as for drafts):
    // the later save would replace it without anyone having read it.
    if (savedAt !== undefined && savedAt !== note.updatedAt) return "changed-meanwhile";
    tx.insert(conversationNoteRevisions).values({ teamId, noteId, body: note.body, editedAt: now }).run();
    tx.update(conversationNotes).set({ body, updatedAt: now }).where(eq(conversationNotes.id, noteId)).run();
    return "ok";
  });
}

const revisionRows = (viewerIsLead: boolean) =>
  db
    .select({ noteId: conversationNoteRevisions.noteId, body: conversationNoteRevisions.body, editedAt: conversationNoteRevisions.editedAt })
    .from(conversationNoteRevisions)
    .innerJoin(conversationNotes, eq(conversationNotes.id, conversationNoteRevisions.noteId))
    .where(readableNotes(viewerIsLead))
    .orderBy(desc(conversationNoteRevisions.id))
    .prepare();
// As with the notes: the member's statement cannot return a private note's history.
const revisionsForLead = preparedOnce(() => revisionRows(true));
const sharedRevisions = preparedOnce(() => revisionRows(false));

/** Earlier texts of the conversation's notes the viewer may read, newest first. */
export function noteRevisions(teamId: string, conversationId: number, viewerIsLead: boolean) {
  return (viewerIsLead ? revisionsForLead() : sharedRevisions()).all({ teamId, conversationId });
}

export function addAction(
  teamId: string,
  cycleId: number,
  memberId: string,
  memberName: string,
  createdBy: string,
  input: { text: string; normId: number | null; dueOn: string | null },
  now = Date.now(),
  repeatSince: number | null = null,
) {
  return write((tx) => {
    if (!isMember(tx, teamId, memberId)) return null;
    const conversationId = ensureConversation(tx, teamId, cycleId, memberId, now);
    // The same action since `repeatSince` (a double click) is the first one (decision 074).
    const repeated =
      repeatSince !== null &&
      tx
        .select({ id: conversationActions.id })
        .from(conversationActions)
        .where(
          and(
            eq(conversationActions.teamId, teamId),
            eq(conversationActions.conversationId, conversationId),
            eq(conversationActions.createdBy, createdBy),
            eq(conversationActions.text, input.text),
            sql`${conversationActions.normId} is ${input.normId}`,
            sql`${conversationActions.dueOn} is ${input.dueOn}`,
            gt(conversationActions.createdAt, repeatSince),
          ),
        )
        .get();
    if (repeated) return repeated.id;
    const id = tx
      .insert(conversationActions)
      .values({ teamId, conversationId, memberId, text: input.text, normId: input.normId, dueOn: input.dueOn, createdBy, createdAt: now })
      .returning({ id: conversationActions.id })
      .get().id;
    audit(tx, { teamId, actorId: createdBy, kind: "conversation.action-created", subject: memberName, data: { cycleId, actionId: id }, at: now });
    return id;
  });
}

/**
 * Marks one of `memberId`'s actions done or open again, from a page of that member's
 * conversations (which shows this cycle's and the ones carried over; any cycle's
 * action of the same member is accepted). A lead may do it, and the member for their
 * own; anything else reads as "not found", including another member's action sent
 * from this member's page.
 */
export function setActionDone(
  teamId: string,
  memberId: string,
  actionId: number,
  actor: { id: string; isLead: boolean },
  done: boolean,
  inCycleId: number,
  now = Date.now(),
): "ok" | "not-found" | "forbidden" | "dropped" {
  return write((tx) => {
    const action = actionOf(tx, teamId, memberId, actionId);
    if (!action || (!actor.isLead && action.memberId !== actor.id)) return "not-found";
    // Dropped by a lead meanwhile: "done" would claim what did not happen.
    if (done && action.closedAs === "dropped") return "dropped";
    if ((action.doneAt !== null) === done) return "ok";
    // A lead's "dropped" is undone by a lead.
    if (!done && action.closedAs === "dropped" && !actor.isLead) return "forbidden";
    tx.update(conversationActions)
      .set(
        done
          ? { doneAt: now, doneBy: actor.id, closedAs: "done", closedInCycleId: inCycleId }
          : { doneAt: null, doneBy: null, closedAs: null, closedInCycleId: null },
      )
      .where(eq(conversationActions.id, actionId))
      .run();
    if (done) {
      audit(tx, { teamId, actorId: actor.id, kind: "conversation.action-done", subject: action.memberName, data: { actionId }, at: now });
    }
    return "ok";
  });
}

function actionOf(tx: DB, teamId: string, memberId: string, actionId: number) {
  return tx
    .select({
      memberId: conversationActions.memberId,
      doneAt: conversationActions.doneAt,
      closedAs: conversationActions.closedAs,
      dueOn: conversationActions.dueOn,
      memberName: users.name,
    })
    .from(conversationActions)
    .innerJoin(users, eq(users.id, conversationActions.memberId))
    .where(and(eq(conversationActions.teamId, teamId), eq(conversationActions.id, actionId), eq(conversationActions.memberId, memberId)))
    .get();
}

/**
 * A lead follows up an open action that was not done: a new due date (or none), or
 * dropped as no longer relevant (a norm retired, the work moved on). Dropping closes it
 * like "done", says so, and the audit log records it; a new date is not audited, the
 * action's text and date are the conversation's, not the team's record.
 */
export function replanAction(
  teamId: string,
  memberId: string,
  actionId: number,
  leadId: string,
  change: { dueOn: string | null } | "drop",
  inCycleId: number,
  now = Date.now(),
): "ok" | "not-found" | "closed" | "left" {
  return write((tx) => {
    const action = actionOf(tx, teamId, memberId, actionId);
    if (!action) return "not-found";
    if (change === "drop") {
      // Dropped twice (a double click): done.
      if (action.closedAs === "dropped") return "ok";
      if (action.doneAt !== null) return "closed";
      tx.update(conversationActions)
        .set({ doneAt: now, doneBy: leadId, closedAs: "dropped", closedInCycleId: inCycleId })
        .where(eq(conversationActions.id, actionId))
        .run();
      audit(tx, { teamId, actorId: leadId, kind: "conversation.action-dropped", subject: action.memberName, data: { actionId }, at: now });
      return "ok";
    }
    if (action.doneAt !== null) return action.dueOn === change.dueOn ? "ok" : "closed";
    // Work of someone who left is closed out (done or dropped), not planned anew.
    if (!isMember(tx, teamId, memberId)) return "left";
    tx.update(conversationActions).set({ dueOn: change.dueOn }).where(eq(conversationActions.id, actionId)).run();
    return "ok";
  });
}

export function markHeld(teamId: string, cycleId: number, memberId: string, memberName: string, leadId: string, now = Date.now()) {
  return write((tx) => {
    if (!isMember(tx, teamId, memberId)) return false;
    const conversationId = ensureConversation(tx, teamId, cycleId, memberId, now);
    const res = tx
      .update(conversations)
      .set({ heldAt: now, heldBy: leadId })
      .where(and(eq(conversations.id, conversationId), isNull(conversations.heldAt)))
      .run();
    if (res.changes === 1) {
      audit(tx, { teamId, actorId: leadId, kind: "conversation.held", subject: memberName, data: { cycleId }, at: now });
    }
    return true;
  });
}

/** Per participant of a cycle: conversation held or not, open and overdue actions (one statement each). */
export function conversationOverview(teamId: string, cycleId: number, today: string) {
  const participants = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      heldAt: conversations.heldAt,
      inTeam: stillMember(cycleParticipants.teamId, cycleParticipants.userId),
    })
    .from(cycleParticipants)
    .innerJoin(users, eq(users.id, cycleParticipants.userId))
    .leftJoin(
      conversations,
      and(eq(conversations.cycleId, cycleParticipants.cycleId), eq(conversations.memberId, cycleParticipants.userId)),
    )
    .where(and(eq(cycleParticipants.teamId, teamId), eq(cycleParticipants.cycleId, cycleId)))
    .all();
  // Removed while the cycle ran, their participation ended (decision 030); a conversation
  // already begun stays on the list, as a record.
  const leftMidCycle = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      heldAt: conversations.heldAt,
      inTeam: stillMember(conversations.teamId, conversations.memberId),
    })
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.memberId))
    .where(
      and(
        eq(conversations.teamId, teamId),
        eq(conversations.cycleId, cycleId),
        not(tookPart(conversations.cycleId, conversations.memberId)),
      ),
    )
    .all();
  // By name as SQLite orders text (code points), as the list was before it had two parts.
  const everyone = [...participants, ...leftMidCycle].sort((a, b) => compareCodePoints(a.name, b.name) || compareCodePoints(a.userId, b.userId));
  const counts = db
    .select({
      memberId: conversationActions.memberId,
      open: sql<number>`count(*)`,
      overdue: sql<number>`sum(case when ${conversationActions.dueOn} < ${today} then 1 else 0 end)`,
    })
    .from(conversationActions)
    .where(
      and(
        eq(conversationActions.teamId, teamId),
        isNull(conversationActions.doneAt),
        // Agreed in this cycle or before: an older cycle's overview does not count what later conversations added.
        sql`${conversationActions.conversationId} in (select c.id from ${conversations} c join ${checkinCycles} cc on cc.id = c.cycle_id
          where c.team_id = ${teamId} and c.member_id = ${conversationActions.memberId}
          and cc.opened_at <= (select opened_at from ${checkinCycles} where id = ${cycleId}))`,
      ),
    )
    .groupBy(conversationActions.memberId)
    .all();
  const byMember = new Map(counts.map((c) => [c.memberId, c]));
  return distinctNames(everyone).map((p) => ({
    ...p,
    openActions: byMember.get(p.userId)?.open ?? 0,
    overdueActions: byMember.get(p.userId)?.overdue ?? 0,
  }));
}

// A lead's team home asks this on every visit: built once.
const conversationsToHoldQuery = preparedOnce(() =>
  db
    .select({
      cycleId: checkinCycles.id,
      title: checkinCycles.title,
      // Aliased: drizzle leaves a single-table query's columns unqualified, and "id" would be the subquery's own.
      // Only people still in the team: a conversation with someone who left is not one to hold.
      participants: sql<number>`(select count(*) from ${cycleParticipants} p
        inner join ${memberships} m on m.team_id = p.team_id and m.user_id = p.user_id
        where p.cycle_id = ${checkinCycles}.id and p.user_id <> ${sql.placeholder("leadId")})`,
      // Held among the same people: someone removed and invited again mid-cycle left its
      // participants, and their held conversation must not count for someone else's.
      held: sql<number>`(select count(*) from ${conversations} c
        inner join ${memberships} m on m.team_id = c.team_id and m.user_id = c.member_id
        inner join ${cycleParticipants} p on p.cycle_id = c.cycle_id and p.user_id = c.member_id
        where c.cycle_id = ${checkinCycles}.id and c.member_id <> ${sql.placeholder("leadId")} and c.held_at is not null)`,
    })
    .from(checkinCycles)
    .where(and(eq(checkinCycles.teamId, sql.placeholder("teamId")), eq(checkinCycles.status, "closed")))
    .orderBy(desc(checkinCycles.closedAt), desc(checkinCycles.id))
    .limit(1)
    .prepare(),
);

/**
 * The latest closed check-in and how many of its conversations with the other
 * participants still in the team are held (a lead cannot hold their own); null when
 * none is left to hold there or no check-in has closed. Older check-ins are past
 * following up.
 */
export function conversationsToHold(teamId: string, leadId: string) {
  const row = conversationsToHoldQuery().get({ teamId, leadId });
  return row && row.held < row.participants ? row : null;
}

export function findCycleTitle(teamId: string, cycleId: number) {
  return (
    db
      .select({ id: checkinCycles.id, title: checkinCycles.title, status: checkinCycles.status })
      .from(checkinCycles)
      .where(and(eq(checkinCycles.teamId, teamId), eq(checkinCycles.id, cycleId)))
      .get() ?? null
  );
}
