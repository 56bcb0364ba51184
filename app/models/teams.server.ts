import { and, asc, count, desc, eq, gt, gte, isNull, sql } from "drizzle-orm";
import { auditLog, invites, memberships, teams, users } from "../../db/schema";
import type { DB } from "../../db/client";
import { db, preparedOnce, write } from "../db.server";
import { randomId, randomToken } from "../ids.server";
import { audit } from "./audit.server";
import { settingsChangeData, type SettingKey } from "../domain/audit";
import { leaveOpenCycles } from "./checkin-lifecycle.server";

export const INVITE_DAYS = 14;

/** A new team led by its creator; the same team created since `repeatSince` (a double click, decision 074) is the first one. */
export function createTeam(
  input: { name: string; description: string; language: "en" | "nl" },
  userId: string,
  now = Date.now(),
  repeatSince: number | null = null,
) {
  return write((tx) => {
    const repeated =
      repeatSince !== null &&
      tx
        .select({ id: teams.id })
        .from(memberships)
        .innerJoin(teams, eq(teams.id, memberships.teamId))
        .where(
          and(
            eq(memberships.userId, userId),
            eq(memberships.role, "lead"),
            eq(teams.name, input.name),
            eq(teams.description, input.description),
            eq(teams.language, input.language),
            gt(teams.createdAt, repeatSince),
          ),
        )
        .get();
    if (repeated) return repeated.id;
    const id = randomId();
    tx.insert(teams).values({ id, name: input.name, description: input.description, language: input.language, createdAt: now }).run();
    tx.insert(memberships).values({ teamId: id, userId, role: "lead" }).run();
    audit(tx, { teamId: id, actorId: userId, kind: "team.created", subject: input.name });
    return id;
  });
}

/** The teams a user belongs to, with their role and the member count (one statement). */
const teamsWithMemberCounts = preparedOnce(() => {
  const memberCount = sql<number>`(select count(*) from ${memberships} m2 where m2.team_id = ${teams.id})`;
  return db
    .select({ id: teams.id, name: teams.name, language: teams.language, role: memberships.role, memberCount })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .orderBy(asc(teams.name))
    .prepare();
});

export function listTeamsForUser(userId: string) {
  return teamsWithMemberCounts().all({ userId });
}

export function listMembers(teamId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.joinedAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

export function countMembers(tx: DB, teamId: string) {
  return tx.select({ n: count() }).from(memberships).where(eq(memberships.teamId, teamId)).get()?.n ?? 0;
}

export function countLeads(tx: DB, teamId: string) {
  return (
    tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.teamId, teamId), eq(memberships.role, "lead")))
      .get()?.n ?? 0
  );
}

export type MembershipChange = "ok" | "not-member" | "last-lead";

