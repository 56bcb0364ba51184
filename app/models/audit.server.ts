import { and, desc, eq, gte, lt } from "drizzle-orm";
import { auditLog, users } from "../../db/schema";
import type { DB } from "../../db/client";
import { db } from "../db.server";
import { GROUP_PREFIXES, type AuditGroup } from "../domain/audit";

export type AuditKind =
  | "team.created"
  | "team.settings-changed"
  | "invite.created"
  | "invite.revoked"
  | "member.joined"
  | "member.removed"
  | "member.role-changed"
  | "proposal.created"
  | "proposal.vote-opened"
  | "proposal.closed"
  | "proposal.withdrawn"
  | "proposal.rebased"
  | "norm.version-created"
  | "norm.retired"
  | "agreement.version-created"
  | "agreement.acknowledged"
  | "cycle.opened"
  | "cycle.closed"
  | "conversation.held"
  | "conversation.action-created"
  | "conversation.action-done";

/** Appends one audit row inside the caller's transaction. Never pass note text or ratings. */
export function audit(
  tx: DB,
  row: { teamId: string; actorId: string | null; kind: AuditKind; subject?: string; data?: Record<string, unknown>; at?: number },
) {
  tx.insert(auditLog)
    .values({
      teamId: row.teamId,
      actorId: row.actorId,
      kind: row.kind,
      subject: row.subject ?? "",
      data: JSON.stringify(row.data ?? {}),
      at: row.at ?? Date.now(),
    })
    .run();
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page of a team's audit rows, newest first, keyset-paged by id so a page
 * costs the same however long the log is. Team groups span several prefixes,
 * so they are read with one range per prefix, merged in JS (still a fixed count).
 */
export function listAudit(teamId: string, options: { group?: AuditGroup; before?: number } = {}) {
  const prefixes = options.group ? GROUP_PREFIXES[options.group] : [null];
  const rows = prefixes.flatMap((prefix) =>
    db
      .select({
        id: auditLog.id,
        kind: auditLog.kind,
        subject: auditLog.subject,
        at: auditLog.at,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(
        and(
          eq(auditLog.teamId, teamId),
          options.before ? lt(auditLog.id, options.before) : undefined,
          // A range on the (team, kind, id) index: every kind that starts with the prefix.
          prefix ? gte(auditLog.kind, prefix) : undefined,
          prefix ? lt(auditLog.kind, prefix.slice(0, -1) + "/") : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE + 1)
      .all(),
  );
  rows.sort((a, b) => b.id - a.id);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1].id : null };
}