export function setRole(teamId: string, actorId: string, userId: string, role: "lead" | "member"): MembershipChange {
  return write((tx) => {
    const m = tx
      .select({ role: memberships.role, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
      .get();
    if (!m) return "not-member";
    if (m.role === role) return "ok";
    if (m.role === "lead" && countLeads(tx, teamId) <= 1) return "last-lead";
    tx.update(memberships)
      .set({ role })
      .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
      .run();
    audit(tx, { teamId, actorId, kind: "member.role-changed", subject: m.name, data: { userId, from: m.role, to: role } });
    return "ok";
  });
}

export function removeMember(teamId: string, actorId: string, userId: string, now = Date.now()): MembershipChange {
  return write((tx) => {
    const m = tx
      .select({ role: memberships.role, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
      .get();
    if (!m) return "not-member";
    if (m.role === "lead" && countLeads(tx, teamId) <= 1) return "last-lead";
    tx.delete(memberships).where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId))).run();
    leaveOpenCycles(tx, { teamId, userId, now });
    audit(tx, { teamId, actorId, kind: "member.removed", subject: m.name, data: { userId } });
    return "ok";
  });
}

export function createInvite(teamId: string, actorId: string, now = Date.now()) {
  return write((tx) => {
    const token = randomToken();
    tx.insert(invites)
      .values({ teamId, token, createdBy: actorId, createdAt: now, expiresAt: now + INVITE_DAYS * 86_400_000 })
      .run();
    audit(tx, { teamId, actorId, kind: "invite.created" });
    return token;
  });
}

export function listActiveInvites(teamId: string, now = Date.now()) {
  return db
    .select({ id: invites.id, token: invites.token, createdAt: invites.createdAt, expiresAt: invites.expiresAt })
    .from(invites)
    .where(and(eq(invites.teamId, teamId), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .orderBy(desc(invites.createdAt), desc(invites.id))
    .all();
}

/** Revokes an invite of this team; revoking twice is harmless. False when the team has no such invite. */
export function revokeInvite(teamId: string, actorId: string, inviteId: number, now = Date.now()) {
  return write((tx) => {
    const invite = tx
      .select({ revokedAt: invites.revokedAt })
      .from(invites)
      .where(and(eq(invites.teamId, teamId), eq(invites.id, inviteId)))
      .get();
    if (!invite) return false;
    if (invite.revokedAt === null) {
      tx.update(invites).set({ revokedAt: now }).where(eq(invites.id, inviteId)).run();
      audit(tx, { teamId, actorId, kind: "invite.revoked", data: { inviteId } });
    }
    return true;
  });
}

/** A usable invite and its team, or null when unknown, expired or revoked. */
export function findUsableInvite(token: string, now = Date.now()) {
  return (
    db
      .select({ teamId: teams.id, teamName: teams.name, teamLanguage: teams.language, expiresAt: invites.expiresAt, createdAt: invites.createdAt })
      .from(invites)
      .innerJoin(teams, eq(teams.id, invites.teamId))
      .where(and(eq(invites.token, token), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
      .get() ?? null
  );
}

export function isMember(teamId: string, userId: string) {
  return !!db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)))
    .get();
}

/**
 * Whether a lead removed this user from the team at or after `since` (an invite's
 * creation): a link made before someone was removed does not let them back in, or a
 * removal would last only until they opened the team's link again. The removal is read
 * from the audit log, the team's record of it.
 */
export function removedSince(teamId: string, userId: string, since: number, tx: DB = db) {
  return (
    tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.teamId, teamId),
          eq(auditLog.kind, "member.removed"),
          gte(auditLog.at, since),
          sql`json_extract(${auditLog.data}, '$.userId') = ${userId}`,
        ),
      )
      .get() !== undefined
  );
}

/**
 * Joins the invite's team (joining twice is harmless): its id, or why not (a link that
 * cannot be used; removed since it was made, see removedSince).
 */
export function joinTeam(token: string, userId: string, now = Date.now()) {
  return write((tx): { teamId: string } | { refused: "invalid" | "removed" } => {
    const invite = tx
      .select({ teamId: invites.teamId, createdAt: invites.createdAt })
      .from(invites)
      .where(and(eq(invites.token, token), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
      .get();
    if (!invite) return { refused: "invalid" };
    if (removedSince(invite.teamId, userId, invite.createdAt, tx)) return { refused: "removed" };
    const inserted = tx
      .insert(memberships)
      .values({ teamId: invite.teamId, userId, role: "member", joinedAt: now })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 1) {
      const user = tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get();
      audit(tx, { teamId: invite.teamId, actorId: userId, kind: "member.joined", subject: user?.name ?? "" });
    }
    return { teamId: invite.teamId };
  });
}

/** What the settings form changes; the audit log names each of these (SETTING_KEYS) when it changes. */
export type TeamSettings = Pick<typeof teams.$inferSelect, SettingKey>;

export function updateSettings(teamId: string, actorId: string, settings: TeamSettings) {
  write((tx) => {
    const before = tx.select().from(teams).where(eq(teams.id, teamId)).get();
    tx.update(teams).set(settings).where(eq(teams.id, teamId)).run();
    if (!before) return;
    const data = settingsChangeData(before, settings);
    // Saving the form unchanged is not an event worth a line in the log.
    if (data.changed.length > 0) audit(tx, { teamId, actorId, kind: "team.settings-changed", data });
  });
}

export function countMembersOf(teamId: string) {
  return countMembers(db, teamId);
}

export function countLeadsOf(teamId: string) {
  return countLeads(db, teamId);
}
